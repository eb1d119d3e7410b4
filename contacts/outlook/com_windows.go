//go:build windows

package outlook

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"
	"unsafe"

	ole "github.com/go-ole/go-ole"
	"github.com/go-ole/go-ole/oleutil"
	"golang.org/x/sys/windows"
)

// Outlook object model constants and the HRESULTs handled here.
const (
	olFolderContacts = 10 // OlDefaultFolders
	olContactItem    = 2  // OlItemType, a folder's DefaultItemType

	// prAttrHidden is PR_ATTR_HIDDEN, set on Exchange's system contact
	// folders ("Recipient Cache", "GAL Contacts", …) that users never see.
	prAttrHidden = "http://schemas.microsoft.com/mapi/proptag/0x10F4000B"

	sFalse              = 0x00000001 // CoInitializeEx: this thread already had the apartment
	rpcEChangedMode     = 0x80010106 // CoInitializeEx: the thread is multi-threaded already
	rpcECallRejected    = 0x80010001 // Outlook is busy (a modal dialog, a sync)
	rpcERetryLater      = 0x8001010A
	regdbEClassNotReg   = 0x80040154
	coEClassString      = 0x800401F3
	dispEMemberNotFound = 0x80020003
)

// comStore is the live Outlook.
type comStore struct{ start bool }

func newStore(o Options) store { return comStore{start: o.Start} }

// Items runs the walk on a goroutine of its own, locked to its thread:
// a COM apartment belongs to one OS thread and must never see another
// goroutine. It returns when the walk ends or ctx is cancelled; in the
// latter case the walk stops on its own before its next item, since a COM
// call that Outlook keeps waiting cannot be interrupted.
func (c comStore) Items(ctx context.Context, subfolders bool, visit func(total int, it item) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		// Never unlocked: the thread ends with this goroutine instead of
		// going back to the scheduler with whatever COM left on it.
		runtime.LockOSThread()
		done <- c.walk(ctx, subfolders, visit)
	}()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c comStore) walk(ctx context.Context, subfolders bool, visit func(int, item) error) error {
	if err := ole.CoInitializeEx(0, ole.COINIT_APARTMENTTHREADED); err != nil {
		switch hresult(err) {
		case sFalse: // initialised before; still owes one CoUninitialize
			defer ole.CoUninitialize()
		case rpcEChangedMode: // usable as it is, and not ours to uninitialise
		default:
			return fmt.Errorf("initialise COM: %w", err)
		}
	} else {
		defer ole.CoUninitialize()
	}

	app, err := c.connect()
	if err != nil {
		return err
	}
	defer app.Release()
	ns, err := dispatch(ctx, app, ole.DISPATCH_METHOD, "GetNamespace", "MAPI")
	if err != nil {
		return err
	}
	defer ns.Release()
	root, err := dispatch(ctx, ns, ole.DISPATCH_METHOD, "GetDefaultFolder", int32(olFolderContacts))
	if err != nil {
		return err
	}
	folders := []*ole.IDispatch{root}
	defer func() {
		for _, f := range folders {
			f.Release()
		}
	}()
	if subfolders {
		if folders, err = below(ctx, root, folders); err != nil {
			return err
		}
	}

	// Count first, so that progress has a total to show.
	lists := make([]*ole.IDispatch, 0, len(folders))
	defer func() {
		for _, l := range lists {
			l.Release()
		}
	}()
	counts := make([]int, 0, len(folders))
	total := 0
	for _, f := range folders {
		items, err := dispatch(ctx, f, ole.DISPATCH_PROPERTYGET, "Items")
		if err != nil {
			return err
		}
		lists = append(lists, items)
		n, err := intProp(ctx, items, "Count")
		if err != nil {
			return err
		}
		counts = append(counts, n)
		total += n
	}

	ids := map[string]int32{} // DISPIDs, shared by all ContactItems
	for fi, items := range lists {
		for i := 1; i <= counts[fi]; i++ { // Items is 1-based
			if err := ctx.Err(); err != nil {
				return err
			}
			d, err := dispatch(ctx, items, ole.DISPATCH_METHOD, "Item", int32(i))
			var it item = failed{fmt.Errorf("fetch item %d of folder %d: %w", i, fi+1, err)}
			if err == nil {
				it = &comItem{ctx: ctx, d: d, ids: ids}
			}
			err = visit(total, it)
			if d != nil {
				d.Release()
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// connect returns Outlook.Application. CoCreateInstance attaches to the
// running Outlook (it is single-instance); the process check beforehand
// keeps it from starting one unless asked to.
func (c comStore) connect() (*ole.IDispatch, error) {
	clsid, err := ole.CLSIDFromProgID("Outlook.Application")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotInstalled, err)
	}
	if !c.start {
		running, err := outlookRunning()
		if err != nil {
			return nil, fmt.Errorf("look for a running Outlook: %w", err)
		}
		if !running {
			return nil, ErrNotRunning
		}
	}
	unk, err := ole.CreateInstance(clsid, ole.IID_IUnknown)
	if err != nil {
		switch hresult(err) {
		case regdbEClassNotReg, coEClassString:
			return nil, fmt.Errorf("%w: %w", ErrNotInstalled, err)
		}
		return nil, fmt.Errorf("%w: %w", ErrNotRunning, err)
	}
	defer unk.Release()
	app, err := unk.QueryInterface(ole.IID_IDispatch)
	if err != nil {
		return nil, fmt.Errorf("Outlook.Application: %w", err)
	}
	return app, nil
}

// outlookRunning reports whether OUTLOOK.EXE runs in this Windows session;
// on a terminal server other users' Outlooks are of no use to us.
func outlookRunning() (bool, error) {
	var mine uint32
	if err := windows.ProcessIdToSessionId(windows.GetCurrentProcessId(), &mine); err != nil {
		return false, err
	}
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPPROCESS, 0)
	if err != nil {
		return false, err
	}
	defer windows.CloseHandle(snap)
	e := windows.ProcessEntry32{Size: uint32(unsafe.Sizeof(windows.ProcessEntry32{}))}
	for err = windows.Process32First(snap, &e); err == nil; err = windows.Process32Next(snap, &e) {
		if !strings.EqualFold(windows.UTF16ToString(e.ExeFile[:]), "outlook.exe") {
			continue
		}
		var sid uint32
		if windows.ProcessIdToSessionId(e.ProcessID, &sid) == nil && sid == mine {
			return true, nil
		}
	}
	if errors.Is(err, windows.ERROR_NO_MORE_FILES) {
		return false, nil
	}
	return false, err
}

// below appends the visible contact folders under f, depth first.
func below(ctx context.Context, f *ole.IDispatch, out []*ole.IDispatch) ([]*ole.IDispatch, error) {
	subs, err := dispatch(ctx, f, ole.DISPATCH_PROPERTYGET, "Folders")
	if err != nil {
		return out, err
	}
	defer subs.Release()
	n, err := intProp(ctx, subs, "Count")
	if err != nil {
		return out, err
	}
	for i := 1; i <= n; i++ {
		sub, err := dispatch(ctx, subs, ole.DISPATCH_METHOD, "Item", int32(i))
		if err != nil {
			return out, err
		}
		if kind, err := intProp(ctx, sub, "DefaultItemType"); err != nil || kind != olContactItem || hidden(ctx, sub) {
			sub.Release()
			continue
		}
		out = append(out, sub)
		if out, err = below(ctx, sub, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

// hidden reports PR_ATTR_HIDDEN; a folder without the property is visible.
func hidden(ctx context.Context, f *ole.IDispatch) bool {
	pa, err := dispatch(ctx, f, ole.DISPATCH_PROPERTYGET, "PropertyAccessor")
	if err != nil {
		return false
	}
	defer pa.Release()
	v, err := invoke(ctx, pa, ole.DISPATCH_METHOD, "GetProperty", prAttrHidden)
	if err != nil {
		return false
	}
	defer v.Clear()
	h, _ := v.Value().(bool)
	return h
}

// comItem is one item of a folder, valid during its visit.
type comItem struct {
	ctx context.Context
	d   *ole.IDispatch
	ids map[string]int32
}

func (c *comItem) Class() (int, error) { return intProp(c.ctx, c.d, "Class") }

// Get reads a string property through a cached DISPID: looking the name up
// for every property of every contact would double the calls into Outlook,
// which is another process.
func (c *comItem) Get(prop string) (string, error) {
	id, ok := c.ids[prop]
	if !ok {
		var err error
		if id, err = c.d.GetSingleIDOfName(prop); err != nil {
			return "", err
		}
		c.ids[prop] = id
	}
	v, err := retry(c.ctx, func() (*ole.VARIANT, error) { return c.d.Invoke(id, ole.DISPATCH_PROPERTYGET) })
	if hresult(err) == dispEMemberNotFound { // a stale cached ID; ask by name
		delete(c.ids, prop)
		v, err = invoke(c.ctx, c.d, ole.DISPATCH_PROPERTYGET, prop)
	}
	if err != nil {
		return "", err
	}
	defer v.Clear()
	switch v.VT {
	case ole.VT_BSTR:
		return v.ToString(), nil
	case ole.VT_EMPTY, ole.VT_NULL:
		return "", nil
	}
	return "", fmt.Errorf("not a string but variant type %d", v.VT)
}

// failed is an item that could not be fetched.
type failed struct{ err error }

func (f failed) Class() (int, error)        { return 0, f.err }
func (f failed) Get(string) (string, error) { return "", f.err }

// invoke calls the method or reads the property name of d, retrying while
// Outlook is busy.
func invoke(ctx context.Context, d *ole.IDispatch, kind int16, name string, args ...any) (*ole.VARIANT, error) {
	v, err := retry(ctx, func() (*ole.VARIANT, error) {
		if kind == ole.DISPATCH_METHOD {
			return oleutil.CallMethod(d, name, args...)
		}
		return oleutil.GetProperty(d, name, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return v, nil
}

// dispatch calls name on d and returns the object it yields, which the
// caller releases.
func dispatch(ctx context.Context, d *ole.IDispatch, kind int16, name string, args ...any) (*ole.IDispatch, error) {
	v, err := invoke(ctx, d, kind, name, args...)
	if err != nil {
		return nil, err
	}
	r := v.ToIDispatch()
	if r == nil {
		v.Clear()
		return nil, fmt.Errorf("%s: not an object but variant type %d", name, v.VT)
	}
	return r, nil // the variant's reference is now the caller's
}

// intProp reads an integer property (Count, Class, DefaultItemType).
func intProp(ctx context.Context, d *ole.IDispatch, name string) (int, error) {
	v, err := invoke(ctx, d, ole.DISPATCH_PROPERTYGET, name)
	if err != nil {
		return 0, err
	}
	defer v.Clear()
	switch n := v.Value().(type) {
	case int32:
		return int(n), nil
	case int16:
		return int(n), nil
	case int:
		return n, nil
	case uint32:
		return int(n), nil
	}
	return 0, fmt.Errorf("%s: not an integer but variant type %d", name, v.VT)
}

// retry repeats call while Outlook rejects calls because it is busy: with
// no message filter registered COM fails those calls at once.
func retry(ctx context.Context, call func() (*ole.VARIANT, error)) (*ole.VARIANT, error) {
	const tries = 8
	for i := 1; ; i++ {
		v, err := call()
		if err == nil {
			return v, nil
		}
		if v != nil {
			v.Clear()
		}
		if h := hresult(err); (h != rpcECallRejected && h != rpcERetryLater) || i == tries {
			return nil, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(i) * 100 * time.Millisecond):
		}
	}
}

// hresult is the HRESULT of a COM error, 0 for others.
func hresult(err error) uintptr {
	var oe *ole.OleError
	if errors.As(err, &oe) {
		return oe.Code()
	}
	return 0
}
