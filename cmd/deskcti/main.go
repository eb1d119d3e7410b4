// Command deskcti is the desk-phone CTI client: the desktop app and its
// command line. Everything it does lives in package app; this package only
// parses flags and prints.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGTERM (a logout, systemd, kill) ends a command as Ctrl+C does: the
	// receiver closes, the journal is written to the end, and the desktop
	// app quits through its own path rather than only Fyne's.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
