// Command deskcti is the desk-phone CTI client: the desktop app and its
// command line. Everything it does lives in package app; this package only
// parses flags and prints.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
