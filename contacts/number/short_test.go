package number

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// sieveFails reports how the sieve of region fails IsShort on digits: ""
// when it lets the number through or IsShort agrees that it is not short.
func sieveFails(digits, region string) string {
	if info(region).sieve.get().mayBeShort([]byte(digits)) || !IsShort(digits, region) {
		return ""
	}
	return "the sieve of " + region + " keeps back " + digits + ", which IsShort says is short"
}

// TestShortSieve tries the sieve of every region on its short numbers,
// generated from the short number metadata's own patterns, written the
// ways Parse cuts an NSN from: after the country code, an international
// prefix, a trunk prefix, and with digits before and after.
func TestShortSieve(t *testing.T) {
	coll, err := phonenumbers.ShortNumberMetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	sieves, short, kept := 0, 0, 0
	for _, md := range coll.GetMetadata() {
		region := md.GetId()
		if !phonenumbers.GetSupportedRegions()[region] {
			continue
		}
		if info(region).sieve.get() != nil {
			sieves++
		}
		var ends []string
		// Every valid short number matches the short code description.
		for _, d := range []*phonenumbers.PhoneNumberDesc{md.GetShortCode(), md.GetEmergency()} {
			ends = append(ends, d.GetExampleNumber())
			if dfa, ok := compileDFA(d.GetNationalNumberPattern()); ok {
				for range 2 {
					ends = append(ends, walk(dfa, rng))
				}
			}
		}
		cc := strconv.Itoa(int(md.GetCountryCode()))
		trunk := phonenumbers.GetNddPrefixForRegion(region, true)
		intl := md.GetInternationalPrefix()
		if main, ok := quickTables().plans[region]; ok {
			intl = main.intl
		}
		for _, end := range ends {
			if end == "" {
				continue
			}
			prefixes := []string{"", cc, cc + trunk, intl + cc, intl + cc + trunk, trunk,
				strconv.Itoa(rng.IntN(10)), strconv.Itoa(10 + rng.IntN(990))}
			for _, s := range []string{end, mutations(end, rng)[0], end + strconv.Itoa(rng.IntN(10))} {
				for _, p := range rng.Perm(len(prefixes))[:2] { // IsShort is slow: two of them at random
					digits := prefixes[p] + s
					if !isDigits(digits) || digits == "" {
						continue
					}
					if diff := sieveFails(digits, region); diff != "" {
						t.Error(diff)
					}
					if IsShort(digits, region) {
						short++
					} else if !info(region).sieve.get().mayBeShort([]byte(digits)) {
						kept++
					}
				}
			}
		}
	}
	t.Logf("%d sieves; %d short numbers tried, %d others kept back", sieves, short, kept)
	// The sieve must be of use, and the test must have tried it.
	if sieves < 200 || short < 300 || kept < 1000 {
		t.Errorf("%d sieves; %d short numbers tried, %d others kept back: the generator is broken", sieves, short, kept)
	}
	for _, local := range []string{"471123", "1234523", "12345678"} {
		if info("DE").sieve.get().mayBeShort([]byte(local)) {
			t.Errorf("the sieve lets %s through to IsShort", local)
		}
	}
	if info("XX").sieve.get() != nil {
		t.Error("an unknown region has a sieve")
	}
}

// FuzzShortSieve holds the sieve to IsShort on any digits in any region.
func FuzzShortSieve(f *testing.F) {
	for _, s := range []string{"1234523", "112", "49112", "0049116117", "4901151", "911", "0119115", "1180020112"} {
		for _, region := range []string{"DE", "US", "GB", "AR", "IT", "GG"} {
			f.Add(s, region)
		}
	}
	f.Fuzz(func(t *testing.T, digits, region string) {
		if digits == "" || len(digits) > 20 || !isDigits(digits) {
			return
		}
		if diff := sieveFails(digits, strings.ToUpper(region)); diff != "" {
			t.Fatal(diff)
		}
	})
}
