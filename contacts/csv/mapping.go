package csv

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"deskcti/contacts"
)

// Mapping names the columns of a CSV file that is neither an Outlook nor a
// Google export, for when guessing from the header is not good enough.
// Column names are compared ignoring case, surrounding spaces and the
// difference between '_' and ' '.
//
// Name, Given, Family and Company each list alternatives: a row takes the
// first of the listed columns that is not empty in that row. A row's name is
// its Name column, or else Given and Family joined by a space. At least one
// of each non-empty list must exist in the header, and every column in
// Numbers must, or Load fails naming the missing ones: a mistyped column
// name would otherwise lose every number in it without a word.
type Mapping struct {
	Name, Given, Family, Company []string
	// Numbers maps a column name to the kind of number it holds.
	Numbers map[string]contacts.Kind
}

func (m *Mapping) clone() *Mapping {
	if m == nil {
		return nil
	}
	return &Mapping{
		Name:    slices.Clone(m.Name),
		Given:   slices.Clone(m.Given),
		Family:  slices.Clone(m.Family),
		Company: slices.Clone(m.Company),
		Numbers: maps.Clone(m.Numbers),
	}
}

// MappingFromRoles builds a Mapping from the shape the settings file keeps:
// column name → role, the role being one of name, given, family, company,
// work, home, mobile, fax or other (case does not matter). Several columns
// with the same name role are alternatives in the order of their names.
func MappingFromRoles(columns map[string]string) (*Mapping, error) {
	m := &Mapping{Numbers: map[string]contacts.Kind{}}
	for _, col := range slices.Sorted(maps.Keys(columns)) {
		switch role := strings.ToLower(strings.TrimSpace(columns[col])); role {
		case "name":
			m.Name = append(m.Name, col)
		case "given":
			m.Given = append(m.Given, col)
		case "family":
			m.Family = append(m.Family, col)
		case "company":
			m.Company = append(m.Company, col)
		case string(contacts.Work), string(contacts.Home), string(contacts.Mobile),
			string(contacts.Fax), string(contacts.Other):
			m.Numbers[col] = contacts.Kind(role)
		default:
			return nil, fmt.Errorf("csv column %q: unknown role %q (want name, given, family, company, "+
				"work, home, mobile, fax or other)", col, columns[col])
		}
	}
	return m, nil
}
