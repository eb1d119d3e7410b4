package ldap

import (
	"fmt"
	"testing"
	"time"

	"deskcti/contacts"
)

func TestCacheExpiry(t *testing.T) {
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	c := newCache(time.Minute)
	c.now = func() time.Time { return now }

	hans := []contacts.Contact{{Name: "Hans Müller", Numbers: []contacts.Number{{Kind: contacts.Work, Raw: "+49 221 4711-23"}}}}
	c.put("49221471123", hans)
	c.put("4930999", nil) // a miss is an answer too

	got, ok := c.get("49221471123")
	if !ok || len(got) != 1 || got[0].Name != "Hans Müller" {
		t.Fatalf("get = %v, %v", got, ok)
	}
	// Changing what get returned must not change the cache.
	got[0].Numbers[0].Raw = "kaputt"
	if again, _ := c.get("49221471123"); again[0].Numbers[0].Raw != "+49 221 4711-23" {
		t.Fatal("cache shares its slices with callers")
	}
	if got, ok := c.get("4930999"); !ok || got != nil {
		t.Fatalf("cached miss: %v, %v", got, ok)
	}

	now = now.Add(time.Minute)
	if _, ok := c.get("49221471123"); ok {
		t.Fatal("entry still there after the TTL")
	}
}

func TestCacheDisabledAndBounded(t *testing.T) {
	off := newCache(-1)
	off.put("1", nil)
	if _, ok := off.get("1"); ok {
		t.Fatal("disabled cache answered")
	}

	c := newCache(time.Minute)
	for i := range cacheMax + 10 {
		c.put(fmt.Sprint(i), nil)
	}
	if len(c.m) > cacheMax {
		t.Fatalf("cache holds %d entries, max %d", len(c.m), cacheMax)
	}
	if _, ok := c.get(fmt.Sprint(cacheMax + 9)); !ok {
		t.Fatal("newest entry missing")
	}
}
