package firewall

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// fwdZone is one zone of `firewall-cmd --list-all-zones`.
type fwdZone struct {
	name              string
	isDefault, active bool
	fields            map[string][]string // "target", "interfaces", "ports", "rich rules", ...
}

func (z fwdZone) list(key string) []string { return z.fields[key] }

func (z fwdZone) value(key string) string {
	if v := z.fields[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// parseFirewalldZones reads `firewall-cmd --list-all-zones`: a header line
// per zone ("public (default, active)"), then indented "key: values" lines;
// rich rules and forward ports follow their key on lines of their own,
// indented with a tab.
func parseFirewalldZones(out string) []fwdZone {
	var zones []fwdZone
	var z *fwdZone
	lastKey := ""
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if line[0] != ' ' && line[0] != '\t' {
			name, flags, _ := strings.Cut(line, " ")
			zones = append(zones, fwdZone{name: name, fields: map[string][]string{},
				isDefault: strings.Contains(flags, "default"), active: strings.Contains(flags, "active")})
			z, lastKey = &zones[len(zones)-1], ""
			continue
		}
		if z == nil {
			continue
		}
		if key, val, ok := strings.Cut(strings.TrimSpace(line), ":"); ok && line[0] == ' ' && !strings.Contains(key, "=") {
			lastKey = key
			if key == "rich rules" || key == "forward-ports" {
				if v := strings.TrimSpace(val); v != "" {
					z.fields[key] = append(z.fields[key], v)
				}
				continue
			}
			z.fields[key] = strings.Fields(val)
			continue
		}
		if lastKey != "" { // a continuation line: one rich rule
			z.fields[lastKey] = append(z.fields[lastKey], strings.TrimSpace(line))
		}
	}
	return zones
}

// servicePorts resolves a firewalld service name to its ports; ok is false
// when the service file cannot be read.
type servicePorts func(name string) (ps portSet, ok bool)

// judgeZone decides whether zone z lets a new TCP connection to port in.
// firewalld orders a zone's rules as deny rich rules, then allow rich
// rules, ports and services, then the zone target.
func judgeZone(z fwdZone, port int, svc servicePorts) (Verdict, []Note) {
	if z.value("target") == "ACCEPT" {
		return Open, []Note{note(keyZoneAcceptsAll, z.name)}
	}
	var allow []Note
	for _, rr := range z.list("rich rules") {
		act, matches, conds := richRule(rr, port, svc)
		if !matches {
			continue
		}
		if act == actDrop && len(conds) == 0 {
			return Blocked, []Note{note(keyZoneRichBlocks, rr, z.name)}
		}
		if act == actAccept && allow == nil {
			allow = []Note{note(keyZoneRichAllows, rr, z.name)}
			if len(conds) > 0 {
				allow = append(allow, note(keyOnly, strings.Join(conds, ", ")))
			}
		}
	}
	for _, p := range z.list("ports") {
		if pp, proto, _ := strings.Cut(p, "/"); proto == "tcp" {
			if ps, ok := parsePorts(pp, ",", "-"); ok && ps.contains(port) && allow == nil {
				allow = []Note{note(keyZoneOpensPort, z.name, p)}
			}
		}
	}
	var unread []string
	for _, s := range z.list("services") {
		ps, ok := svc(s)
		if !ok {
			unread = append(unread, s)
		} else if ps.contains(port) && allow == nil {
			allow = []Note{note(keyZoneServiceOpens, s, z.name)}
		}
	}
	if allow != nil {
		return Open, allow
	}
	if t := z.value("target"); t == "DROP" || t == "%%REJECT%%" || t == "REJECT" || t == "default" || t == "" {
		if len(unread) > 0 {
			return Unknown, []Note{note(keyZoneNotOpenUnless, z.name, strings.Join(unread, ", "))}
		}
		return Blocked, []Note{note(keyZoneNotOpen, z.name)}
	}
	return Unknown, []Note{note(keyZoneTarget, z.name, z.value("target"))}
}

// richRule reads a rich rule such as
// rule family="ipv4" source address="192.168.1.0/24" port port="8080" protocol="tcp" accept
func richRule(rr string, port int, svc servicePorts) (act action, matches bool, conds []string) {
	t := splitArgs(strings.NewReplacer(`="`, `=`, `" `, ` `).Replace(rr + " "))
	kv := func(i int, key string) string {
		if i < len(t) {
			if v, ok := strings.CutPrefix(t[i], key+"="); ok {
				return v
			}
		}
		return ""
	}
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case "family=ipv6":
			return actNone, false, nil
		case "source", "destination":
			if a := kv(i+1, "address"); a != "" {
				conds = append(conds, t[i]+" "+a)
				i++
			}
		case "port":
			p, proto := kv(i+1, "port"), kv(i+2, "protocol")
			ps, ok := parsePorts(p, ",", "-")
			if proto != "tcp" || !ok || !ps.contains(port) {
				return actNone, false, nil
			}
			matches = true
			i += 2
		case "service":
			ps, ok := svc(kv(i+1, "name"))
			if !ok || !ps.contains(port) {
				return actNone, false, nil
			}
			matches = true
			i++
		case "accept":
			act = actAccept
		case "drop", "reject":
			act = actDrop
		}
	}
	return act, matches, conds
}

// fwdService is the XML service definition (/usr/lib/firewalld/services).
type fwdService struct {
	Ports []struct {
		Protocol string `xml:"protocol,attr"`
		Port     string `xml:"port,attr"`
	} `xml:"port"`
	Includes []struct {
		Service string `xml:"service,attr"`
	} `xml:"include"`
}

// firewalldServices reads service definitions: a user's file in
// /etc/firewalld/services overrides the shipped one. Reading the files is
// faster than one firewall-cmd (a Python start) per service, and needs no
// rights.
func firewalldServices(read func(string) ([]byte, error)) servicePorts {
	var resolve func(name string, depth int) (portSet, bool)
	resolve = func(name string, depth int) (portSet, bool) {
		if name == "" || strings.ContainsAny(name, "/\\") || depth > 4 {
			return nil, false
		}
		var data []byte
		var err error
		for _, dir := range []string{"/etc/firewalld/services/", "/usr/lib/firewalld/services/"} {
			if data, err = read(dir + name + ".xml"); err == nil {
				break
			}
		}
		if err != nil {
			return nil, false
		}
		var def fwdService
		if xml.Unmarshal(data, &def) != nil {
			return nil, false
		}
		var ps portSet
		for _, p := range def.Ports {
			if p.Protocol != "tcp" {
				continue
			}
			if more, ok := parsePorts(p.Port, ",", "-"); ok {
				ps = append(ps, more...)
			}
		}
		for _, inc := range def.Includes {
			if more, ok := resolve(inc.Service, depth+1); ok {
				ps = append(ps, more...)
			}
		}
		return ps, true
	}
	return func(name string) (portSet, bool) { return resolve(name, 0) }
}

// defaultRouteInterface reads /proc/net/route: the interface of the default
// route with the lowest metric is where the LAN, and so the phone, is.
func defaultRouteInterface(table string) string {
	best, bestMetric := "", -1
	for _, line := range strings.Split(table, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 8 || f[1] != "00000000" || f[7] != "00000000" {
			continue
		}
		m, err := strconv.Atoi(f[6])
		if err == nil && (bestMetric < 0 || m < bestMetric) {
			best, bestMetric = f[0], m
		}
	}
	return best
}

// relevantZone picks the zone of the interface the phone most likely comes
// in on, else the default zone.
func relevantZone(zones []fwdZone, iface string) (fwdZone, bool) {
	var def *fwdZone
	for i, z := range zones {
		for _, in := range z.list("interfaces") {
			if in == iface && iface != "" {
				return z, true
			}
		}
		if z.isDefault {
			def = &zones[i]
		}
	}
	if def == nil {
		return fwdZone{}, false
	}
	return *def, true
}
