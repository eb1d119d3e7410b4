package httpx

import (
	"fmt"
	"strings"
)

// requestTarget joins path and raw query into the request target that goes
// on the wire (and into a Digest uri=). Both must already be encoded:
// nothing here encodes, because the phones care about the exact bytes. A
// byte that cannot stand in a path or query unencoded is refused, so that
// a driver bug shows up as an error instead of a request the phone
// misreads ('#' would cut the query off as a fragment).
func requestTarget(path, rawQuery string) (string, error) {
	if !strings.HasPrefix(path, "/") {
		return "", fmt.Errorf("request path %q must start with '/'", path)
	}
	if err := checkEncoded(path, "/"); err != nil {
		return "", fmt.Errorf("request path %q: %w", path, err)
	}
	if rawQuery == "" {
		return path, nil
	}
	if err := checkEncoded(rawQuery, "/?"); err != nil {
		return "", fmt.Errorf("request query %q: %w", rawQuery, err)
	}
	return path + "?" + rawQuery, nil
}

// checkEncoded accepts RFC 3986 pchar plus extra: unreserved, sub-delims,
// ':' '@' and well-formed %XX escapes.
func checkEncoded(s, extra string) error {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@", c) >= 0, strings.IndexByte(extra, c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHexByte(s[i+1]) || !isHexByte(s[i+2]) {
				return fmt.Errorf("bad percent escape at offset %d", i)
			}
			i += 2
		default:
			return fmt.Errorf("byte %q at offset %d must be percent-encoded", c, i)
		}
	}
	return nil
}

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
