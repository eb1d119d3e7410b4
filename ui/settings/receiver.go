package settings

import (
	"errors"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"deskcti/app/config"
	"deskcti/app/i18n"
	"deskcti/phone/receiver"
)

// defaultListenHost and defaultPort stand in when the file has no listen
// address: every interface, so that the phone reaches the PC whichever
// network it is in, on the port phones are usually pointed at.
const (
	defaultListenHost = "0.0.0.0"
	defaultPort       = "8080"
)

// receiverTab edits [receiver]: the port, the address the phone is told,
// who may send events.
type receiverTab struct {
	listenHost string // kept as the file has it; only the port is shown

	port        *widget.Entry
	portErr     *widget.Label
	host        *widget.Select
	hosts       []string // host values in the select's order; "" is automatic
	allow, deny *widget.Entry
	allowErr    *widget.Label
	denyErr     *widget.Label
	removeExit  *widget.Check
}

func newReceiverTab(h *Handlers, r config.Receiver) *receiverTab {
	t := &receiverTab{listenHost: defaultListenHost}
	t.port = widget.NewEntry()
	t.portErr = newErrorLabel()
	t.hosts = hostChoices(h.LocalAddrs, r.Host)
	names := make([]string, len(t.hosts))
	for i, v := range t.hosts {
		names[i] = v
		if v == "" {
			names[i] = i18n.T("settings.receiver.host.auto")
		}
	}
	t.host = widget.NewSelect(names, nil)
	t.allow, t.deny = widget.NewMultiLineEntry(), widget.NewMultiLineEntry()
	t.allow.SetPlaceHolder("192.168.1.0/24")
	t.deny.SetPlaceHolder("192.168.1.99")
	t.allow.SetMinRowsVisible(3)
	t.deny.SetMinRowsVisible(3)
	t.allowErr, t.denyErr = newErrorLabel(), newErrorLabel()
	t.removeExit = widget.NewCheck(i18n.T("settings.receiver.remove-on-exit"), nil)

	host, port, err := net.SplitHostPort(r.Listen)
	switch {
	case err == nil:
		t.listenHost = host
	case strings.TrimSpace(r.Listen) == "":
		port = defaultPort
	default:
		port = r.Listen // a bare port, or something to correct
	}
	t.port.SetText(port)
	t.host.SetSelectedIndex(max(slices.Index(t.hosts, r.Host), 0))
	t.allow.SetText(strings.Join(r.Allow, "\n"))
	t.deny.SetText(strings.Join(r.Deny, "\n"))
	t.removeExit.SetChecked(r.RemoveOnExit)
	// Check the lists as the user types, so a wrong line shows at once.
	t.allow.OnChanged = func(s string) { showError(t.allowErr, checkPrefixes(s)) }
	t.deny.OnChanged = func(s string) { showError(t.denyErr, checkPrefixes(s)) }
	return t
}

// hostChoices are "automatic", this PC's usable addresses (IPv4 first) and
// the configured host if it is none of them. Loopback and link-local
// addresses (169.254.x.x) are left out: a phone can never reach them.
func hostChoices(local func() []netip.Addr, current string) []string {
	var addrs []netip.Addr
	if local != nil {
		for _, a := range local() {
			a = a.Unmap()
			if a.IsValid() && !a.IsLoopback() && !a.IsLinkLocalUnicast() && !a.IsUnspecified() && !a.IsMulticast() {
				addrs = append(addrs, a)
			}
		}
	}
	slices.SortStableFunc(addrs, func(a, b netip.Addr) int {
		switch {
		case a.Is4() == b.Is4():
			return 0
		case a.Is4():
			return -1
		}
		return 1
	})
	out := []string{""}
	for _, a := range addrs {
		if s := a.String(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if current != "" && !slices.Contains(out, current) {
		out = append(out, current)
	}
	return out
}

func (t *receiverTab) title() string { return i18n.T("settings.tab.receiver") }

func (t *receiverTab) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(form(
		label(i18n.T("settings.receiver.port")), field(t.port, t.portErr, newHint(i18n.T("settings.receiver.port.hint"))),
		label(i18n.T("settings.receiver.host")), field(t.host, newHint(i18n.T("settings.receiver.host.hint"))),
		label(i18n.T("settings.receiver.allow")), field(t.allow, t.allowErr, newHint(i18n.T("settings.receiver.allow.hint"))),
		label(i18n.T("settings.receiver.deny")), field(t.deny, t.denyErr, newHint(i18n.T("settings.receiver.deny.hint"))),
		label(""), t.removeExit,
	)))
}

func (t *receiverTab) apply(cfg *config.Config) []error {
	var errs fieldErrors
	r := &cfg.Receiver
	port := strings.TrimSpace(t.port.Text)
	n, err := strconv.Atoi(port)
	switch {
	case err != nil || n < 1 || n > 65535:
		errs.check(t.portErr, errors.New(i18n.T("settings.receiver.port.invalid", port)))
	case n < 1024:
		// Refused by most systems without administrator rights; the
		// receiver says so when it starts, so only a warning here.
		showError(t.portErr, errors.New(i18n.T("settings.receiver.port.privileged")))
	default:
		showError(t.portErr, nil)
	}
	r.Listen = net.JoinHostPort(t.listenHost, port)
	r.Host = t.hosts[max(t.host.SelectedIndex(), 0)]
	r.Allow, r.Deny = lines(t.allow.Text), lines(t.deny.Text)
	errs.check(t.allowErr, checkPrefixes(t.allow.Text))
	errs.check(t.denyErr, checkPrefixes(t.deny.Text))
	r.RemoveOnExit = t.removeExit.Checked
	return errs
}

// checkPrefixes checks each line of an allow or deny list the way the
// receiver will read it, naming the line.
func checkPrefixes(text string) error {
	var errs []error
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if _, err := receiver.ParsePrefix(l); err != nil {
			errs = append(errs, errors.New(i18n.T("settings.receiver.line", i+1, err)))
		}
	}
	return joinLines(errs)
}
