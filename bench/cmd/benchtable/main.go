// Command benchtable reads the raw output of the bench module's `go test
// -bench` (files named on the command line, or standard input) and prints the
// table of targets: the median ns/op, B/op and allocs/op of every benchmark
// with benchstat's variation, then the ratios that the targets are stated in,
// each with a pass or fail.
//
// Medians and their confidence intervals come from golang.org/x/perf, the
// package behind benchstat, so the numbers match benchstat's.
//
// A target is judged on the paired ratio: go test -count runs every
// benchmark once per round, so the i-th result of one benchmark and the i-th
// of another ran seconds apart; the median of their per-round quotients
// cancels most of the drift of a shared machine, which the ratio of the two
// medians, also shown, does not.
//
// With -strict it exits 1 when a target fails.
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// stats is one benchmark's summaries, keyed by unit, with the number of runs
// behind them.
type stats struct {
	n     int
	units map[string]benchmath.Summary
	raw   map[string][]float64 // each unit's values, one per round, in order
}

func main() {
	strict := flag.Bool("strict", false, "exit 1 when a target fails")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: benchtable [-strict] [go-test-bench-output ...]")
		flag.PrintDefaults()
	}
	flag.Parse()

	names, samples, err := read(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable: error:", err)
		os.Exit(2)
	}
	if len(names) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: error: no benchmark results in the input")
		fmt.Fprintln(os.Stderr, "benchtable: hint: pipe in the output of `go test -bench . -count 10` run in bench/")
		os.Exit(2)
	}
	all := make(map[string]*stats, len(names))
	for _, n := range names {
		all[n] = summarize(samples[n])
	}
	printTable(os.Stdout, names, all)
	fmt.Println()
	pass := printRatios(os.Stdout, all, "ns/op")
	if _, ok := all[names[0]].units["cpu-ns/op"]; ok {
		fmt.Println()
		printRatios(os.Stdout, all, "cpu-ns/op")
	}
	if !pass && *strict {
		os.Exit(1)
	}
}

// read collects every value of every benchmark by name, in order of first
// appearance.
func read(files []string) ([]string, map[string]map[string][]float64, error) {
	var names []string
	samples := map[string]map[string][]float64{}
	scan := func(r io.Reader, file string) error {
		br := benchfmt.NewReader(r, file)
		for br.Scan() {
			res, ok := br.Result().(*benchfmt.Result)
			if !ok {
				continue // a syntax error or unit metadata; go test prints none
			}
			name := shortName(res.Name)
			if samples[name] == nil {
				samples[name] = map[string][]float64{}
				names = append(names, name)
			}
			for _, v := range res.Values {
				// benchfmt turns ns/op into sec/op and keeps the original
				// only when it converted.
				unit, x := v.Unit, v.Value
				if v.OrigUnit != "" {
					unit, x = v.OrigUnit, v.OrigValue
				}
				samples[name][unit] = append(samples[name][unit], x)
			}
		}
		return br.Err()
	}
	if len(files) == 0 {
		return names, samples, scan(os.Stdin, "stdin")
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, nil, err
		}
		err = scan(fh, f)
		fh.Close()
		if err != nil {
			return nil, nil, err
		}
	}
	return names, samples, nil
}

// shortName drops the "Benchmark" prefix and the GOMAXPROCS suffix, which
// benchfmt turns into a gomaxprocs part.
func shortName(n benchfmt.Name) string {
	base, parts := n.Parts()
	s := string(base)
	for _, p := range parts {
		if strings.HasPrefix(string(p), "-") || strings.HasPrefix(string(p), "/gomaxprocs=") {
			continue
		}
		s += string(p)
	}
	return s
}

func summarize(byUnit map[string][]float64) *stats {
	s := &stats{units: map[string]benchmath.Summary{}}
	s.raw = byUnit
	for u, vs := range byUnit {
		s.n = max(s.n, len(vs))
		// Allocation counts and sizes are exact; times are not.
		assume := benchmath.Assumption(benchmath.AssumeNothing)
		if u == "B/op" || u == "allocs/op" {
			assume = benchmath.AssumeExact
		}
		s.units[u] = assume.Summary(benchmath.NewSample(vs, &benchmath.DefaultThresholds), 0.95)
	}
	return s
}

func printTable(w io.Writer, names []string, all map[string]*stats) {
	width := len("benchmark")
	for _, n := range names {
		width = max(width, len(n))
	}
	fmt.Fprintf(w, "%-*s %9s %5s %9s %5s %4s %6s %9s\n", width, "benchmark", "ns/op", "±", "cpu-ns/op", "±", "n", "B/op", "allocs/op")
	for _, n := range names {
		s := all[n]
		t, c := s.units["ns/op"], s.units["cpu-ns/op"]
		fmt.Fprintf(w, "%-*s %9.0f %5s %9.0f %5s %4d %6.0f %9.0f\n", width, n, t.Center, t.PctRangeString(),
			c.Center, c.PctRangeString(), s.n, s.units["B/op"].Center, s.units["allocs/op"].Center)
	}
}

// target is one of the target ratios: a over b. ok, if set, tells whether the
// ratio meets the target.
type target struct {
	a, b string
	what string
	ok   func(ratio float64) bool
	goal string
}

// printRatios prints the ratios in unit and reports whether the targets hold.
func printRatios(w io.Writer, all map[string]*stats, unit string) bool {
	get := func(name, unit string) (benchmath.Summary, bool) {
		s, ok := all[name]
		if !ok {
			return benchmath.Summary{}, false
		}
		v, ok := s.units[unit]
		return v, ok
	}
	const (
		open    = "UserInfo/core.Open"
		inspect = "UserInfo/core.Inspect"
	)
	targets := []target{
		{open, "UserInfo/silenceper.Decrypt", "core.Open vs silenceper.Decrypt", func(r float64) bool { return r <= 1.0/5 }, "≥ 5× faster"},
		{open, "UserInfo/weapp.DecryptUserData", "core.Open vs weapp.DecryptUserData", nil, ""},
		{open, "UserInfo/weapp.DecryptMobile", "core.Open vs weapp.DecryptMobile", nil, ""},
		{open, "UserInfo/gopay.DecryptOpenData", "core.Open vs gopay.DecryptOpenData", nil, ""},
		{open, "UserInfo/stdlib.Unmarshal", "core.Open vs stdlib+encoding/json", nil, ""},
		{"Decrypt/core.Decrypt", "Decrypt/stdlib", "core.Decrypt / stdlib baseline", func(r float64) bool { return r <= 1.3 }, "≤ 1.3×"},
		{inspect, open, "core.Inspect / core.Open", func(r float64) bool { return r <= 1.5 }, "≤ 1.5×"},
	}
	fmt.Fprintf(w, "%-36s %8s %8s %17s %8s  %s\n", unit+" ratio", "of meds", "paired", "paired 95% range", "speedup", "target")
	pass := true
	for _, t := range targets {
		a, aok := get(t.a, unit)
		b, bok := get(t.b, unit)
		if !aok || !bok {
			fmt.Fprintf(w, "%-36s missing from the input\n", t.what)
			if t.ok != nil {
				pass = false
			}
			continue
		}
		p := paired(all[t.a].raw[unit], all[t.b].raw[unit])
		verdict := ""
		if t.ok != nil {
			verdict = t.goal + "  " + passFail(t.ok(p.Center))
			pass = pass && t.ok(p.Center)
		}
		fmt.Fprintf(w, "%-36s %8.3f %8.3f %17s %7.1f×  %s\n", t.what, a.Center/b.Center, p.Center,
			fmt.Sprintf("[%.3f, %.3f]", p.Lo, p.Hi), 1/p.Center, verdict)
	}
	if unit != "ns/op" {
		return pass
	}
	allocs, ok := get(open, "allocs/op")
	if !ok {
		fmt.Fprintf(w, "%-36s missing from the input\n", "core.Open allocs/op")
		return false
	}
	good := allocs.Center <= 4 && !math.IsNaN(allocs.Center)
	fmt.Fprintf(w, "%-36s %8s %8.0f %17s %8s  %s\n", "core.Open allocs/op", "", allocs.Center, "", "", "≤ 4  "+passFail(good))
	return pass && good
}

// paired summarizes the per-round quotients a[i]/b[i].
func paired(a, b []float64) benchmath.Summary {
	q := make([]float64, min(len(a), len(b)))
	for i := range q {
		q[i] = a[i] / b[i]
	}
	return benchmath.AssumeNothing.Summary(benchmath.NewSample(q, &benchmath.DefaultThresholds), 0.95)
}

func passFail(ok bool) string {
	if ok {
		return "PASS"
	}
	return "FAIL"
}
