package dialrules

import "regexp"

// The patterns Extract reads text with.
var (
	uriRe = regexp.MustCompile(`(?i)\b(?:tel|callto|sips?):[^\s<>"'(),]+`)
	// A run of digits with the separators people write numbers with:
	// spaces, slashes, dashes, dots, brackets ("(0)", "(0221)"), a leading
	// '+'. A space only continues a number when a digit, bracket or
	// separator follows it ("0221 / 123 45 - 67").
	numberRe = regexp.MustCompile(`(?:[(\[]\s*)?(?:\+\s?)?(?:[(\[]\s*)?\d(?:[\d()\[\]/.\-\x{2010}-\x{2014}\x{2212}]|[ \t\x{00a0}\x{2009}\x{202f}]+[\d(\[/\-\x{2010}-\x{2014}\x{2212}])*`)
	// Feature codes start with * or #: *21# (call forwarding), #31#
	// (number withheld for one call), *21*0221123#.
	featureRe = regexp.MustCompile(`^[*#][0-9*#]*[0-9][0-9*#]*$`)
	// What may follow a number: an extension, not dialled (group 1), or a
	// Durchwahl, dialled with the number (group 2); the digits (group 3).
	suffixRe = regexp.MustCompile(`(?i)^[\s,;/]*\(?\s*(?:(ext\.?|extn\.?|extension|x|app\.?|apparat|nst\.?|nebenstelle|poste|;ext=)|(durchwahl|durchw\.?|dw\.?|klappe|kl\.))\s*[:.=]?\s*[-\x{2013}]?\s*(\d{1,8})\b`)
	// The extension parameter of a tel: URI.
	extParamRe = regexp.MustCompile(`(?i);ext=([^;]*)`)
	// A candidate that is all date or time: "22.11.2026", "22.11.", "14.30".
	dateRe = regexp.MustCompile(`^(?:\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{2})$`)
	// Dates and times inside text, masked before numbers are looked for.
	dateMaskRe = regexp.MustCompile(`(?:0?[1-9]|[12]\d|3[01])\.\s?(?:0?[1-9]|1[0-2])\.(?:\s?(?:19|20)\d{2}|\d{2})?|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?:Uhr|h))?|(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:Uhr|h)\b`)
	// Words that precede a phone number in signatures and web pages.
	phoneWordRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:tel(?:efon)?(?:nummer|nr)?|telephone|phone|fon|mobil(?:e|telefon|funk|nummer)?|handy|cell(?:phone)?|mob|zentrale|durchwahl|dw|hotline|rufnummer|r(?:ü|ue)ckruf|call|unter|anrufen|whatsapp)\.?(?:\s*-?\s*(?:no|nr|number|nummer)\.?)?\s*[:.]?\s*$`)
	// Words before numbers that are not phone numbers: "Bestell-Nr.
	// 12345", "Kundennummer 4711", "Rechnung 4711", "PLZ 50667". Checked
	// after phoneWordRe, so "Rufnummer" and "Tel.-Nr." still count as phone
	// words. Nr and Nummer end German compounds, hence no boundary there.
	idWordRe  = regexp.MustCompile(`(?i)(?:(?:nr|no|nummer|id)|(?:^|[^\p{L}])(?:rechnung|bestellung|auftrag|vorgang|konto|kto|blz|iban|plz|artikel|art|pos|seite|s|ticket|az|zeichen))\.?\s*[:.#]?\s*$`)
	faxWordRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:tele)?fax(?:nummer|nr)?\.?\s*[:.]?\s*$`)
	// "F: 0221 …" in compact signatures; capital F with a colon or dot only.
	faxLetterRe = regexp.MustCompile(`(?:^|[^\p{L}])F\s*[:.]\s*$`)
	// Amounts, percentages, times of day and quantities.
	amountAfterRe  = regexp.MustCompile(`^(?:,\d|\s?(?:€|EUR\b|Euro\b|%|Prozent\b|Uhr\b|Stück\b|Stk\b|kg\b|km\b))`)
	amountBeforeRe = regexp.MustCompile(`(?:€|EUR|Euro|CHF|\$|£)\s?$`)
	// A SIP address the phone can dial by name: user@host[:port].
	sipAddrRe = regexp.MustCompile(`^[A-Za-z0-9._~+\-]+@[A-Za-z0-9.\-]+(?::\d{1,5})?$`)
)
