//go:build windows

package firewall

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/windows"
)

// prepareCmd keeps netsh from flashing a console window over the GUI, and
// hands it the command line exactly as Status.Fix prints it: Go's own
// quoting would turn program="C:\Program Files\x.exe" into
// "program=\"C:\Program Files\x.exe\"", which netsh does not parse.
func prepareCmd(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{
		HideWindow:    true,
		CreationFlags: windows.CREATE_NO_WINDOW,
		CmdLine:       windowsCmdLine(append([]string{cmd.Path}, cmd.Args[1:]...)),
	}
}

// lookPath takes netsh from System32, not from whatever PATH offers.
func lookPath(name string) (string, error) {
	if root := os.Getenv("SystemRoot"); root != "" && !filepath.IsAbs(name) {
		p := filepath.Join(root, "System32", name+".exe")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

// isAdmin: netsh changes rules only from an elevated process; an
// administrator without elevation (UAC) is not enough.
func isAdmin() bool {
	return windows.GetCurrentProcessToken().IsElevated()
}
