# The offline debug page (wasm/js, wasm/web) and the WASI module (wasm/wasi).
# See docs/web.md.

WEB_DIR     := wasm/web/static
WEB_MODULE  := $(WEB_DIR)/wxinspect.wasm
WEB_BUDGET  := 650000
WASI_MODULE := $(BIN)/wxinspect-wasi.wasm
GO_WASM_DIR  = $(shell $(GO) env GOROOT)/lib/wasm
WEB_VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
# -gcflags=runtime=-l: the runtime without inlining is ~33 KB smaller
# brotli-compressed, which is what keeps the module within WEB_BUDGET; the
# cost of decryptMany stays within the noise of docs/bench-web.md.
WEB_BUILD   := -trimpath -gcflags=runtime=-l -ldflags="-s -X main.version=$(WEB_VERSION)"
WEB_GO_SRC   = $(shell find core wasm/js -name '*.go' -not -name '*_test.go') go.mod
WEB_PAGE     = $(filter-out %/wasm_exec.js,$(wildcard $(WEB_DIR)/*.html $(WEB_DIR)/*.js $(WEB_DIR)/*.css $(WEB_DIR)/*.svg))

TEST_DEPS  += web chromium node
TEST_EXTRA += web-size web-test-js

# make test must not skip the browser tests silently; it keeps the page's
# screenshots for the record.
gotest: export WXINSPECT_REQUIRE_BROWSER = 1
gotest: export WXINSPECT_SCREENSHOTS = $(CURDIR)/$(BIN)/screenshots

.PHONY: web web-size web-test-js web-bench wasm chromium node

web: wasm/web/.built ## build the offline page into wasm/web/static (any static host can serve it)

wasm/web/.built: $(WEB_GO_SRC) $(WEB_PAGE)
	GOOS=js GOARCH=wasm $(GO) build $(WEB_BUILD) -o $(WEB_MODULE) ./wasm/js
	cp $(GO_WASM_DIR)/wasm_exec.js $(WEB_DIR)/wasm_exec.js
	$(GO) run ./wasm/internal/precompress -budget wxinspect.wasm=$(WEB_BUDGET) $(WEB_MODULE) $(WEB_DIR)/wasm_exec.js
	@touch $@

web-size: web ## the module's raw, gzip and brotli sizes; fail over 650 KB brotli
	@raw=$$(wc -c < $(WEB_MODULE)); gz=$$(wc -c < $(WEB_MODULE).gz); br=$$(wc -c < $(WEB_MODULE).br); \
		echo "wxinspect.wasm: raw $$raw, gzip $$gz, brotli $$br bytes (budget $(WEB_BUDGET))"; \
		if [ $$br -gt $(WEB_BUDGET) ]; then echo "wxinspect.wasm is over its size budget by $$((br - $(WEB_BUDGET))) bytes"; exit 1; fi

web-test-js: ## test the js/wasm glue under node (GOOS=js GOARCH=wasm go test)
	PATH="$(GO_WASM_DIR):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./wasm/js

web-bench: web chromium ## decryptMany vs WebCrypto on 10,000 records in headless Chromium
	WXINSPECT_BENCH_WEB=1 WXINSPECT_REQUIRE_BROWSER=1 $(GO) test -count=1 -run '^TestBenchDecryptMany$$' -v ./wasm/web

wasm: $(WASI_MODULE) ## build the WASI reactor module into bin/ (ABI: docs/web.md)

$(WASI_MODULE): $(shell find core wasm/wasi -name '*.go' -not -name '*_test.go') go.mod
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared -trimpath -ldflags=-s -o $@ ./wasm/wasi

chromium: ## install Chromium for the browser tests when it is missing (apt)
	@if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then \
		$(call apt_install,chromium); \
	fi

node: ## install Node.js for the glue and node:wasi tests when it is missing (apt)
	@if ! command -v node >/dev/null; then \
		$(call apt_install,nodejs); \
	fi
