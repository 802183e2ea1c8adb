# The desktop inspector: desktop/ holds the Fyne UI and is tested
# headless by `go test`; cmd/wxinspect-desktop is the real app with Fyne's
# cgo GL driver. See docs/desktop.md and docs/bench-desktop.md.
#
# The GL driver needs C headers to compile, and `go vet ./...` compiles it
# too, so desktop-deps runs before lint as well as before the Go tests. The
# desktop builds do not use -trimpath: they share the build cache with vet
# and the smoke test, so the ~11-minute cold cgo build happens once.

# The Debian packages: a C compiler and the X11/GL headers for the build,
# Mesa's software GL, Xvfb and xauth for a window without a screen, xwd
# (x11-apps) for the screenshot, xclip for github.com/atotto/clipboard.
DESKTOP_APT := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri xvfb xauth x11-apps xclip
# The current fyne packaging tool, pinned (fyne.io/fyne/v2/cmd/fyne is deprecated).
FYNE_CMD := fyne.io/tools/cmd/fyne@v1.7.4

TEST_DEPS += desktop-deps
TEST_EXTRA += desktop-smoke
lint: desktop-deps

.PHONY: desktop desktop-deps desktop-smoke desktop-screenshot package-desktop

desktop: desktop-deps ## build the desktop inspector into bin/ (cgo: ~11 minutes cold on 2 cores)
	$(GO) build -o $(BIN)/wxinspect-desktop ./cmd/wxinspect-desktop

desktop-deps: ## install the C headers, Xvfb, xwd and xclip the desktop app needs (Debian), if missing
	@missing=""; \
	for p in $(DESKTOP_APT); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null; then \
		echo "desktop-deps: no apt-get here; install the equivalents of:$$missing"; exit 0; \
	fi; \
	$(call apt_install,$$missing,--no-install-recommends)

desktop-smoke: desktop-deps ## run the real window under Xvfb with --sample and check its screenshot
	WXINSPECT_REQUIRE_X=1 $(GO) test -tags smoke -count=1 -run '^TestSmoke' -v ./cmd/wxinspect-desktop

desktop-screenshot: desktop-deps ## refresh docs/desktop.png from the real window under Xvfb
	WXINSPECT_REQUIRE_X=1 WXINSPECT_SCREENSHOT=$(abspath docs/desktop.png) WXINSPECT_SCREENSHOT_ZH=$(abspath docs/desktop-zh.png) \
		$(GO) test -tags smoke -count=1 -run '^TestSmoke' -v ./cmd/wxinspect-desktop

# The packager adds one to the Build number in the FyneApp.toml it reads:
# it reads a copy (with main.go, which it wants to see), so that packaging
# leaves the tracked file as it is.
package-desktop: desktop ## Linux archive bin/wxinspect.tar.xz with the fyne packager (the tree stays as it was)
	rm -rf $(BIN)/package-desktop && mkdir -p $(BIN)/package-desktop/src
	cp cmd/wxinspect-desktop/main.go cmd/wxinspect-desktop/FyneApp.toml cmd/wxinspect-desktop/Icon.png $(BIN)/package-desktop/src/
	cd $(BIN)/package-desktop && $(GO) run $(FYNE_CMD) package --os linux --release \
		--exe $(abspath $(BIN)/wxinspect-desktop) --src $(abspath $(BIN)/package-desktop/src)
	mv $(BIN)/package-desktop/wxinspect.tar.xz $(BIN)/
	rm -rf $(BIN)/package-desktop
	@tar -tJf $(BIN)/wxinspect.tar.xz
	@$(MAKE) --no-print-directory tree-unchanged TREE_STATUS="$(TREE_STATUS)"
