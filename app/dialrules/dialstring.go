package dialrules

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"deskcti/contacts/number"

	"github.com/nyaruka/phonenumbers"
)

// ErrNoInternationalPrefix means the own country has several international
// prefixes, one per carrier, and phonenumbers names none as preferred
// (Brazil, Korea, Singapore…): write foreign numbers with the prefix of
// your carrier and it is kept.
var ErrNoInternationalPrefix = errors.New("no single international prefix known for the own country")

// digitsFor returns what the phone dials for n, before the outside line:
// the national form for numbers of the own country, the international
// prefix, country code and national number otherwise. typed are the digits
// as the user wrote them, to keep an international prefix of their own.
func (r Rules) digitsFor(n number.Number, typed string) (string, error) {
	region := r.region()
	if n.CountryCode == phonenumbers.GetCountryCodeForRegion(region) {
		return r.national(n, region), nil
	}
	idd, err := internationalPrefix(region, n, typed)
	if err != nil {
		return "", err
	}
	return idd + strconv.Itoa(n.CountryCode) + n.National, nil
}

// national dials a number of the own country: trunk prefix and national
// number, or only the local part for the own area when the rules say so.
func (r Rules) national(n number.Number, region string) string {
	if r.DialLocalWithoutAreaCode && r.AreaCode != "" && (n.AreaCompleted || n.AreaCode() == r.AreaCode) {
		if local, ok := strings.CutPrefix(n.National, r.AreaCode); ok && local != "" {
			return local
		}
	}
	if phonenumbers.IsNANPACountry(region) {
		// phonenumbers' national format has no trunk 1 ("(415) 555-0100"),
		// but from within North America it formats a number as "1 (415)
		// 555-0100": 1+10 digits, which every NANP network accepts for
		// every domestic call, local ones included.
		return "1" + n.National
	}
	pn := n.Phone()
	noExt := &phonenumbers.PhoneNumber{
		CountryCode:          pn.CountryCode,
		NationalNumber:       pn.NationalNumber,
		ItalianLeadingZero:   pn.ItalianLeadingZero,
		NumberOfLeadingZeros: pn.NumberOfLeadingZeros,
	}
	s := number.Digits(phonenumbers.Format(noExt, phonenumbers.NATIONAL))
	if trunk := phonenumbers.GetNddPrefixForRegion(region, true); trunk != "" && !n.Valid && !strings.HasPrefix(s, trunk) {
		// phonenumbers formats a number outside the numbering plan as the
		// bare national number; dialled that way it would be a local call.
		s = trunk + s
	}
	return s
}

// idd is what the metadata says about a region's international prefix.
type idd struct {
	fixed   string         // the prefix to dial, "00", "011", "810"
	pattern *regexp.Regexp // all prefixes that work, for the user's own
}

// prefixes maps each region to its international prefix. phonenumbers'
// FormatOutOfCountryCallingNumber cannot be used for this: where the
// prefix is a pattern without a preferred one (Israel, Korea…), it puts
// the pattern itself into the number ("0(?:0|1[2-9]) 49 221 …").
var prefixes = sync.OnceValue(func() map[string]idd {
	m := map[string]idd{}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return m
	}
	for _, md := range coll.GetMetadata() {
		p := idd{}
		ip := md.GetInternationalPrefix()
		switch pref := md.GetPreferredInternationalPrefix(); {
		case pref != "":
			// "8~10" (Russia): the tilde is "wait for the second dial
			// tone", which phones do on their own.
			p.fixed = number.Digits(pref)
		case digitsOnly(ip):
			p.fixed = ip
		}
		if ip != "" {
			if re, err := regexp.Compile(`^(?:` + ip + `)$`); err == nil {
				p.pattern = re
			}
		}
		m[md.GetId()] = p
	}
	return m
})

// internationalPrefix returns the prefix for calls abroad from region: the
// one in the metadata, or the one the user typed if the metadata has only
// a pattern.
func internationalPrefix(region string, n number.Number, typed string) (string, error) {
	p := prefixes()[region]
	if p.fixed != "" {
		return p.fixed, nil
	}
	tail := strconv.Itoa(n.CountryCode) + n.National
	if own, ok := strings.CutSuffix(typed, tail); ok && p.pattern != nil && p.pattern.MatchString(own) {
		return own, nil
	}
	return "", fmt.Errorf("dial %s from %s: %w", n.E164, region, ErrNoInternationalPrefix)
}
