#!/usr/bin/env bash
# Batch throughput of `wxinspect batch`, in records/s:
#   - 1 worker and all cores on N records (default 100000);
#   - 2 workers against two 1-worker processes, each on half of the same
#     input, run at the same time: the ideal use of two cores on this machine
#     as it is now, so the ratio holds even when the machine is shared.
# Each round runs every case once, interleaved, so that drift in the load
# hits them alike; the medians of ROUNDS rounds are printed.
# Usage: mk/bench-cli.sh [N] [ROUNDS]. Needs go, GNU coreutils (split), awk.
set -euo pipefail
n=${1:-100000}
rounds=${2:-5}
cores=$(getconf _NPROCESSORS_ONLN)
appid=wx4f4bc4dec97d474b
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
bin=$dir/wxinspect

go build -trimpath -o "$bin" ./cmd/wxinspect
# Phone fixtures, each with its own random key and iv.
"$bin" fixture --appid $appid --count "$n" --time 1700000000 >"$dir/in.jsonl"
split -n l/2 "$dir/in.jsonl" "$dir/half."

# batch WORKERS FILE: run one batch, check it, discard the reports.
batch() {
	"$bin" batch --appid $appid --no-progress --workers "$1" "$2" >/dev/null 2>"$2.err" ||
		{ cat "$2.err" >&2; exit 1; }
}
# secs CMD...: "wall cpu" seconds of CMD, cpu being user + system time of
# every process it ran.
secs() {
	local TIMEFORMAT='%3R %3U %3S' t
	t=$({ time "$@" >/dev/null; } 2>&1)
	echo "$t" | awk '{ printf "%s %.3f\n", $1, $2 + $3 }'
}
pair() {
	batch 1 "$dir/half.aa" &
	local a=$!
	batch 1 "$dir/half.ab" &
	local b=$!
	wait "$a" "$b"
}

: >"$dir/w1"; : >"$dir/wall"; : >"$dir/w2"; : >"$dir/pair"
for r in $(seq "$rounds"); do
	secs batch 1 "$dir/in.jsonl" >>"$dir/w1"
	secs batch "$cores" "$dir/in.jsonl" >>"$dir/wall"
	secs batch 2 "$dir/in.jsonl" >>"$dir/w2"
	secs pair >>"$dir/pair"
	echo "round $r/$rounds (wall s, cpu s): 1 worker $(tail -1 "$dir/w1"), $cores workers $(tail -1 "$dir/wall")," \
		"2 workers $(tail -1 "$dir/w2"), two 1-worker processes on halves $(tail -1 "$dir/pair")" >&2
done

# median FILE COLUMN
median() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
spread() { awk '{ print $1 }' "$1" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f-%.3f", lo, hi }'; }
m1=$(median "$dir/w1" 1); mall=$(median "$dir/wall" 1); m2=$(median "$dir/w2" 1); mp=$(median "$dir/pair" 1)
rate() { awk -v n="$n" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
row() { printf '%-42s %8s %12s  %-13s %8s %12s\n' "$1" "$(median "$2" 1)" "$(rate "$(median "$2" 1)")" "$(spread "$2")" "$(median "$2" 2)" "$(rate "$(median "$2" 2)")"; }
echo
echo "wxinspect batch, $n phone fixtures ($(wc -c <"$dir/in.jsonl") bytes), $cores cores, $(go env GOVERSION), medians of $rounds rounds"
printf '%-42s %8s %12s  %-13s %8s %12s\n' case "wall s" "records/s" "wall range" "cpu s" "records/cpu-s"
row "1 worker" "$dir/w1"
row "$cores workers (default)" "$dir/wall"
row "2 workers" "$dir/w2"
row "two 1-worker processes on halves, at once" "$dir/pair"
echo
awk -v p="$mp" -v w2="$m2" -v w1="$m1" 'BEGIN {
	printf "2 workers / two 1-worker processes: %.2fx (target >= 0.9x)\n", p / w2
	printf "2 workers / 1 worker:               %.2fx (target >= 1.7x on a quiet 2-core machine)\n", w1 / w2
}'
