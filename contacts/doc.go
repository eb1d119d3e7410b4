// Package contacts finds who is calling: the Source interface every address
// book implements, the Contact and Number types, and (with issue 3's index)
// the lookup over every source. Parsing a number relative to the user's home
// country and area code lives in contacts/number, shared with dialling.
//
// One package per source (vcard, csv, phonebook, ldap, carddav, outlook)
// implements Source and knows nothing of the others.
package contacts
