package outlook

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"deskcti/contacts"
)

// fakeItem is an Outlook item held in memory; it records the properties read.
type fakeItem struct {
	class    int
	classErr error
	props    map[string]string
	errs     map[string]error
	read     []string
}

func (f *fakeItem) Class() (int, error) { return f.class, f.classErr }

func (f *fakeItem) Get(prop string) (string, error) {
	f.read = append(f.read, prop)
	if err := f.errs[prop]; err != nil {
		return "", err
	}
	return f.props[prop], nil // a missing property reads as "", as in Outlook
}

// fakeStore visits its items in order, all folders only with subfolders.
type fakeStore struct {
	folders    [][]*fakeItem
	err        error // returned instead of visiting
	subfolders bool  // as asked by the last Items
	visits     int
}

func (s *fakeStore) Items(_ context.Context, subfolders bool, visit func(int, item) error) error {
	s.subfolders = subfolders
	if s.err != nil {
		return s.err
	}
	folders := s.folders
	if !subfolders {
		folders = folders[:1]
	}
	total := 0
	for _, f := range folders {
		total += len(f)
	}
	for _, f := range folders {
		for _, it := range f {
			s.visits++
			if err := visit(total, it); err != nil {
				return err
			}
		}
	}
	return nil
}

func contact(props map[string]string) *fakeItem {
	return &fakeItem{class: olContact, props: props}
}

func load(items ...*fakeItem) ([]contacts.Contact, error) {
	st := &fakeStore{folders: [][]*fakeItem{items}}
	return (&Source{store: st}).Load(context.Background())
}

func TestMapping(t *testing.T) {
	const name = "outlook:contacts"
	tests := []struct {
		name string
		item *fakeItem
		want *contacts.Contact // nil: skipped
	}{
		{
			name: "every number property",
			item: contact(map[string]string{
				"FullName":                   "Jürgen Größ",
				"CompanyName":                "Müller & Söhne GmbH",
				"EntryID":                    "00000000A1B2C3",
				"BusinessTelephoneNumber":    "+49 221 4711-0",
				"Business2TelephoneNumber":   "0221 / 4711 23",
				"CompanyMainTelephoneNumber": "+492214711",
				"HomeTelephoneNumber":        "(0221) 98 76 54",
				"Home2TelephoneNumber":       "0221 555",
				"MobileTelephoneNumber":      "0171 2345678",
				"BusinessFaxNumber":          "+49 (221) 4711-99",
				"HomeFaxNumber":              "0221 987659",
				"OtherTelephoneNumber":       "112",
				"AssistantTelephoneNumber":   "0221 4711-10",
				"CarTelephoneNumber":         "+491601234567",
				"PrimaryTelephoneNumber":     "0800 1234567",
				"CallbackTelephoneNumber":    "0221-4711-77",
			}),
			want: &contacts.Contact{
				Name: "Jürgen Größ", Company: "Müller & Söhne GmbH",
				ID: "00000000A1B2C3", OpenURI: "outlook:00000000A1B2C3", Source: name,
				Numbers: []contacts.Number{
					{Kind: contacts.Work, Raw: "+49 221 4711-0"},
					{Kind: contacts.Work, Raw: "0221 / 4711 23"},
					{Kind: contacts.Work, Raw: "+492214711", E164: "+492214711"},
					{Kind: contacts.Home, Raw: "(0221) 98 76 54"},
					{Kind: contacts.Home, Raw: "0221 555"},
					{Kind: contacts.Mobile, Raw: "0171 2345678"},
					{Kind: contacts.Fax, Raw: "+49 (221) 4711-99"},
					{Kind: contacts.Fax, Raw: "0221 987659"},
					{Kind: contacts.Other, Raw: "112"},
					{Kind: contacts.Work, Raw: "0221 4711-10"},
					{Kind: contacts.Mobile, Raw: "+491601234567", E164: "+491601234567"},
					{Kind: contacts.Work, Raw: "0800 1234567"},
					{Kind: contacts.Work, Raw: "0221-4711-77"},
				},
			},
		},
		{
			name: "empty and blank numbers are skipped, the rest trimmed",
			item: contact(map[string]string{
				"FullName":                "Änne Östreicher",
				"EntryID":                 "E2",
				"BusinessTelephoneNumber": "  ",
				"HomeTelephoneNumber":     "",
				"MobileTelephoneNumber":   " 0151 11223344\t",
			}),
			want: &contacts.Contact{
				Name: "Änne Östreicher", ID: "E2", OpenURI: "outlook:E2", Source: name,
				Numbers: []contacts.Number{{Kind: contacts.Mobile, Raw: "0151 11223344"}},
			},
		},
		{
			name: "no full name: the company names the contact",
			item: contact(map[string]string{
				"CompanyName":                "Bäckerei Übel KG",
				"EntryID":                    "E3",
				"CompanyMainTelephoneNumber": "02203 12 34-0",
			}),
			want: &contacts.Contact{
				Name: "Bäckerei Übel KG", Company: "Bäckerei Übel KG", ID: "E3", OpenURI: "outlook:E3", Source: name,
				Numbers: []contacts.Number{{Kind: contacts.Work, Raw: "02203 12 34-0"}},
			},
		},
		{
			name: "no name at all is kept for its number, no entry ID no URI",
			item: contact(map[string]string{"OtherTelephoneNumber": "0221 1"}),
			want: &contacts.Contact{
				Source:  name,
				Numbers: []contacts.Number{{Kind: contacts.Other, Raw: "0221 1"}},
			},
		},
		{
			name: "no number: skipped",
			item: contact(map[string]string{"FullName": "Käthe Nummerlos", "EntryID": "E5", "BusinessTelephoneNumber": " "}),
		},
		{
			name: "distribution list: skipped",
			item: &fakeItem{class: 69, props: map[string]string{"FullName": "Vertrieb", "BusinessTelephoneNumber": "0221 4711"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := load(tt.item)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if tt.want == nil {
				if len(cs) != 0 {
					t.Fatalf("want the item skipped, got %+v", cs)
				}
				return
			}
			if len(cs) != 1 || !reflect.DeepEqual(cs[0], *tt.want) {
				t.Fatalf("got  %+v\nwant %+v", cs, *tt.want)
			}
		})
	}
}

func TestDistributionListIsNotRead(t *testing.T) {
	list := &fakeItem{class: 69, errs: map[string]error{"FullName": errors.New("must not be read")}}
	if _, err := load(list); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(list.read) != 0 {
		t.Errorf("read %v of a distribution list", list.read)
	}
}

func TestItemErrorsAreProblems(t *testing.T) {
	busy := errors.New("RPC_E_CALL_REJECTED")
	denied := errors.New("access denied")
	good := func(id string) *fakeItem {
		return contact(map[string]string{"FullName": "Jörg " + id, "EntryID": id, "BusinessTelephoneNumber": "0221 4711-" + id})
	}
	badClass := &fakeItem{classErr: busy}
	badPhone := good("x")
	badPhone.errs = map[string]error{"MobileTelephoneNumber": denied}
	badName := good("y")
	badName.errs = map[string]error{"FullName": denied}

	cs, err := load(good("1"), badClass, good("3"), badPhone, badName, good("6"))

	var probs contacts.Problems
	if !errors.As(err, &probs) {
		t.Fatalf("want contacts.Problems, got %v", err)
	}
	wantLines := []int{2, 4, 5}
	wantErrs := []error{busy, denied, denied}
	if len(probs) != len(wantLines) {
		t.Fatalf("got %d problems, want %d: %v", len(probs), len(wantLines), err)
	}
	for i, p := range probs {
		if p.File != "outlook" || p.Line != wantLines[i] || !errors.Is(p, wantErrs[i]) {
			t.Errorf("problem %d = {%q %d %v}, want {outlook %d %v}", i, p.File, p.Line, p.Err, wantLines[i], wantErrs[i])
		}
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if want := []string{"1", "3", "6"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("contacts %v, want %v", ids, want)
	}
}

func TestStoreErrorLoadsNothing(t *testing.T) {
	st := &fakeStore{err: ErrNotInstalled}
	cs, err := (&Source{store: st}).Load(context.Background())
	if cs != nil || !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("got %v, %v; want nil and ErrNotInstalled", cs, err)
	}
}

func TestCancelStopsBetweenItems(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items []*fakeItem
	for range 5 {
		items = append(items, contact(map[string]string{"FullName": "Ölaf", "BusinessTelephoneNumber": "0221 1"}))
	}
	var done []int
	s := &Source{store: &fakeStore{folders: [][]*fakeItem{items}}, opts: Options{Progress: func(n, _ int) {
		done = append(done, n)
		if n == 2 {
			cancel()
		}
	}}}
	cs, err := s.Load(ctx)
	if cs != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want nil and context.Canceled", cs, err)
	}
	if !reflect.DeepEqual(done, []int{1, 2}) {
		t.Errorf("progress %v, want [1 2]", done)
	}
	for i, it := range items[2:] {
		if len(it.read) != 0 {
			t.Errorf("item %d read after cancel: %v", i+3, it.read)
		}
	}
}

func TestProgressAndSubfolders(t *testing.T) {
	c := func(n string) *fakeItem {
		return contact(map[string]string{"FullName": n, "EntryID": n, "HomeTelephoneNumber": "0221 2"})
	}
	for _, sub := range []bool{false, true} {
		st := &fakeStore{folders: [][]*fakeItem{
			{c("a"), {class: 69}, c("b")},
			{c("c"), c("d")},
		}}
		type call struct{ done, total int }
		var calls []call
		s := &Source{store: st, opts: Options{Subfolders: sub, Progress: func(d, t int) { calls = append(calls, call{d, t}) }}}
		cs, err := s.Load(context.Background())
		if err != nil {
			t.Fatalf("subfolders %v: %v", sub, err)
		}
		if st.subfolders != sub {
			t.Errorf("store asked with subfolders %v, want %v", st.subfolders, sub)
		}
		want, total := []string{"a", "b"}, 3
		if sub {
			want, total = []string{"a", "b", "c", "d"}, 5
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.Name)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("subfolders %v: contacts %v, want %v", sub, got, want)
		}
		if len(calls) != total {
			t.Fatalf("subfolders %v: %d progress calls, want %d (skipped items count too)", sub, len(calls), total)
		}
		for i, cl := range calls {
			if cl != (call{i + 1, total}) {
				t.Errorf("subfolders %v: progress call %d = %v, want {%d %d}", sub, i, cl, i+1, total)
			}
		}
	}
}

func TestName(t *testing.T) {
	if got := New(Options{}).Name(); got != "outlook:contacts" {
		t.Errorf("Name() = %q", got)
	}
}
