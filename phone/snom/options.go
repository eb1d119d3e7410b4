package snom

import (
	"fmt"
	"slices"
	"strings"
)

// Options are the snom-specific settings of a driver. The zero value is
// the documented default behaviour.
type Options struct {
	// AnswerKey takes a ringing call: "ENTER" (default), "OFFHOOK",
	// "SPEAKER" or "HEADSET".
	AnswerKey string
	// HangupKey ends or rejects the current call: "CANCEL" (default) or
	// "ONHOOK" (which leaves a call that only rings alone).
	HangupKey string
	// HoldKey overrides the hold key: "" picks F_HOLD, or F_R on firmware
	// before 8; "F_HOLD" or "F_R" force one.
	HoldKey string
	// OutgoingURI picks the identity a dial uses (e.g. "123@pbx"); empty
	// uses the phone's default identity.
	OutgoingURI string
}

var (
	answerKeys = []string{"ENTER", "OFFHOOK", "SPEAKER", "HEADSET"}
	hangupKeys = []string{"CANCEL", "ONHOOK"}
	holdKeys   = []string{"", "F_HOLD", "F_R"}
)

// withDefaults fills in and checks the keys.
func (o Options) withDefaults() (Options, error) {
	o.AnswerKey = strings.ToUpper(strings.TrimSpace(o.AnswerKey))
	o.HangupKey = strings.ToUpper(strings.TrimSpace(o.HangupKey))
	o.HoldKey = strings.ToUpper(strings.TrimSpace(o.HoldKey))
	o.OutgoingURI = strings.TrimSpace(o.OutgoingURI)
	if o.AnswerKey == "" {
		o.AnswerKey = "ENTER"
	}
	if o.HangupKey == "" {
		o.HangupKey = "CANCEL"
	}
	if !slices.Contains(answerKeys, o.AnswerKey) {
		return o, fmt.Errorf("snom answer key %q: want one of %s", o.AnswerKey, strings.Join(answerKeys, ", "))
	}
	if !slices.Contains(hangupKeys, o.HangupKey) {
		return o, fmt.Errorf("snom hang-up key %q: want one of %s", o.HangupKey, strings.Join(hangupKeys, ", "))
	}
	if !slices.Contains(holdKeys, o.HoldKey) {
		return o, fmt.Errorf("snom hold key %q: want F_HOLD or F_R", o.HoldKey)
	}
	if strings.ContainsFunc(o.OutgoingURI, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return o, fmt.Errorf("snom outgoing identity %q contains blanks or control characters", o.OutgoingURI)
	}
	return o, nil
}
