//go:build js && !wxinspect_platforms

package core

// The js/wasm page's main module leaves out Baidu, Alipay and Douyin's RSA
// flow: with them it is over its brotli budget (see docs/platforms.md).
// Their data gets a report with code platform_unavailable, and the page asks
// its second module (wasm/securejs, built with the tag wxinspect_platforms),
// which links them.
func (r *Report) inspectOther(in Input) {
	r.fail(in.Lang, "", CodePlatformUnavailable, "platform", platformInfos[in.Platform].name)
}

// The main module reads no keys: it inspects neither Alipay nor Douyin's RSA
// flow (platform_keys.go).
func (p *PlatformInput) readKey(field, s string) {}
func (p *PlatformInput) badKey() *unreadableKey  { return nil }
