package ipc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readMessage reads one JSON line of at most MaxMessageSize bytes into v.
// A missing final newline is tolerated (the peer may have closed right
// after writing); nothing at all is errEmpty.
func readMessage(r io.Reader, v any) error {
	buf := make([]byte, 0, 512)
	chunk := make([]byte, 4096)
	for {
		if i := bytes.IndexByte(buf, '\n'); i >= 0 {
			buf = buf[:i]
			break
		}
		if len(buf) >= MaxMessageSize {
			return ErrTooLarge
		}
		n, err := r.Read(chunk[:min(len(chunk), MaxMessageSize+1-len(buf))])
		buf = append(buf, chunk[:n]...)
		if errors.Is(err, io.EOF) {
			if len(bytes.TrimSpace(buf)) == 0 {
				return errEmpty
			}
			if len(buf) > MaxMessageSize {
				return ErrTooLarge
			}
			break
		}
		if err != nil {
			return err
		}
	}
	if err := json.Unmarshal(buf, v); err != nil {
		return fmt.Errorf("malformed message: %w", err)
	}
	return nil
}
