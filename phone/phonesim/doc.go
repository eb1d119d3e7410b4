// Package phonesim emulates the HTTP interfaces of snom and Yealink desk
// phones, as described in shared/phones.md, so that the drivers, the CLI and
// the demo can be exercised without hardware.
//
// One Sim is one phone. It answers the remote-control requests (snom
// command.htm, Yealink servlet?key=), keeps a small call model (calls,
// hold, transfer, DND), fires the phone's Action URLs at the URLs stored in
// its settings, and records every request byte-exact so that tests can
// assert what a driver sent. Faults a real network shows are switchable:
// slow answers, hung phones, wrong credentials, 403s, lock-outs, the
// Yealink "Allow remote control?" prompt, the snom D8xx without
// command.htm, and TLS certificates that change. A snom also fetches URLs
// on command (minibrowser.htm), and LoadConfig applies provisioning text
// (Yealink .cfg lines, snom XML or text setting lines) as if the
// provisioning server had sent it.
//
// Where shared/phones.md marks a behaviour as unconfirmed, the emulator
// implements the documented variant and says so in the comment of the code
// that does it. Everything the emulator invents (the phonecfg text format,
// for instance) is documented as its own assumption, not as phone fact.
package phonesim
