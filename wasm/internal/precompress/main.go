// Command precompress writes a gzip (.gz) and a brotli (.br) copy beside each
// file it is given, so that a server can send them as they are, and prints
// the raw, gzip and brotli size of each. Both encoders run at their highest
// level and write no name or time, so the output is the same on every build
// and the size budget can be checked.
//
//	go run ./wasm/internal/precompress [-budget name=bytes] file...
//
// With -budget, it fails if the brotli copy of the file named name is larger
// than bytes. make web gives it only the files that make web generates (the
// module and wasm_exec.js): the hand-written page files are served as they
// are, so that editing one never leaves a stale compressed copy behind.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

func main() {
	budget := flag.String("budget", "", "`name=bytes`: fail if the brotli copy of the file named name is larger")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: precompress [-budget name=bytes] file...")
		os.Exit(2)
	}
	if err := run(flag.Args(), *budget); err != nil {
		fmt.Fprintln(os.Stderr, "precompress: error:", err)
		os.Exit(1)
	}
}

func run(files []string, budget string) error {
	brSize := map[string]int{}
	for _, path := range files {
		name := filepath.Base(path)
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		gz, br, err := compress(raw)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path+".gz", gz, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(path+".br", br, 0o644); err != nil {
			return err
		}
		brSize[name] = len(br)
		fmt.Printf("%-16s raw %9d  gzip %8d  brotli %8d\n", name, len(raw), len(gz), len(br))
	}
	if budget == "" {
		return nil
	}
	name, limit, ok := strings.Cut(budget, "=")
	max, err := strconv.Atoi(limit)
	if !ok || err != nil {
		return fmt.Errorf("bad -budget %q: want file=bytes", budget)
	}
	n, ok := brSize[name]
	switch {
	case !ok:
		return fmt.Errorf("budget: %s is not among the files", name)
	case n > max:
		return fmt.Errorf("%s is %d bytes brotli-compressed, over the budget of %d by %d", name, n, max, n-max)
	}
	fmt.Printf("%s: %d bytes brotli, within the budget of %d (%d to spare)\n", name, n, max, max-n)
	return nil
}

func compress(raw []byte) (gz, br []byte, err error) {
	var g, b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	bw := brotli.NewWriterLevel(&b, brotli.BestCompression)
	if _, err := bw.Write(raw); err != nil {
		return nil, nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, nil, err
	}
	return g.Bytes(), b.Bytes(), nil
}
