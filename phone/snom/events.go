package snom

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"deskcti/phone"
	"deskcti/phone/httpx"
)

var (
	_ phone.EventRemover = (*Driver)(nil)
	_ phone.ReachTester  = (*Driver)(nil)
)

// A settings save goes out as GET /dummy.htm?settings=save&...: phones and
// proxies on the way cap the request line (some at 2 KiB), so the settings
// are split into requests of at most savePerRequest settings and
// maxSaveQuery bytes of query each (one longer setting still goes alone).
const (
	savePerRequest = 4
	maxSaveQuery   = 1500
)

// setting is one value to write.
type setting struct{ name, value string }

// ConfigureEvents points every Action URL the phone has a setting for
// (phone.SnomEventSettings) at receiverBase, then reads /settings.xml back
// and checks every value. Settings the phone did not take (read-only by
// provisioning, or unknown to its firmware) come back as a
// *phone.ReadOnlyError naming them; the others are written all the same.
func (d *Driver) ConfigureEvents(ctx context.Context, receiverBase string) error {
	const op = "configure events"
	if _, err := phone.CheckReceiverBase(phone.Snom, op, receiverBase); err != nil {
		return err
	}
	var want []setting
	for _, k := range phone.EventKinds {
		if name, ok := phone.SnomEventSettings[k]; ok {
			want = append(want, setting{name, phone.EventURL(receiverBase, phone.Snom, k)})
		}
	}
	return d.writeSettings(ctx, op, want)
}

// RemoveEvents empties the Action URL settings (every setting named
// action_*) whose value points at receiverBase: the base itself, or the
// base followed by '/', '?' or '#'. URLs of other applications stay. It
// verifies like ConfigureEvents; with nothing to clear it writes nothing.
func (d *Driver) RemoveEvents(ctx context.Context, receiverBase string) error {
	const op = "remove events"
	if _, err := phone.CheckReceiverBase(phone.Snom, op, receiverBase); err != nil {
		return err
	}
	cur, err := d.settings(ctx, op)
	if err != nil {
		return err
	}
	var clear []setting
	for name, v := range cur {
		if strings.HasPrefix(name, "action_") && pointsAt(v, receiverBase) {
			clear = append(clear, setting{name: name})
		}
	}
	if len(clear) == 0 {
		return nil
	}
	slices.SortFunc(clear, func(a, b setting) int { return strings.Compare(a.name, b.name) })
	return d.writeSettings(ctx, op, clear)
}

// pointsAt reports whether an Action URL leads to the receiver at base.
func pointsAt(value, base string) bool {
	base = strings.TrimRight(base, "/")
	rest, ok := strings.CutPrefix(strings.TrimSpace(value), base)
	return ok && (rest == "" || strings.ContainsRune("/?#", rune(rest[0])))
}

// FetchURL makes the phone itself GET target: GET /minibrowser.htm?url=...
// The phone fetches in the background and shows what it gets (it expects
// SnomIPPhone XML), so success only means the phone took the order; the
// caller's receiver has to see the request.
func (d *Driver) FetchURL(ctx context.Context, target string) error {
	const op = "fetch url"
	u, err := url.Parse(target)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.ContainsFunc(target, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		// Not quoted back: the URL may carry the receiver's secret token.
		return &phone.Error{Kind: phone.KindOther, Vendor: phone.Snom, Op: op,
			Err: errors.New("the URL for the phone to fetch must be an absolute http:// or https:// URL without blanks")}
	}
	if err := d.refuseD8xx(op); err != nil {
		return err
	}
	_, err = d.get(ctx, op, "/minibrowser.htm", "url="+httpx.QueryEscape(target))
	return err
}

// writeSettings saves want through dummy.htm (see saveQueries), then
// reads settings.xml back: a setting whose value differs (or that is
// missing) is reported in a *phone.ReadOnlyError.
func (d *Driver) writeSettings(ctx context.Context, op string, want []setting) error {
	if err := d.refuseD8xx(op); err != nil {
		return err
	}
	queries := saveQueries(want)
	for i, q := range queries {
		if _, err := d.get(ctx, op, "/dummy.htm", q); err != nil {
			if i == 0 {
				return err
			}
			return fmt.Errorf("snom %s: saving part %d of %d failed, the parts before were saved: %w", op, i+1, len(queries), err)
		}
	}
	got, err := d.settings(ctx, op)
	if err != nil {
		return fmt.Errorf("snom %s: the settings were sent, but reading them back to check them failed: %w", op, err)
	}
	ro := &phone.ReadOnlyError{Vendor: phone.Snom}
	for _, s := range want {
		// Only the value counts: a setting read-only by provisioning
		// (perm="R") that already holds it is fine, and one the phone
		// does not list or stores differently did not take.
		if v, ok := got[s.name]; ok && v == s.value {
			continue
		}
		ro.Settings = append(ro.Settings, s.name)
		ro.Lines = append(ro.Lines, s.name+": "+s.value)
	}
	if len(ro.Settings) > 0 {
		return ro
	}
	return nil
}

// saveQueries builds the raw queries of the dummy.htm requests that save
// ss: settings=save&NAME=VALUE...&store_settings=save (store_settings
// persists them to flash), every value fully percent-encoded ('&' as %26,
// '$' as %24, '/' as %2F) so that no value can be cut into two settings.
func saveQueries(ss []setting) []string {
	var out []string
	var b strings.Builder
	n := 0
	flush := func() {
		if n > 0 {
			out = append(out, "settings=save"+b.String()+"&store_settings=save")
			b.Reset()
			n = 0
		}
	}
	for _, s := range ss {
		piece := "&" + httpx.QueryEscape(s.name) + "=" + httpx.QueryEscape(s.value)
		if n == savePerRequest || (n > 0 && b.Len()+len(piece) > maxSaveQuery) {
			flush()
		}
		b.WriteString(piece)
		n++
	}
	flush()
	return out
}
