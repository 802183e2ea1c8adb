#!/usr/bin/env bash
# icount.sh prints each benchmark's instructions per operation under
# valgrind's callgrind: a quiet figure for a shared machine, where wall time
# drifts with the neighbours' load. The whole process is counted, the garbage
# collector included, with GOMAXPROCS=1; each benchmark runs for N and 2N
# iterations and the difference over N cancels start-up and set-up. Valgrind
# executes AES-NI but not at the CPU's speed, and instructions are not cycles
# (encoding/json's reflection runs at a lower IPC than AES), so compare these
# figures with each other, beside ns/op, not instead of it.
#
# Usage: bench/icount.sh [N] [go test -bench regexp]   (N defaults to 10000)
set -euo pipefail
cd "$(dirname "$0")"
n=${1:-10000}
pattern=${2:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/bench.test" .

# benchmark names as go test prints them, without the GOMAXPROCS suffix
names=$("$tmp/bench.test" -test.run '^$' -test.bench "$pattern" -test.benchtime 1x |
	awk '/^Benchmark/ {sub(/-[0-9]+$/, "", $1); sub(/^Benchmark/, "", $1); print $1}')

# ir prints the instructions of one run. Callgrind now and then trips an
# assertion on a Go runtime signal and prints no total; such a run is retried.
ir() { # name iterations
	local top=${1%%/*} sub=${1#*/} out try
	for try in 1 2 3; do
		out=$(GOMAXPROCS=1 GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$tmp/bench.test" -test.run '^$' -test.bench "^Benchmark${top}\$/^${sub//./\\.}\$" \
			-test.benchtime "${2}x" 2>&1 | awk '/Collected :/ {print $4}')
		if [ -n "$out" ]; then
			echo "$out"
			return
		fi
	done
	echo "icount.sh: error: callgrind gave no count for $1 after 3 tries" >&2
	exit 1
}

printf '%-32s %10s\n' benchmark 'instr/op'
for name in $names; do
	a=$(ir "$name" "$n")
	b=$(ir "$name" $((2 * n)))
	printf '%-32s %10d\n' "$name" $(((b - a) / n))
done
