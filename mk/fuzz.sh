#!/usr/bin/env bash
# mk/fuzz.sh FUZZTIME: run every fuzz target of the module for FUZZTIME each.
#
# Go 1.26's fuzzing coordinator can end a run bounded by a duration with a
# bare "context deadline exceeded" when the clock runs out while a worker is
# busy, most often on a loaded machine (go.dev/issue/75804, fixed in Go 1.27).
# Such a run found nothing: it wrote no failing input. It is reported and not
# counted as a failure; any other failure, or a run that wrote a failing input
# under testdata/fuzz, fails.
set -euo pipefail
go=${GO:-go}
fuzztime=$1
for pkg in $($go list ./...); do
	dir=$($go list -f '{{.Dir}}' "$pkg")
	for t in $($go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		echo "fuzz $pkg $t ($fuzztime)"
		corpus="$dir/testdata/fuzz/$t"
		before=$( (ls "$corpus" 2>/dev/null || true) | wc -l)
		log=$(mktemp)
		if $go test -run '^$' -fuzz "^$t\$" -fuzztime "$fuzztime" "$pkg" 2>&1 | tee "$log"; then
			rm -f "$log"
			continue
		fi
		after=$( (ls "$corpus" 2>/dev/null || true) | wc -l)
		if [ "$after" = "$before" ] && grep -qx '    context deadline exceeded' "$log" &&
			[ "$(grep -c -- '--- FAIL' "$log")" = 1 ]; then
			echo "fuzz: $t ended on Go's fuzztime race (go.dev/issue/75804) and wrote no failing input: not a failure"
			rm -f "$log"
			continue
		fi
		rm -f "$log"
		exit 1
	done
done
