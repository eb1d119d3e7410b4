package httpx

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"
)

// digestAlgorithms are the Digest algorithms deskcti answers, strongest
// first; "" is RFC 2069's implicit MD5.
var digestAlgorithms = map[string]func() hash.Hash{
	"SHA-512-256": sha512.New512_256,
	"SHA-256":     sha256.New,
	"MD5":         md5.New,
	"":            md5.New,
}

// digestStrength orders algorithms when a phone offers several challenges.
var digestStrength = map[string]int{"SHA-512-256": 3, "SHA-256": 2, "MD5": 1, "": 1}

// digest is a Digest challenge being answered, with its nonce count.
type digest struct {
	realm, nonce, opaque string
	algorithm            string // as the phone spelt it, echoed back
	base                 string // upper case without "-sess"
	sess                 bool
	qop                  string // "auth", "auth-int" or "" (RFC 2069)
	stale                bool
	nc                   uint32
}

// newDigest reads a Digest challenge; ok is false for one deskcti cannot
// answer (unknown algorithm, only unknown qop values, no nonce).
func newDigest(ch challenge) (*digest, bool) {
	p := ch.params
	d := &digest{realm: p["realm"], nonce: p["nonce"], opaque: p["opaque"], algorithm: p["algorithm"]}
	if d.nonce == "" {
		return nil, false
	}
	alg := strings.ToUpper(d.algorithm)
	d.base, d.sess = strings.CutSuffix(alg, "-SESS")
	if _, ok := digestAlgorithms[d.base]; !ok {
		return nil, false
	}
	if q, ok := p["qop"]; ok {
		for _, v := range strings.Split(q, ",") {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "auth":
				d.qop = "auth" // preferred: needs no body hash
			case "auth-int":
				if d.qop == "" {
					d.qop = "auth-int"
				}
			}
		}
		if d.qop == "" {
			return nil, false // qop offered, but none deskcti knows
		}
	}
	d.stale = strings.EqualFold(p["stale"], "true")
	return d, true
}

// authorize computes the Authorization header for one request and counts
// the nonce use. uri is the request target exactly as sent (path?query).
// cnonce is random unless the caller (a test) passes one.
func (d *digest) authorize(user, password, method, uri string, body []byte, cnonce string) string {
	h := digestAlgorithms[d.base]
	H := func(s string) string {
		x := h()
		x.Write([]byte(s))
		return hex.EncodeToString(x.Sum(nil))
	}
	if cnonce == "" {
		cnonce = newCnonce()
	}
	d.nc++
	nc := fmt.Sprintf("%08x", d.nc)

	ha1 := H(user + ":" + d.realm + ":" + password)
	if d.sess {
		ha1 = H(ha1 + ":" + d.nonce + ":" + cnonce)
	}
	a2 := method + ":" + uri
	if d.qop == "auth-int" {
		bh := h()
		bh.Write(body)
		a2 += ":" + hex.EncodeToString(bh.Sum(nil))
	}
	ha2 := H(a2)
	var response string
	if d.qop == "" {
		response = H(ha1 + ":" + d.nonce + ":" + ha2) // RFC 2069
	} else {
		response = H(ha1 + ":" + d.nonce + ":" + nc + ":" + cnonce + ":" + d.qop + ":" + ha2)
	}

	var b strings.Builder
	b.WriteString("Digest ")
	fmt.Fprintf(&b, `username=%s, realm=%s, nonce=%s, uri=%s`, quote(user), quote(d.realm), quote(d.nonce), quote(uri))
	if d.algorithm != "" {
		b.WriteString(", algorithm=" + d.algorithm)
	}
	b.WriteString(", response=" + quote(response))
	if d.opaque != "" {
		b.WriteString(", opaque=" + quote(d.opaque))
	}
	if d.qop != "" {
		fmt.Fprintf(&b, ", qop=%s, nc=%s, cnonce=%s", d.qop, nc, quote(cnonce))
	} else if d.sess {
		// RFC 2069 knows no -sess; send the cnonce the HA1 used anyway.
		b.WriteString(", cnonce=" + quote(cnonce))
	}
	return b.String()
}

func newCnonce() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read does not fail (Go 1.24+)
	return hex.EncodeToString(b)
}

// quote makes a quoted-string, escaping '"' and '\'.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
