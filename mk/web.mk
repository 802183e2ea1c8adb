# The offline debug page (wasm/js, wasm/web) and the WASI module (wasm/wasi).
# See docs/web.md.

WEB_DIR     := wasm/web/static
WEB_MODULE  := $(WEB_DIR)/wxinspect.wasm
# The reader of pasted text (core/read.go: every shape and damage, the same
# records as the command line's) costs ~18 KB brotli over what the page
# took before it (657 KB).
WEB_BUDGET  := 680000
# The second module, API security mode (wasm/securejs): RSA and X.509 weigh
# too much for the main module, so the page loads this one only when its
# Security mode tab opens. Its budget is what it measured (1,151,800 bytes
# brotli with Go 1.26) plus about 4%.
SECURE_MODULE := $(WEB_DIR)/wxinspect-secure.wasm
SECURE_BUDGET := 1200000
WASI_MODULE := $(BIN)/wxinspect-wasi.wasm
GO_WASM_DIR  = $(shell $(GO) env GOROOT)/lib/wasm
# The committed page (see web-commit) must not depend on the commit it is in:
# its module says "devel"; make release stamps the release's version into its
# own build of the page and the npm package.
WEB_VERSION ?= devel
# -gcflags=runtime=-l: the runtime without inlining is ~33 KB smaller
# brotli-compressed, which is what keeps the module within WEB_BUDGET; the
# cost of decryptMany stays within the noise of docs/bench-web.md.
# -trimpath and an empty -buildid make the module the same on every machine
# with the same Go: web-check compares it byte for byte.
WEB_BUILD    = -trimpath -gcflags=runtime=-l -ldflags="-s -buildid= -X main.version=$(WEB_VERSION)"
# The second module also links Baidu, Alipay and Douyin's RSA flow and the
# inspection of pasted text (core/platform_js.go), which took it from
# 1,150,498 to 1,232,390 bytes brotli with WEB_BUILD's flags. Without
# inlining anywhere but in crypto (whose speed RSA needs) it is ~1,165,000.
SECURE_BUILD = -trimpath -gcflags=all=-l -gcflags=crypto/...= -tags=wxinspect_platforms \
	-ldflags="-s -buildid= -X main.version=$(WEB_VERSION)"
# What git keeps of the built page, so that `go install` embeds a page that
# works: the module (git delta-compresses successive builds; their brotli
# copies it cannot) and wasm_exec.js.
WEB_COMMITTED := $(WEB_MODULE) $(SECURE_MODULE) $(WEB_DIR)/wasm_exec.js
WEB_GO_SRC   = $(shell find core wasm/js wasm/securejs -name '*.go' -not -name '*_test.go') go.mod
WEB_PAGE     = $(filter-out %/wasm_exec.js,$(wildcard $(WEB_DIR)/*.html $(WEB_DIR)/*.js $(WEB_DIR)/*.css $(WEB_DIR)/*.svg))

TEST_DEPS  += web chromium node
TEST_EXTRA += web-size web-test-js web-check

# make test must not skip the browser tests silently; it keeps the page's
# screenshots for the record.
gotest: export WXINSPECT_REQUIRE_BROWSER = 1
gotest: export WXINSPECT_REQUIRE_WEB = 1
gotest: export WXINSPECT_SCREENSHOTS = $(CURDIR)/$(BIN)/screenshots

.PHONY: web web-size web-test-js web-bench web-check web-commit wasm chromium node

web: wasm/web/.built ## build the offline page into wasm/web/static (any static host can serve it)

wasm/web/.built: $(WEB_GO_SRC) $(WEB_PAGE)
	GOOS=js GOARCH=wasm $(GO) build $(WEB_BUILD) -o $(WEB_MODULE) ./wasm/js
	GOOS=js GOARCH=wasm $(GO) build $(SECURE_BUILD) -o $(SECURE_MODULE) ./wasm/securejs
	cp $(GO_WASM_DIR)/wasm_exec.js $(WEB_DIR)/wasm_exec.js
	$(GO) run ./wasm/internal/precompress -budget wxinspect.wasm=$(WEB_BUDGET) $(WEB_MODULE) $(WEB_DIR)/wasm_exec.js
	$(GO) run ./wasm/internal/precompress -budget wxinspect-secure.wasm=$(SECURE_BUDGET) $(SECURE_MODULE)
	@touch $@

web-check: web ## check that the committed page is what the sources and this Go build, byte for byte
	@cmp -s $(GO_WASM_DIR)/wasm_exec.js $(WEB_DIR)/wasm_exec.js || \
		{ echo "web-check: $(WEB_DIR)/wasm_exec.js is not the one of $$($(GO) env GOVERSION): run make web-commit"; exit 1; }
	@git diff --quiet -- $(WEB_COMMITTED) && \
		test -z "$$(git ls-files --others --exclude-standard -- $(WEB_COMMITTED))" || \
		{ git diff --stat -- $(WEB_COMMITTED); \
		  echo "web-check: the committed page is not what the sources build: run make web-commit"; exit 1; }
	@echo "web-check: the committed page is what the sources build ($$($(GO) env GOVERSION))"

web-commit: ## rebuild the page and commit what git keeps of it (after every change of core/ or wasm/js, and after a rebase)
	rm -f wasm/web/.built
	$(MAKE) --no-print-directory web
	git add -- $(WEB_COMMITTED)
	@if git diff --cached --quiet -- $(WEB_COMMITTED); then \
		echo "web-commit: the committed page is up to date"; \
	else \
		git commit -q -m "wasm/web: regenerate the committed page" -- $(WEB_COMMITTED) && \
		git log -1 --stat --format='web-commit: %h %s' | cat; \
	fi

web-size: web ## the modules' raw, gzip and brotli sizes; fail over their budgets (680 KB, 1.2 MB brotli)
	@raw=$$(wc -c < $(WEB_MODULE)); gz=$$(wc -c < $(WEB_MODULE).gz); br=$$(wc -c < $(WEB_MODULE).br); \
		echo "wxinspect.wasm: raw $$raw, gzip $$gz, brotli $$br bytes (budget $(WEB_BUDGET))"; \
		if [ $$br -gt $(WEB_BUDGET) ]; then echo "wxinspect.wasm is over its size budget by $$((br - $(WEB_BUDGET))) bytes"; exit 1; fi
	@raw=$$(wc -c < $(SECURE_MODULE)); gz=$$(wc -c < $(SECURE_MODULE).gz); br=$$(wc -c < $(SECURE_MODULE).br); \
		echo "wxinspect-secure.wasm: raw $$raw, gzip $$gz, brotli $$br bytes (budget $(SECURE_BUDGET))"; \
		if [ $$br -gt $(SECURE_BUDGET) ]; then echo "wxinspect-secure.wasm is over its size budget by $$((br - $(SECURE_BUDGET))) bytes"; exit 1; fi

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
	@# A CJK font, so that the page's Chinese screenshots show Chinese (users' browsers have one).
	@if command -v fc-list >/dev/null && [ -z "$$(fc-list :lang=zh)" ]; then \
		$(call apt_install,fonts-wqy-microhei); \
	fi

node: ## install Node.js for the glue and node:wasi tests when it is missing (apt)
	@if ! command -v node >/dev/null; then \
		$(call apt_install,nodejs); \
	fi
