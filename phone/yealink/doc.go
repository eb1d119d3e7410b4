// Package yealink drives Yealink desk phones (T2x, T4x, T5x, CP) over their
// Action URI, GET /servlet?key=..., as described in shared/phones.md.
//
// Every request puts key= first and never ends in '&': the phone ignores
// anything else. Each request is sent at most once (see phone/httpx).
//
// Choices where the phone's behaviour is unconfirmed or model dependent:
//
//   - Transfer types the target as keys between two F_TRANSFER presses
//     (blind) or presses OK after the digits to call the target first
//     (attended, completed later by CompleteTransfer, or a second Transfer
//     to the same number, which press F_TRANSFER again). Chained keys with
//     ';' do not work on touch models (T48x, T57W and the other touch
//     screens), so keys go out as separate requests unless Probe has
//     identified a model with a keypad; Options.Chain overrides this. A
//     failure half-way through a sequence of separate requests can leave
//     the phone in transfer mode; the error names the step.
//   - Digits are the keys "0".."9", '*' is sent as "*" (%2A) and '#' as
//     "POUND" (Options.PoundKey), as Yealink's key list names them.
//   - A 403 is ambiguous on Yealink: this PC missing from
//     features.action_uri_limit_ip (Action URI Allow IP List), the "Allow
//     remote control?" prompt not yet accepted on the phone, Action URI
//     disabled (features.action_uri.enable), a lock-out after failed logins,
//     or wrong credentials. The error is phone.KindForbidden with Vendor
//     yealink, so the UI can name every cause.
//   - Probe asks servlet?key=phonecfg=get&accounts=1&dnd=1&fw=1, whose
//     answer format is not documented; the parser takes "Name=value" or
//     "Name: value" lines and skips what it does not know. When that yields
//     neither model nor firmware, Probe asks POST /api/common/info?p=Login
//     with {"idlist":["wui"]}, which newer firmware answers without login.
//   - ConfigureEvents sends nothing: settings can only be written through
//     the web UI's login. It returns a *phone.ManualError with the .cfg
//     lines to paste: the Action URLs and the remote-control settings
//     (Action URI on, this PC in the allow list, no "Allow remote
//     control?" prompt). The driver implements neither phone.EventRemover
//     nor phone.ReachTester: a Yealink can neither report its settings nor
//     fetch a URL on command.
package yealink
