//go:build unix

package ldap

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// The test directory: a Cologne company (Muster GmbH, head number
// +49 221 4711-0) and people around it, each number written the way people
// really type them into a directory.
const (
	testSuffix = "dc=example,dc=test"
	rootDN     = "cn=admin," + testSuffix
	rootPW     = "admin-geheim"
	serviceDN  = "cn=deskcti,ou=services," + testSuffix
	servicePW  = "Tür-Schlüssel 7"
	people     = "ou=people," + testSuffix
)

// DNs the tests expect in answers.
const (
	dnMueller   = "uid=hmueller," + people
	dnMaria     = "uid=mmueller," + people
	dnWeiss     = "cn=Jürgen Weiß," + people
	dnKoenig    = "uid=akoenig," + people
	dnSchaefer  = "uid=pschaefer," + people
	dnGross     = "uid=zgross," + people
	dnKoehler   = "uid=bkoehler," + people
	dnNoell     = "uid=nnoell," + people
	dnZentrale  = "uid=zentrale," + people
	dnPforte    = "uid=pforte," + people
	dnMuehl     = "uid=kmuehlbauer," + people
	dnNummerlos = "uid=lnuemmerlos," + people
	dnBaeckerei = "o=Bäckerei Schmitz,ou=firmen," + testSuffix
)

// entry is one LDIF record: its DN and attribute/value pairs in order.
type entry struct {
	dn    string
	attrs [][2]string
}

func person(dn string, kv ...string) entry {
	e := entry{dn: dn, attrs: [][2]string{{"objectClass", "inetOrgPerson"}}}
	for i := 0; i+1 < len(kv); i += 2 {
		e.attrs = append(e.attrs, [2]string{kv[i], kv[i+1]})
	}
	return e
}

// fixtureEntries returns the whole directory: the hand-written entries the
// tests ask about and a few dozen generated colleagues in Stuttgart whose
// numbers (0711 30000xx) match none of the tests' numbers.
func fixtureEntries() []entry {
	es := []entry{
		{dn: testSuffix, attrs: [][2]string{{"objectClass", "dcObject"}, {"objectClass", "organization"},
			{"dc", "example"}, {"o", "Example Test"}}},
		{dn: "ou=people," + testSuffix, attrs: [][2]string{{"objectClass", "organizationalUnit"}, {"ou", "people"}}},
		{dn: "ou=services," + testSuffix, attrs: [][2]string{{"objectClass", "organizationalUnit"}, {"ou", "services"}}},
		{dn: "ou=firmen," + testSuffix, attrs: [][2]string{{"objectClass", "organizationalUnit"}, {"ou", "firmen"}}},
		{dn: serviceDN, attrs: [][2]string{{"objectClass", "organizationalRole"}, {"objectClass", "simpleSecurityObject"},
			{"cn", "deskcti"}, {"userPassword", servicePW}}},

		// Several numbers, each in another format, AD-style displayName.
		person(dnMueller, "uid", "hmueller", "cn", "Hans Müller", "sn", "Müller", "givenName", "Hans",
			"displayName", "Müller, Hans", "o", "Muster GmbH",
			"telephoneNumber", "+49 221 4711-23", "mobile", "0171/2345678",
			"homePhone", "+49 (0)2203 98765", "facsimileTelephoneNumber", "+49 221 4711-99"),
		person(dnMaria, "uid", "mmueller", "cn", "Maria Müller-Lüdenscheidt", "sn", "Müller-Lüdenscheidt",
			"givenName", "Maria", "o", "Lüdenscheidt Logistik", "telephoneNumber", "+49 2351 66 77 88"),
		// Umlauts in the DN; national format with a slash and spaces.
		person(dnWeiss, "cn", "Jürgen Weiß", "sn", "Weiß", "givenName", "Jürgen", "o", "Weiß & Söhne KG",
			"telephoneNumber", "0221 / 5566 778"),
		// Extension-only format: six digits, fewer than MatchDigits. At
		// the reception, she answers the head number too.
		person(dnKoenig, "uid", "akoenig", "cn", "Anna König", "sn", "König", "givenName", "Anna",
			"o", "Muster GmbH", "telephoneNumber", "4711-25", "telephoneNumber", "+49 221 4711-0"),
		// Dashes as Active Directory users write them; a plain E.164 mobile.
		person(dnSchaefer, "uid", "pschaefer", "cn", "Peter Schäfer", "sn", "Schäfer", "givenName", "Peter",
			"telephoneNumber", "+49-221-9876543", "mobile", "+4915112345678"),
		// The German "(0)" that is not dialled after the country code.
		person(dnGross, "uid", "zgross", "cn", "Zoë Groß", "sn", "Groß", "givenName", "Zoë",
			"o", "Bayern Consult", "telephoneNumber", "+49 (0)89 1234567"),
		// Berlin: same seven last digits as Weiß in Cologne.
		person(dnKoehler, "uid", "bkoehler", "cn", "Bernd Köhler", "sn", "Köhler", "givenName", "Bernd",
			"telephoneNumber", "+49 30 5566778"),
		// Contains 1…4…7…1…1…2…3 in order, so the wildcard filter for
		// +49 221 4711-23 returns it; it is not that number.
		person(dnNoell, "uid", "nnoell", "cn", "Norbert Nöll", "sn", "Nöll", "givenName", "Norbert",
			"telephoneNumber", "+49 6221 4071123"),
		// The company head number. The fax it shares with Hans Müller cannot
		// be looked up in OpenLDAP, whose facsimileTelephoneNumber syntax
		// has no matching rules; Active Directory's can.
		person(dnZentrale, "uid", "zentrale", "cn", "Muster GmbH Zentrale", "sn", "Zentrale", "o", "Muster GmbH",
			"telephoneNumber", "+49 221 4711-0", "facsimileTelephoneNumber", "+49 221 4711-99"),
		// An internal extension stored bare.
		person(dnPforte, "uid", "pforte", "cn", "Pforte", "sn", "Pforte", "telephoneNumber", "23"),
		person(dnMuehl, "uid", "kmuehlbauer", "cn", "Karl Mühlbauer", "sn", "Mühlbauer", "givenName", "Karl",
			"telephoneNumber", "+49 8031 5050"),
		// No number at all: never returned.
		person(dnNummerlos, "uid", "lnuemmerlos", "cn", "Lena Nümmerlos", "sn", "Nümmerlos", "givenName", "Lena"),
		{dn: dnBaeckerei, attrs: [][2]string{{"objectClass", "organization"}, {"o", "Bäckerei Schmitz"},
			{"telephoneNumber", "02203 12345"}}},
	}
	given := []string{"Jörg", "Sören", "Günther", "Björn", "Ute", "Käthe", "Renate", "Klaus", "Dörte", "Uwe"}
	family := []string{"Schröder", "Hübner", "Krämer", "Jäger", "Böhm", "Vogt", "Köster", "Fuchs",
		"Wagner", "Lehmann", "Hoffmann", "Schulz", "Becker"}
	formats := []string{"+49 711 30000%02d", "0711 30000%02d", "0711/3000-0%02d", "+49-711-30000%02d"}
	for i := range 36 {
		g, f := given[i%len(given)], family[(i*7)%len(family)]
		es = append(es, person(fmt.Sprintf("uid=user%02d,%s", i, people),
			"uid", fmt.Sprintf("user%02d", i), "cn", g+" "+f, "sn", f, "givenName", g,
			"o", "Schwaben Software AG", "telephoneNumber", fmt.Sprintf(formats[i%len(formats)], i)))
	}
	return es
}

// ldif renders entries; values that are not plain ASCII go base64 as
// RFC 2849 requires (umlauts included).
func ldif(es []entry) string {
	var b strings.Builder
	line := func(attr, v string) {
		if ldifSafe(v) {
			fmt.Fprintf(&b, "%s: %s\n", attr, v)
		} else {
			fmt.Fprintf(&b, "%s:: %s\n", attr, base64.StdEncoding.EncodeToString([]byte(v)))
		}
	}
	for _, e := range es {
		line("dn", e.dn)
		for _, kv := range e.attrs {
			line(kv[0], kv[1])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func ldifSafe(v string) bool {
	if v == "" {
		return true
	}
	if v[0] == ' ' || v[0] == ':' || v[0] == '<' || v[len(v)-1] == ' ' {
		return false
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == 0 || c == '\n' || c == '\r' || c > 0x7f {
			return false
		}
	}
	return true
}
