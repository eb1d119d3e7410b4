package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"deskcti/app"
	"deskcti/app/i18n"
	"deskcti/contacts"
)

// files is a repeatable --contacts flag.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

func init() {
	var lookupFiles, searchFiles files
	var limit int
	register(&command{name: "lookup", args: "NUMBER", summary: "cmd.lookup",
		flags: func(fs *flag.FlagSet) {
			lookupFiles = nil // the flag set is new for every run; the slice is not
			fs.Var(&lookupFiles, "contacts", i18n.T("flag.contacts"))
		},
		run: func(e *env) error { return runLookup(e, lookupFiles) }})
	register(&command{name: "search", args: "NAME", summary: "cmd.search",
		flags: func(fs *flag.FlagSet) {
			searchFiles = nil
			fs.Var(&searchFiles, "contacts", i18n.T("flag.contacts"))
			fs.IntVar(&limit, "limit", 20, i18n.T("flag.limit"))
		},
		run: func(e *env) error { return runSearch(e, searchFiles, limit) }})
}

// lookupJSON is what `deskcti lookup` prints: stable field names for
// scripts (a CRM hook, a test).
type lookupJSON struct {
	Query     string       `json:"query"`
	E164      string       `json:"e164"`
	Match     string       `json:"match"`
	Extension string       `json:"extension,omitempty"`
	Contact   *contactJSON `json:"contact"`
}

type contactJSON struct {
	Name    string `json:"name"`
	Company string `json:"company"`
	Number  string `json:"number"`
	Kind    string `json:"kind"`
	Source  string `json:"source"`
}

// runLookup answers "who is calling?" for one number, as the screen pop
// will.
func runLookup(e *env, extra files) error {
	if len(e.args) != 1 {
		return errUsage
	}
	book, err := loadBook(e, extra)
	if err != nil {
		return err
	}
	r := book.Lookup(e.ctx, e.args[0])
	out := lookupJSON{Query: r.Query, E164: r.E164, Match: string(r.Match), Extension: r.Extension}
	if r.Contact != nil {
		out.Contact = &contactJSON{Name: r.Contact.Name, Company: r.Contact.Company, Source: r.Contact.Source}
		if r.Number != nil {
			out.Contact.Number, out.Contact.Kind = r.Number.Raw, string(r.Number.Kind)
		}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// runSearch lists the contacts whose name or company starts with the
// words given, as the dial box will.
func runSearch(e *env, extra files, limit int) error {
	if len(e.args) == 0 || limit <= 0 {
		return errUsage
	}
	book, err := loadBook(e, extra)
	if err != nil {
		return err
	}
	found := book.Search(e.ctx, strings.Join(e.args, " "), limit)
	if len(found) == 0 {
		fmt.Fprintln(e.stderr, i18n.T("cli.search.none", strings.Join(e.args, " ")))
		return nil
	}
	for _, c := range found {
		printContact(e.stdout, c)
	}
	return nil
}

func printContact(w io.Writer, c contacts.Contact) {
	head := c.Name
	if c.Company != "" && c.Company != c.Name {
		head += " (" + c.Company + ")"
	}
	fmt.Fprintln(w, head)
	for _, n := range c.Numbers {
		fmt.Fprintf(w, "  %-11s %s\n", i18n.T("kind."+string(n.Kind)), n.Raw)
	}
}

// loadBook opens the configured sources and the --contacts files and
// loads them once. What cannot be read is reported on stderr with the
// file and line, and the rest is used; only when nothing at all could be
// loaded is it an error.
func loadBook(e *env, extra files) (*contacts.Book, error) {
	book, setupErr := app.OpenBook(e.cfg, app.BookOptions{
		Files:  extra,
		Logger: slog.New(slog.DiscardHandler), // problems are printed below, once
	})
	problems := 0
	warn := func(err error) {
		problems++
		fmt.Fprintln(e.stderr, i18n.T("cli.contacts.warning", err))
	}
	for _, err := range unjoin(setupErr) {
		warn(err)
	}
	book.Reload(e.ctx)
	status := book.Status()
	if len(status) == 0 {
		if problems > 0 {
			return nil, errSilent{i18n.T("cli.contacts.none-usable")}
		}
		return nil, errSilent{i18n.T("cli.contacts.none")}
	}
	usable := 0
	for _, st := range status {
		var probs contacts.Problems
		switch {
		case st.Err == nil:
			usable++
		case errors.As(st.Err, &probs):
			usable++
			for _, p := range probs {
				warn(p)
			}
		default:
			warn(st.Err)
		}
	}
	if usable == 0 {
		return nil, errSilent{i18n.T("cli.contacts.none-usable")}
	}
	return book, nil
}

// unjoin splits an errors.Join result into its parts.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
