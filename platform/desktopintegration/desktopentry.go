package desktopintegration

import "strings"

// execArg quotes one argument of a desktop entry's Exec key per the
// Desktop Entry Specification: an argument with a reserved character goes
// in double quotes, inside which ", `, $ and \ take a backslash; a literal
// % is written %%. The result is then a string value, whose own escaping
// doubles every backslash (see escapeValue).
func execArg(s string) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if s != "" && !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if strings.ContainsRune("\"`$\\", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// execLine is the Exec value for exe followed by args; args are trusted
// literals such as %u, which must not be quoted.
func execLine(exe string, args ...string) string {
	return escapeValue(strings.Join(append([]string{execArg(exe)}, args...), " "))
}

// escapeValue applies the string-value escapes of the key file format.
func escapeValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}

// handlerEntry is the .desktop file that makes deskcti a URL handler.
// It stays visible in menus (no NoDisplay): launched without a URL, %u
// expands to nothing and deskcti starts its desktop app.
func handlerEntry(o Options) string {
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + o.Name + "\n" +
		"Comment=Dial phone numbers and tel:, callto:, sip: links on the desk phone\n" +
		"Exec=" + execLine(o.Exe, "%u") + "\n" +
		"Terminal=false\n" +
		"Categories=Office;Telephony;\n" +
		"MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;\n"
}

// autostartEntry is the .desktop file that starts the app at login.
func autostartEntry(o Options) string {
	return "[Desktop Entry]\n" +
		"Type=Application\n" +
		"Name=" + o.Name + "\n" +
		"Comment=Start deskcti in the tray at login\n" +
		"Exec=" + execLine(o.Exe, "app", "--hidden") + "\n" +
		"Terminal=false\n" +
		"NoDisplay=true\n" +
		"X-GNOME-Autostart-enabled=true\n"
}
