//go:build !unix

package actions

import "os/exec"

// ownGroup has nothing to do on Windows: deskcti runs without a console,
// so no Ctrl-C reaches its children.
func ownGroup(*exec.Cmd) {}

// killGroup keeps exec's default, which kills the program itself; its own
// children are not tracked on Windows (that would take a job object).
func killGroup(*exec.Cmd) {}
