package ui

import (
	"context"
	"errors"

	"deskcti/platform/buswake"
)

// trayWakers wake the napping main loop when the panel talks to the tray
// (see ui/mainloop): Fyne queues a tray menu item's action for the loop by
// itself, so without this the action would wait for the nap to end. Where
// tray clicks do not come over DBus (Windows, macOS), or the bus cannot be
// watched, there is none, and a click waits mainloop.MaxNap at most.
func (d *Desk) trayWakers(ctx context.Context) []<-chan struct{} {
	if !d.inTray {
		return nil
	}
	w, err := buswake.Watch(ctx)
	if err != nil {
		if !errors.Is(err, errors.ErrUnsupported) {
			d.log.Info("tray clicks do not wake the main loop at once", "err", err)
		}
		return nil
	}
	return []<-chan struct{}{w}
}
