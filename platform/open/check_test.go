package open

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestCheckAccepts(t *testing.T) {
	for _, u := range []string{
		"http://crm.example/",
		"https://crm.example/search?q=M%C3%BCller",
		"HTTPS://CRM.example/",
		"https://crm.example/a b \"c\" 'd';$(reboot)`id`",
		"mailto:anna@example.com?subject=Call",
		"tel:+492211234567",
		"callto:+492211234567",
		"sip:201@pbx.example",
		"file:///home/anna/offer.pdf",
		"file://localhost/tmp/offer.pdf",
		"file:///C:/Users/anna/offer.docx",
	} {
		if err := Check(u); err != nil {
			t.Errorf("Check(%q) = %v; want nil", u, err)
		}
	}
}

func TestCheckRefuses(t *testing.T) {
	for _, tc := range []struct{ u, why string }{
		{"javascript:alert(1)", `scheme "javascript" is not allowed`},
		{"JavaScript:alert(1)", `scheme "javascript" is not allowed`},
		{"data:text/html,<script>alert(1)</script>", `scheme "data"`},
		{"vbscript:msgbox", `scheme "vbscript"`},
		{"ftp://files.example/x", `scheme "ftp"`},
		{"ms-settings:privacy", `scheme "ms-settings"`},
		{"/usr/bin/xterm", "has no scheme"},
		{"calc.exe", "has no scheme"},
		{`C:\Windows\System32\calc.exe`, `scheme "c"`},
		{"", "has no scheme"},
		{"http:crm.example", "without a host"},
		{"https:///path", "without a host"},
		{"https://crm.example/\n", "not a valid URL"},
		{"https://crm.example/\x00", "not a valid URL"},
		{" https://crm.example/", "not a valid URL"},
		{"file://fileserver/share/offer.pdf", "another machine"},
		{"file:offer.pdf", "absolute path"},
		{"file:///C:/Users/anna/evil.exe", ".exe files"},
		{"file:///C:/Users/anna/evil.EXE", ".exe files"},
		{"file:///C:/Users/anna/evil.exe.%20.", ".exe files"},
		{"file:///C:/Users/anna/evil.exe::$DATA", ".exe files"},
		{"file:///C:/Users/anna/evil%2Ebat", ".bat files"},
		{"file:///C:/Users/anna/Desktop/crm.lnk", ".lnk files"},
		{"file:///home/anna/.local/share/applications/x.desktop", ".desktop files"},
		{"file:///Applications/Calculator.app", ".app files"},
		{"file:///tmp/run.sh", ".sh files"},
	} {
		err := Check(tc.u)
		if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("Check(%q) = %v; want ErrRefused saying %q", tc.u, err, tc.why)
		}
	}
}

func TestCheckRefusesPATHEXT(t *testing.T) {
	t.Setenv("PATHEXT", ".COM;.EXE;.CUSTOMRUN")
	if err := Check("file:///C:/x/tool.customrun"); !errors.Is(err, ErrRefused) {
		t.Fatalf("Check of a PATHEXT extension = %v; want ErrRefused", err)
	}
}

func TestRefusedMessageKeepsURLDataOut(t *testing.T) {
	err := Check("https://crm.example/x?token=s3cret\n")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("Check = %v; want an error without the query", err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"https://crm.example:8443/c/42?token=s3cret": "https://crm.example:8443/…",
		"mailto:anna@example.com":                    "mailto:…",
		"not a url":                                  "URL",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestAllowed(t *testing.T) {
	if !Allowed("HTTPS") || !Allowed("sip") || Allowed("javascript") || Allowed("") {
		t.Fatal("Allowed disagrees with the documented schemes")
	}
	s := Schemes()
	s[0] = "javascript"
	if Allowed("javascript") {
		t.Fatal("Schemes returned the package's own slice")
	}
}

func TestRecorder(t *testing.T) {
	var r Recorder
	ctx := context.Background()
	if err := r.Open(ctx, "javascript:alert(1)"); !errors.Is(err, ErrRefused) {
		t.Fatalf("Recorder.Open(javascript:) = %v; want ErrRefused", err)
	}
	if err := r.Open(ctx, "https://crm.example/?q=1"); err != nil {
		t.Fatal(err)
	}
	r.Err = errors.New("browser broken")
	if err := r.Open(ctx, "tel:+49221"); err != r.Err {
		t.Fatalf("Recorder.Open with Err set = %v; want %v", err, r.Err)
	}
	got := r.URLs()
	if len(got) != 2 || got[0] != "https://crm.example/?q=1" || got[1] != "tel:+49221" {
		t.Fatalf("URLs() = %q", got)
	}
}
