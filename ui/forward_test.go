package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/platform/ipc"
)

// The status request tells another process whether and when the address
// books have loaded, and how many contacts each has.
func TestStatusRequestReportsTheAddressBooks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kontakte.vcf")
	writeDemoBook(t, path)
	book, err := app.OpenBook(config.Default(), app.BookOptions{Files: []string{path}})
	if err != nil {
		t.Fatal(err)
	}
	d := &Desk{o: Options{Book: book}}
	status := func() Status {
		t.Helper()
		r := d.forwarded(ipc.Request{Args: []string{StatusRequest}})
		if !r.OK {
			t.Fatalf("status refused: %s", r.Message)
		}
		var st Status
		if err := json.Unmarshal([]byte(r.Message), &st); err != nil {
			t.Fatalf("status %q: %v", r.Message, err)
		}
		return st
	}

	st := status()
	if len(st.Contacts) != 1 || st.Contacts[0].Loaded || st.Contacts[0].Count != 0 || !st.Contacts[0].LastLoad.IsZero() {
		t.Fatalf("before the load: %+v", st)
	}
	if err := book.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	st = status()
	c := st.Contacts[0]
	if c.Name != "vcard:"+path || !c.Loaded || c.Loading || c.Count == 0 || c.LastLoad.IsZero() || c.Error != "" {
		t.Errorf("after the load: %+v", c)
	}

	if st := (&Desk{}).status(); !st.OK || st.Message != `{"contacts":[]}` {
		t.Errorf("without address books: %+v", st)
	}
}
