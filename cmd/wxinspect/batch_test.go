package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// fixtureLines makes n JSON lines of phone fixtures for appID, each with
// its own key and iv, every bad-th line (if bad > 0) not JSON.
func fixtureLines(tb testing.TB, n, bad int, appID string) []byte {
	tb.Helper()
	var b bytes.Buffer
	at := time.Unix(1700000000, 0)
	for i := range n {
		if bad > 0 && i%bad == bad-1 {
			fmt.Fprintf(&b, "{not json %d\n", i)
			continue
		}
		// Deterministic keys: the test does not need randomness.
		key := core.OfficialSample().SessionKey
		iv := core.OfficialSample().IV
		fx, err := core.Encrypt(core.PhonePayload(appID, fmt.Sprintf("139%08d", i), "86", at), key, iv)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(fx.AppendJSON(nil))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

type reportLine struct {
	Line int  `json:"line"`
	OK   bool `json:"ok"`
	Data *struct {
		PhoneNumber string `json:"phoneNumber"`
	} `json:"data"`
	Error *struct {
		Code string `json:"code"`
	} `json:"error"`
}

func parseReports(t *testing.T, out []byte) []reportLine {
	t.Helper()
	var rs []reportLine
	for i, l := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		if len(l) == 0 {
			continue
		}
		var r reportLine
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatalf("output line %d is not JSON: %v: %.100q", i+1, err, l)
		}
		rs = append(rs, r)
	}
	return rs
}

// TestBatchOrder checks that many chunks processed by many workers come out
// in input order, with the right line numbers, data and counts.
func TestBatchOrder(t *testing.T) {
	t.Parallel()
	const n = 3000 // several chunks
	in := fixtureLines(t, n, 7, "wx4f4bc4dec97d474b")
	for _, workers := range []int{1, 3, 8} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			st, err := runBatch(bytes.NewReader(in), &out, batchConfig{workers: workers, maxLine: defaultMaxLine, appID: "wx4f4bc4dec97d474b"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			rs := parseReports(t, out.Bytes())
			if len(rs) != n || st.records != n {
				t.Fatalf("%d reports, %d records, want %d", len(rs), st.records, n)
			}
			bad := 0
			for i, r := range rs {
				if r.Line != i+1 {
					t.Fatalf("report %d has line %d", i+1, r.Line)
				}
				if i%7 == 6 {
					bad++
					if r.OK || r.Error == nil || r.Error.Code != "bad_input" {
						t.Fatalf("line %d: want bad_input, got %+v", i+1, r)
					}
					continue
				}
				if want := fmt.Sprintf("139%08d", i); !r.OK || r.Data == nil || r.Data.PhoneNumber != want {
					t.Fatalf("line %d: want ok %s, got %+v", i+1, want, r)
				}
			}
			if st.ok != n-bad || st.codes[core.CodeBadInput] != bad || len(st.codes) != 1 {
				t.Fatalf("stats %+v, want %d ok and %d bad_input", st, n-bad, bad)
			}
		})
	}
}

// TestBatchLongLines checks that lines over the limit become input_too_large
// reports without stopping the run or disturbing the lines around them,
// including a last line without a newline and CRLF line endings.
func TestBatchLongLines(t *testing.T) {
	t.Parallel()
	good := fixtureLines(t, 1, 0, "wx4f4bc4dec97d474b")
	good = bytes.TrimSuffix(good, []byte("\n"))
	long := `{"iv":"` + strings.Repeat("A", 5000) + `"}`
	in := strings.Join([]string{string(good), long, string(good) + "\r", "", "   ", long, string(good), long}, "\n")
	var out bytes.Buffer
	st, err := runBatch(strings.NewReader(in), &out, batchConfig{workers: 2, maxLine: 1000, appID: "wx4f4bc4dec97d474b"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rs := parseReports(t, out.Bytes())
	want := []struct {
		line int
		code string
	}{{1, ""}, {2, "input_too_large"}, {3, ""}, {6, "input_too_large"}, {7, ""}, {8, "input_too_large"}}
	if len(rs) != len(want) {
		t.Fatalf("%d reports, want %d:\n%s", len(rs), len(want), out.String())
	}
	for i, w := range want {
		r := rs[i]
		code := ""
		if r.Error != nil {
			code = r.Error.Code
		}
		if r.Line != w.line || code != w.code || r.OK != (w.code == "") {
			t.Errorf("report %d: line %d ok %v code %q, want line %d code %q", i, r.Line, r.OK, code, w.line, w.code)
		}
	}
	if !strings.Contains(out.String(), `"message":"line is 5009 bytes, over the limit of 1000"`) {
		t.Errorf("the message does not give the line's length:\n%s", out.String())
	}
	if st.codes[core.CodeInputTooLarge] != 3 || st.ok != 3 {
		t.Errorf("stats %+v", st)
	}
}

// TestBatchExactLimit checks the boundary: a line of exactly maxLine bytes
// is read, one byte more is too large.
func TestBatchExactLimit(t *testing.T) {
	t.Parallel()
	const limit = 100
	fits := `{"iv":"` + strings.Repeat("A", limit-9) + `"}`
	over := `{"iv":"` + strings.Repeat("A", limit-8) + `"}`
	if len(fits) != limit || len(over) != limit+1 {
		t.Fatal("bad test lines")
	}
	var out bytes.Buffer
	if _, err := runBatch(strings.NewReader(fits+"\r\n"+over+"\r\n"), &out, batchConfig{workers: 1, maxLine: limit}, nil); err != nil {
		t.Fatal(err)
	}
	rs := parseReports(t, out.Bytes())
	if len(rs) != 2 || rs[0].Error.Code != "missing_field" || rs[1].Error.Code != "input_too_large" {
		t.Fatalf("got %s", out.String())
	}
}

// errWriter fails after n bytes, like a closed pipe.
type errWriter struct{ n int }

func (w *errWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, io.ErrClosedPipe
	}
	return len(p), nil
}

// TestBatchWriteError checks that a failing output stops the run with the
// error instead of hanging.
func TestBatchWriteError(t *testing.T) {
	t.Parallel()
	in := fixtureLines(t, 5000, 0, "wx4f4bc4dec97d474b")
	done := make(chan error, 1)
	go func() {
		_, err := runBatch(bytes.NewReader(in), &errWriter{n: 1000}, batchConfig{workers: 4, maxLine: defaultMaxLine}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err != io.ErrClosedPipe {
			t.Fatalf("err = %v, want %v", err, io.ErrClosedPipe)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("runBatch did not return after a write error")
	}
}

// slowReader gives one line at a time, as a log being written does.
type slowReader struct {
	lines [][]byte
	got   chan struct{}
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	<-r.got
	n := copy(p, r.lines[0])
	r.lines = r.lines[1:]
	return n, nil
}

// notifyWriter signals each write.
type notifyWriter struct {
	bytes.Buffer
	wrote chan struct{}
}

func (w *notifyWriter) Write(p []byte) (int, error) {
	n, err := w.Buffer.Write(p)
	w.wrote <- struct{}{}
	return n, err
}

// TestBatchStreams checks that a report is written as soon as its line has
// been read, before the input ends: batch works on tail -f.
func TestBatchStreams(t *testing.T) {
	t.Parallel()
	lines := bytes.SplitAfter(fixtureLines(t, 3, 0, "wx4f4bc4dec97d474b"), []byte("\n"))[:3]
	r := &slowReader{lines: lines, got: make(chan struct{}, 1)}
	w := &notifyWriter{wrote: make(chan struct{}, 10)}
	done := make(chan error, 1)
	go func() {
		_, err := runBatch(r, w, batchConfig{workers: 2, maxLine: defaultMaxLine}, nil)
		done <- err
	}()
	for i := range 3 {
		r.got <- struct{}{} // let one line through
		select {
		case <-w.wrote:
		case <-time.After(30 * time.Second):
			t.Fatalf("no report for line %d while the input stays open", i+1)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if rs := parseReports(t, w.Bytes()); len(rs) != 3 {
		t.Fatalf("%d reports", len(rs))
	}
}

func TestProgressLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		read, total, records int64
		d                    time.Duration
		lang                 core.Lang
		want                 string
	}{
		{50, 100, 1000, 2 * time.Second, core.English, "[############............]  50%  1000 records  500/s"},
		{0, 0, 0, 0, core.English, "0 records  0/s"},
		{200, 100, 30, time.Second, core.Chinese, "[########################] 100%  30 条记录  每秒 30 条"},
	} {
		if got := progressLine(c.read, c.total, c.records, c.d, c.lang); got != c.want {
			t.Errorf("progressLine(%d, %d, %d, %v) = %q, want %q", c.read, c.total, c.records, c.d, got, c.want)
		}
	}
}

// BenchmarkBatch measures batch throughput in records/s on valid phone
// fixtures, with one worker and with every core.
func BenchmarkBatch(b *testing.B) {
	const n = 20000
	in := fixtureLines(b, n, 0, "wx4f4bc4dec97d474b")
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := runBatch(bytes.NewReader(in), io.Discard, batchConfig{workers: workers, maxLine: defaultMaxLine, appID: "wx4f4bc4dec97d474b"}, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
