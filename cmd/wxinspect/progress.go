package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// progress draws a progress bar of a batch on a terminal: the share of the
// input read when its size is known, the records written, and the rate.
type progress struct {
	w       io.Writer
	total   int64 // input size in bytes; 0 when unknown
	lang    core.Lang
	start   time.Time
	bytes   atomic.Int64
	records atomic.Int64
	quit    chan struct{}
	wg      sync.WaitGroup
}

func startProgress(w io.Writer, total int64, lang core.Lang) *progress {
	p := &progress{w: w, total: total, lang: lang, start: time.Now(), quit: make(chan struct{})}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.quit:
				fmt.Fprint(p.w, "\r\x1b[K")
				return
			case <-t.C:
				fmt.Fprint(p.w, "\r"+p.line(time.Since(p.start))+"\x1b[K")
			}
		}
	}()
	return p
}

func (p *progress) addBytes(n int64) { p.bytes.Add(n) }
func (p *progress) addRecords(n int) { p.records.Add(int64(n)) }
func (p *progress) stop()            { close(p.quit); p.wg.Wait() }

// line is the text of the bar after d.
func (p *progress) line(d time.Duration) string {
	return progressLine(p.bytes.Load(), p.total, p.records.Load(), d, p.lang)
}

// progressLine draws "[#######.......]  42%  12345 records  6789/s".
func progressLine(read, total, records int64, d time.Duration, lang core.Lang) string {
	const width = 24
	var b strings.Builder
	if total > 0 {
		frac := float64(read) / float64(total)
		frac = min(max(frac, 0), 1)
		n := int(frac * width)
		b.WriteString("[" + strings.Repeat("#", n) + strings.Repeat(".", width-n) + "]")
		fmt.Fprintf(&b, " %3.0f%%  ", frac*100)
	}
	rate := 0.0
	if s := d.Seconds(); s > 0 {
		rate = float64(records) / s
	}
	if lang == core.Chinese {
		fmt.Fprintf(&b, "%d 条记录  每秒 %.0f 条", records, rate)
	} else {
		fmt.Fprintf(&b, "%d records  %.0f/s", records, rate)
	}
	return b.String()
}
