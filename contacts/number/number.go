// Package number parses telephone numbers relative to the user's home: the
// own country and area code (Vorwahl). It is the one place that turns "0221
// 4711-23", "+49 (0)221 471123", "tel:+49221471123" or a bare local "471123"
// into the same E.164 number, for dialling and for finding who is calling.
//
// German terms used here: Vorwahl is the area code, written with the
// trunk prefix 0 ("0221" for Köln) but stored without it ("221");
// Durchwahl is the direct-dial suffix of a company number ("0221 4711-23"
// reaches extension 23 of head number "0221 4711-0"); Nebenstelle is an
// internal extension.
package number

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// Home is where the user's phone is: numbers without a country are in
// Country, numbers without an area code in AreaCode.
type Home struct {
	// Country is an ISO 3166 alpha-2 code, "DE".
	Country string
	// AreaCode is the Vorwahl without the trunk prefix, "221" ("0221" is
	// read the same); it may be empty, and then local numbers cannot be
	// completed.
	AreaCode string
	// MaxExtension is the longest internal extension: bare numbers of at
	// most this many digits are extensions, never local numbers to be
	// completed with AreaCode. 0 means 4.
	MaxExtension int
}

// Number is a parsed telephone number.
type Number struct {
	// E164 is the number in international form, "+49221471123".
	E164 string
	// CountryCode is the calling code, 49.
	CountryCode int
	// National is the national significant number (NSN): the number after
	// the country code, without trunk prefix, "221471123". The Italian
	// leading zero stays ("0612345678" for Rome).
	National string
	// Region is the ISO code of the number's country ("DE"), "001" for
	// non-geographic numbers (+800); empty when phonenumbers cannot tell,
	// as for an unassigned area code in a country code shared by several
	// regions (+1 555…).
	Region string
	// Extension is dialled after the far end answers ("ext. 12", "x12",
	// ";ext=12"); it is not part of E164. A German Durchwahl is part of
	// the number and never ends up here.
	Extension string
	// AreaCompleted is true when the number was local and the home area
	// code was put in front of it.
	AreaCompleted bool
	// Valid reports whether the number matches the country's numbering
	// plan. Parse also accepts numbers of a possible length that are not
	// valid (new or fictional ranges such as +1 555 01xx), because address
	// books and callers have them.
	Valid bool

	// pn is what phonenumbers parsed; nil when Parse took its shortcut,
	// and then Phone makes it from the fields above.
	pn *phonenumbers.PhoneNumber
}

// Phone returns the parsed phonenumbers value, for formatting; nil for
// the zero Number. Callers must not modify it.
func (n Number) Phone() *phonenumbers.PhoneNumber {
	if n.pn != nil || n.E164 == "" {
		return n.pn
	}
	// The shortcut's numbers are what phonenumbers.Parse makes of them:
	// country code, national number without leading zero, extension.
	cc := int32(n.CountryCode)
	nn, _ := strconv.ParseUint(n.National, 10, 64)
	pn := &phonenumbers.PhoneNumber{CountryCode: &cc, NationalNumber: &nn}
	if n.Extension != "" {
		ext := n.Extension
		pn.Extension = &ext
	}
	return pn
}

// AreaCode returns the geographic area code within National ("221"), or ""
// for numbers without one: mobile, toll-free and service numbers, and
// numbers phonenumbers does not consider valid.
func (n Number) AreaCode() string {
	pn := n.Phone()
	if pn == nil {
		return ""
	}
	l := phonenumbers.GetLengthOfGeographicalAreaCode(pn)
	if l <= 0 || l > len(n.National) {
		return ""
	}
	return n.National[:l]
}

// maxDigits bounds the work on garbage: E.164 allows 15 digits, plus an
// international prefix of up to four and some slack.
const maxDigits = 20

// Parse reads raw relative to home. It accepts international forms ("+49
// 221 …", "0049 221 …"; the "(0)" in "+49 (0)221" is dropped), national
// forms ("0221 …"), local numbers (completed with home.AreaCode),
// tel:/callto:/sip: URIs, extensions ("ext. 12", "x12", ";ext=12") and a
// Durchwahl ("0221 4711-0, Durchwahl 23"). Text after the number ends it
// ("0221 4711 (Zentrale)"); letters are never read as vanity digits.
//
// Errors: ErrNoNumber when raw has no digits or says the number is
// withheld; otherwise a *ParseError, which keeps the digits, wrapping
// ErrShortNumber, ErrNoAreaCode or ErrImpossible.
func Parse(raw string, home Home) (Number, error) {
	var buf [32]byte
	var r parsed
	e, err := parse(buf[:0], raw, home, &r)
	if err != nil {
		return Number{}, err
	}
	if r.pn != nil {
		return newNumber(r.pn, r.completed, r.valid), nil
	}
	e164 := string(e)
	return Number{
		E164:          e164,
		CountryCode:   r.cc,
		National:      e164[len(e164)-r.nsnLen:],
		Region:        r.region,
		Extension:     r.ext,
		AreaCompleted: r.completed,
		Valid:         true,
	}, nil
}

// AppendE164 appends raw's E.164 form relative to home to dst, the E164
// that Parse would return, and reports whether raw parsed; it returns dst
// unchanged when it did not. It is Parse for callers that need nothing
// else of a great many numbers, an address book of a million: the common
// shapes cost no allocation at all.
func AppendE164(dst []byte, raw string, home Home) ([]byte, bool) {
	var r parsed
	e, err := parse(dst, raw, home, &r)
	switch {
	case err != nil:
		return dst, false
	case r.pn != nil:
		return append(dst, phonenumbers.Format(r.pn, phonenumbers.E164)...), true
	}
	return e, true
}

// parsed is Parse's result before it becomes a Number. The shortcut
// appends the E.164 form to the caller's buffer (returned next to it,
// not in it: escape analysis would then send every caller's buffer to
// the heap) and fills cc, nsnLen, region; the exact way fills pn and
// valid.
type parsed struct {
	cc        int
	nsnLen    int
	region    string
	ext       string
	completed bool
	pn        *phonenumbers.PhoneNumber
	valid     bool
}

// parse appends raw's E.164 form to dst when it takes the shortcut, and
// fills r; r is the caller's, not a result, as copying a result this large
// costs a tenth of a quick parse.
func parse(dst []byte, raw string, home Home, r *parsed) ([]byte, error) {
	var dbuf [24]byte
	plus, digits, plain := appendNumberPart(dbuf[:0], raw)
	if !plain {
		var err error
		if plus, digits, r.ext, err = readText(dbuf[:0], raw); err != nil {
			return nil, err
		}
	}
	if len(digits) == 0 {
		return nil, ErrNoNumber
	}
	fail := func(err error) ([]byte, error) {
		d := string(digits)
		if plus {
			d = "+" + d
		}
		return nil, &ParseError{Raw: raw, Digits: d, Err: err}
	}
	if len(digits) > maxDigits {
		return fail(fmt.Errorf("%w: %d digits", ErrImpossible, len(digits)))
	}
	region := home.Country
	if !isUpperASCII(region) {
		region = strings.ToUpper(region)
	}
	ri := info(region)
	var ibuf [32]byte
	in, completed, err := complete(ibuf[:0], plus, digits, home, region, ri)
	if err != nil {
		return fail(err)
	}
	r.completed = completed
	// The shortcut is trusted only for numbers it finds valid; anything
	// doubtful goes the slow, exact way.
	if cc, nsn, ok := quickSplit(in, ri, true); ok {
		if region, valid := validNational(cc, nsn); valid {
			dst = appendCC(append(dst, '+'), cc)
			dst = append(dst, nsn...)
			r.cc, r.nsnLen, r.region = cc, len(nsn), region
			return dst, nil
		}
	}
	pn, valid, err := possibleOnce(in, region)
	if err != nil {
		return fail(err)
	}
	if r.ext != "" {
		e := r.ext // only this way costs an allocation for it
		pn.Extension = &e
	}
	r.pn, r.valid = pn, valid
	return nil, nil
}

// readText reads the number in raw, any text: a URI, a word for a
// withheld number, an extension or Durchwahl after the number, words
// before it. It appends the digits to dst. Text that is nothing but the
// number, as appendNumberPart tells, needs none of this: see
// TestPlainNeedsNoReading.
func readText(dst []byte, raw string) (plus bool, digits []byte, ext string, err error) {
	s, ext, _ := splitURI(raw)
	// The words are letters only: a text with a digit is none of them,
	// and most are numbers (spare the lower-casing).
	if !hasDigit(s) && withheld[strings.ToLower(strings.Trim(s, " \t\"'<>"))] {
		return false, nil, "", ErrNoNumber
	}
	body, ext2 := splitSuffix(s)
	if ext == "" {
		ext = ext2
	}
	plus, digits, _ = appendNumberPart(dst, body)
	return plus, digits, ext, nil
}

// appendCC appends a calling code, 1 to 999, as strconv.AppendInt would,
// for a fraction of its cost.
func appendCC(dst []byte, cc int) []byte {
	if cc >= 100 {
		dst = append(dst, byte('0'+cc/100))
	}
	if cc >= 10 {
		dst = append(dst, byte('0'+cc/10%10))
	}
	return append(dst, byte('0'+cc%10))
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// complete decides what a bare number (no '+') is: national or with an
// international prefix (left to phonenumbers), short, or local — then the
// home area code goes in front. It returns the number to parse: digits
// themselves when they are, or built in dst.
func complete(dst []byte, plus bool, digits []byte, home Home, region string, ri *regionInfo) ([]byte, bool, error) {
	if plus {
		return append(append(dst, '+'), digits...), false, nil
	}
	trunk, nanp := ri.trunk, ri.nanp
	if !nanp && trunk != "" && hasPrefix(digits, trunk) {
		return digits, false, nil // national, or international with 00
	}
	maxExt := home.MaxExtension
	if maxExt <= 0 {
		maxExt = 4
	}
	if len(digits) <= maxExt || ri.sieve.get().mayBeShort(digits) && IsShort(string(digits), region) {
		return nil, false, ErrShortNumber
	}
	switch {
	case nanp && len(digits) == 7:
		// North America: seven digits are local, ten national.
	case nanp, trunk == "":
		// The rest of North America's forms, and closed numbering plans
		// (Italy, Spain, Denmark…) where every number is national.
		return digits, false, nil
	}
	area := strings.TrimPrefix(Digits(home.AreaCode), "+")
	if !nanp {
		// "0221" for "221": with the trunk prefix written twice the
		// completed number would start with the international 00.
		area = strings.TrimPrefix(area, trunk)
	}
	if area == "" {
		return nil, false, ErrNoAreaCode
	}
	if !nanp {
		dst = append(dst, trunk...)
	}
	return append(append(dst, area...), digits...), true, nil
}

// rejected remembers what possible rejected lately, by region and input.
// Address books repeat their junk ("0", "0000 000", "00000000"), and
// rejecting it costs phonenumbers as much as parsing a hundred good
// numbers the quick way.
var rejected struct {
	sync.Mutex
	m map[string]error
}

// rejectedMax bounds rejected: it starts over when full. (A variable for
// the tests.)
var rejectedMax = 4096

// possibleOnce is possible, answered from rejected when it can.
func possibleOnce(in []byte, region string) (*phonenumbers.PhoneNumber, bool, error) {
	var kbuf [48]byte
	key := append(append(append(kbuf[:0], region...), ' '), in...)
	rejected.Lock()
	err, ok := rejected.m[string(key)]
	rejected.Unlock()
	if ok {
		return nil, false, err
	}
	pn, valid, err := possible(string(in), region)
	if err != nil {
		rejected.Lock()
		if len(rejected.m) >= rejectedMax || rejected.m == nil {
			rejected.m = make(map[string]error, 64)
		}
		rejected.m[string(key)] = err
		rejected.Unlock()
	}
	return pn, valid, err
}

// possible parses s the exact way and insists on a number of a possible
// length for its country; "+49 221" (an area code alone) is not.
func possible(s, region string) (pn *phonenumbers.PhoneNumber, valid bool, err error) {
	pn, err = phonenumbers.Parse(s, region)
	if err != nil {
		return nil, false, fmt.Errorf("%w (%w)", ErrImpossible, err)
	}
	if phonenumbers.IsValidNumber(pn) {
		return pn, true, nil
	}
	// A leading 0 in the NSN is real only where the plan has it (Italy,
	// whose numbers are then valid); elsewhere it is an artefact of
	// garbage such as "000000", and would not survive parsing its own
	// E.164 form.
	if phonenumbers.IsPossibleNumberWithReason(pn) != phonenumbers.IS_POSSIBLE ||
		strings.HasPrefix(phonenumbers.GetNationalSignificantNumber(pn), "0") {
		return nil, false, ErrImpossible
	}
	return pn, false, nil
}

func newNumber(pn *phonenumbers.PhoneNumber, completed, valid bool) Number {
	cc := int(pn.GetCountryCode())
	region := phonenumbers.GetRegionCodeForNumber(pn)
	if region == "" {
		if rs := phonenumbers.GetRegionCodesForCountryCode(cc); len(rs) == 1 {
			region = rs[0]
		}
	}
	return Number{
		E164:          phonenumbers.Format(pn, phonenumbers.E164),
		CountryCode:   cc,
		National:      phonenumbers.GetNationalSignificantNumber(pn),
		Region:        region,
		Extension:     pn.GetExtension(),
		AreaCompleted: completed,
		Valid:         valid,
		pn:            pn,
	}
}

// IsShort reports whether digits, dialled in region, are an emergency
// number (110, 112, 911) or a valid short service number (116117, 11833,
// 115): numbers that must be dialled exactly as they are.
func IsShort(digits, region string) bool {
	if phonenumbers.IsEmergencyNumber(digits, region) {
		return true
	}
	pn, err := phonenumbers.Parse(digits, region)
	return err == nil && phonenumbers.IsValidShortNumberForRegion(pn, region)
}

// KnownCountry reports whether phonenumbers knows the region code ("DE",
// "at"); the non-geographic "001" is not a country.
func KnownCountry(country string) bool {
	return phonenumbers.GetSupportedRegions()[strings.ToUpper(country)]
}

// Display formats the number for a user at home: nationally for numbers of
// the own country ("0221 4711023"), internationally otherwise ("+1 555-010-9999").
func (n Number) Display(home Home) string {
	pn := n.Phone()
	if pn == nil || !n.Valid {
		return n.E164 // phonenumbers' formats mangle numbers it does not know
	}
	if n.Region != "" && strings.EqualFold(n.Region, home.Country) {
		return phonenumbers.Format(pn, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(pn, phonenumbers.INTERNATIONAL)
}

// RegionName is the English name of the number's country or region, as
// phonenumbers' geocoder knows it ("Köln", "Germany"), for an unknown
// caller; "" when it has none.
func (n Number) RegionName(lang string) string {
	pn := n.Phone()
	if pn == nil {
		return ""
	}
	s, err := phonenumbers.GetGeocodingForNumber(pn, lang)
	if err != nil {
		return ""
	}
	return s
}
