//go:build !windows

package firewall

import (
	"os"
	"os/exec"
	"path/filepath"
)

// prepareCmd makes the tools speak English: ufw and firewall-cmd translate
// their output through gettext, and the parsers read the C locale only.
func prepareCmd(cmd *exec.Cmd) {
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C", "LANGUAGE=")
}

// lookPath also searches the sbin directories: ufw, nft and iptables live
// in /usr/sbin, which is not in a normal user's PATH on Debian.
func lookPath(name string) (string, error) {
	p, err := exec.LookPath(name)
	if err == nil || filepath.IsAbs(name) {
		return p, err
	}
	for _, dir := range []string{"/usr/sbin", "/sbin", "/usr/local/sbin"} {
		c := filepath.Join(dir, name)
		if fi, statErr := os.Stat(c); statErr == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return c, nil
		}
	}
	return "", err
}

// isAdmin: only root may change the firewall on Linux and macOS. deskcti
// does not call sudo or pkexec itself; the user runs the printed command.
func isAdmin() bool { return os.Geteuid() == 0 }
