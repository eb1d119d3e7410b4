package phone

import (
	"fmt"
	"sync"
)

// Consultation remembers the target of an attended transfer until it is
// completed, so that drivers of every family treat a second Transfer the
// same way. The zero value is ready; it is safe for concurrent use.
type Consultation struct {
	mu     sync.Mutex
	target string
}

// Pending is the consultation target, "" when none.
func (c *Consultation) Pending() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.target
}

// Set records number as the consultation target.
func (c *Consultation) Set(number string) {
	c.mu.Lock()
	c.target = number
	c.mu.Unlock()
}

// Clear forgets the consultation: it was completed, or a hang-up or a new
// call superseded it.
func (c *Consultation) Clear() { c.Set("") }

// Attend says what an attended transfer to number means now: complete is
// true when number is already being consulted (the second request joins
// the calls), and an error refuses a second consultation to another
// number while one is pending.
func (c *Consultation) Attend(vendor Vendor, number string) (complete bool, err error) {
	switch pending := c.Pending(); pending {
	case "":
		return false, nil
	case number:
		return true, nil
	default:
		return false, &Error{Kind: KindOther, Vendor: vendor, Op: "transfer",
			Err: fmt.Errorf("a consultation call to %s is pending: complete that transfer or hang up first", pending)}
	}
}
