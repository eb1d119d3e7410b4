package settings

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"deskcti/app"
	"deskcti/app/config"
	"deskcti/app/dialrules"
	"deskcti/app/i18n"
)

// countries are offered in the country field; any other ISO code can be
// typed. Each has a name "settings.country.<code>" in the catalogs.
var countries = []string{"de", "at", "ch", "nl", "be", "lu", "fr", "it", "es", "gb", "ie", "us", "pl", "cz", "dk", "se"}

// sampleNumber is the preview's text until the user types another: the
// notation from the README, with everything a rule has to strip.
const sampleNumber = "+49 (0)221 / 98765-43"

// dialTab edits [dial] and shows what a sample number becomes.
type dialTab struct {
	country, area, outside, ext         *widget.Entry
	countryErr, areaErr, outErr, extErr *widget.Label
	countrySel                          *widget.SelectEntry
	local                               *widget.Check
	sample                              *widget.Entry
	preview                             *widget.Label
}

func newDialTab(d config.Dial) *dialTab {
	t := &dialTab{}
	opts := make([]string, len(countries))
	for i, c := range countries {
		opts[i] = countryOption(c)
	}
	t.countrySel = widget.NewSelectEntry(opts)
	t.country = &t.countrySel.Entry
	t.area, t.outside, t.ext = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	t.area.SetPlaceHolder("221")
	t.outside.SetPlaceHolder("0")
	t.ext.SetPlaceHolder("4")
	t.countryErr, t.areaErr, t.outErr, t.extErr = newErrorLabel(), newErrorLabel(), newErrorLabel(), newErrorLabel()
	t.local = widget.NewCheck(i18n.T("settings.dial.local"), nil)
	t.sample = widget.NewEntry()
	t.preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	t.preview.Wrapping = fyne.TextWrapWord

	code := strings.ToLower(d.Country)
	t.countrySel.SetText(strings.ToUpper(d.Country))
	for _, c := range countries {
		if c == code {
			t.countrySel.SetText(countryOption(c))
		}
	}
	t.area.SetText(d.AreaCode)
	t.outside.SetText(d.OutsideLine)
	if d.MaxExtension != 0 {
		t.ext.SetText(strconv.Itoa(d.MaxExtension))
	}
	t.local.SetChecked(d.LocalWithoutAreaCode)
	t.sample.SetText(sampleNumber)

	update := func(string) { t.update() }
	for _, e := range []*widget.Entry{t.country, t.area, t.outside, t.ext, t.sample} {
		e.OnChanged = update
	}
	t.local.OnChanged = func(bool) { t.update() }
	t.update()
	return t
}

// countryOption is how a country is offered: "DE – Deutschland".
func countryOption(code string) string {
	return strings.ToUpper(code) + " – " + i18n.T("settings.country."+code)
}

func (t *dialTab) title() string { return i18n.T("settings.tab.dial") }

func (t *dialTab) content() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(form(
		label(i18n.T("settings.dial.country")), field(t.countrySel, t.countryErr),
		label(i18n.T("settings.dial.area")), field(t.area, t.areaErr, newHint(i18n.T("settings.dial.area.hint"))),
		label(i18n.T("settings.dial.outside")), field(t.outside, t.outErr, newHint(i18n.T("settings.dial.outside.hint"))),
		label(i18n.T("settings.dial.extension")), field(t.ext, t.extErr, newHint(i18n.T("settings.dial.extension.hint"))),
		label(""), t.local,
	), widget.NewSeparator(), form(
		label(i18n.T("settings.dial.sample")), t.sample,
		label(i18n.T("settings.dial.preview")), t.preview,
	)))
}

// read collects the fields; a longest extension that is no number is an
// error of its own, the rest is for the dial rules to judge.
func (t *dialTab) read() (config.Dial, error) {
	country := strings.TrimSpace(t.country.Text)
	if code, _, ok := strings.Cut(country, " "); ok {
		country = code // "DE – Deutschland"
	}
	d := config.Dial{
		Country:              strings.ToUpper(country),
		AreaCode:             strings.TrimSpace(t.area.Text),
		OutsideLine:          strings.TrimSpace(t.outside.Text),
		LocalWithoutAreaCode: t.local.Checked,
	}
	var err error
	if s := strings.TrimSpace(t.ext.Text); s != "" {
		if d.MaxExtension, err = strconv.Atoi(s); err != nil {
			err = errors.New(i18n.T("settings.dial.extension.invalid", s))
		}
	}
	return d, err
}

// dialFieldErrors runs the dial rules' own validation once per field, with the
// other fields at harmless values, so that each message lands next to the
// field it is about. The area code is judged against the chosen country
// (its rules depend on it); the outside line and extension against any
// valid one ("DE").
func dialFieldErrors(d config.Dial) (country, area, outside, ext error) {
	country = app.RulesOf(config.Dial{Country: d.Country}).Validate()
	if country == nil && d.AreaCode != "" {
		area = app.RulesOf(config.Dial{Country: d.Country, AreaCode: d.AreaCode}).Validate()
	}
	outside = dialrules.Rules{Country: "DE", OutsideLine: d.OutsideLine}.Validate()
	ext = dialrules.Rules{Country: "DE", MaxExtension: d.MaxExtension}.Validate()
	return trimRules(country), trimRules(area), trimRules(outside), trimRules(ext)
}

// trimRules drops the "dial rules: " prefix, which says nothing next to
// the field.
func trimRules(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(strings.TrimPrefix(err.Error(), "dial rules: "))
}

// check shows the fields' errors and returns them.
func (t *dialTab) check() (config.Dial, []error) {
	d, extErr := t.read()
	c, a, o, e := dialFieldErrors(d)
	if extErr != nil {
		e = extErr
	}
	var errs fieldErrors
	errs.check(t.countryErr, c)
	errs.check(t.areaErr, a)
	errs.check(t.outErr, o)
	errs.check(t.extErr, e)
	return d, errs
}

// update recomputes the preview with the rules as they stand.
func (t *dialTab) update() {
	d, errs := t.check()
	sample := strings.TrimSpace(t.sample.Text)
	switch {
	case len(errs) > 0:
		t.preview.SetText(i18n.T("settings.dial.preview.invalid"))
	case sample == "":
		t.preview.SetText("")
	default:
		res, err := app.RulesOf(d).Prepare(sample)
		switch {
		case err != nil:
			t.preview.SetText(sample + " → " + app.Explain(err).Problem)
		case res.Internal:
			t.preview.SetText(sample + " → " + res.Number + " " + i18n.T("settings.dial.preview.internal"))
		default:
			t.preview.SetText(sample + " → " + res.Number)
		}
	}
}

func (t *dialTab) apply(cfg *config.Config) []error {
	d, errs := t.check()
	cfg.Dial = d
	return errs
}
