package desktopintegration

import (
	"slices"
	"strings"
)

// The groups of mimeapps.list that name applications per MIME type.
const (
	groupDefault = "Default Applications"
	groupAdded   = "Added Associations"
)

// setDefaults returns mimeapps.list text with id as the default of each
// type in [Default Applications], every other line (comments, other types,
// other groups) kept as it was.
func setDefaults(text, id string, types []string) string {
	lines := splitLines(text)
	start, end := findGroup(lines, groupDefault)
	if start < 0 {
		if len(lines) > 0 && lines[len(lines)-1] != "" {
			lines = append(lines, "")
		}
		lines = append(lines, "["+groupDefault+"]")
		start, end = len(lines)-1, len(lines)
	}
	for _, typ := range types {
		entry := typ + "=" + id + ";"
		if i := findKey(lines, start, end, typ); i >= 0 {
			lines[i] = entry
			continue
		}
		lines = slices.Insert(lines, end, entry)
		end++
	}
	return joinLines(lines)
}

// removeID takes id out of the values of types in the default and added
// groups, dropping a key whose list becomes empty. Entries naming other
// applications stay.
func removeID(text, id string, types []string) string {
	lines := splitLines(text)
	for _, g := range []string{groupDefault, groupAdded} {
		start, end := findGroup(lines, g)
		if start < 0 {
			continue
		}
		for _, typ := range types {
			i := findKey(lines, start, end, typ)
			if i < 0 {
				continue
			}
			_, val, _ := strings.Cut(lines[i], "=")
			var keep []string
			for _, v := range strings.Split(val, ";") {
				if v = strings.TrimSpace(v); v != "" && v != id {
					keep = append(keep, v)
				}
			}
			if len(keep) == 0 {
				lines = slices.Delete(lines, i, i+1)
				end--
				continue
			}
			lines[i] = typ + "=" + strings.Join(keep, ";") + ";"
		}
	}
	return joinLines(lines)
}

// defaultFor returns the first application named for typ in
// [Default Applications], the one the desktop uses.
func defaultFor(text, typ string) string {
	lines := splitLines(text)
	start, end := findGroup(lines, groupDefault)
	if start < 0 {
		return ""
	}
	i := findKey(lines, start, end, typ)
	if i < 0 {
		return ""
	}
	_, val, _ := strings.Cut(lines[i], "=")
	first, _, _ := strings.Cut(val, ";")
	return strings.TrimSpace(first)
}

// findGroup returns the header line of group and the end of its body (the
// next header or the end), or -1, -1.
func findGroup(lines []string, group string) (start, end int) {
	start = -1
	for i, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "[") {
			continue
		}
		if start >= 0 {
			return start, trimBlankTail(lines, start, i)
		}
		if strings.TrimSpace(l) == "["+group+"]" {
			start = i
		}
	}
	if start < 0 {
		return -1, -1
	}
	return start, trimBlankTail(lines, start, len(lines))
}

// trimBlankTail moves end before the blank lines that separate a group
// from the next, so new keys join the group rather than the gap.
func trimBlankTail(lines []string, start, end int) int {
	for end > start+1 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	return end
}

func findKey(lines []string, start, end int, key string) int {
	for i := start + 1; i < end; i++ {
		k, _, ok := strings.Cut(lines[i], "=")
		if ok && strings.TrimSpace(k) == key {
			return i
		}
	}
	return -1
}

func splitLines(text string) []string {
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}

func joinLines(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}
