package httpx

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestParseChallenges(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []challenge
	}{
		{`Basic realm="snom"`, []challenge{{"basic", map[string]string{"realm": "snom"}}}},
		{`Digest realm="snom", qop="auth", nonce="abc", algorithm=MD5, stale=TRUE`,
			[]challenge{{"digest", map[string]string{"realm": "snom", "qop": "auth", "nonce": "abc", "algorithm": "MD5", "stale": "TRUE"}}}},
		{`DIGEST Realm = "a \"q\" \\ b" ,Nonce=x/y=`,
			[]challenge{{"digest", map[string]string{"realm": `a "q" \ b`, "nonce": "x/y="}}}},
		{`Digest realm="x", nonce="n", Basic realm="y"`,
			[]challenge{{"digest", map[string]string{"realm": "x", "nonce": "n"}}, {"basic", map[string]string{"realm": "y"}}}},
		{`Negotiate, Basic realm="y"`,
			[]challenge{{"negotiate", map[string]string{}}, {"basic", map[string]string{"realm": "y"}}}},
		{`Bearer abc==, Basic realm=r`,
			[]challenge{{"bearer", map[string]string{}}, {"basic", map[string]string{"realm": "r"}}}},
		{`Digest realm="unterminated`, []challenge{{"digest", map[string]string{"realm": "unterminated"}}}},
		{`Digest realm="first", realm="second"`, []challenge{{"digest", map[string]string{"realm": "first"}}}},
		{``, nil},
		{` , ,`, nil},
		{`"junk", Basic realm="r"`, []challenge{{"basic", map[string]string{"realm": "r"}}}},
	} {
		got := parseChallenges([]string{tc.in})
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseChallenges(%q)\n got %#v\nwant %#v", tc.in, got, tc.want)
		}
	}
}

func FuzzParseChallenges(f *testing.F) {
	f.Add(`Digest realm="snom", qop="auth", nonce="abc", algorithm=MD5`)
	f.Add(`Basic realm="Yealink"`)
	f.Add(`Negotiate, Basic realm="y", Digest nonce=x`)
	f.Fuzz(func(t *testing.T, s string) {
		chs := parseChallenges([]string{s})
		for _, ch := range chs {
			if ch.scheme == "" || ch.scheme != strings.ToLower(ch.scheme) {
				t.Fatalf("bad scheme %q from %q", ch.scheme, s)
			}
			if ch.params == nil {
				t.Fatalf("nil params from %q", s)
			}
		}
		// Whatever the phone sends, choosing and answering must not panic.
		if mode, d, _ := pick(chs); mode == authDigest {
			h := d.authorize("u", "p", "GET", "/", nil, "c")
			if !strings.HasPrefix(h, "Digest ") {
				t.Fatalf("bad header %q", h)
			}
		}
	})
}

func TestNormalizeFingerprint(t *testing.T) {
	const want = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"
	plain := strings.ReplaceAll(want, ":", "")
	for _, in := range []string{
		want,
		strings.ToLower(want),
		plain,
		strings.ToLower(plain),
		"  " + want + "\n",
		strings.ReplaceAll(want, ":", " "),
		strings.ReplaceAll(want, ":", "-"),
		"SHA256:" + want,
		"sha256 Fingerprint=" + want,
		"SHA-256: " + plain,
	} {
		got, err := NormalizeFingerprint(in)
		if err != nil || got != want {
			t.Errorf("NormalizeFingerprint(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "AB:CD", plain + "AB", plain[:63], "ZZ" + plain[2:], "sha1:" + plain[:40]} {
		if got, err := NormalizeFingerprint(in); err == nil {
			t.Errorf("NormalizeFingerprint(%q) = %q, want an error", in, got)
		}
	}
	if got := FormatFingerprint([]byte("x")); got != "2D:71:16:42:B7:26:B0:44:01:62:7C:A9:FB:AC:32:F5:C8:53:0F:B1:90:3C:C4:DB:02:25:87:17:92:1A:48:81" {
		t.Errorf("FormatFingerprint = %s", got)
	}
}

func FuzzNormalizeFingerprint(f *testing.F) {
	f.Add("AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")
	f.Add("sha256:abcdef")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeFingerprint(s)
		if err != nil {
			return
		}
		if len(got) != 95 {
			t.Fatalf("NormalizeFingerprint(%q) = %q: wrong length", s, got)
		}
		again, err := NormalizeFingerprint(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}

func TestNormalizeBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"192.168.1.10", "http://192.168.1.10"},
		{"192.168.1.10:8080", "http://192.168.1.10:8080"},
		{" phone.lan ", "http://phone.lan"},
		{"HTTPS://phone.lan/", "https://phone.lan"},
		{"https://10.0.0.5:443", "https://10.0.0.5:443"},
		{"[fe80::1]", "http://[fe80::1]"},
		{"http://[::1]:8080", "http://[::1]:8080"},
	} {
		got, err := NormalizeBaseURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "ftp://phone", "http://", "http://:80", "http://phone:99999", "http://phone:", "http://phone/index.htm",
		"http://phone?x=1", "http://admin:pw@phone", "fe80::1", "http://phone:port"} {
		got, err := NormalizeBaseURL(in)
		if err == nil {
			t.Errorf("NormalizeBaseURL(%q) = %q, want an error", in, got)
		}
	}
	_, err := NormalizeBaseURL("http://admin:T0pS3cret@phone")
	if err == nil || strings.Contains(err.Error(), "T0pS3cret") {
		t.Errorf("credentials in the URL: error %v", err)
	}
}

func FuzzNormalizeBaseURL(f *testing.F) {
	f.Add("192.168.1.10")
	f.Add("https://[fe80::1%25eth0]:443/")
	f.Add("http://user:pass@host")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizeBaseURL(s)
		if err != nil {
			in := s
			if !strings.Contains(in, "://") {
				in = "http://" + in
			}
			if u, perr := url.Parse(strings.TrimSpace(in)); perr == nil && u.User != nil {
				// A leak would come from printing the URL unredacted.
				if pw, ok := u.User.Password(); ok && pw != "" && strings.Contains(err.Error(), ":"+pw+"@") {
					t.Fatalf("error repeats the password %q: %v", pw, err)
				}
			}
			return
		}
		if !strings.HasPrefix(got, "http://") && !strings.HasPrefix(got, "https://") {
			t.Fatalf("NormalizeBaseURL(%q) = %q: no scheme", s, got)
		}
		again, err := NormalizeBaseURL(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}

func TestRequestTarget(t *testing.T) {
	for _, tc := range []struct{ path, query, want string }{
		{"/command.htm", "number=%2A21%23", "/command.htm?number=%2A21%23"},
		{"/servlet", "key=number=1&outgoing_uri=a@b", "/servlet?key=number=1&outgoing_uri=a@b"},
		{"/settings.xml", "", "/settings.xml"},
		{"/a/b.htm", "x=/?;,", "/a/b.htm?x=/?;,"},
	} {
		got, err := requestTarget(tc.path, tc.query)
		if err != nil || got != tc.want {
			t.Errorf("requestTarget(%q, %q) = %q, %v", tc.path, tc.query, got, err)
		}
	}
	for _, tc := range []struct{ path, query string }{
		{"", ""}, {"x", ""}, {"/a b", ""}, {"/a?b", ""}, {"/", "a#b"}, {"/", "a b"}, {"/", "%"}, {"/", "%4"}, {"/", "%4g"}, {"/", "\x00"}, {"/", "\"x\""},
	} {
		if got, err := requestTarget(tc.path, tc.query); err == nil {
			t.Errorf("requestTarget(%q, %q) = %q, want an error", tc.path, tc.query, got)
		}
	}
}

func FuzzRequestTarget(f *testing.F) {
	f.Add("/command.htm", "number=%2A21%23")
	f.Add("/servlet", "key=a;b")
	f.Fuzz(func(t *testing.T, path, query string) {
		got, err := requestTarget(path, query)
		if err != nil {
			return
		}
		for i := 0; i < len(got); i++ {
			if c := got[i]; c <= ' ' || c >= 0x7f || c == '#' {
				t.Fatalf("target %q contains %q", got, c)
			}
		}
	})
}

func TestQueryEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"*21#", "%2A21%23"},
		{"+4922112345", "%2B4922112345"},
		{"201@pbx.example", "201@pbx.example"},
		{"sip:alice@pbx", "sip:alice@pbx"},
		{"a b&c=d;e%f", "a%20b%26c%3Dd%3Be%25f"},
		{"ä", "%C3%A4"},
		{"", ""},
	} {
		if got := QueryEscape(tc.in); got != tc.want {
			t.Errorf("QueryEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// Whatever goes in, the result is a valid raw query value.
		if _, err := requestTarget("/", "x="+QueryEscape(tc.in)); err != nil {
			t.Errorf("QueryEscape(%q) not usable in a query: %v", tc.in, err)
		}
		if back, err := url.PathUnescape(QueryEscape(tc.in)); err != nil || back != tc.in {
			t.Errorf("QueryEscape(%q) does not decode back: %q, %v", tc.in, back, err)
		}
	}
}
