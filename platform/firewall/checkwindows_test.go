package firewall

import "testing"

const (
	winExe   = `C:\Users\anna\AppData\Local\Programs\deskcti\deskcti.exe`
	winExeDE = `C:\Users\jürgen\AppData\Local\Programs\deskcti\deskcti.exe`
	netshAll = "netsh advfirewall show allprofiles"
	netshCur = "netsh advfirewall show currentprofile"
	netshRul = "netsh advfirewall firewall show rule name=all dir=in verbose"
	addRule  = `netsh advfirewall firewall add rule name="deskcti" dir=in action=allow protocol=TCP localport=8080 program="` + winExe + `"`
)

func windowsOS(t *testing.T, all, cur, rules string) *fakeOS {
	cmds := map[string]reply{netshAll: {file: all}, netshCur: {file: cur}, netshRul: {file: rules}}
	return &fakeOS{t: t, goos: "windows", cmds: cmds,
		env: map[string]string{"LOCALAPPDATA": `C:\Users\anna\AppData\Local`}}
}

func TestWindowsEnglish(t *testing.T) {
	cases := []struct {
		name, all, cur, rules string
		active                bool
		v                     Verdict
		detail                string
		fix                   []string
	}{
		{"no rule", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-private.txt", "netsh/en/rules-none.txt",
			true, Blocked, "no rule allows port 8080/tcp or deskcti on the Private profile", []string{addRule}},
		{"alert rule for private networks, on a private network", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-private.txt",
			"netsh/en/rules-alert-private.txt", true, Open, `rule "deskcti" allows it on the Private profile`, nil},
		{"alert rule for private networks, on a public network", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt",
			"netsh/en/rules-alert-private.txt", true, Blocked, "on the Public profile", []string{addRule}},
		{"cancelled alert: block rule beats the allow rule", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt",
			"netsh/en/rules-alert-cancel.txt", true, Blocked, `rule "deskcti" blocks it on the Public profile`,
			[]string{`netsh advfirewall firewall set rule name="deskcti" dir=in new enable=no`, addRule}},
		{"port rule with %LOCALAPPDATA%", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt",
			"netsh/en/rules-port-open.txt", true, Open, `rule "deskcti" allows it on the Public profile (only from LocalSubnet)`, nil},
		{"firewall off", "netsh/en/allprofiles-off.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-none.txt",
			false, Open, "off for the Public profile", nil},
		{"block all incoming", "netsh/en/allprofiles-blockall.txt", "netsh/en/currentprofile-public.txt",
			"netsh/en/rules-port-open.txt", true, Blocked, "blocks all incoming connections on the Public profile",
			[]string{"netsh advfirewall set publicprofile firewallpolicy blockinbound,allowoutbound", addRule}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := check(t, windowsOS(t, c.all, c.cur, c.rules), 8080, winExe)
			wantStatus(t, st, WindowsDefender, c.active, c.v, c.detail, c.fix...)
		})
	}
}

// The dev-server rule opens 8000-8100 for another program on the Domain
// profile only: it must not count for deskcti.
func TestWindowsRuleOfAnotherProgram(t *testing.T) {
	f := windowsOS(t, "netsh/en/allprofiles.txt", "netsh/en/currentprofile-private.txt", "netsh/en/rules-none.txt")
	f.cmds[netshCur] = reply{code: 1, stderr: "unexpected"} // current profile unknown: all three count
	st := check(t, f, 8080, winExe)
	wantStatus(t, st, WindowsDefender, true, Blocked, "on the Domain profile", addRule)
}

func TestWindowsGerman(t *testing.T) {
	addDE := `netsh advfirewall firewall add rule name="deskcti" dir=in action=allow protocol=TCP localport=8080 program="` + winExeDE + `"`
	cases := []struct {
		name, all, rules string
		active           bool
		v                Verdict
		detail           string
		fix              []string
	}{
		{"allowed (code page 850, umlaut in the path)", "netsh/de/allprofiles.txt", "netsh/de/rules-allowed.txt",
			true, Open, `rule "deskcti" allows it on the Public profile`, nil},
		{"no rule", "netsh/de/allprofiles.txt", "netsh/de/rules-none.txt", true, Blocked, "no rule allows", []string{addDE}},
		{"block rule", "netsh/de/allprofiles.txt", "netsh/de/rules-blocked.txt", true, Blocked, `rule "deskcti" blocks it`,
			[]string{`netsh advfirewall firewall set rule name="deskcti" dir=in new enable=no`, addDE}},
		{"Status AUS", "netsh/de/allprofiles-aus.txt", "netsh/de/rules-none.txt", false, Open, "is off for the Public profile", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := windowsOS(t, c.all, "netsh/de/currentprofile-public.txt", c.rules)
			wantStatus(t, check(t, f, 8080, winExeDE), WindowsDefender, c.active, c.v, c.detail, c.fix...)
		})
	}
}

func TestWindowsUnknownLanguage(t *testing.T) {
	t.Run("profiles", func(t *testing.T) {
		f := windowsOS(t, "netsh/fr/allprofiles.txt", "netsh/fr/allprofiles.txt", "netsh/fr/rules.txt")
		wantStatus(t, check(t, f, 8080, winExe), WindowsDefender, false, Unknown, "state cannot be read", addRule)
	})
	t.Run("rules", func(t *testing.T) {
		f := windowsOS(t, "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/fr/rules.txt")
		wantStatus(t, check(t, f, 8080, winExe), WindowsDefender, true, Unknown, "in a language deskcti cannot read", addRule)
	})
}

func TestWindowsNetshMissing(t *testing.T) {
	f := &fakeOS{t: t, goos: "windows", cmds: map[string]reply{}}
	wantStatus(t, check(t, f, 8080, winExe), "", false, Unknown, "netsh was not found")
}

func TestWindowsWithoutProgramAddsPortRule(t *testing.T) {
	f := windowsOS(t, "netsh/en/allprofiles.txt", "netsh/en/currentprofile-private.txt", "netsh/en/rules-none.txt")
	st := check(t, f, 8080, "")
	wantStatus(t, st, WindowsDefender, true, Blocked, "no rule allows",
		`netsh advfirewall firewall add rule name="deskcti" dir=in action=allow protocol=TCP localport=8080`)
}

// The notes behind the details, with the profile and rule names as values.
func TestWindowsNotes(t *testing.T) {
	cases := []struct {
		name, all, cur, rules string
		want                  []Note
	}{
		{"profile off", "netsh/en/allprofiles-off.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-none.txt",
			[]Note{note(keyWinOff, "Public")}},
		{"block rule", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-alert-cancel.txt",
			[]Note{note(keyWinRuleBlocks, "deskcti", "Public")}},
		{"allow rule from the local subnet", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-port-open.txt",
			[]Note{note(keyWinRuleAllows, "deskcti", "Public"), note(keyOnlyFrom, "LocalSubnet")}},
		{"no rule", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-private.txt", "netsh/en/rules-none.txt",
			[]Note{note(keyWinNoRuleForPort, "8080/tcp", "Private")}},
		{"block all incoming", "netsh/en/allprofiles-blockall.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-port-open.txt",
			[]Note{note(keyWinBlockAll, "Public")}},
		{"rules in another language", "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/fr/rules.txt",
			[]Note{note(keyWinRulesLanguage)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := check(t, windowsOS(t, c.all, c.cur, c.rules), 8080, winExe)
			checkNotes(t, st.Notes)
			wantNotes(t, st.Notes, c.want...)
		})
	}
	t.Run("German block rule", func(t *testing.T) {
		f := windowsOS(t, "netsh/de/allprofiles.txt", "netsh/de/currentprofile-public.txt", "netsh/de/rules-blocked.txt")
		wantNotes(t, check(t, f, 8080, winExeDE).Notes, note(keyWinRuleBlocks, "deskcti", "Public"))
	})
	t.Run("netsh needs elevation", func(t *testing.T) {
		f := windowsOS(t, "netsh/en/allprofiles.txt", "netsh/en/currentprofile-public.txt", "netsh/en/rules-none.txt")
		f.cmds[netshAll] = reply{code: 1, stderr: "The requested operation requires elevation."}
		st := check(t, f, 8080, winExe)
		wantStatus(t, st, WindowsDefender, false, Unknown, "the firewall state cannot be read (needs root)", addRule)
		wantNotes(t, st.Notes, note(keyStateUnreadable), note(keyBecauseRoot))
	})
}
