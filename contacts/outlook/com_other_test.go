//go:build !windows

package outlook

import (
	"context"
	"errors"
	"testing"
)

func TestLoadUnsupported(t *testing.T) {
	cs, err := New(Options{Subfolders: true}).Load(context.Background())
	if cs != nil || !errors.Is(err, ErrUnsupported) {
		t.Fatalf("got %v, %v; want nil and ErrUnsupported", cs, err)
	}
	if want := "outlook contacts: the Outlook address book is only available on Windows"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}
