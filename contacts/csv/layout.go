package csv

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"deskcti/contacts"
)

// layout says where a file keeps what; columns are indexes into a record.
type layout struct {
	format                                  string
	display, given, middle, family, company []int
	numbers                                 []numberColumn
	google                                  []googlePhone
}

type numberColumn struct {
	col  int
	kind contacts.Kind
}

// googlePhone is one "Phone N - Type"/"Phone N - Value" pair of a Google
// export; the value may hold several numbers joined by " ::: ".
type googlePhone struct {
	label, value int // label is -1 when the file has no label column
}

func (l *layout) hasName() bool {
	return len(l.display)+len(l.given)+len(l.family)+len(l.company) > 0
}

func (l *layout) hasNumbers() bool { return len(l.numbers)+len(l.google) > 0 }

var googleValue = regexp.MustCompile(`^phone (\d+) - value$`)

// resolveLayout finds the columns in header, by m when it is not nil, else
// by recognising an Outlook or Google export, else by guessing.
func resolveLayout(header []string, m *Mapping) (layout, error) {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normHeader(h)
	}
	if m != nil {
		return mappedLayout(header, norm, m)
	}
	var l layout
	switch {
	case slices.ContainsFunc(norm, googleValue.MatchString):
		l = googleLayout(norm)
	default:
		l = outlookLayout(norm)
	}
	fixNameAsFamily(&l, norm)
	if !l.hasNumbers() {
		return l, fmt.Errorf("no phone number column found among %s: expected an Outlook or Google export "+
			"or column names with tel/phone/telefon/mobil/fax in them; name the columns in a column mapping", listHeader(header))
	}
	if !l.hasName() {
		return l, fmt.Errorf("no name or company column found among %s: expected name, vorname/nachname, "+
			"first/last name, firma or company; name the columns in a column mapping", listHeader(header))
	}
	return l, nil
}

// outlookLayout reads an Outlook export if header is one, else guesses.
func outlookLayout(norm []string) layout {
	var en, de int
	for _, h := range norm {
		if c, ok := outlookEnglish[h]; ok && c.part == partNumber {
			en++
		}
		if c, ok := outlookGerman[h]; ok && c.part == partNumber {
			de++
		}
	}
	known := map[string]column(nil)
	l := layout{format: "generic"}
	switch {
	case en > 0 && en >= de:
		known, l.format = outlookEnglish, "outlook (english)"
	case de > 0:
		known, l.format = outlookGerman, "outlook (german)"
	}
	for i, h := range norm {
		if c, ok := known[h]; ok {
			l.add(i, c)
			continue
		}
		// Name columns before number guesses: "Firma" is a company even
		// though "Telefon Firma" is a number.
		if p, ok := nameColumns[h]; ok {
			l.add(i, column{part: p})
			continue
		}
		if k, ok := guessNumber(h); ok {
			l.add(i, num(k))
		}
	}
	return l
}

func googleLayout(norm []string) layout {
	l := layout{format: "google"}
	labels := map[string]int{}
	for i, h := range norm {
		labels[h] = i
	}
	for i, h := range norm {
		if p, ok := nameColumns[h]; ok {
			l.add(i, column{part: p})
			continue
		}
		if sm := googleValue.FindStringSubmatch(h); sm != nil {
			g := googlePhone{label: -1, value: i}
			for _, suffix := range []string{" - type", " - label"} {
				if j, ok := labels["phone "+sm[1]+suffix]; ok {
					g.label = j
				}
			}
			l.google = append(l.google, g)
		}
	}
	return l
}

func (l *layout) add(col int, c column) {
	switch c.part {
	case partDisplay:
		l.display = append(l.display, col)
	case partGiven:
		l.given = append(l.given, col)
	case partMiddle:
		l.middle = append(l.middle, col)
	case partFamily:
		l.family = append(l.family, col)
	case partCompany:
		l.company = append(l.company, col)
	case partNumber:
		l.numbers = append(l.numbers, numberColumn{col: col, kind: c.kind})
	}
}

// fixNameAsFamily reads a column "Name" next to "Vorname" and no
// "Nachname" as the family name, as German tables mean it.
func fixNameAsFamily(l *layout, norm []string) {
	if len(l.given) == 0 || len(l.family) > 0 {
		return
	}
	for i, c := range l.display {
		if norm[c] == "name" {
			l.family = []int{c}
			l.display = slices.Delete(l.display, i, i+1)
			return
		}
	}
}

func mappedLayout(header, norm []string, m *Mapping) (layout, error) {
	l := layout{format: "mapping"}
	index := map[string]int{}
	for i, h := range norm {
		if _, dup := index[h]; !dup {
			index[h] = i
		}
	}
	var missing []string
	find := func(names []string) []int {
		var cols []int
		for _, n := range names {
			if i, ok := index[normHeader(n)]; ok {
				cols = append(cols, i)
			}
		}
		if len(names) > 0 && len(cols) == 0 {
			missing = append(missing, strings.Join(names, " or "))
		}
		return cols
	}
	l.display = find(m.Name)
	l.given = find(m.Given)
	l.family = find(m.Family)
	l.company = find(m.Company)
	for _, name := range slices.Sorted(maps.Keys(m.Numbers)) {
		i, ok := index[normHeader(name)]
		if !ok {
			missing = append(missing, name)
			continue
		}
		l.numbers = append(l.numbers, numberColumn{col: i, kind: m.Numbers[name]})
	}
	// Header order, so that a row's numbers come out in the file's order.
	slices.SortFunc(l.numbers, func(a, b numberColumn) int { return a.col - b.col })
	switch {
	case len(missing) > 0:
		quoted := make([]string, len(missing))
		for i, s := range missing {
			quoted[i] = strconv.Quote(s)
		}
		return l, fmt.Errorf("column mapping names columns the file does not have: %s; the header has %s",
			strings.Join(quoted, ", "), listHeader(header))
	case len(m.Numbers) == 0:
		return l, errors.New("column mapping names no number columns")
	case !l.hasName():
		return l, errors.New("column mapping names no name or company column")
	}
	return l, nil
}

// listHeader quotes the first columns of a header for an error message.
func listHeader(header []string) string {
	const show = 12
	var b strings.Builder
	for i, h := range header {
		if i == show {
			fmt.Fprintf(&b, " and %d more", len(header)-show)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(h))
	}
	return "[" + b.String() + "]"
}
