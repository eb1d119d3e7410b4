package yealink

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"deskcti/phone"
)

// phonecfgQuery asks for firmware, accounts and DND (no literal brackets,
// see shared/phones.md).
const phonecfgQuery = "key=phonecfg=get&accounts=1&dnd=1&fw=1"

// Probe asks the phone for its configuration over the Action URI, which
// also proves that remote control is allowed (a 403 here is the allow
// list, the prompt or Action URI disabled). When the answer names neither
// model nor firmware, the login page's info API fills them in. The model
// is remembered for deciding whether keys may be chained.
func (d *Driver) Probe(ctx context.Context) (phone.Info, error) {
	const op = "probe"
	info := phone.Info{Vendor: phone.Yealink}
	resp, err := d.c.Get(ctx, op, d.o.ServletPath, phonecfgQuery)
	info.Fingerprint = d.c.PeerFingerprint()
	if err != nil {
		return info, explain(err)
	}
	cfg := parsePhonecfg(string(resp.Body))
	info.Model, info.Firmware, info.MAC, info.Accounts = cfg.Model, cfg.Firmware, cfg.MAC, cfg.Accounts
	if info.Model == "" && info.Firmware == "" {
		// Best effort: the probe already succeeded, so a failure here
		// only leaves model and firmware unknown.
		if wi, err := d.webInfo(ctx, op); err == nil {
			info.Model, info.Firmware = wi.Model, wi.Firmware
			if info.MAC == "" {
				info.MAC = wi.MAC
			}
		}
	}
	if info.Model != "" {
		d.mu.Lock()
		d.model = info.Model
		d.mu.Unlock()
	}
	return info, nil
}

// webInfo asks POST /api/common/info?p=Login {"idlist":["wui"]}.
func (d *Driver) webInfo(ctx context.Context, op string) (phonecfg, error) {
	resp, err := d.c.Post(ctx, op, "/api/common/info", "p=Login", "application/json", []byte(`{"idlist":["wui"]}`))
	if err != nil {
		return phonecfg{}, err
	}
	return parseWebInfo(resp.Body)
}

// phonecfg is what the phone tells about itself.
type phonecfg struct {
	Model, Firmware, MAC string
	Accounts             []string
	DND                  string // "0"/"1" as reported, "" when absent
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

var accountKey = regexp.MustCompile(`^(account|line|sipaccount)[0-9]+$`)

// parsePhonecfg reads the answer to phonecfg=get. Its format is not
// documented; phonesim answers "Name=value" lines ("Model=SIP-T46U",
// "Account1=201@pbx Registered"). The parser accepts '=' or ':' as
// separator, any letter case, blanks or '_' inside names, HTML markup (a
// tag ends a line), and skips lines it does not know.
func parsePhonecfg(body string) phonecfg {
	var cfg phonecfg
	body = htmlTag.ReplaceAllString(strings.ReplaceAll(body, "\r", "\n"), "\n")
	for line := range strings.SplitSeq(body, "\n") {
		i := strings.IndexAny(line, "=:")
		if i <= 0 {
			continue
		}
		name := normalizeName(line[:i])
		value := strings.TrimSpace(line[i+1:])
		if value == "" {
			continue
		}
		switch {
		case name == "model" || name == "phonemodel" || name == "devicemodel" || name == "phonetype" || name == "productname":
			setOnce(&cfg.Model, value)
		case name == "firmware" || name == "fw" || name == "firmwareversion" || name == "fwversion":
			setOnce(&cfg.Firmware, value)
		case name == "mac" || name == "macaddress":
			setOnce(&cfg.MAC, value)
		case name == "dnd":
			setOnce(&cfg.DND, value)
		case accountKey.MatchString(name):
			// "201@pbx.example Registered": the identity is the first word.
			id := strings.FieldsFunc(value, func(r rune) bool { return r == ' ' || r == '\t' || r == ',' || r == ';' })
			if len(id) > 0 && !strings.EqualFold(id[0], "unregistered") {
				cfg.Accounts = append(cfg.Accounts, id[0])
			}
		}
	}
	return cfg
}

func normalizeName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "_", "", "-", "", ".", "").Replace(s)
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// parseWebInfo reads {"ret":"ok","data":{"wui.device.phoneName":...,
// "firmware":...,"mac":...}}, tolerating other keys, nested objects and
// non-string values.
func parseWebInfo(body []byte) (phonecfg, error) {
	var doc struct {
		Data map[string]any `json:"data"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return phonecfg{}, err
	}
	flat := map[string]string{}
	flatten("", doc.Data, flat)
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys) // deterministic when several keys fit
	var cfg phonecfg
	for _, k := range keys {
		n, v := normalizeName(k), flat[k]
		switch {
		case strings.HasSuffix(n, "phonename") || strings.HasSuffix(n, "model"):
			setOnce(&cfg.Model, v)
		case strings.HasSuffix(n, "firmware") || strings.HasSuffix(n, "firmwareversion"):
			setOnce(&cfg.Firmware, v)
		case strings.HasSuffix(n, "mac"):
			setOnce(&cfg.MAC, v)
		}
	}
	return cfg, nil
}

// flatten turns nested JSON objects into dotted keys with string values.
func flatten(prefix string, v any, out map[string]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			name := k
			if prefix != "" {
				name = prefix + "." + k
			}
			flatten(name, x, out)
		}
	case string:
		if s := strings.TrimSpace(t); s != "" {
			out[prefix] = s
		}
	}
}
