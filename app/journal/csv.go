package journal

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"deskcti/app/calls"
)

// csvHeader names the export's columns. The names are stable, English and
// lower case so that scripts can rely on them; times are RFC 3339 in the
// location given, duration_s is the connected time in whole seconds (0 for
// a call never answered, empty while an answered call lasts).
var csvHeader = []string{"id", "start", "answer", "end", "duration_s", "direction", "state",
	"number", "number_e164", "display", "name", "company", "extension", "contact_source",
	"match", "phone", "transferred_to", "note", "call_id"}

// WriteCSV exports cs as comma-separated CSV; see WriteCSVSep.
func WriteCSV(w io.Writer, cs []calls.Call, loc *time.Location) error {
	return WriteCSVSep(w, cs, loc, ',')
}

// WriteCSVSep exports cs as CSV with the separator sep: UTF-8 with a byte
// order mark (without it Excel reads "Müller" as cp1252), CRLF line ends,
// a header row, times in loc (nil: time.Local). A German Excel splits
// columns at ';' (its list separator, since ',' is the decimal comma), so
// the caller passes ';' for German users.
//
// Cells that Excel would run as a formula (starting with =, +, -, @, tab
// or CR) get a leading apostrophe: a caller's display name comes from the
// network and must not become a formula on the user's PC. Phone numbers
// such as "+49 221 12345" are left alone; they can only be numbers.
func WriteCSVSep(w io.Writer, cs []calls.Call, loc *time.Location, sep rune) error {
	if sep == 0 || sep == '"' || sep == '\r' || sep == '\n' || sep == '\uFFFD' {
		return fmt.Errorf("csv export: %q cannot separate columns", sep)
	}
	if loc == nil {
		loc = time.Local
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = sep, true
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	for _, c := range cs {
		if err := cw.Write(csvRecord(c, loc)); err != nil {
			return fmt.Errorf("csv export call %d: %w", c.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("csv export: %w", err)
	}
	return nil
}

func csvRecord(c calls.Call, loc *time.Location) []string {
	var ct calls.Contact
	if c.Contact != nil {
		ct = *c.Contact
	}
	duration := "" // answered and still going: not known yet
	if c.Answer.IsZero() || !c.End.IsZero() {
		duration = strconv.FormatInt(int64(c.Duration(c.End).Round(time.Second)/time.Second), 10)
	}
	rec := []string{strconv.FormatInt(c.ID, 10), csvTime(c.Start, loc), csvTime(c.Answer, loc),
		csvTime(c.End, loc), duration, string(c.Direction), string(c.State),
		c.Remote, c.RemoteE164, c.Display, ct.Name, ct.Company, ct.Extension, ct.Source,
		ct.Match, c.Phone, c.TransferredTo, c.Note, c.CallID}
	for i, s := range rec {
		rec[i] = defuse(s)
	}
	return rec
}

func csvTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// defuse prefixes an apostrophe to a cell a spreadsheet would evaluate,
// unless it is a plain number ("+49 221 123", "-5"), which evaluates to
// itself.
func defuse(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if (s[0] == '+' || s[0] == '-') && len(s) > 1 && strings.Trim(s[1:], "0123456789 ") == "" {
		return s
	}
	return "'" + s
}
