# Benchmarks of the core against the Go libraries backends use. The
# bench/ module has its own go.mod so that the main module never depends on the
# peers; it is not part of `make test`. See docs/bench-core.md.

BENCH_COUNT ?= 20
BENCH_TIME ?= 200ms
BENCH ?= .
# Many short runs (BENCH_TIME) interleave the benchmarks finely, so that the
# per-round ratios see the same load. BENCH_OUT keeps the raw `go test -bench`
# output for `go -C bench tool benchstat old.out new.out` (*.out is ignored by
# git).
BENCH_OUT ?= bench/latest.out
BENCH_ICOUNT_N ?= 10000

.PHONY: bench bench-icount

bench: ## benchmark core.Open/Decrypt/Inspect against silenceper, weapp, go-pay (BENCH_COUNT=20)
	@set -o pipefail; \
		$(GO) -C bench test -run '^$$' -bench '$(BENCH)' -count $(BENCH_COUNT) -benchtime $(BENCH_TIME) . \
		| tee $(BENCH_OUT)
	@echo; echo "== benchstat"
	@$(GO) -C bench tool benchstat $(abspath $(BENCH_OUT))
	@echo; echo "== targets (medians of $(BENCH_COUNT) runs, side by side in one run)"
	@$(GO) -C bench run ./cmd/benchtable $(abspath $(BENCH_OUT))

bench-icount: ## instructions per op of every benchmark under callgrind: quiet figures on a busy machine
	bench/icount.sh $(BENCH_ICOUNT_N)
