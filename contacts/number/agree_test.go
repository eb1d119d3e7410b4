package number

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// The shortcut through Parse (quickSplit, digitDFA, validNational, the
// byte-wise text functions) must answer exactly as phonenumbers does. The
// tests here compare the two on every pattern and region of the metadata,
// on numbers generated from the patterns themselves, and under the fuzzer.

// walk returns a random string the automaton accepts, or "" when the walk
// ran into a dead end; mostly short of the longest, as real numbers are.
func walk(d *digitDFA, rng *rand.Rand) string {
	var b []byte
	s := uint16(1)
	for len(b) < 20 {
		if d.accept[s] && rng.IntN(4) == 0 {
			return string(b)
		}
		var live []int
		for digit, next := range d.next[s] {
			if next != 0 {
				live = append(live, digit)
			}
		}
		if len(live) == 0 {
			break
		}
		digit := live[rng.IntN(len(live))]
		b = append(b, byte('0'+digit))
		s = d.next[s][digit]
	}
	if d.accept[s] {
		return string(b)
	}
	return ""
}

// mutations returns s with one digit changed, one dropped, one added and
// cut short, the near misses a pattern must reject.
func mutations(s string, rng *rand.Rand) []string {
	if s == "" {
		return []string{"0", "1", "9"}
	}
	i := rng.IntN(len(s))
	changed := []byte(s)
	changed[i] = byte('0' + rng.IntN(10))
	return []string{string(changed), s[:i] + s[i+1:], s[:i] + strconv.Itoa(rng.IntN(10)) + s[i:], s[:len(s)/2]}
}

func allMetadata(t *testing.T) []*phonenumbers.PhoneMetadata {
	t.Helper()
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	return coll.GetMetadata()
}

func descs(md *phonenumbers.PhoneMetadata) []*phonenumbers.PhoneNumberDesc {
	return []*phonenumbers.PhoneNumberDesc{md.GetGeneralDesc(), md.GetFixedLine(), md.GetMobile(), md.GetTollFree(),
		md.GetPremiumRate(), md.GetSharedCost(), md.GetPersonalNumber(), md.GetVoip(), md.GetPager(), md.GetUan(),
		md.GetVoicemail()}
}

func TestDFAAgreesWithRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var patterns []string
	for _, md := range allMetadata(t) {
		for _, d := range descs(md) {
			patterns = append(patterns, d.GetNationalNumberPattern())
		}
		if ld := md.GetLeadingDigits(); ld != "" {
			patterns = append(patterns, ld)
		}
	}
	for _, p := range patterns {
		d, ok := compileDFA(p)
		if !ok {
			t.Errorf("pattern %q does not compile to a DFA: it would take the regexp way", p)
			continue
		}
		full := regexp.MustCompile("^(?:" + p + ")$")
		prefix := regexp.MustCompile("^(?:" + p + ")")
		inputs := []string{"", "0", "1"}
		for range 12 {
			if s := walk(d, rng); s != "" {
				inputs = append(inputs, s)
				inputs = append(inputs, mutations(s, rng)...)
			}
			inputs = append(inputs, strconv.FormatUint(rng.Uint64()>>rng.IntN(64), 10))
		}
		// The same automaton walked two digits at a time.
		paired := *d
		paired.pairUp()
		if paired.pairs == nil {
			t.Errorf("pattern %q: too many states to walk in pairs", p)
		}
		inputs = append(inputs, "1a", "a1", "12a", "1\x00")
		for _, s := range inputs {
			want := full.MatchString(s)
			if got := d.full([]byte(s)); got != want {
				t.Errorf("pattern %q, %q: dfa %v, regexp %v", p, s, got, want)
			}
			if got := paired.full([]byte(s)); got != want {
				t.Errorf("pattern %q, %q: dfa in pairs %v, regexp %v", p, s, got, want)
			}
			if got, want := d.prefix([]byte(s)), prefix.MatchString(s); got != want {
				t.Errorf("pattern %q, prefix of %q: dfa %v, regexp %v", p, s, got, want)
			}
		}
	}
}

// agreesWithPhonenumbers reports whether validNational answers for +cc nsn
// what phonenumbers does.
func validDisagrees(cc int, nsn string) (string, bool, string, bool, bool) {
	nn, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil || nsn == "" || nsn[0] == '0' {
		return "", false, "", false, false
	}
	cc32 := int32(cc)
	pn := &phonenumbers.PhoneNumber{CountryCode: &cc32, NationalNumber: &nn}
	wantRegion, wantValid := phonenumbers.GetRegionCodeForNumber(pn), phonenumbers.IsValidNumber(pn)
	region, valid := validNational(cc, []byte(nsn))
	return region, valid, wantRegion, wantValid, region != wantRegion || valid != wantValid
}

func TestValidAgreesWithPhonenumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	valid := 0
	for _, md := range allMetadata(t) {
		cc := int(md.GetCountryCode())
		for _, d := range descs(md) {
			dfa, ok := compileDFA(d.GetNationalNumberPattern())
			if !ok {
				continue
			}
			candidates := []string{d.GetExampleNumber()}
			for range 5 {
				candidates = append(candidates, walk(dfa, rng))
			}
			for _, s := range slices.Clone(candidates) {
				candidates = append(candidates, mutations(s, rng)...)
			}
			for _, nsn := range candidates {
				region, ok, wantRegion, wantOK, differ := validDisagrees(cc, nsn)
				if differ {
					t.Errorf("+%d %s: region %q valid %v, phonenumbers %q %v", cc, nsn, region, ok, wantRegion, wantOK)
				}
				if ok {
					valid++
				}
			}
		}
	}
	if valid < 3000 {
		t.Errorf("only %d valid numbers among those compared: the generator is broken", valid)
	}
	for _, cc := range []int{0, 999, 42, 1000} {
		if _, ok := validNational(cc, []byte("2214711")); ok {
			t.Errorf("calling code %d is valid", cc)
		}
	}
}

func FuzzValidNational(f *testing.F) {
	for _, s := range []string{"2214711", "1711234567", "2125550199", "8001234567"} {
		f.Add(49, s)
		f.Add(1, s)
		f.Add(44, s)
		f.Add(7, s)
		f.Add(800, s)
	}
	f.Fuzz(func(t *testing.T, cc int, nsn string) {
		if cc < 0 || cc > 999 || len(nsn) > 17 {
			return
		}
		if region, ok, wantRegion, wantOK, differ := validDisagrees(cc, nsn); differ {
			t.Fatalf("+%d %s: region %q valid %v, phonenumbers %q %v", cc, nsn, region, ok, wantRegion, wantOK)
		}
	})
}

// writeForms writes the national significant number nsn of +cc the ways
// people and phones do, for a user in home.
func writeForms(cc int, nsn string, trunk string, rng *rand.Rand) []string {
	c := strconv.Itoa(cc)
	split := 1 + rng.IntN(max(len(nsn)-1, 1))
	a, b := nsn[:min(split, len(nsn))], nsn[min(split, len(nsn)):]
	forms := []string{
		"+" + c + nsn,
		"+" + c + " " + a + " " + b,
		"00" + c + " " + a + "-" + b,
		"+" + c + " (0)" + a + " / " + b,
		"tel:+" + c + "-" + a + "-" + b,
		"sip:+" + c + nsn + "@pbx.example;user=phone",
		"+" + c + " " + a + " " + b + " ext. 12",
	}
	if trunk != "" {
		forms = append(forms, trunk+a+" "+b, "("+trunk+a+") "+b, trunk+a+"/"+b, trunk+nsn, b)
	}
	return forms
}

func TestParseAgreesWithReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	compare := func(inputs []string, homes ...Home) {
		for _, raw := range inputs {
			for _, home := range homes {
				if diff := sameParse(raw, home); diff != "" {
					t.Error(diff)
				}
			}
		}
	}
	compare(referenceCorpus, cologne, vienna, zurich, nyc, london, paris, rome, Home{Country: "DE"})
	var world, german []string
	for _, md := range allMetadata(t) {
		cc := int(md.GetCountryCode())
		for _, d := range descs(md)[:3] { // general, fixed line, mobile
			dfa, ok := compileDFA(d.GetNationalNumberPattern())
			if !ok {
				continue
			}
			if md.GetId() == "DE" {
				// The user's own country, written every way.
				for range 12 {
					german = append(german, writeForms(cc, walk(dfa, rng), "0", rng)...)
				}
			}
			nsn := walk(dfa, rng)
			if nsn == "" {
				continue
			}
			forms := writeForms(cc, nsn, "", rng)
			world = append(world, forms[rng.IntN(len(forms))], forms[0], "+"+strconv.Itoa(cc)+mutations(nsn, rng)[0])
		}
	}
	compare(world, cologne)
	compare(german, cologne, Home{Country: "DE"})
}

// FuzzParseAgrees holds Parse to referenceParse on any text.
func FuzzParseAgrees(f *testing.F) {
	for _, s := range referenceCorpus {
		f.Add(s, "DE")
	}
	f.Add("06 1234 5678", "IT")
	f.Add("555-0199", "US")
	f.Add("01 23 45 67 89", "fr")
	f.Fuzz(func(t *testing.T, raw, country string) {
		if diff := sameParse(raw, Home{Country: country, AreaCode: "221"}); diff != "" {
			t.Fatal(diff)
		}
	})
}

// FuzzSplitSuffix checks that the test splitSuffix makes before its
// regexp never skips a text the regexp matches.
func FuzzSplitSuffix(f *testing.F) {
	for _, s := range referenceCorpus {
		f.Add(s)
	}
	for _, s := range []string{"+1 555 010 9999x12", "0221 4711 (App. 12)", "01 5880 Kl.- 12", "x 12 #)", "ext=5",
		"0221 4711 \u2013 Durchwahl: \u201312", "0221 4711 Kl.. 12", "tel 0221 Apparat12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayEndInLabel(s) && suffixRe.MatchString(s) {
			t.Fatalf("mayEndInLabel(%q) is false, but suffixRe matches it", s)
		}
		body, ext := splitSuffix(s)
		wantBody, wantExt := referenceSplitSuffix(s)
		if body != wantBody || ext != wantExt {
			t.Fatalf("splitSuffix(%q) = %q, %q; reference %q, %q", s, body, ext, wantBody, wantExt)
		}
	})
}

func TestMayEndInLabel(t *testing.T) {
	for s, want := range map[string]bool{
		"0221 4711-23":              false,
		"Tel. 0221 4711-23":         false,
		"Mobil: +49 171 1234567":    false,
		"0221 4711-0, Durchwahl 23": true,
		"0221 4711 App. 12":         true,
		"+1 555 010 9999x12":        true,
		"+1 555 010 9999 #12":       true,
		"tel:+4930;ext=1":           true,
		"0221 4711 DW \u201323":     true,
		"Postbox 12":                true, // a candidate; the regexp then says no
		"0221 4711 (Zentrale)":      false,
		"x123456789":                false, // nine digits: never an extension
	} {
		if got := mayEndInLabel(s); got != want {
			t.Errorf("mayEndInLabel(%q) = %v, want %v", s, got, want)
		}
		if !mayEndInLabel(s) && strings.Contains(s, "x") && suffixRe.MatchString(s) {
			t.Errorf("%q: suffixRe matches", s)
		}
	}
}

// TestRejectedIsRemembered checks that junk parsed again, answered from
// the memory of rejected numbers, gets the same error as the first time,
// and that the memory stays bounded.
func TestRejectedIsRemembered(t *testing.T) {
	for _, junk := range []string{"0000 000", "00000000", "+0912020000000", "0 0"} {
		first, err1 := Parse(junk, cologne)
		again, err2 := Parse(junk, cologne)
		if err1 == nil || err2 == nil || err1.Error() != err2.Error() || first != again {
			t.Errorf("Parse(%q) = %v, then %v", junk, err1, err2)
		}
		if diff := sameParse(junk, cologne); diff != "" {
			t.Error(diff)
		}
	}
	old := rejectedMax
	rejectedMax = 50
	defer func() { rejectedMax = old }()
	for i := range 120 {
		_, _ = Parse("000"+strconv.Itoa(i), cologne)
	}
	rejected.Lock()
	n := len(rejected.m)
	rejected.Unlock()
	if n == 0 || n > 50 {
		t.Errorf("%d rejected numbers remembered, at most 50 wanted", n)
	}
}
