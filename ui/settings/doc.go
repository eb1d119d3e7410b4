// Package settings is deskcti's settings window and its first-run wizard.
//
// The window edits a copy of config.Config in six tabs (phone, receiver,
// dial rules, contacts, actions, general). Save checks every field and
// app.Validate, shows all problems at once next to the fields and in a
// summary, and only then stores passwords (Handlers.SetPassword, never in
// the Config), switches autostart and hands the Config to Handlers.Save.
// Cancel discards. The wizard (NewWizard) walks a new user through phone →
// test → contacts → done with the same fields.
//
// The package knows nothing of the running app: everything it needs comes
// through Handlers, so that the glue (package ui) wires it to app and tests
// wire fakes. Sample builds the window with sample data for screenshots.
package settings
