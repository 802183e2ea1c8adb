package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

func init() {
	register(&command{
		name:  "batch",
		args:  "[flags] [FILE]",
		short: "inspect JSON Lines of inputs (logs, exports) in parallel; one report per line, in order",
		long: `Reads JSON Lines on standard input (or from FILE): one input object per line,
as for 'wxinspect decrypt'. Writes JSON Lines on standard output: one report
per input line, in input order, each with its "line" number. A line that
does not start with '{' is read as 'wxinspect inspect' reads pasted text (a
log line, a query string, key=value pairs…): one report per record it holds,
each with the line's number. A line that is not a valid JSON object, or is
longer than --max-line, yields a report with bad_input or input_too_large;
the run goes on. Blank lines are skipped.

Standard output holds only the reports. Standard error gets a progress bar
(when it is a terminal) and, at the end, a summary: the counts per error
code. Memory stays bounded whatever the size of the input and the number
of workers: at most 64 chunks of about 256 KiB of input are in flight, and
at most 4 lines longer than that (under 100 MB with the default --max-line).

On SIGINT or SIGTERM, batch stops reading, writes the reports of the lines
already read (never a partial line), prints the summary and exits with 128 +
the signal number. When standard output is closed (| head), it stops, prints
the summary and exits 1.

--appid and --max-age override every line's; the session_key of
--session-key-file or WX_SESSION_KEY fills the lines that have none.

Exit status: 0 when every report is ok, 1 otherwise, 2 on a usage error.`,
		setup:   setupBatch,
		maxArgs: 1,
	})
}

// defaultMaxLine is the longest input line read: room for three fields of
// core.MaxFieldLen and the JSON around them.
const defaultMaxLine = 3*core.MaxFieldLen + 64<<10

func setupBatch(c *cli, fs *flag.FlagSet) func([]string) int {
	f := new(inputFlags)
	f.declare(fs)
	workers := fs.Int("workers", 0, "inspect on `N` goroutines (default: all cores)")
	maxLine := fs.Int("max-line", defaultMaxLine, "longest input line in `bytes`; longer lines are reported as input_too_large")
	noProgress := fs.Bool("no-progress", false, "no progress bar, even on a terminal")
	// --json is accepted for symmetry: batch output is always JSON Lines.
	cmd := lookup("batch")
	return func(args []string) int {
		if *workers < 0 {
			return c.usage(cmd, "%s", c.tr("--workers must be at least 1", "--workers 至少为 1"))
		}
		if *workers == 0 {
			*workers = runtime.GOMAXPROCS(0)
		}
		if *maxLine < 64 {
			return c.usage(cmd, "%s", c.tr("--max-line must be at least 64", "--max-line 至少为 64"))
		}
		if f.keyFile == "-" && readsStdin(args) {
			return c.usage(cmd, "%s", c.tr("--session-key-file - reads the session_key from standard input, so the input must come from a FILE argument",
				"--session-key-file - 表示从标准输入读取 session_key，此时输入须通过 FILE 参数给出"))
		}
		cfg := batchConfig{workers: *workers, maxLine: *maxLine, lang: c.lang, langSet: c.langSet, appID: f.appID, now: f.now.t}
		if f.maxAge.set {
			cfg.maxAge, cfg.maxAgeSet = f.maxAge.d, true
		}
		var key core.Input
		if err := c.sessionKey(f, &key); err != nil {
			return c.fail(err, "")
		}
		cfg.sessionKey = key.SessionKey
		if rep, err := c.applyPlatform(&f.platformFlags, &cfg.platform); errors.Is(err, errPlatform) {
			return c.platformUsage(cmd, f.platform)
		} else if err != nil {
			return c.fail(err, "")
		} else if rep != nil {
			c.stdout.Write(append(rep.AppendJSON(nil), '\n'))
			return exitNotOK
		}

		in := c.stdin
		var size int64
		if !readsStdin(args) {
			file, err := os.Open(args[0])
			if err != nil {
				return c.fail(err, "")
			}
			defer file.Close()
			in = file
		} else if c.tty != nil {
			c.note("%s", c.tr("reading JSON Lines from the terminal; press Ctrl-D to end",
				"正在从终端读取 JSON Lines；按 Ctrl-D 结束"))
		}
		if file, ok := in.(*os.File); ok {
			if st, err := file.Stat(); err == nil && st.Mode().IsRegular() {
				size = st.Size()
			}
		}
		var p *progress
		if c.stderrTTY && !*noProgress {
			p = startProgress(c.stderr, size, c.lang)
		}
		// On SIGINT or SIGTERM, stop reading, write the reports of what was
		// read, whole, and print the summary. With SIGPIPE caught, a closed
		// standard output is a write error instead of a silent death.
		sigc := make(chan os.Signal, 1)
		signal.Notify(sigc, os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
		defer signal.Stop(sigc)
		stop := make(chan struct{})
		var caught atomic.Value
		go func() {
			for sig := range sigc {
				if sig == syscall.SIGPIPE {
					continue // the write that caused it fails with EPIPE
				}
				caught.Store(sig)
				close(stop)
				return
			}
		}()
		cfg.stop = stop
		start := time.Now()
		st, err := runBatch(in, c.stdout, cfg, p)
		if p != nil {
			p.stop()
		}
		c.summary(st, time.Since(start))
		if errors.Is(err, errInterrupted) {
			sig, _ := caught.Load().(os.Signal)
			c.note(c.tr("stopped by %v after %d records", "收到 %v，已处理 %d 条记录后停止"), sig, st.records)
			if s, ok := sig.(syscall.Signal); ok {
				return 128 + int(s)
			}
			return exitNotOK
		}
		if o, ok := c.stdout.(*output); ok && o.failed() != nil {
			return exitNotOK // finish says why
		}
		if err != nil {
			return c.fail(err, "")
		}
		if st.records != st.ok {
			return exitNotOK
		}
		return exitOK
	}
}

type batchConfig struct {
	workers    int
	maxLine    int
	lang       core.Lang
	langSet    bool // lang overrides the lines' "lang"
	appID      string
	maxAge     time.Duration
	maxAgeSet  bool
	sessionKey string     // default for lines without one
	platform   core.Input // the platform and its keys from the flags: platform.go
	now        time.Time
	stop       <-chan struct{} // closed to stop reading (a signal)
}

// batchStats counts the reports written.
type batchStats struct {
	records, ok int
	codes       map[core.Code]int
}

// A chunk is a run of consecutive input lines, the unit of work. Chunks
// travel reader → workers → writer and back to the reader through a free
// list of fixed size: that bounds the memory in use whatever the input size,
// and lets the writer put results back in input order.
type chunk struct {
	seq   int
	buf   []byte // the lines' bytes, back to back
	lines []lineRef
	out   []byte // the reports, JSON Lines
	ok    int
	codes map[core.Code]int
	big   bool // holds a line longer than chunkBytes, and a slot of batch.big
}

type lineRef struct {
	no         int
	start, end int   // the line is buf[start:end]
	tooLong    int64 // the length of a line over the limit, not kept; 0 otherwise
}

// The memory of a run is bounded whatever the worker count: at most
// maxWindow chunks are in flight, each holding up to chunkBytes of input
// (plus the one line that crosses that size) and its reports; and at most
// maxBig of them hold a line longer than chunkBytes. A chunk that grew
// beyond its usual size gives its buffers back to the garbage collector when
// it is written. So the input held is under
//
//	maxWindow × 2 × chunkBytes + maxBig × --max-line
//
// (32 MiB + 4 × 3.2 MiB with the defaults), plus the reports of those lines
// and what the workers inspecting them allocate.
const (
	chunkLines = 256
	chunkBytes = 256 << 10
	maxWindow  = 64
	maxBig     = 4
)

// runBatch inspects each JSON line of r on cfg.workers goroutines and writes
// one report per line to w, in input order.
//
// There is no reader or writer goroutine: each worker takes the next chunk
// of input itself, inspects it, and the worker that completes the oldest
// chunk still unwritten writes it and every completed chunk after it. On a
// busy machine this matters: a dedicated reader or writer only runs when a
// CPU-bound worker yields its thread, and meanwhile every worker waits.
//
// When cfg.stop is closed (a signal), runBatch reads no more, writes every
// chunk already read, whole, and returns errInterrupted without waiting for
// a read that blocks.
func runBatch(r io.Reader, w io.Writer, cfg batchConfig, p *progress) (batchStats, error) {
	b := &batch{
		cfg:     &cfg,
		br:      bufio.NewReaderSize(r, cfg.maxLine+2), // room for the line ending
		w:       w,
		p:       p,
		pending: map[int]*chunk{},
		st:      batchStats{codes: map[core.Code]int{}},
		big:     make(chan struct{}, maxBig),
		drained: make(chan struct{}),
	}
	// The free list bounds the chunks in flight, so memory stays flat
	// whatever the input size and however far one slow chunk lags.
	window := min(16*cfg.workers, maxWindow)
	b.free = make(chan *chunk, window)
	for range window {
		b.free <- &chunk{codes: map[core.Code]int{}}
	}
	var wg sync.WaitGroup
	for range cfg.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ch := b.read()
				if ch == nil {
					return
				}
				inspectChunk(ch, &cfg)
				b.write(ch)
			}
		}()
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-cfg.stop:
		b.interrupt()
		select {
		case <-finished:
		case <-b.drained:
		}
	}
	b.outMu.Lock()
	defer b.outMu.Unlock()
	b.closed = true // a read still blocked writes nothing once it returns
	switch {
	case b.writeErr != nil:
		return b.st, b.writeErr
	case b.interrupted:
		return b.st, errInterrupted
	}
	return b.st, b.readErr
}

// errInterrupted is the error of a run stopped by a signal.
var errInterrupted = errors.New("interrupted")

// batch is the state the workers of runBatch share.
type batch struct {
	cfg  *batchConfig
	p    *progress
	free chan *chunk
	big  chan struct{} // a slot for each chunk with a long line

	inMu    sync.Mutex // guards the input side
	br      *bufio.Reader
	lineNo  int
	seq     int
	done    bool // end of input, a read error, or a write error
	readErr error

	outMu       sync.Mutex // guards the output side
	w           io.Writer
	next        int // the seq of the next chunk to write
	pending     map[int]*chunk
	inflight    int // chunks read and not yet written
	interrupted bool
	closed      bool          // runBatch has returned: write nothing more
	drained     chan struct{} // closed when interrupted and nothing is in flight
	writeErr    error
	stopped     atomic.Bool // set on a write error or a signal: read no more
	st          batchStats
}

// interrupt stops the reading; drained is closed once every chunk read has
// been written.
func (b *batch) interrupt() {
	b.stopped.Store(true)
	b.outMu.Lock()
	defer b.outMu.Unlock()
	b.interrupted = true
	if b.inflight == 0 {
		close(b.drained)
	}
}

// read fills a free chunk with the next lines, or returns nil at the end.
// Blank lines are skipped: a read that brings in only blank lines goes on
// reading.
func (b *batch) read() *chunk {
	ch := <-b.free
	b.inMu.Lock()
	defer b.inMu.Unlock()
	ch.buf, ch.lines, ch.out, ch.ok = ch.buf[:0], ch.lines[:0], ch.out[:0], 0
	clear(ch.codes)
	for len(ch.lines) == 0 {
		if b.done || b.stopped.Load() {
			b.free <- ch
			return nil
		}
		b.fill(ch)
	}
	b.outMu.Lock()
	defer b.outMu.Unlock()
	if b.interrupted {
		b.release(ch)
		return nil
	}
	b.inflight++
	ch.seq = b.seq
	b.seq++
	return ch
}

// fill reads lines into ch until it is full or the input has nothing more
// buffered. b.inMu must be held.
func (b *batch) fill(ch *chunk) {
	var err error
	for len(ch.lines) < chunkLines && len(ch.buf) < chunkBytes {
		var s []byte
		s, err = b.br.ReadSlice('\n')
		read := int64(len(s))
		if errors.Is(err, bufio.ErrBufferFull) {
			// Over the limit: skip to the end of the line, counting.
			n := int64(len(s))
			for errors.Is(err, bufio.ErrBufferFull) {
				s, err = b.br.ReadSlice('\n')
				n += int64(len(s))
			}
			read = n
			b.lineNo++
			ch.lines = append(ch.lines, lineRef{no: b.lineNo, tooLong: n - int64(trailingNewline(s))})
		} else if len(s) > 0 {
			b.lineNo++
			s = bytes.TrimRight(s, "\r\n")
			if len(bytes.TrimSpace(s)) > 0 {
				if len(ch.buf)+len(s) > chunkBytes && !ch.big {
					// A long line: wait for a slot, so that only a few
					// of them are held at once.
					b.big <- struct{}{}
					ch.big = true
				}
				start := len(ch.buf)
				ch.buf = append(ch.buf, s...)
				ch.lines = append(ch.lines, lineRef{no: b.lineNo, start: start, end: len(ch.buf)})
			}
		}
		if b.p != nil {
			b.p.addBytes(read)
		}
		// Cut the chunk short when the input has nothing more buffered,
		// so that a slow stream (tail -f) gets its reports as it goes.
		if err != nil || b.br.Buffered() == 0 || ch.big {
			break
		}
	}
	if err != nil {
		b.done = true
		if err != io.EOF {
			b.readErr = err
		}
	}
}

// release puts a chunk back on the free list, giving back a buffer that a
// long line made big. b.outMu must be held when the chunk was read.
func (b *batch) release(ch *chunk) {
	if ch.big {
		<-b.big
		ch.big = false
	}
	if cap(ch.buf) > 2*chunkBytes {
		ch.buf = nil
	}
	if cap(ch.out) > 4*chunkBytes {
		ch.out = nil
	}
	b.free <- ch
}

// write queues a completed chunk and writes every chunk now in order.
func (b *batch) write(ch *chunk) {
	b.outMu.Lock()
	defer b.outMu.Unlock()
	b.pending[ch.seq] = ch
	for {
		ch, ok := b.pending[b.next]
		if !ok {
			return
		}
		delete(b.pending, b.next)
		b.next++
		if b.closed {
			b.release(ch)
			continue
		}
		if b.writeErr == nil {
			if _, err := b.w.Write(ch.out); err != nil {
				b.writeErr = err
				b.stopped.Store(true)
			}
		}
		if b.writeErr == nil { // the summary counts the reports written
			b.st.records += len(ch.lines)
			b.st.ok += ch.ok
			for code, n := range ch.codes {
				b.st.codes[code] += n
			}
			if b.p != nil {
				b.p.addRecords(len(ch.lines))
			}
		}
		b.release(ch)
		if b.inflight--; b.inflight == 0 && b.interrupted {
			close(b.drained)
		}
	}
}

func trailingNewline(s []byte) int {
	n := 0
	if len(s) > 0 && s[len(s)-1] == '\n' {
		n++
		if len(s) > 1 && s[len(s)-2] == '\r' {
			n++
		}
	}
	return n
}

// inspectChunk writes the report of each line of ch to ch.out.
func inspectChunk(ch *chunk, cfg *batchConfig) {
	for _, l := range ch.lines {
		var rs []*core.Report
		switch b := ch.buf[l.start:l.end]; {
		case l.tooLong > 0:
			rs = []*core.Report{tooLargeReport(cfg.lang, "line", l.tooLong, cfg.maxLine)}
		case !isObject(b):
			rs = inspectPasted(b, cfg)
		default:
			rs = []*core.Report{inspectLine(b, cfg)}
		}
		for _, r := range rs {
			r.Line = l.no
			ch.out = append(r.AppendJSON(ch.out), '\n')
			if r.OK {
				ch.ok++
			} else if r.Error != nil {
				ch.codes[r.Error.Code]++
			}
		}
	}
}

// isObject reports whether a line starts as a JSON object does.
func isObject(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r':
			continue
		}
		return c == '{'
	}
	return false
}

// inspectPasted inspects a line that is not a JSON object as inspect reads
// pasted text: one report per record the line holds, the flags applied as
// for a JSON line.
func inspectPasted(b []byte, cfg *batchConfig) []*core.Report {
	given := core.Input{AppID: cfg.appID, SessionKey: cfg.sessionKey, Lang: cfg.lang, Now: cfg.now}
	if cfg.maxAgeSet {
		given.MaxAge = cfg.maxAge
	}
	return core.InspectText(string(b), given)
}

// inspectLine inspects one input object; the flags override its fields and
// the session_key of the flags or the environment fills in a missing one.
func inspectLine(b []byte, cfg *batchConfig) *core.Report {
	in, err := core.ParseInput(b)
	if bad, ok := errors.AsType[*core.BadInputError](err); ok {
		return bad.Report(cfg.lang)
	}
	if cfg.appID != "" {
		in.AppID = cfg.appID
	}
	if cfg.maxAgeSet {
		in.MaxAge = cfg.maxAge
	}
	if in.SessionKey == "" {
		in.SessionKey = cfg.sessionKey
	}
	if in.Lang == "" || cfg.langSet {
		in.Lang = cfg.lang
	}
	in.Now = cfg.now
	if cfg.platform.Platform != "" {
		in.Platform = cfg.platform.Platform
	}
	if cfg.platform.AppKey != "" {
		in.AppKey = cfg.platform.AppKey
	}
	in = in.WithDefaults(cfg.platform)
	return core.Inspect(in)
}

// summary prints the counts on standard error.
func (c *cli) summary(st batchStats, d time.Duration) {
	rate := ""
	if s := d.Seconds(); s > 0 && st.records > 0 {
		rate = fmt.Sprintf("%.0f", float64(st.records)/s)
	}
	secs := fmt.Sprintf("%.2f", d.Seconds())
	if c.lang == core.Chinese {
		c.note("%s", fmt.Sprintf("共 %d 条记录：%d 条成功，%d 条失败（%s 秒，每秒 %s 条）", st.records, st.ok, st.records-st.ok, secs, rate))
	} else {
		c.note("%s", fmt.Sprintf("%d records: %d ok, %d not ok (%ss, %s records/s)", st.records, st.ok, st.records-st.ok, secs, rate))
	}
	codes := make([]core.Code, 0, len(st.codes))
	for code := range st.codes {
		codes = append(codes, code)
	}
	slices.SortFunc(codes, func(a, b core.Code) int {
		if d := st.codes[b] - st.codes[a]; d != 0 {
			return d
		}
		return strings.Compare(string(a), string(b))
	})
	for _, code := range codes {
		c.note("%s", fmt.Sprintf("  %-22s %d", code, st.codes[code]))
	}
}
