// Package ldap looks callers up in an LDAP directory or Active Directory.
//
// Unlike the file sources, a directory is not copied: Source implements
// contacts.Searcher and asks the server on every call, keeping one bound
// connection open between calls and the answers for a number for a short
// while, because a phone often reports the same call several times.
//
// Directories store numbers as people type them ("+49 221 4711-23",
// "0221/471123", "+49 (0)221 4711 23"), and Active Directory compares them as
// plain strings. So a lookup asks for the last digits of the number with a
// wildcard between every digit, and then keeps only the entries one of whose
// numbers really ends in the caller's number once both are reduced to their
// digits (see Config.MatchDigits and Config.ExactDigits).
package ldap
