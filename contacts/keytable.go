package contacts

import "math/bits"

// keyTable finds the numbers that have a packed number key (see pack). It
// is a static hash table: entries are placed in buckets by a hash of their
// key, four to eight to a bucket, each bucket keeping its entries in
// contact order. An entry is the key itself, the contact and which of its
// numbers has it: a look-up reads one bucket, a cache line or two, and
// knows the answer, where bisecting a sorted array of two million keys
// touches twenty places, and checking a hash's candidate against the
// contact's numbers three more (the contact, its numbers, their text),
// each a cache miss in a million contacts. The head-number search asks up
// to ten keys per call. 16 bytes per entry and 12 per bucket.
type keyTable struct {
	shift   uint8    // bucket of a hash = hash >> shift
	start   []uint32 // bucket b holds entries start[b]:start[b+1]
	entries []entry
	// masks has, per bucket, the bit of each of its entries' six hash
	// bits after the bucket's: a key whose bit is not set is in no entry,
	// which a look-up learns without reading the entries. That is most of
	// the keys the head-number search tries, ten for an unknown caller.
	masks []uint64
}

// entry is a number of the table: its key, contact and index among the
// contact's numbers.
type entry struct {
	key         uint64
	contact, ni uint32
}

// maskBit is the bit of a hash in its bucket's mask: the six bits below
// the bucket's.
func (t *keyTable) maskBit(h uint64) uint64 { return 1 << (h << (64 - t.shift) >> 58) }

// hashKey mixes a key's bits (splitmix64's finaliser). Its top bits pick
// the bucket; its top 32 are the fingerprint kept in an entry, of which
// the bits below the bucket's tell the keys of a bucket apart.
func hashKey(k uint64) uint64 {
	k ^= k >> 30
	k *= 0xbf58476d1ce4e5b9
	k ^= k >> 27
	k *= 0x94d049bb133111eb
	return k ^ k>>31
}

// bucketBits chooses 2^bits buckets for n entries, four to eight each;
// at most 2^24, so that the fingerprint keeps 8 bits of its own, six of
// which are for the bucket's mask.
func bucketBits(n int) uint8 { return uint8(min(bits.Len(uint(n/8)), 24)) }

// mayHave is false when no entry has a key of hash h: its bucket's mask
// lacks the key's bit.
func (t *keyTable) mayHave(h uint64) bool {
	return len(t.entries) > 0 && t.masks[h>>t.shift]&t.maskBit(h) != 0
}

// numbers calls yield with each number that has key, contact and index
// among the contact's numbers, in contact and number order, until it
// returns false.
func (t *keyTable) numbers(key uint64, yield func(contact, ni uint32) bool) {
	h := hashKey(key)
	if !t.mayHave(h) {
		return
	}
	b := h >> t.shift
	for _, e := range t.entries[t.start[b]:t.start[b+1]] {
		if e.key == key && !yield(e.contact, e.ni) {
			return
		}
	}
}

// buildTables makes n keyTables of the keys that each(w, emit) emits,
// emit(i, key, contact, ni) adding number ni of contact to table i, for
// worker w's run of contacts: the runs consecutive, each in contact and
// number order; perWorker[w] bounds how many keys worker w emits to a
// table. It runs a worker per run.
//
// Placing millions of entries straight into their buckets is a cache
// miss each; so the entries are first partitioned by the top bits of
// their hash into 256 runs, writing 256 places in turn, and each run,
// small enough for the cache, is then sorted into its buckets in a
// scratch buffer and copied back. Both steps keep the order in which the
// entries came, so each bucket keeps contact order. An entry's hash, and
// so its partition and bucket, is that of its key; the lists of entries
// kept between the steps hold no pointers and need no more than the final
// array: nothing for the garbage collector to scan.
func buildTables(n int, perWorker []int, each func(w int, emit func(table int, key uint64, contact, ni uint32))) []keyTable {
	workers := len(perWorker)
	maxEntries := 0
	for _, k := range perWorker {
		maxEntries += k
	}
	b := bucketBits(maxEntries)
	pb := min(b, 8) // partition bits
	parts := 1 << pb
	pshift := 64 - pb // partition of a hash = hash >> pshift

	lists := make([][][]entry, workers)   // worker → table → entries
	counts := make([][][]uint32, workers) // worker → table → partition
	parallel(workers, func(w int) {
		l, c := make([][]entry, n), make([][]uint32, n)
		for i := range l {
			l[i], c[i] = make([]entry, 0, perWorker[w]), make([]uint32, parts)
		}
		each(w, func(i int, key uint64, ci, ni uint32) {
			l[i] = append(l[i], entry{key: key, contact: ci, ni: ni})
			c[i][hashKey(key)>>pshift]++
		})
		lists[w], counts[w] = l, c
	})
	tables := make([]keyTable, n)
	pstart := make([][]uint32, n)
	for i := range tables {
		ps := make([]uint32, parts+1)
		pos := uint32(0)
		for p := range parts {
			ps[p] = pos
			for _, c := range counts {
				k := c[i][p]
				c[i][p] = pos // becomes the worker's cursor
				pos += k
			}
		}
		ps[parts] = pos
		pstart[i] = ps
		// With b 0 the shift is 64, which in Go leaves 0: one bucket.
		tables[i] = keyTable{shift: 64 - b, start: make([]uint32, 1<<b+1), entries: make([]entry, pos),
			masks: make([]uint64, 1<<b)}
		tables[i].start[1<<b] = pos
	}
	parallel(workers, func(w int) {
		for i := range tables {
			cursor, entries := counts[w][i], tables[i].entries
			for _, e := range lists[w][i] {
				c := &cursor[hashKey(e.key)>>pshift]
				entries[*c] = e
				*c++
			}
			lists[w][i] = nil
		}
	})

	per := 1 << (b - pb) // buckets per partition
	parallel(workers, func(w int) {
		var scratch []entry
		for i := range tables {
			t, ps := &tables[i], pstart[i]
			for p := w; p < parts; p += workers {
				lo, hi := ps[p], ps[p+1]
				first := uint64(p * per)
				counts := t.start[first : first+uint64(per)]
				run := t.entries[lo:hi]
				for _, e := range run {
					counts[hashKey(e.key)>>t.shift-first]++
				}
				at := uint32(0)
				for j, k := range counts {
					counts[j] = at
					at += k
				}
				scratch = append(scratch[:0], run...)
				masks := t.masks[first : first+uint64(per)]
				for _, e := range scratch {
					h := hashKey(e.key)
					j := h>>t.shift - first
					run[counts[j]] = e
					counts[j]++
					masks[j] |= t.maskBit(h)
				}
				// Each counts[j] now ends bucket j, where bucket j+1
				// starts: move them into place, as indexes of the table.
				copy(counts[1:], counts[:per-1])
				counts[0] = 0
				for j := range counts {
					counts[j] += lo
				}
			}
		}
	})
	return tables
}
