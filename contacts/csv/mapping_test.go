package csv

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"deskcti/contacts"
)

func TestMappingFromRoles(t *testing.T) {
	m, err := MappingFromRoles(map[string]string{
		"Kontaktperson": "name", "Kunde": "Company", "Nr 1": "work", "Nr 2": " mobile ",
		"Vorname": "given", "Zuname": "family", "Anzeige": "name",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := &Mapping{
		Name:    []string{"Anzeige", "Kontaktperson"},
		Given:   []string{"Vorname"},
		Family:  []string{"Zuname"},
		Company: []string{"Kunde"},
		Numbers: map[string]contacts.Kind{"Nr 1": contacts.Work, "Nr 2": contacts.Mobile},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %+v\nwant %+v", m, want)
	}
	if _, err := MappingFromRoles(map[string]string{"Tel": "büro"}); err == nil || !strings.Contains(err.Error(), `"büro"`) {
		t.Errorf("unknown role: err = %v", err)
	}
}

// The settings file's mapping reads the CRM fixture like the hand-built one.
func TestMappingFromRolesLoads(t *testing.T) {
	m, err := MappingFromRoles(map[string]string{"Kontaktperson": "name", "Kunde": "company", "Nr 1": "work", "Nr 2": "mobile"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := New(filepath.Join("testdata", "crm_mapping.csv"), m).Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Frau Dr. Böhm" || got[1].Company != "Gärtnerei Lüdenscheid" {
		t.Errorf("got %+v", got)
	}
}
