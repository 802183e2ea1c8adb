package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"testing"
	"time"
)

// readSignal wraps the read end of a pipe and reports each completed read,
// so that a producer can write its next piece only once the previous one has
// been read: the timing of a line-buffered producer, without sleeping.
type readSignal struct {
	r    io.Reader
	read chan struct{}
}

func (r *readSignal) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.read <- struct{}{}
	return n, err
}

// TestBatchBlankReads feeds batch through a real pipe in which one read
// brings in only a blank line: every record after it must still be read and
// reported.
func TestBatchBlankReads(t *testing.T) {
	t.Parallel()
	lines := bytes.SplitAfter(fixtureLines(t, 40, 0, "wx4f4bc4dec97d474b"), []byte("\n"))[:40]
	for _, workers := range []int{1, 4} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			t.Parallel()
			pr, pw, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer pr.Close()
			rs := &readSignal{r: pr, read: make(chan struct{}, 1)}
			var out bytes.Buffer
			done := make(chan error, 1)
			var st batchStats
			go func() {
				var err error
				st, err = runBatch(rs, &out, batchConfig{workers: workers, maxLine: defaultMaxLine}, nil)
				done <- err
			}()
			go func() {
				// Records and blank lines alternate, each written after the
				// previous write has been read; blank runs of one, two and
				// three lines, \r\n too.
				blanks := []string{"\n", "\n\n", "\r\n", " \n\t\n\n"}
				for i, l := range lines {
					pw.Write(l)
					<-rs.read
					pw.Write([]byte(blanks[i%len(blanks)]))
					<-rs.read
				}
				pw.Close()
				for range rs.read {
				}
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(60 * time.Second):
				t.Fatal("batch did not finish")
			}
			close(rs.read)
			reps := parseReports(t, out.Bytes())
			if len(reps) != len(lines) || st.records != len(lines) {
				t.Fatalf("%d reports (%d counted) for %d records", len(reps), st.records, len(lines))
			}
			for i, r := range reps {
				if want := 2*i + 1 + blankLinesBefore(i); r.Line != want || !r.OK {
					t.Fatalf("report %d: line %d ok=%v, want line %d ok", i, r.Line, r.OK, want)
				}
			}
		})
	}
}

// blankLinesBefore counts the extra blank lines (beyond one per record)
// written before record i by TestBatchBlankReads.
func blankLinesBefore(i int) int {
	extra := []int{0, 1, 0, 2} // "\n", "\n\n", "\r\n", " \n\t\n\n"
	n := 0
	for j := range i {
		n += extra[j%4]
	}
	return n
}
