// Package testdialog is the Test window (seed 003, steps 11-21): it runs
// the connection test and shows every step as it finishes, with a mark
// (✓ passed, ✗ failed, – skipped, · not applicable, ! warning), what was
// found and, for a failure or warning, what to do. After the phone half
// passes it points the phone's Action URLs at this PC (or shows the lines
// to paste), then checks that the phone's events can arrive: receiver,
// firewall, the phone fetching a test URL. Buttons open the firewall port,
// open the test page in the browser, and run the test again.
//
// The dialog knows nothing of app.Service: it gets functions in Handlers,
// which package ui wires to the service and tests to fakes. Sample and
// SampleFailed build finished dialogs without any backend, for screenshots.
package testdialog
