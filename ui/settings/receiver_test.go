package settings

import (
	"net/netip"
	"reflect"
	"testing"

	"deskcti/app/config"
)

// The listen address survives the tab as written; an empty one gets the
// default port instead of an error.
func TestListenAddressKept(t *testing.T) {
	for listen, want := range map[string]string{
		":8080":            ":8080",
		"127.0.0.1:8081":   "127.0.0.1:8081",
		"[::]:8080":        "[::]:8080",
		"":                 "0.0.0.0:8080",
		"0.0.0.0:8080":     "0.0.0.0:8080",
		"192.168.1.10:900": "192.168.1.10:900",
	} {
		cfg := config.Default()
		cfg.Receiver.Listen = listen
		tab := newReceiverTab(&Handlers{}, cfg.Receiver)
		if errs := tab.apply(&cfg); len(errs) > 0 {
			t.Errorf("%q: %v", listen, errs)
		}
		if cfg.Receiver.Listen != want {
			t.Errorf("listen %q became %q, want %q", listen, cfg.Receiver.Listen, want)
		}
	}
}

func TestHostChoices(t *testing.T) {
	addrs := func() []netip.Addr {
		return []netip.Addr{
			netip.MustParseAddr("fd00::10"), netip.MustParseAddr("::ffff:192.168.1.10"),
			netip.MustParseAddr("fe80::1"), netip.MustParseAddr("169.254.3.4"),
			netip.MustParseAddr("::1"), netip.MustParseAddr("10.0.0.2"), netip.MustParseAddr("192.168.1.10"),
		}
	}
	got := hostChoices(addrs, "pc.example.local")
	want := []string{"", "192.168.1.10", "10.0.0.2", "fd00::10", "pc.example.local"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("choices %q, want %q", got, want)
	}
	if got := hostChoices(nil, ""); !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("without addresses: %q", got)
	}
}
