package number

import (
	"sync"
	"sync/atomic"
)

// lazy is a value made on first use, as by sync.OnceValue, for values
// asked for on every number: once it is made, get is one load that the
// compiler inlines, where OnceValue's function is a call.
type lazy[T any] struct {
	build func() *T
	once  sync.Once
	ready atomic.Pointer[T]
}

func newLazy[T any](build func() *T) *lazy[T] { return &lazy[T]{build: build} }

// get returns the value, making it on the first call; nil for a nil lazy.
func (l *lazy[T]) get() *T {
	if l == nil {
		return nil
	}
	if v := l.ready.Load(); v != nil {
		return v
	}
	return l.slow()
}

func (l *lazy[T]) slow() *T {
	l.once.Do(func() { l.ready.Store(l.build()) })
	return l.ready.Load()
}
