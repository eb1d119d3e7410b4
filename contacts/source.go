package contacts

import (
	"context"
	"fmt"
	"strings"

	"deskcti/contacts/number"
)

// Source is an address book that can be read whole: files and CardDAV.
// The index loads every Source in the background and reloads it on change.
type Source interface {
	// Name identifies the source to the user, e.g. "vcard:/home/u/a.vcf".
	Name() string
	// Load reads every contact. Rows or cards that cannot be read are skipped
	// and reported in a *Problems error next to the contacts that could be
	// read; any other error means nothing was loaded.
	Load(ctx context.Context) ([]Contact, error)
}

// NormalizingSource is a Source that can fill in the numbers' E.164 forms
// itself as it loads: on a large address book that spreads the costliest
// part of loading over the CPUs that read it. The Book prefers it to Load.
type NormalizingSource interface {
	Source
	// LoadNormalized is Load with Number.E164 filled in relative to home
	// as Normalize would fill it in.
	LoadNormalized(ctx context.Context, home number.Home) ([]Contact, error)
}

// Searcher is an address book asked per call instead of copied, such as
// LDAP or Active Directory.
type Searcher interface {
	// Name identifies the source to the user.
	Name() string
	// LookupNumber returns the contacts having the number e164 (or, when it
	// is empty, raw as received).
	LookupNumber(ctx context.Context, e164, raw string) ([]Contact, error)
	// Search returns contacts whose name or company matches query.
	Search(ctx context.Context, query string, limit int) ([]Contact, error)
}

// Watched is implemented by sources backed by files, so that the index can
// reload them when a file changes.
type Watched interface {
	Paths() []string
}

// LineError is one unreadable record of a file.
type LineError struct {
	File string
	Line int // 1-based line where the record starts
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *LineError) Unwrap() error { return e.Err }

// Problems lists the records a Load skipped.
type Problems []*LineError

func (p Problems) Error() string {
	const show = 5
	var b strings.Builder
	fmt.Fprintf(&b, "%d unreadable record(s)", len(p))
	for i, e := range p {
		if i == show {
			fmt.Fprintf(&b, "; and %d more", len(p)-show)
			break
		}
		b.WriteString("; ")
		b.WriteString(e.Error())
	}
	return b.String()
}
