package contacts

// Kind says what a stored number is, as far as the source tells.
type Kind string

// The kinds of number deskcti distinguishes. Sources map their own labels
// (vCard TYPE, Outlook column names, LDAP attributes) onto these.
const (
	Work   Kind = "work"
	Home   Kind = "home"
	Mobile Kind = "mobile"
	Fax    Kind = "fax"
	Other  Kind = "other"
)

// Number is one phone number of a contact.
type Number struct {
	Kind Kind
	// Raw is the number exactly as the source stores it, shown to the user.
	Raw string
	// E164 is Raw normalised relative to the user's home ("+492214711"), or
	// empty when it does not parse; the index then keeps Raw's digits for a
	// last-resort comparison instead of dropping the number. Sources leave it
	// empty unless their data already is E.164: the index, which knows the
	// user's home country and area code, fills it in.
	E164 string
}

// Contact is one person or company from one source.
type Contact struct {
	Name    string
	Company string
	Numbers []Number
	// Source names where the contact came from ("vcard:/home/u/kontakte.vcf").
	Source string
	// ID identifies the contact within its source (vCard UID, LDAP DN, row number).
	ID string
	// OpenURI opens the contact in its own application, when there is one
	// (a file path, an Outlook entry ID URI, a CardDAV URL); may be empty.
	OpenURI string
}
