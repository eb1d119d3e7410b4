// Package csv reads contacts from one CSV file: an Outlook export in English
// or German, a Google Contacts export, or any other table of names and
// numbers whose columns are either named in a Mapping or guessed from the
// header.
//
// Files come from Outlook, Excel, Google and hand-made spreadsheets, so the
// reader sniffs what it can instead of asking: the encoding (UTF-8 with or
// without a byte order mark, UTF-16 with a mark as Outlook's "Unicode" export
// writes it, UTF-16 LE without one, else Windows-1252), the delimiter (',',
// ';' as German Excel writes, or tab; an Excel "sep=;" first line wins) and
// the column layout. Rows that cannot be read are skipped and reported with
// the physical line they start on, next to the rows that could.
package csv
