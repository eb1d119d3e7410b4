package journal

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"deskcti/app/calls"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// csvCalls covers what an export meets: umlauts, a nil contact and
// anonymous caller, a call still going, separators, quotes and line breaks
// in a note, and a display name crafted to be an Excel formula.
func csvCalls() []calls.Call {
	answered := fullCall()
	answered.ID = 1
	answered.Note = "Angebot \"Größe M\"; bitte zurückrufen,\nDienstag"
	missed := calls.Call{ID: 2, Key: "remote:anonymous", Phone: "192.0.2.10", Direction: calls.Incoming,
		State: calls.Missed, Remote: "anonymous", Start: t0.Add(time.Hour)}
	going := calls.Call{ID: 3, Key: "id:x", CallID: "x", Phone: "192.0.2.10", Direction: calls.Outgoing,
		State: calls.Connected, Remote: "+49 30 1234", RemoteE164: "+49301234",
		Start: t0.Add(2 * time.Hour), Answer: t0.Add(2*time.Hour + 1500*time.Millisecond)}
	evil := calls.Call{ID: 4, Key: "id:y", Phone: "192.0.2.10", Direction: calls.Incoming, State: calls.Ended,
		Remote: "-1", Display: `=HYPERLINK("http://example.com/x","Rückruf")`,
		Contact: &calls.Contact{Name: "@SUM(A1)", Company: "+cmd|' /C calc'!A0"},
		Start:   t0.Add(3 * time.Hour), Answer: t0.Add(3*time.Hour + 2*time.Second),
		End: t0.Add(3*time.Hour + 62*time.Second + 600*time.Millisecond)}
	return []calls.Call{answered, missed, going, evil}
}

func TestCSVGolden(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	for _, tt := range []struct {
		file string
		sep  rune
	}{{"journal.csv", ','}, {"journal-semicolon.csv", ';'}} {
		t.Run(tt.file, func(t *testing.T) {
			var buf bytes.Buffer
			var err error
			if tt.sep == ',' {
				err = WriteCSV(&buf, csvCalls(), cet)
			} else {
				err = WriteCSVSep(&buf, csvCalls(), cet, tt.sep)
			}
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("export differs from %s:\n%s", golden, buf.String())
			}
			assertCSVReadsBack(t, buf.Bytes(), tt.sep)
		})
	}
}

// assertCSVReadsBack parses the export like a spreadsheet would and checks
// the points the golden file's reader might overlook.
func assertCSVReadsBack(t *testing.T, data []byte, sep rune) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Error("no UTF-8 byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	r.Comma = sep
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || strings.Join(recs[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	col := func(rec int, name string) string {
		for i, h := range csvHeader {
			if h == name {
				return recs[rec][i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	checks := []struct {
		rec       int
		col, want string
	}{
		{1, "start", "2025-03-14T10:26:53+01:00"},
		{1, "duration_s", "173"},
		{1, "name", "Änne Müller"},
		{1, "note", "Angebot \"Größe M\"; bitte zurückrufen,\nDienstag"},
		{2, "answer", ""},
		{2, "name", ""},
		{2, "duration_s", "0"},
		{3, "duration_s", ""}, // still going
		{3, "number", "+49 30 1234"},
		{4, "duration_s", "61"}, // 60.6 s rounds up
		{4, "number", "-1"},
		{4, "display", `'=HYPERLINK("http://example.com/x","Rückruf")`},
		{4, "name", "'@SUM(A1)"},
		{4, "company", "'+cmd|' /C calc'!A0"},
	}
	for _, c := range checks {
		if got := col(c.rec, c.col); got != c.want {
			t.Errorf("record %d %s = %q, want %q", c.rec, c.col, got, c.want)
		}
	}
}

func TestCSVBadSeparator(t *testing.T) {
	for _, sep := range []rune{0, '"', '\n', '\r'} {
		if err := WriteCSVSep(&bytes.Buffer{}, csvCalls(), time.UTC, sep); err == nil {
			t.Errorf("separator %q accepted", sep)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestCSVWriteError(t *testing.T) {
	if err := WriteCSV(failWriter{}, csvCalls(), nil); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("write error: %v", err)
	}
}
