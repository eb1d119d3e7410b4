package open

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
)

// runnable are extensions of files that a desktop runs, installs or
// follows rather than shows, on any of the three systems: a file URL to
// one of them would turn "open" into "execute". Compared in lower case.
var runnable = []string{
	// Windows: PATHEXT's defaults and what Explorer runs on double-click.
	".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".cpl", ".msc", ".msi", ".msp", ".mst",
	".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".hta", ".ps1", ".psm1", ".reg", ".inf",
	".lnk", ".url", ".appref-ms", ".application", ".settingcontent-ms", ".library-ms",
	".search-ms", ".scf", ".jar", ".dll", ".sys", ".gadget", ".msix", ".appx", ".appinstaller",
	// Unix desktops: launchers, scripts and packages.
	".desktop", ".sh", ".bash", ".zsh", ".csh", ".ksh", ".run", ".bin", ".appimage", ".py",
	".pl", ".rb", ".deb", ".rpm", ".flatpakref", ".snap",
	// macOS: bundles and what Finder hands to Terminal or Installer.
	".app", ".command", ".tool", ".terminal", ".workflow", ".pkg", ".mpkg", ".scpt",
	".applescript", ".webloc", ".inetloc", ".fileloc",
}

// checkFile refuses file URLs that leave the machine or name something
// that would be executed instead of shown.
func checkFile(p *url.URL) error {
	if p.Host != "" && !strings.EqualFold(p.Host, "localhost") {
		// file://server/share/x makes Windows connect to the server over
		// SMB and offer the user's credentials.
		return fmt.Errorf("%w: file URL on another machine (%s); only local files are opened", ErrRefused, p.Host)
	}
	if p.Opaque != "" || p.Path == "" {
		return fmt.Errorf("%w: file URL without an absolute path", ErrRefused)
	}
	ext := strings.ToLower(path.Ext(lastName(p.Path)))
	if slices.Contains(runnable, ext) || windowsRunnable(ext) {
		return fmt.Errorf("%w: %s files are programs or shortcuts, not documents", ErrRefused, ext)
	}
	if isExecutable(p.Path) {
		return fmt.Errorf("%w: the file is marked executable; only documents are opened", ErrRefused)
	}
	return nil
}

// lastName is the final path element as Windows resolves it: trailing dots
// and spaces are dropped ("x.exe. " runs x.exe) and an alternate data
// stream suffix ("x.exe::$DATA") is ignored.
func lastName(p string) string {
	name := p[strings.LastIndexAny(p, `/\`)+1:]
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[:i]
	}
	return strings.TrimRight(name, ". ")
}

// windowsRunnable adds the extensions the user's PATHEXT names; the
// variable is empty on other systems.
func windowsRunnable(ext string) bool {
	if ext == "" {
		return false
	}
	for _, e := range strings.Split(os.Getenv("PATHEXT"), ";") {
		if strings.EqualFold(strings.TrimSpace(e), ext) {
			return true
		}
	}
	return false
}
