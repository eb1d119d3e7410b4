// Package version carries the build's identity, set by the Makefile with
// -ldflags -X so that every binary can say what it is.
package version

import "fmt"

// Set at build time; the defaults describe a plain `go build`.
var (
	Version = "dev"
	Commit  = "unknown"
	Date    = "unknown"
)

// String is the one-line form `deskcti --version` prints.
func String() string {
	return fmt.Sprintf("deskcti %s (commit %s, built %s)", Version, Commit, Date)
}
