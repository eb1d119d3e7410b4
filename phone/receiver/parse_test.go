package receiver

import (
	"net/netip"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"deskcti/phone"
)

var (
	testPeer = netip.MustParseAddr("192.168.1.20")
	testTime = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
)

// parseRaw decodes a raw query as the handler does and parses it.
func parseRaw(t *testing.T, kind, raw string) phone.Event {
	t.Helper()
	q := url.Values{}
	decodeQuery(raw, q)
	ev, err := Parse(kind, q, testPeer, testTime)
	if err != nil {
		t.Fatalf("Parse(%q, %q): %v", kind, raw, err)
	}
	return ev
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, kind, raw string
		want            phone.Event
	}{{
		name: "snom incoming, SIP URI, display with spaces and umlauts",
		kind: "incoming",
		raw:  "v=snom&call_id=3c2670a1&remote=sip%3A0221123%40pbx.example&display=J%C3%BCrgen+M%C3%BCller+GmbH&local=sip%3A201%40pbx.example&user=201&reason=",
		want: phone.Event{Kind: phone.EventIncoming, Vendor: phone.Snom, CallID: "3c2670a1",
			Remote: "sip:0221123@pbx.example", Display: "Jürgen Müller GmbH", Local: "sip:201@pbx.example", User: "201"},
	}, {
		name: "yealink with caller and called",
		kind: "connected",
		raw:  "v=yealink&call_id=17&remote=0221123&display=Anna&local=201&caller=Anna&called=201&user=201",
		want: phone.Event{Kind: phone.EventConnected, Vendor: phone.Yealink, CallID: "17", Remote: "0221123",
			Display: "Anna", Local: "201", Caller: "Anna", Called: "201", User: "201"},
	}, {
		name: "unexpanded variables become empty",
		kind: "dnd_on",
		raw:  "v=snom&call_id=$call-id&remote=$remote&display=$display_remote&local=$local&user=201&reason=$cancel_reason",
		want: phone.Event{Kind: phone.EventDNDOn, Vendor: phone.Snom, User: "201"},
	}, {
		name: "variable followed by text is unexpanded too; $5 is text",
		kind: "incoming",
		raw:  "remote=$remote@pbx&display=%245+Store&call_id=%24",
		want: phone.Event{Kind: phone.EventIncoming, Display: "$5 Store", CallID: "$"},
	}, {
		name: "Latin-1 percent-encoded display name",
		kind: "incoming",
		raw:  "display=M%FCller+%26+S%F6hne&remote=tel%3A%2B49221123",
		want: phone.Event{Kind: phone.EventIncoming, Display: "Müller & Söhne", Remote: "tel:+49221123"},
	}, {
		name: "Windows-1252 only characters",
		kind: "incoming",
		raw:  "display=%80uro+%84quoted%93",
		want: phone.Event{Kind: phone.EventIncoming, Display: "€uro „quoted“"},
	}, {
		name: "anonymous, empty values and spaces trimmed",
		kind: "missed",
		raw:  "remote=anonymous&display=&call_id=+abc+&local=",
		want: phone.Event{Kind: phone.EventMissed, Remote: "anonymous", CallID: "abc"},
	}, {
		name: "first of duplicated parameters wins",
		kind: "incoming",
		raw:  "remote=111&remote=222&call_id=a&call_id=b",
		want: phone.Event{Kind: phone.EventIncoming, Remote: "111", CallID: "a"},
	}, {
		name: "unknown vendor kept in Extra, extras kept",
		kind: "hold",
		raw:  "v=gigaset&mac=000413AABBCC&x=$unknown&mac=second",
		want: phone.Event{Kind: phone.EventHold,
			Extra: url.Values{"v": {"gigaset"}, "mac": {"000413AABBCC"}, "x": {""}}},
	}, {
		name: "vendor in any case",
		kind: "onhook",
		raw:  "v=Yealink",
		want: phone.Event{Kind: phone.EventOnhook, Vendor: phone.Yealink},
	}, {
		name: "control characters become spaces",
		kind: "incoming",
		raw:  "display=Anna%0D%0AInjected%00+Line%C2%85",
		want: phone.Event{Kind: phone.EventIncoming, Display: "Anna  Injected  Line"},
	}, {
		name: "bad escapes and semicolons kept literally",
		kind: "incoming",
		raw:  "display=100%+Sales;+Team%zz&remote=0221%2",
		want: phone.Event{Kind: phone.EventIncoming, Display: "100% Sales; Team%zz", Remote: "0221%2"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseRaw(t, tc.kind, tc.raw)
			tc.want.Peer, tc.want.Time = testPeer, testTime
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestParseUnknownKind(t *testing.T) {
	for _, kind := range []string{"", "ringing", "Incoming", "incoming/x", strings.Repeat("\xff", 1000)} {
		_, err := Parse(kind, url.Values{}, testPeer, testTime)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", kind)
			continue
		}
		if len(err.Error()) > 200 || !utf8.ValidString(err.Error()) {
			t.Errorf("Parse(%q) error is not short, clean text: %q", kind, err)
		}
	}
	for _, k := range phone.EventKinds {
		if _, err := Parse(string(k), nil, testPeer, testTime); err != nil {
			t.Errorf("Parse(%q): %v", k, err)
		}
	}
}

func TestParseBoundsSizes(t *testing.T) {
	huge := strings.Repeat("ü", 1<<20) // 2 MiB of UTF-8
	q := url.Values{"display": {huge}, "remote": {strings.Repeat("\xfc", 1<<20)}}
	for i := range 1000 {
		q.Set("extra"+strings.Repeat("k", 200)+string(rune('a'+i%26))+strings.Repeat("z", i), "v")
	}
	ev, err := Parse("incoming", q, testPeer, testTime)
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Display) > MaxValueBytes || !utf8.ValidString(ev.Display) || !strings.HasPrefix(huge, ev.Display) {
		t.Errorf("Display: %d bytes, valid %v", len(ev.Display), utf8.ValidString(ev.Display))
	}
	if len(ev.Remote) > MaxValueBytes || !strings.HasPrefix(ev.Remote, "üüü") {
		t.Errorf("Remote: %d bytes %q…", len(ev.Remote), ev.Remote[:min(len(ev.Remote), 12)])
	}
	if len(ev.Extra) > MaxExtra {
		t.Errorf("%d extras kept, max %d", len(ev.Extra), MaxExtra)
	}
	for k := range ev.Extra {
		if len(k) > MaxKeyBytes {
			t.Errorf("extra name of %d bytes kept", len(k))
		}
	}
}

func TestDecodeQueryBoundsPairs(t *testing.T) {
	q := url.Values{}
	decodeQuery(strings.Repeat("a=1&", 10000)+"last=1", q)
	if len(q["a"]) != maxParams || q.Has("last") {
		t.Errorf("decoded %d pairs of a, last %v; want %d and none", len(q["a"]), q.Has("last"), maxParams)
	}
}
