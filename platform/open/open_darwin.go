//go:build darwin

package open

import "context"

// system hands u to Launch Services through /usr/bin/open, which returns as
// soon as the handling application has it. The absolute path keeps a
// program called "open" earlier in PATH out of the way.
func system(ctx context.Context, u string) error {
	return start(ctx, "/usr/bin/open", u)
}
