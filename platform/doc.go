// Package platform groups deskcti's operating-system integration, one
// sub-package per concern (locale today; hotkey, selection, URL handler,
// autostart and firewall follow). Each sub-package keeps per-OS code in
// per-OS files and never imports deskcti/app or deskcti/ui.
package platform
