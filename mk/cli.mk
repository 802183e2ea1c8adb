# The command line. Its tests are testscript sessions in
# cmd/wxinspect/testdata, run by `make gotest`. See docs/cli.md and
# docs/bench-cli.md.

BENCH_CLI_N ?= 100000
BENCH_CLI_ROUNDS ?= 5

.PHONY: bench-cli bench-cli-memory

bench-cli: ## batch throughput in records/s: 1 worker, all cores, 2 workers vs two 1-worker processes (BENCH_CLI_N=100000)
	mk/bench-cli.sh $(BENCH_CLI_N) $(BENCH_CLI_ROUNDS)

bench-cli-memory: ## peak memory of batch on a ~1 GB stream of JSON Lines (needs GNU time)
	@set -euo pipefail; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	$(GO) build -trimpath -o "$$dir/wxinspect" ./cmd/wxinspect; \
	"$$dir/wxinspect" fixture --appid wx4f4bc4dec97d474b --count 100000 --time 1700000000 >"$$dir/in.jsonl"; \
	reps=$$(( (1 << 30) / $$(wc -c <"$$dir/in.jsonl") + 1 )); \
	echo "streaming $$reps x $$(wc -c <"$$dir/in.jsonl") bytes through wxinspect batch"; \
	for i in $$(seq $$reps); do cat "$$dir/in.jsonl"; done | \
		/usr/bin/time -f 'peak RSS %M KiB, %e s wall, %U s user' \
		"$$dir/wxinspect" batch --appid wx4f4bc4dec97d474b --no-progress >/dev/null
