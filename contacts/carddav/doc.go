// Package carddav reads the user's CardDAV address books (RFC 6352) as a
// contacts.Source: the index loads it whole and calls Load again at an
// interval, and each Load after the first transfers only the cards that
// changed on the server.
//
// Sync strategy. Each address book keeps its RFC 6578 sync token and every
// card's ETag. A Load sends a sync-collection REPORT with the token, drops
// the cards reported deleted, and fetches new or changed cards with
// addressbook-multiget (batches of 100). The token is stored only after the
// fetch succeeded, so a failed Load is simply repeated from the old token.
// A token the server rejects (403/409) leads to a full sync-collection
// listing compared by ETag, so unchanged cards are not downloaded again. A
// server that refuses sync-collection altogether gets a Depth 1 PROPFIND of
// the ETags instead, compared the same way.
//
// What github.com/emersion/go-webdav v0.6.0 offers, and how it is used:
//   - SyncCollection (RFC 6578): used. It always asks for address-data and
//     discards it; servers that ignore the requested UID-only subset
//     (Radicale does) send changed cards twice, once here and once in the
//     multiget.
//   - MultiGetAddressBook, GetAddressObject: used. A multiget whose
//     multistatus has one unparseable card or one 404 fails as a whole, so
//     such a batch is re-fetched card by card.
//   - FindCurrentUserPrincipal, FindAddressBookHomeSet, FindAddressBooks:
//     used for discovery. ReadDir (PROPFIND Depth 1 with getetag): used for
//     the fallback.
//   - No general PROPFIND, so the CalendarServer getctag is not read; the
//     sync token does its job. No creation of address books (Mkdir is a
//     plain MKCOL); the tests use an extended MKCOL themselves.
//   - Its error type is internal, so the HTTP client handed to it turns
//     error statuses into *StatusError, which callers can inspect.
package carddav
