package snitest

import (
	"strings"
	"sync"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// The names fyne.io/systray uses for the watcher (see its
// systray_unix.go: register and stayRegistered).
const (
	watcherName  = "org.kde.StatusNotifierWatcher"
	watcherPath  = dbus.ObjectPath("/StatusNotifierWatcher")
	watcherIface = "org.kde.StatusNotifierWatcher"
)

// Item is one StatusNotifierItem that registered with the watcher.
type Item struct {
	// Service is the bus name the item lives on, the registering
	// connection's unique name (":1.7") when it registered by path.
	Service string
	// Path is the item's object path, "/StatusNotifierItem" for systray.
	Path dbus.ObjectPath
}

// Watcher is a minimal org.kde.StatusNotifierWatcher: it owns the
// well-known name, accepts RegisterStatusNotifierItem and
// RegisterStatusNotifierHost, announces registrations with the
// StatusNotifierItemRegistered signal and serves the properties
// RegisteredStatusNotifierItems, IsStatusNotifierHostRegistered and
// ProtocolVersion, which is all a tray item (and traydetect) asks for.
type Watcher struct {
	conn  *dbus.Conn
	props *prop.Properties
	reg   chan Item

	mu    sync.Mutex
	items []string
}

// NewWatcher connects to the bus at addr and serves a watcher there until
// the test ends; host is what IsStatusNotifierHostRegistered reports.
func NewWatcher(t testing.TB, addr string, host bool) *Watcher {
	t.Helper()
	conn := Connect(t, addr)
	w := &Watcher{conn: conn, reg: make(chan Item, 16)}
	if err := conn.Export(watcherObject{w}, watcherPath, watcherIface); err != nil {
		t.Fatalf("export watcher: %v", err)
	}
	props, err := prop.Export(conn, watcherPath, prop.Map{watcherIface: {
		"RegisteredStatusNotifierItems":  {Value: []string{}, Emit: prop.EmitTrue},
		"IsStatusNotifierHostRegistered": {Value: host, Emit: prop.EmitTrue},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitTrue},
	}})
	if err != nil {
		t.Fatalf("export watcher properties: %v", err)
	}
	w.props = props
	reply, err := conn.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own %s: reply %v, %v", watcherName, reply, err)
	}
	return w
}

// Connect opens a private connection to the bus at addr, closed when the
// test ends.
func Connect(t testing.TB, addr string) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connect to test bus %s: %v", addr, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// Conn is the watcher's connection, usable by the test as a client, e.g.
// to read an item's properties.
func (w *Watcher) Conn() *dbus.Conn { return w.conn }

// Registered delivers each item as it registers.
func (w *Watcher) Registered() <-chan Item { return w.reg }

// Items lists the registered items as "service/path", like KDE's watcher.
func (w *Watcher) Items() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.items...)
}

// watcherObject carries the DBus methods: conn.Export publishes every
// exported method of the value, so Watcher's own API must stay off it.
type watcherObject struct{ w *Watcher }

// RegisterStatusNotifierItem is the watcher method items call. service is
// a bus name or, as systray sends it, an object path on the caller.
func (o watcherObject) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	it := Item{Service: service, Path: "/StatusNotifierItem"}
	if strings.HasPrefix(service, "/") {
		it = Item{Service: string(sender), Path: dbus.ObjectPath(service)}
	}
	name := it.Service + string(it.Path)
	o.w.mu.Lock()
	o.w.items = append(o.w.items, name)
	items := append([]string(nil), o.w.items...)
	o.w.mu.Unlock()
	o.w.props.SetMust(watcherIface, "RegisteredStatusNotifierItems", items)
	_ = o.w.conn.Emit(watcherPath, watcherIface+".StatusNotifierItemRegistered", name)
	select {
	case o.w.reg <- it:
	default: // nobody is waiting for that many registrations
	}
	return nil
}

// RegisterStatusNotifierHost is the watcher method panels call.
func (o watcherObject) RegisterStatusNotifierHost(service string) *dbus.Error {
	o.w.props.SetMust(watcherIface, "IsStatusNotifierHostRegistered", true)
	return nil
}
