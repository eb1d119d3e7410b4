//go:build !windows

package outlook

import "context"

// noStore stands in for COM where there is none.
type noStore struct{}

func newStore(Options) store { return noStore{} }

func (noStore) Items(context.Context, bool, func(int, item) error) error {
	return ErrUnsupported
}
