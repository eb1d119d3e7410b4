// Package httpx is the one HTTP client every phone driver uses.
//
// A Client talks to one phone. It is built on a single resty client that is
// configured once and then shared by all requests to that phone, and it
// enforces what remote control of a desk phone needs:
//
//   - The raw query reaches the phone byte for byte: nothing is re-ordered,
//     re-encoded or decoded (snom wants %23 and %2A, Yealink wants key= first).
//   - A command is sent at most once. There are no retries, no redirects
//     are followed (snom answers 302 when it dialed), keep-alive is off so
//     that net/http never replays a request on a reused connection, and the
//     only second request is the answer to a 401 challenge, which the phone
//     by definition did not act on.
//   - Authentication answers whatever challenge the phone sends (Basic,
//     Digest with or without qop, MD5, MD5-sess, SHA-256) and remembers it,
//     so later requests authenticate pre-emptively.
//   - HTTPS trusts a phone's self-signed certificate only by its pinned
//     SHA-256 fingerprint (trust on first use) or by an explicit insecure
//     switch.
//   - Every failure is a *phone.Error whose Kind the user interface turns
//     into advice.
//
// Credentials never appear in errors or logs.
package httpx
