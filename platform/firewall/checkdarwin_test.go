package firewall

import "testing"

const (
	macExe    = "/Applications/deskcti.app/Contents/MacOS/deskcti"
	macBundle = "/Applications/deskcti.app"
	sfw       = socketfilterfw

	// The socketfilterfw outputs most tests start from.
	alfOn        = "socketfilterfw/globalstate-on.txt"
	alfNoBlock   = "socketfilterfw/blockall-disabled-macos14.txt"
	alfSigned    = "socketfilterfw/allowsigned-enabled.txt"
	alfNotSigned = "socketfilterfw/allowsigned-downloaded-disabled.txt"
)

func macOS(t *testing.T, global, blockall, listapps, allowsigned string) *fakeOS {
	cmds := map[string]reply{
		sfw + " --getglobalstate": {file: global},
		sfw + " --getblockall":    {file: blockall},
		sfw + " --listapps":       {file: listapps},
		sfw + " --getallowsigned": {file: allowsigned},
	}
	return &fakeOS{t: t, goos: "darwin", cmds: cmds}
}

func TestDarwin(t *testing.T) {
	add := "sudo " + sfw + " --add " + macBundle
	unblock := "sudo " + sfw + " --unblockapp " + macBundle
	const on, noBlock, signed, notSig = alfOn, alfNoBlock, alfSigned, alfNotSigned
	cases := []struct {
		name                               string
		global, blockall, listapps, signed string
		active                             bool
		v                                  Verdict
		detail                             string
		fix                                []string
	}{
		{"off", "socketfilterfw/globalstate-off.txt", noBlock, "socketfilterfw/listapps-without.txt", notSig,
			false, Open, "the macOS firewall is off", nil},
		{"bundle allowed", on, noBlock, "socketfilterfw/listapps-allowed.txt", notSig,
			true, Open, "allows incoming connections for " + macBundle, nil},
		{"bundle blocked", on, "socketfilterfw/blockall-disabled-macos13.txt", "socketfilterfw/listapps-blocked.txt", notSig,
			true, Blocked, "blocks incoming connections for " + macBundle, []string{unblock}},
		{"verdict on the path's line", on, noBlock, "socketfilterfw/listapps-oneline.txt", notSig,
			true, Blocked, "blocks incoming connections for " + macBundle, []string{unblock}},
		{"not listed, signed apps not allowed", on, noBlock, "socketfilterfw/listapps-without.txt", notSig,
			true, Blocked, "macOS blocks it until someone answers", []string{add, unblock}},
		{"not listed, signed apps allowed", on, noBlock, "socketfilterfw/listapps-without.txt", signed,
			true, Unknown, "lets it in if it is signed", []string{add, unblock}},
		{"block all (macOS 14 wording)", on, "socketfilterfw/blockall-enabled-macos14.txt", "socketfilterfw/listapps-allowed.txt", signed,
			true, Blocked, "blocks all incoming connections", []string{"sudo " + sfw + " --setblockall off", add, unblock}},
		{"block all (macOS 13 wording)", on, "socketfilterfw/blockall-enabled-macos13.txt", "socketfilterfw/listapps-allowed.txt", signed,
			true, Blocked, "blocks all incoming connections", []string{"sudo " + sfw + " --setblockall off", add, unblock}},
		{"state 2: essential services only", "socketfilterfw/globalstate-essential.txt", noBlock, "socketfilterfw/listapps-allowed.txt", signed,
			true, Blocked, "blocks all incoming connections", []string{"sudo " + sfw + " --setblockall off", add, unblock}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := check(t, macOS(t, c.global, c.blockall, c.listapps, c.signed), 8080, macExe)
			wantStatus(t, st, MacOSApplication, c.active, c.v, c.detail, c.fix...)
		})
	}
}

func TestDarwinPlainExecutableWithBlankInPath(t *testing.T) {
	exe := "/Users/anna/Applications/Visual Studio Code.app/Contents/MacOS/Electron"
	st := check(t, macOS(t, "socketfilterfw/globalstate-on.txt", "socketfilterfw/blockall-disabled-macos14.txt",
		"socketfilterfw/listapps-allowed.txt", alfSigned), 8080, exe)
	wantStatus(t, st, MacOSApplication, true, Open, "for /Users/anna/Applications/Visual Studio Code.app")

	exe = "/Users/anna/go/bin/deskcti"
	st = check(t, macOS(t, "socketfilterfw/globalstate-on.txt", "socketfilterfw/blockall-disabled-macos14.txt",
		"socketfilterfw/listapps-without.txt", "socketfilterfw/allowsigned-downloaded-disabled.txt"), 8080, exe)
	wantStatus(t, st, MacOSApplication, true, Blocked, exe+" is not in the firewall's list",
		"sudo "+sfw+" --add "+exe, "sudo "+sfw+" --unblockapp "+exe)
	if got := st.Commands[0]; len(got) != 3 || got[2] != exe {
		t.Errorf("command %q, want the path as one argument", got)
	}
}

func TestDarwinUnknownProgram(t *testing.T) {
	st := check(t, macOS(t, "socketfilterfw/globalstate-on.txt", "socketfilterfw/blockall-disabled-macos14.txt",
		"socketfilterfw/listapps-without.txt", alfSigned), 8080, "")
	wantStatus(t, st, MacOSApplication, true, Unknown, "deskcti's path is unknown")
}

func TestDarwinToolMissing(t *testing.T) {
	st := check(t, &fakeOS{t: t, goos: "darwin", cmds: map[string]reply{}}, 8080, macExe)
	wantStatus(t, st, "", false, Unknown, "was not found")
}

func TestDarwinQuotesPathsWithBlanks(t *testing.T) {
	bundle := "/Applications/deskcti beta.app"
	st := check(t, macOS(t, "socketfilterfw/globalstate-on.txt", "socketfilterfw/blockall-disabled-macos14.txt",
		"socketfilterfw/listapps-without.txt", "socketfilterfw/allowsigned-downloaded-disabled.txt"), 8080, bundle+"/Contents/MacOS/deskcti")
	wantStatus(t, st, MacOSApplication, true, Blocked, "not in the firewall's list",
		"sudo "+sfw+" --add '"+bundle+"'", "sudo "+sfw+" --unblockapp '"+bundle+"'")
}

// The notes behind the details, with the program paths as values.
func TestDarwinNotes(t *testing.T) {
	const on, noBlock, notSig = alfOn, alfNoBlock, alfNotSigned
	cases := []struct {
		name                               string
		global, blockall, listapps, signed string
		want                               []Note
	}{
		{"block all", on, "socketfilterfw/blockall-enabled-macos14.txt", "socketfilterfw/listapps-allowed.txt", notSig,
			[]Note{note(keyMacBlockAll)}},
		{"app not in the list", on, noBlock, "socketfilterfw/listapps-without.txt", notSig,
			[]Note{note(keyMacUnlisted, macBundle)}},
		{"app not in the list, signed apps allowed", on, noBlock, "socketfilterfw/listapps-without.txt", "socketfilterfw/allowsigned-enabled.txt",
			[]Note{note(keyMacUnlistedSigned, macBundle)}},
		{"app blocked", on, noBlock, "socketfilterfw/listapps-blocked.txt", notSig,
			[]Note{note(keyMacBlocks, macBundle)}},
		{"off", "socketfilterfw/globalstate-off.txt", noBlock, "socketfilterfw/listapps-without.txt", notSig,
			[]Note{note(keyMacOff)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := check(t, macOS(t, c.global, c.blockall, c.listapps, c.signed), 8080, macExe)
			checkNotes(t, st.Notes)
			wantNotes(t, st.Notes, c.want...)
		})
	}
	t.Run("tool missing", func(t *testing.T) {
		st := check(t, &fakeOS{t: t, goos: "darwin", cmds: map[string]reply{}}, 8080, macExe)
		wantNotes(t, st.Notes, note(keyMacToolMissing, socketfilterfw))
	})
	t.Run("program list unreadable", func(t *testing.T) {
		f := macOS(t, on, noBlock, "socketfilterfw/listapps-without.txt", notSig)
		f.cmds[sfw+" --listapps"] = reply{code: 1, stderr: "Operation not permitted"}
		st := check(t, f, 8080, macExe)
		wantStatus(t, st, MacOSApplication, true, Unknown, "the firewall's program list cannot be read (needs root)",
			"sudo "+sfw+" --add "+macBundle, "sudo "+sfw+" --unblockapp "+macBundle)
		wantNotes(t, st.Notes, note(keyMacListUnreadable), note(keyBecauseRoot))
	})
}
