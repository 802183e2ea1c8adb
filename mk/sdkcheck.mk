# An SDK nobody here wrote (silenceper/wechat/v2) against `wxinspect fake`
# over loopback: the fake's fidelity checked from outside. sdkcheck/ is its
# own module, so the main module never depends on the SDK.

TEST_EXTRA += sdkcheck

.PHONY: sdkcheck

sdkcheck: ## run silenceper/wechat/v2 against `wxinspect fake` over loopback
	$(GO) -C sdkcheck vet ./...
	$(GO) -C sdkcheck test -race -count=1 ./...
