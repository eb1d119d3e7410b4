package contacts

import (
	"net/url"
	"path/filepath"
	"strings"
)

// FileURI makes the file:// URI of path, absolute when it can be, for a
// contact's OpenURI: "C:\Users\a.vcf" becomes "file:///C:/Users/a.vcf".
func FileURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
