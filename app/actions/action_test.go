package actions

import (
	"strings"
	"testing"
)

func bptr(b bool) *bool { return &b }

func TestValidateAccepts(t *testing.T) {
	for _, a := range []Action{
		{On: []string{"incoming"}, Open: "https://crm.example/search?phone={e164}&name={name}"},
		{On: []string{"Missed", " connected "}, Open: "mailto:me@example.com?subject={number}"},
		{On: []string{"incoming"}, Open: "file:///home/anna/crm/{number}.pdf"},
		{On: []string{"disconnected"}, Run: "/usr/local/bin/crm-log", Args: []string{"--event", "{event}", "{number}"}, Timeout: "2m"},
		{On: []string{"incoming"}, Run: "crm", Wait: bptr(false)},
		{On: []string{"incoming"}, Run: `C:\Program Files\CRM\crm.exe`, Args: []string{"/call", "{e164}"}},
		{On: []string{"incoming"}, Run: "/bin/sh", Args: []string{"-c", `crm --number "$1"`, "sh", "{number}"}},
		{On: []string{"incoming"}, Run: "python3.12", Args: []string{"-u", "/opt/crm/hook.py", "{name}"}},
		{On: []string{"incoming"}, Run: "powershell.exe", Args: []string{"-NoProfile", "-File", `C:\crm\hook.ps1`, "{name}"}},
		{On: []string{"incoming"}, Run: "/bin/sh", Args: []string{"-c", "echo '{{\"a\": 1}'"}},
		{On: []string{"incoming"}, Run: "/usr/bin/env", Args: []string{"-i", "LANG=C", "/opt/crm/log", "{name}"}},
		{On: []string{"incoming"}, Run: "/usr/bin/env", Args: []string{"LANG=C", "python3", "/opt/crm/hook.py", "{name}"}},
	} {
		if err := a.Validate(); err != nil {
			t.Errorf("Validate(%+v) = %v; want nil", a, err)
		}
	}
}

func TestValidateExplains(t *testing.T) {
	in := []string{"incoming"}
	for _, tc := range []struct {
		a    Action
		want []string
	}{
		{Action{Open: "https://crm.example/"}, []string{"on is empty", `on = ["incoming"]`, "incoming, outgoing, connected"}},
		{Action{On: []string{"incomming"}, Open: "https://crm.example/"}, []string{`unknown event "incomming"`, "incoming, outgoing"}},
		{Action{On: in, Open: "https://crm.example/", Run: "crm"}, []string{"both open and run", "second [[action]]"}},
		{Action{On: in}, []string{"neither open", "nor run"}},
		{Action{On: in, Run: "crm", Args: []string{"--nr", "{nmuber}"}}, []string{"args[1]", "unknown placeholder {nmuber}", "did you mean {number}?", "{number} {e164} {name} {company}"}},
		{Action{On: in, Open: "https://crm.example/?q={nmae}"}, []string{"open:", "did you mean {name}?"}},
		{Action{On: in, Run: "/opt/{company}/crm"}, []string{"contains a placeholder", "into args"}},
		{Action{On: in, Run: "./crm"}, []string{"relative path", "full path"}},
		{Action{On: in, Run: "~/bin/crm"}, []string{"~ is not expanded"}},
		{Action{On: in, Open: "javascript:alert('{name}')"}, []string{`"javascript" cannot be opened`, "http, https, mailto"}},
		{Action{On: in, Open: "https://{name}.crm.example/"}, []string{"scheme or host"}},
		{Action{On: in, Open: "https:{name}"}, []string{"without a host"}},
		{Action{On: in, Open: "file:///tmp/{name}.exe"}, []string{".exe files"}},
		{Action{On: in, Open: "https://crm.example/", Args: []string{"x"}}, []string{"args only apply to run"}},
		{Action{On: in, Open: "https://crm.example/", Wait: bptr(true)}, []string{"wait only applies to run"}},
		{Action{On: in, Run: "crm", Timeout: "soon"}, []string{`timeout "soon"`, "30s"}},
		{Action{On: in, Run: "crm", Timeout: "-1s"}, []string{"positive duration"}},
		{Action{On: in, Run: "crm", Wait: bptr(false), Timeout: "5s"}, []string{"no effect with wait = false"}},
		{Action{On: in, Run: "/bin/sh", Args: []string{"-c", "crm {number}"}}, []string{"args[1] as code", `"$1"`}},
		{Action{On: in, Run: "bash", Args: []string{"{name}"}}, []string{"args[0] as code or as the script"}},
		{Action{On: in, Run: `C:\crm\hook.BAT`, Args: []string{"{number}"}}, []string{"whole command line"}},
		{Action{On: in, Run: "cmd.exe", Args: []string{"/c", "crm", "{number}"}}, []string{"whole command line"}},
		{Action{On: in, Run: "powershell", Args: []string{"-Command", "crm {number}"}}, []string{"as a command", "-File"}},
		{Action{On: in, Run: "/usr/bin/env", Args: []string{"LANG=C", "python3", "{name}"}}, []string{`"python3" would read args[2] as code or as the script`}},
		{Action{On: in, Run: "/usr/bin/env", Args: []string{"{name}"}}, []string{"args[0] is an option, variable or program of env"}},
		{Action{On: in, Run: "env", Args: []string{"LD_PRELOAD={name}", "/opt/crm/log"}}, []string{"args[0] is an option, variable or program of env"}},
	} {
		err := tc.a.Validate()
		if err == nil {
			t.Errorf("Validate(%+v) = nil; want %q", tc.a, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Validate(%+v) = %q; missing %q", tc.a, err, w)
			}
		}
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	err := Action{On: []string{"ringing"}, Run: "crm", Args: []string{"{nmuber}"}, Timeout: "x"}.Validate()
	if err == nil {
		t.Fatal("Validate = nil")
	}
	for _, w := range []string{`unknown event "ringing"`, "{nmuber}", `timeout "x"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q: missing %q", err, w)
		}
	}
}

func TestNewNamesTheAction(t *testing.T) {
	_, err := New([]Action{
		{On: []string{"incoming"}, Open: "https://crm.example/"},
		{Name: "CRM", On: []string{"incoming"}, Open: "crm:{number}"},
		{On: []string{"incomming"}, Run: "/usr/bin/crm"},
	}, nil, nil)
	if err == nil {
		t.Fatal("New accepted invalid actions")
	}
	for _, w := range []string{`[[action]] 2 ("CRM")`, `"crm" cannot be opened`, "[[action]] 3 (run crm)", `"incomming"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q: missing %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "[[action]] 1") {
		t.Errorf("%q blames the valid first action", err)
	}
}
