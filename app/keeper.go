package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"deskcti/app/calls"
	"deskcti/app/journal"
)

// maxPending bounds the calls waiting for the journal. When the disk
// cannot keep up for that long, the event loop waits, the receiver's queue
// fills and the phone is answered 503: back-pressure instead of memory
// growing without end.
const maxPending = 4096

// writeEvery spaces the journal writes under load: when the last write
// carried more than one call, the next one waits until this long after it
// began, so that the 2-5 changes of a call mostly become one row write and
// many calls share one fsync. A journal that writes one call at a time
// (a desk phone's pace) writes at once. A change that ends a call is
// announced after its write, so under load this is also how much later
// that can be.
const writeEvery = 50 * time.Millisecond

// keeper writes the tracker's calls into the journal in the background and
// hands every change to the listener in event order.
//
// A journal write waits for the disk (an fsync: a millisecond, sometimes
// ten), so it must delay neither the pop-up of a ringing call nor the next
// event: the event loop only queues the call here. The calls queued while
// a write is in progress are written together in the next transaction,
// with one fsync for all (group commit), at most one write every
// writeEvery, and changes of one call that wait together become one write
// of its latest state.
//
// A change that ends a call is announced only once the call is in the
// journal, so that whoever refreshes the journal window when a call ends
// finds it there; changes behind it wait with it (one write at most), so
// that the listener still sees every change in event order. All other
// changes are announced at once.
type keeper struct {
	j        *journal.Journal // nil: nothing is kept
	announce func(calls.Change)
	saved    func(calls.Call, int64) // tells the tracker a call's row id
	fail     func(error)

	mu       sync.Mutex
	work     *sync.Cond     // for the loop: something pending, or closing
	room     *sync.Cond     // for put: pending below maxPending, or closing
	pending  []calls.Call   // the next write, one entry per call
	spare    []calls.Call   // the last write's slice, reused for pending
	bySerial map[uint64]int // index in pending by Call.Serial
	gen      uint64         // the write pending goes into
	written  uint64         // the last write done
	held     []heldChange   // changes waiting to be announced, in order, from heldHead
	heldHead int
	closing  bool
	done     chan struct{} // closed when loop has returned

	ids       map[uint64]int64 // row id of every open call by serial; loop only
	lastWrite time.Time        // when the last write began; loop only
	lastCalls int              // how many calls it carried; loop only
}

// heldChange waits for write gen before it is announced (0: for nothing
// but the changes before it).
type heldChange struct {
	ch  calls.Change
	gen uint64
}

// newKeeper starts a keeper; close stops it. announce may be nil.
func newKeeper(ctx context.Context, j *journal.Journal, announce func(calls.Change), saved func(calls.Call, int64), fail func(error)) *keeper {
	if announce == nil {
		announce = func(calls.Change) {}
	}
	k := &keeper{j: j, announce: announce, saved: saved, fail: fail, bySerial: map[uint64]int{},
		gen: 1, done: make(chan struct{}), ids: map[uint64]int64{}}
	k.work, k.room = sync.NewCond(&k.mu), sync.NewCond(&k.mu)
	if j == nil {
		close(k.done)
		return k
	}
	go k.loop(ctx)
	return k
}

// put keeps and announces one change; only the event loop calls it.
func (k *keeper) put(ch calls.Change) {
	k.mu.Lock()
	var gen uint64
	if k.j != nil && ch.Call != nil && !ch.Duplicate {
		for len(k.pending) >= maxPending && !k.closing {
			k.room.Wait()
		}
		c := ch.Call
		if i, ok := k.bySerial[c.Serial()]; ok && c.Serial() != 0 {
			k.pending[i] = *c
		} else {
			k.bySerial[c.Serial()] = len(k.pending)
			k.pending = append(k.pending, *c)
		}
		if len(k.pending) == 1 {
			// The loop waits only for an empty queue: one wake-up per
			// write, not one per event.
			k.work.Signal()
		}
		if c.State.Final() {
			gen = k.gen
		}
	}
	if gen == 0 && k.heldHead == len(k.held) {
		// Nothing waits: announce now. The loop announces only held
		// changes, and nothing is held while this goroutine is here.
		k.mu.Unlock()
		k.announce(ch)
		return
	}
	k.held = append(k.held, heldChange{ch: ch, gen: gen})
	k.mu.Unlock()
}

// loop writes what is pending until close.
func (k *keeper) loop(ctx context.Context) {
	defer close(k.done)
	for {
		k.mu.Lock()
		for len(k.pending) == 0 && !k.closing {
			k.work.Wait()
		}
		if len(k.pending) == 0 {
			k.mu.Unlock()
			k.release()
			return
		}
		if wait := time.Until(k.lastWrite.Add(writeEvery)); wait > 0 && k.lastCalls > 1 && !k.closing {
			k.mu.Unlock()
			time.Sleep(wait) // more changes gather meanwhile
			k.mu.Lock()
		}
		k.lastWrite = time.Now()
		batch, gen := k.pending, k.gen
		k.lastCalls = len(batch)
		k.pending, k.spare, k.gen = k.spare, nil, k.gen+1
		clear(k.bySerial)
		k.room.Signal()
		k.mu.Unlock()

		k.write(ctx, batch)
		clear(batch) // no contacts kept alive by a spare slice
		k.mu.Lock()
		k.written, k.spare = gen, batch[:0]
		k.mu.Unlock()
		k.release()
	}
}

// write saves one batch and tells the tracker the new rows.
func (k *keeper) write(ctx context.Context, batch []calls.Call) {
	ptrs := make([]*calls.Call, len(batch))
	for i := range batch {
		c := &batch[i]
		if c.ID == 0 {
			c.ID = k.ids[c.Serial()] // 0 for a call not yet written
		}
		ptrs[i] = c
	}
	errs := k.j.SaveAll(ctx, ptrs)
	for i, c := range ptrs {
		if errs != nil && errs[i] != nil {
			k.fail(fmt.Errorf("journal: %w", errs[i]))
			continue
		}
		if c.State.Final() {
			delete(k.ids, c.Serial())
			continue
		}
		if c.Serial() != 0 {
			k.ids[c.Serial()] = c.ID
		}
		k.saved(*c, c.ID)
	}
}

// release announces the held changes whose writes are done, in order. A
// change leaves held only after it was announced, so that put does not
// overtake it meanwhile.
func (k *keeper) release() {
	for {
		k.mu.Lock()
		if k.heldHead == len(k.held) || k.held[k.heldHead].gen > k.written {
			k.mu.Unlock()
			return
		}
		ch := k.held[k.heldHead].ch
		k.mu.Unlock()
		k.announce(ch)
		k.mu.Lock()
		k.held[k.heldHead] = heldChange{}
		k.heldHead++
		switch {
		case k.heldHead == len(k.held):
			k.held, k.heldHead = k.held[:0], 0 // empty: reuse the array
		case k.heldHead >= 256 && 2*k.heldHead >= len(k.held):
			// Under steady load held never empties: move the rest down
			// rather than let the array grow.
			n := copy(k.held, k.held[k.heldHead:])
			clear(k.held[n:])
			k.held, k.heldHead = k.held[:n], 0
		}
		k.mu.Unlock()
	}
}

// close writes what is still pending, announces the rest and stops.
func (k *keeper) close() {
	k.mu.Lock()
	k.closing = true
	k.work.Signal()
	k.room.Signal()
	k.mu.Unlock()
	<-k.done
}
