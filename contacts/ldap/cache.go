package ldap

import (
	"sync"
	"time"

	"deskcti/contacts"
)

// cacheMax bounds the cache; a desk phone sees far fewer numbers a minute.
const cacheMax = 1024

// cache keeps the answers for numbers for a short while, misses included:
// an unknown caller is asked about again on every event of the same call.
type cache struct {
	ttl time.Duration // <= 0 disables
	now func() time.Time

	mu sync.Mutex
	m  map[string]cacheEntry
}

type cacheEntry struct {
	until time.Time
	found []contacts.Contact
}

func newCache(ttl time.Duration) *cache {
	return &cache{ttl: ttl, now: time.Now, m: make(map[string]cacheEntry)}
}

// get returns a copy of the answer for key, if there is a fresh one.
func (c *cache) get(key string) ([]contacts.Contact, bool) {
	if c.ttl <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil, false
	}
	if !c.now().Before(e.until) {
		delete(c.m, key)
		return nil, false
	}
	return cloneContacts(e.found), true
}

// put stores a copy of found for key.
func (c *cache) put(key string, found []contacts.Contact) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if len(c.m) >= cacheMax {
		for k, e := range c.m {
			if !now.Before(e.until) {
				delete(c.m, k)
			}
		}
		for k := range c.m {
			if len(c.m) < cacheMax {
				break
			}
			delete(c.m, k) // any; they all expire within a minute anyway
		}
	}
	c.m[key] = cacheEntry{until: now.Add(c.ttl), found: cloneContacts(found)}
}

// clear forgets everything.
func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.m)
}

// cloneContacts copies cs deep enough that callers may change what they get.
func cloneContacts(cs []contacts.Contact) []contacts.Contact {
	if cs == nil {
		return nil
	}
	out := make([]contacts.Contact, len(cs))
	for i, c := range cs {
		c.Numbers = append([]contacts.Number(nil), c.Numbers...)
		out[i] = c
	}
	return out
}
