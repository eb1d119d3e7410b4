// Package receiver is the Action-URL receiver: the small HTTP server on the
// PC that snom and Yealink desk phones call when something happens (a call
// rings, is answered, ends), turning each request into a phone.Event.
//
// # URL scheme
//
// The phones are given the URLs phone.EventURL builds from BaseURL:
//
//	GET  /[TOKEN/]event/<kind>?v=snom&call_id=…&remote=…&display=…&local=…&user=…&reason=…
//	POST /[TOKEN/]event/<kind>   the same parameters as a form body (some firmware)
//	GET  /  and  /TOKEN/         test page: "<TAPI>Receive OK</TAPI>"
//	GET  /[TOKEN/]probe/<id>     one-time "can the phone reach us?" URL (ExpectProbe)
//	GET  /status                 Stats as JSON, to 127.0.0.1 and ::1 only
//
// <kind> is a phone.EventKind ("incoming", "connected", …). An event is
// answered 200 "OK" as soon as it is queued on Events; the handler does no
// other work. Status codes: 400 unknown kind or a POST body that is not a
// form; 403 refused (address, token, cross-site browser request); 404
// anything else; 405 wrong method; 413 body or 431 request line and
// headers over Config.MaxRequestBytes; 429 over the peer's rate; 503 the
// Events queue is full. Parameters are parsed leniently (see Parse):
// unexpanded "$variables" become empty, Latin-1 bytes are read as
// Windows-1252, SIP URIs and "anonymous" are kept for contacts/number.
//
// The receiver passes events on in arrival order. Phones open a new
// connection per event, so the 2-5 events of one call may arrive out of
// order, and a phone may repeat one: ordering them by call state and
// dropping duplicates is the consumer's job (app's call tracker).
//
// # Security model
//
// The receiver listens on the LAN (0.0.0.0:8080 by default, falling back
// to the next port when it is taken), so it must assume hostile peers:
//
//   - Access control comes first: a peer outside Config.Allow, or inside
//     Config.Deny (deny wins), gets 403 and its request is neither parsed
//     nor queued. An empty Allow means loopback only; the application adds
//     the phone's address. IPv4-mapped IPv6 peers are matched as IPv4. The
//     test page is subject to the same lists, so a browser on a refused
//     address sees 403: the page proves "this address may send events",
//     not merely "the port is open". Only /status ignores the lists; it
//     answers 127.0.0.1 and ::1 only, and only with a loopback Host header
//     (against DNS rebinding).
//   - An optional secret path token (Config.Token) makes event URLs
//     unguessable for peers inside the allowed range (a shared office
//     subnet); a missing or wrong token is 403. The token is never logged
//     or shown in Stats; BaseURL contains it and must be treated as secret.
//   - A request a browser sends for another site's page (Sec-Fetch-Site
//     cross-site or same-site) is refused, so that a web page cannot fake
//     call events through the loopback default. Phones send no such header.
//   - Resource bounds: per-peer token-bucket rate limit (429), request size
//     limit, server read/write/idle timeouts, at most MaxConnsPerPeer open
//     connections per address, values cut to MaxValueBytes, at most
//     MaxExtra extra parameters, a QueueSize event queue that answers 503
//     rather than block, and a diagnostics table of at most MaxPeers peers.
//
// Plain HTTP is deliberate: the phones' Action URLs do not verify
// certificates, so TLS would protect against passive sniffing only, and the
// events carry no secret but the token.
//
// # Diagnostics
//
// Stats keeps, per peer as a PBX's TAPI diagnostics page does, how many
// requests were received, refused and failed, when the peer was last seen
// and the last reason for a refusal or failure, plus totals.
package receiver
