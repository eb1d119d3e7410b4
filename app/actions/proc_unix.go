//go:build unix

package actions

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// ownGroup starts the program in a process group of its own: a Ctrl-C in
// deskcti's terminal does not reach it, and killGroup can stop it together
// with whatever it started.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup makes the context's end kill the whole process group: a
// script killed alone would leave its sleep or curl running.
func killGroup(cmd *exec.Cmd) {
	cmd.Cancel = func() error {
		err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		if errors.Is(err, syscall.ESRCH) {
			return os.ErrProcessDone
		}
		return err
	}
}
