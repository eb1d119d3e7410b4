// Package outlook reads the contacts of the desktop Outlook the user is
// logged on to, live through its COM object model (Windows only):
// Outlook.Application → GetNamespace("MAPI") → GetDefaultFolder(Contacts)
// → Items, optionally with the contact folders below it. Every ContactItem
// with at least one of its thirteen telephone and fax numbers becomes a
// contacts.Contact; distribution lists are skipped. OpenURI is
// "outlook:" + EntryID, Outlook's own URL protocol.
//
// The mapping from Outlook properties to contacts lives in outlook.go,
// behind a small store/item interface, and is unit-tested on every system
// with a fake store. The COM part (com_windows.go) is only testable on
// Windows with Outlook installed and a profile set up; it is cross-compiled
// and vetted for Windows but was NOT run here. On other systems Load
// returns ErrUnsupported.
//
// COM runs on a goroutine of its own, locked to its OS thread for its whole
// life, in a single-threaded apartment (CoInitializeEx with
// COINIT_APARTMENTTHREADED) that is uninitialised before the goroutine ends;
// the thread is then discarded rather than handed back to the scheduler.
// Outlook is only attached to when OUTLOOK.EXE runs in the user's session,
// unless Options.Start asks to launch it. The "new Outlook" (olk.exe) has
// no COM interface; with it alone Load reports ErrNotInstalled or
// ErrNotRunning.
package outlook
