package ui

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newSerialApp is test.NewTempApp whose fyne.Do and fyne.DoAndWait run
// one at a time, as the GLFW driver's main loop runs them in the real
// app. fyne/test runs them at once on the calling goroutine, so two
// goroutines' updates (a phone event and the end of a button's request)
// could repaint a window at the same time and leave it torn. A Do nested
// in a Do runs at once, as it would on the main goroutine.
func newSerialApp(t *testing.T) fyne.App {
	a := serialApp{App: test.NewTempApp(t)}
	a.drv = &serialDriver{Driver: a.App.Driver()}
	fyne.SetCurrentApp(a)
	return a
}

type serialApp struct {
	fyne.App
	drv *serialDriver
}

func (a serialApp) Driver() fyne.Driver { return a.drv }

type serialDriver struct {
	fyne.Driver
	mu    sync.Mutex
	owner atomic.Uint64 // goroutine running a function now, 0 for none
}

func (d *serialDriver) DoFromGoroutine(f func(), wait bool) {
	id := goroutineID()
	if d.owner.Load() == id {
		f()
		return
	}
	d.mu.Lock()
	d.owner.Store(id)
	defer func() {
		d.owner.Store(0)
		d.mu.Unlock()
	}()
	f()
}

// goroutineID reads the running goroutine's number from its stack
// header ("goroutine 42 [running]:"); tests only.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
