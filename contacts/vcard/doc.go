// Package vcard reads contacts from a .vcf file holding any number of
// vCards, as Outlook, Apple Contacts, Google Contacts and Android export
// them.
//
// Decoding is done by github.com/emersion/go-vcard after a pre-pass that
// turns what real exporters write into what go-vcard understands:
//
//   - vCard 2.1 quoted-printable values (ENCODING=QUOTED-PRINTABLE or the
//     bare QUOTED-PRINTABLE parameter), including soft line breaks;
//   - CHARSET parameters (UTF-8, Windows-1252, ISO-8859-x); a file that is
//     not valid UTF-8 is read as Windows-1252, Outlook's habit; byte order
//     marks (UTF-8, UTF-16) are handled;
//   - bare 2.1 parameters (TEL;WORK;FAX:…), which go-vcard misreads so badly
//     that the number ends up as a parameter and the value is empty;
//   - 2.1 base64 blocks whose lines are not indented;
//   - Android's TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=QUOTED-PRINTABLE,…) labels.
//
// The pre-pass also splits the file into cards itself, so that a broken
// card (no END:VCARD, a line that is not a property) is skipped and
// reported with the line it begins on while the rest of the file loads.
package vcard
