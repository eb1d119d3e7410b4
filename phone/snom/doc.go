// Package snom drives snom desk phones (D1xx, D3xx, D7xx and the legacy
// 3xx/7xx) over their remote-control page command.htm, as described in
// shared/phones.md.
//
// Every command is one GET through phone/httpx, so it is sent at most once.
// The phone answers 302 to index.htm when it accepted a command; that is
// success.
//
// Choices where the phone's behaviour is unconfirmed or has no direct
// command:
//
//   - Hold presses F_HOLD, or F_R on firmware before 8. The firmware is
//     read once from /settings.xml (by Probe, or lazily on the first Hold
//     or attended transfer) and cached. Resuming is the same key again.
//   - A blind transfer is one chained request TRANSFER;digits;ENTER. An
//     attended transfer is two steps: Transfer(ctx, n, true) holds the call
//     and dials n (F_HOLD;digits;ENTER); CompleteTransfer, or a second
//     Transfer to the same number, presses TRANSFER to join the two calls
//     once the target has answered. Hangup drops the pending consultation
//     from the driver's memory. Transfer targets are typed as keys, so they
//     may only contain 0-9, '*' and '#'.
//   - snom has no DND on/off command, only the DND toggle key. SetDND reads
//     the setting dnd_mode from /settings.xml and presses DND only when the
//     state differs. Where the phone does not report dnd_mode, the driver
//     falls back to the state it set itself or was told about with
//     ObserveDND (feed it the dnd_on/dnd_off events); when that is unknown
//     too it presses DND, which toggles, assuming the phone was in the
//     other state.
//   - A D8xx has no command.htm. A 404 from command.htm or settings.xml
//     leads to GET /, and a "Phone Manager" title there marks the phone as
//     unsupported (phone.KindUnsupportedModel); the driver remembers it and
//     refuses every later command without sending it.
//   - ConfigureEvents writes the Action URLs with
//     GET /dummy.htm?settings=save&...&store_settings=save, at most four
//     settings (and 1500 bytes of query) a request, every value fully
//     percent-encoded, then reads settings.xml back: what the phone did not
//     take (read-only by provisioning, or unknown to the firmware) comes
//     back as a *phone.ReadOnlyError with the provisioning lines.
//     RemoveEvents empties only the action_* settings that point at
//     deskcti's receiver. FetchURL (GET /minibrowser.htm?url=...) makes the
//     phone fetch a URL itself, the proof that it reaches the PC.
package snom
