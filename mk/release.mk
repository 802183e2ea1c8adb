# Reaching users: the npm package (wasm/npm), the test that installs the
# command as `go install` does, and the release archives built by goreleaser
# (release/goreleaser.yaml). goreleaser is pinned in the separate module
# release/, so that the main module's go.mod does not carry its dependencies.

NPM_DIR     := wasm/npm
# The packed npm tarball (the module gzip-compressed, the loader, the types):
# it follows the module, ~911 KB once the module held the paste reader.
NPM_BUDGET  := 950000
RELEASE_DIR := $(BIN)/release
GORELEASER  := $(BIN)/goreleaser
GORELEASE    = WXINSPECT_VERSION=$(VERSION) $(abspath $(GORELEASER)) release --snapshot --clean -f release/goreleaser.yaml
# A release's version: the v-tag at HEAD without its v, else 0.0.0-g<commit>.
ifeq ($(origin VERSION),undefined)
VERSION := $(shell git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null | sed 's/^v//' | grep . || \
	echo "0.0.0-g$$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)")
endif
# The tree as make found it: test, release and package-desktop must leave it so.
TREE_STATUS := $(shell git status --porcelain 2>/dev/null | sha256sum)

TEST_DEPS  += npm npm-cli
TEST_EXTRA += npm-size install-test release-check
gotest: export WXINSPECT_REQUIRE_NPM = 1

.PHONY: npm npm-cli npm-size install-test release release-check release-extras mingw tree-unchanged

npm: web ## the npm package in wasm/npm: then `cd wasm/npm && npm pack` makes the tarball
	cp $(WEB_MODULE) $(NPM_DIR)/wxinspect.wasm
	cp $(WEB_DIR)/wasm_exec.js $(NPM_DIR)/wasm_exec.js

npm-cli: node ## install npm when missing (apt; some nodejs packages ship it, Debian's does not)
	@if ! command -v npm >/dev/null; then \
		$(call apt_install,npm,--no-install-recommends); \
	fi

npm-size: npm npm-cli ## pack the npm package and check it against its size budget
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	(cd $(NPM_DIR) && npm pack --silent --pack-destination "$$dir" >/dev/null); \
	f=$$(ls "$$dir"/*.tgz); n=$$(wc -c < "$$f"); \
	echo "npm package: $$(basename $$f) $$n bytes (budget $(NPM_BUDGET))"; \
	if [ $$n -gt $(NPM_BUDGET) ]; then echo "the npm package is over its size budget by $$((n - $(NPM_BUDGET))) bytes"; exit 1; fi

install-test: ## install the command from the committed tree as `go install …@version` would, and test its serve
	set -o pipefail; $(GO) -C release test -count=1 -run '^TestGoInstall$$' -v . 2>&1 | grep -v '^=== RUN'

$(GORELEASER): release/go.mod release/go.sum
	$(GO) -C release build -o $(abspath $@) github.com/goreleaser/goreleaser/v2

# release-extras is goreleaser's before-hook: the page and the npm package,
# with VERSION in the module, as bin/release/wxinspect-page_VERSION.zip and
# bin/release/wxinspect-VERSION.tgz.
release-extras: WEB_VERSION = $(VERSION)
release-extras: npm-cli
	rm -rf $(RELEASE_DIR)
	mkdir -p $(RELEASE_DIR)/page $(RELEASE_DIR)/npm
	GOOS=js GOARCH=wasm $(GO) build $(WEB_BUILD) -o $(RELEASE_DIR)/page/wxinspect.wasm ./wasm/js
	cp $(GO_WASM_DIR)/wasm_exec.js $(WEB_PAGE) $(RELEASE_DIR)/page/
	$(GO) run ./wasm/internal/precompress -budget wxinspect.wasm=$(WEB_BUDGET) $(RELEASE_DIR)/page/wxinspect.wasm $(RELEASE_DIR)/page/wasm_exec.js
	GOOS=js GOARCH=wasm $(GO) build $(SECURE_BUILD) -o $(RELEASE_DIR)/page/$(notdir $(SECURE_MODULE)) ./wasm/securejs
	$(GO) run ./wasm/internal/precompress -budget $(notdir $(SECURE_MODULE))=$(SECURE_BUDGET) $(RELEASE_DIR)/page/$(notdir $(SECURE_MODULE))
	cd $(RELEASE_DIR)/page && zip -q -X -r ../wxinspect-page_$(VERSION).zip .
	cp $(NPM_DIR)/package.json $(NPM_DIR)/index.js $(NPM_DIR)/index.d.ts $(NPM_DIR)/README.md \
		$(RELEASE_DIR)/page/wxinspect.wasm $(RELEASE_DIR)/page/wasm_exec.js $(RELEASE_DIR)/npm/
	cd $(RELEASE_DIR)/npm && npm pkg set version=$(VERSION) && npm pack --silent --pack-destination .. >/dev/null
	@n=$$(wc -c < $(RELEASE_DIR)/wxinspect-$(VERSION).tgz); if [ $$n -gt $(NPM_BUDGET) ]; then \
		echo "wxinspect-$(VERSION).tgz is $$n bytes, over the budget of $(NPM_BUDGET)"; exit 1; fi
	rm -rf $(RELEASE_DIR)/page $(RELEASE_DIR)/npm

release: $(GORELEASER) desktop-deps mingw ## every archive into dist/: CLI ×6 platforms, desktop linux+windows, page zip, npm tarball, SHA-256 sums
	$(GORELEASE)
	cp $(RELEASE_DIR)/*.zip $(RELEASE_DIR)/*.tgz dist/
	cd dist && sha256sum --quiet -c wxinspect_$(VERSION)_checksums.txt
	@cd dist && ls -l *.tar.gz *.zip *.tgz *.txt | awk '{printf "  %10d  %s\n", $$5, $$9}'
	@$(MAKE) --no-print-directory tree-unchanged TREE_STATUS="$(TREE_STATUS)"

release-check: $(GORELEASER) npm-cli ## make release for this machine's command line, the page and the npm package; each reports VERSION
	WXINSPECT_HOST_ONLY=1 $(GORELEASE)
	cp $(RELEASE_DIR)/*.zip $(RELEASE_DIR)/*.tgz dist/
	cd dist && sha256sum --quiet -c wxinspect_$(VERSION)_checksums.txt
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	os=$$($(GO) env GOOS); arch=$$($(GO) env GOARCH); \
	tar -xzf dist/wxinspect_$(VERSION)_$${os}_$${arch}.tar.gz -C "$$dir"; \
	out=$$("$$dir/wxinspect" version); echo "$$out"; \
	case "$$out" in *"$(VERSION)"*) ;; *) echo "release-check: the command does not say $(VERSION)"; exit 1;; esac; \
	unzip -q dist/wxinspect-page_$(VERSION).zip -d "$$dir/page"; \
	grep -aqF '$(VERSION)' "$$dir/page/wxinspect.wasm" || { echo "release-check: the page's module does not say $(VERSION)"; exit 1; }; \
	echo "page: wxinspect.wasm says $(VERSION)"; \
	mkdir "$$dir/npm"; tar -xzf dist/wxinspect-$(VERSION).tgz -C "$$dir/npm"; \
	(cd "$$dir/npm/package" && node --input-type=module -e \
		'const { load } = await import("./index.js"); const wx = await load(); console.log("npm: wxinspect " + wx.version); if (wx.version !== process.argv[1]) process.exit(1);' '$(VERSION)'); \
	grep -q '"version": "$(VERSION)"' "$$dir/npm/package/package.json" || { echo "release-check: package.json does not say $(VERSION)"; exit 1; }
	@cd dist && ls -l *.tar.gz *.zip *.tgz *.txt | awk '{printf "  %10d  %s\n", $$5, $$9}'

mingw: ## install the mingw-w64 cross compiler for the Windows desktop build (apt), if missing
	@if ! command -v x86_64-w64-mingw32-gcc >/dev/null; then \
		$(call apt_install,gcc-mingw-w64-x86-64,--no-install-recommends); \
	fi

tree-unchanged: ## fail if this make run changed the git tree (under CI=true: if it is not clean)
	@now=$$(git status --porcelain | sha256sum); \
	if [ "$$now" != "$(TREE_STATUS)" ]; then git status --short; echo "the tree changed during this make run"; exit 1; fi; \
	if [ -n "$(CI)" ] && [ -n "$$(git status --porcelain)" ]; then git status --short; echo "the tree is not clean"; exit 1; fi
