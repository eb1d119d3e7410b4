package yealink

import (
	"fmt"
	"slices"
	"strings"
)

// ChainMode says whether key sequences go out as one chained request.
type ChainMode int

// The chain modes.
const (
	// ChainAuto chains only on a model Probe identified as having a
	// keypad; unknown and touch models get separate requests.
	ChainAuto ChainMode = iota
	// ChainNever sends every key as its own request.
	ChainNever
	// ChainAlways chains, whatever the model.
	ChainAlways
)

// Options are the Yealink-specific settings of a driver. The zero value is
// the documented default behaviour.
type Options struct {
	// AnswerKey takes a ringing call: "OK" (default), "ASW" or "SPEAKER".
	AnswerKey string
	// HangupKey ends or rejects the current call: "CALLEND" (default) or "X".
	HangupKey string
	// OutgoingURI picks the account a dial uses (user@server); empty uses
	// the phone's default account.
	OutgoingURI string
	// ServletPath is "/servlet" (default); very old firmware wants
	// "/cgi-bin/ConfigManApp.com".
	ServletPath string
	// Chain decides whether transfer keys go out chained; see ChainMode.
	Chain ChainMode
	// PoundKey is the key name typed for '#', default "POUND".
	PoundKey string
}

var (
	answerKeys   = []string{"OK", "ASW", "SPEAKER"}
	hangupKeys   = []string{"CALLEND", "X"}
	servletPaths = []string{"/servlet", "/cgi-bin/ConfigManApp.com"}
)

// withDefaults fills in and checks the options.
func (o Options) withDefaults() (Options, error) {
	o.AnswerKey = strings.ToUpper(strings.TrimSpace(o.AnswerKey))
	o.HangupKey = strings.ToUpper(strings.TrimSpace(o.HangupKey))
	o.OutgoingURI = strings.TrimSpace(o.OutgoingURI)
	o.ServletPath = strings.TrimSpace(o.ServletPath)
	o.PoundKey = strings.TrimSpace(o.PoundKey)
	if o.AnswerKey == "" {
		o.AnswerKey = "OK"
	}
	if o.HangupKey == "" {
		o.HangupKey = "CALLEND"
	}
	if o.ServletPath == "" {
		o.ServletPath = "/servlet"
	}
	if o.PoundKey == "" {
		o.PoundKey = "POUND"
	}
	if !slices.Contains(answerKeys, o.AnswerKey) {
		return o, fmt.Errorf("yealink answer key %q: want one of %s", o.AnswerKey, strings.Join(answerKeys, ", "))
	}
	if !slices.Contains(hangupKeys, o.HangupKey) {
		return o, fmt.Errorf("yealink hang-up key %q: want one of %s", o.HangupKey, strings.Join(hangupKeys, ", "))
	}
	if !slices.Contains(servletPaths, o.ServletPath) {
		return o, fmt.Errorf("yealink servlet path %q: want one of %s", o.ServletPath, strings.Join(servletPaths, ", "))
	}
	if o.Chain < ChainAuto || o.Chain > ChainAlways {
		return o, fmt.Errorf("yealink chain mode %d unknown", o.Chain)
	}
	if o.PoundKey != "POUND" && o.PoundKey != "#" {
		return o, fmt.Errorf("yealink pound key %q: want POUND or #", o.PoundKey)
	}
	if strings.ContainsFunc(o.OutgoingURI, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return o, fmt.Errorf("yealink outgoing account %q contains blanks or control characters", o.OutgoingURI)
	}
	return o, nil
}
