# wxinspect: see README.md. Areas add their own targets in mk/*.mk; they hook
# into `make test` through TEST_DEPS (run before the Go tests, e.g. installing
# Chromium or building the WebAssembly module) and TEST_EXTRA (run after).

.DEFAULT_GOAL := help
SHELL := /bin/bash
GO ?= go
BIN := bin
TEST_DEPS :=
TEST_EXTRA :=
FUZZTIME ?= 10s

# $(call apt_install,PACKAGES[,OPTIONS]) is a recipe line that installs Debian packages
# (with sudo when not root), or fails saying what to install by hand. apt on
# some Debian images deletes downloaded packages between dpkg runs: a cache
# directory of our own keeps them.
APT_CACHE := /var/cache/wxinspect-apt
apt_install = if ! command -v apt-get >/dev/null; then \
		echo "no apt-get here: install $(strip $(1)) by hand"; exit 1; \
	fi; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	echo "installing $(strip $(1))"; \
	$$sudo mkdir -p $(APT_CACHE)/partial && \
	$$sudo apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get -o DPkg::Lock::Timeout=600 \
		-o Dir::Cache::archives=$(APT_CACHE) install -y -qq $(2) $(1)

include $(sort $(wildcard mk/*.mk))

.PHONY: help demo test lint gotest fuzz fuzz-short bench build

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-18s %s\n", $$1, $$2}'

demo: build ## decrypt WeChat's official sample and explain it (no flags, no network)
	@$(BIN)/wxinspect demo

build: ## build the wxinspect command into bin/
	$(GO) build -trimpath -o $(BIN)/wxinspect ./cmd/wxinspect

test: lint gotest fuzz-short $(TEST_EXTRA) tree-unchanged ## everything CI runs: lint, go test -race, a short fuzz pass; the tree stays as it was
	@echo "make test: all passed"

lint: ## gofmt, go vet and staticcheck
	@out=$$(gofmt -l $$(git ls-files '*.go' ; git ls-files --others --exclude-standard '*.go')); \
		if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

gotest: $(TEST_DEPS) ## go test -race ./... (the desktop package needs minutes under -race on a busy 2-core machine: 30 min per package)
	$(GO) test -race -timeout 30m ./...

fuzz-short: ## run every fuzz target for FUZZTIME (10s)
	GO=$(GO) mk/fuzz.sh $(FUZZTIME)

fuzz: ## fuzz every target for 10 minutes each
	$(MAKE) fuzz-short FUZZTIME=10m
