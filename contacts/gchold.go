package contacts

import (
	"runtime/debug"
	"sync"
)

// Loading a large address book allocates a great deal, all of which stays
// live until the load is done: the text, the contacts, the index. A
// garbage collection during it finds nothing to free, yet it marks the
// whole heap (most of it the phone-number metadata, many small objects),
// and while it marks, every pointer written passes a write barrier: on
// 10 k contacts that was a third of the CPU time of a load. So a large
// load holds collections off until it is done, and the collection then
// runs after the index answers calls instead of before.

var gcHold struct {
	sync.Mutex
	holders int
	percent int // GOGC as it was before the first holder
}

// HoldGC holds garbage collections off until every caller has called the
// release it returns (more than once is harmless). It is for bulk loads
// whose allocations all stay live; what else runs meanwhile collects
// nothing either, so hold it only as long as such a load runs. A memory
// limit (GOMEMLIMIT) still applies.
func HoldGC() (release func()) {
	gcHold.Lock()
	defer gcHold.Unlock()
	if gcHold.holders == 0 {
		gcHold.percent = debug.SetGCPercent(-1)
	}
	gcHold.holders++
	var once sync.Once
	return func() {
		once.Do(func() {
			gcHold.Lock()
			defer gcHold.Unlock()
			if gcHold.holders--; gcHold.holders == 0 {
				debug.SetGCPercent(gcHold.percent)
			}
		})
	}
}
