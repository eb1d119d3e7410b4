package popup

import "time"

// ticker is the part of time.Ticker the call timer uses, so that tests can
// tick by hand.
type ticker interface {
	C() <-chan time.Time
	Stop()
}

type timeTicker struct{ *time.Ticker }

func (t timeTicker) C() <-chan time.Time { return t.Ticker.C }

func newTimeTicker(d time.Duration) ticker { return timeTicker{time.NewTicker(d)} }

// stillTicker never ticks: for a clock that stands still.
type stillTicker struct{}

func (stillTicker) C() <-chan time.Time { return nil }
func (stillTicker) Stop()               {}

// startTimer starts the goroutine that updates the call timer once a
// second; stopTimer (call ended, window closed) ends it.
func (p *popup) startTimer() {
	if p.stopTick != nil || p.gone {
		return
	}
	stop, done := make(chan struct{}), make(chan struct{})
	p.stopTick, p.tickDone = stop, done
	t := p.m.newTicker(time.Second)
	ticked, do := p.m.ticked, p.m.do
	go func() {
		defer close(done)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C():
				do(p.showTimer)
				if ticked != nil {
					ticked()
				}
			}
		}
	}()
}

func (p *popup) stopTimer() {
	if p.stopTick != nil {
		close(p.stopTick)
		p.stopTick = nil
	}
}
