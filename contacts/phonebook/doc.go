// Package phonebook reads contacts from the XML phone book files offices
// already keep for their desk phones, so that the numbers the phones know
// by name are known to deskcti too.
//
// The format is recognised by the root element:
//
//   - <YealinkIPPhoneDirectory>, <SnomIPPhoneDirectory> and the other
//     "…IPPhoneDirectory" XML-browser directories (Fanvil, Cisco and
//     generated ones share the shape): <DirectoryEntry> elements with one
//     <Name> and any number of <Telephone> elements, whose optional
//     label attribute ("Office", "Mobile") gives the kind of number.
//   - <YealinkIPPhoneBook>: Yealink's remote phone book, <Menu> groups of
//     <Unit Name="…" Phone1="…" Phone2="…" Phone3="…"/>.
//   - <root_group>/<root_contact> (or both inside <vp_contact>): the local
//     contact list a Yealink phone exports, <contact display_name="…"
//     office_number="…" mobile_number="…" other_number="…"/>.
//   - <tbook>: snom's local phone book, <item> elements with <name> or
//     <first_name>/<last_name>, <organization>, <number> and
//     <number_type>; also a <tbook> inside a snom <settings> file.
//
// The encoding is the one declared in the XML prolog (UTF-8, ISO-8859-1,
// Windows-1252 and the others WHATWG knows), or a byte order mark. A file
// that claims or defaults to UTF-8 but is not is read as Windows-1252, which
// is what Windows editors save as "ANSI". HTML entities such as &uuml;, which
// scripts built on PHP's htmlentities write, are understood.
package phonebook
