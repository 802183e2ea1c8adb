//go:build js && !wxinspect_platforms

package core

import "strings"

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

// detectPlatform leaves the detection of other platforms to the second
// module, which links them all (platform_other.go): an input that does not
// state its platform and may be another's (a key of theirs, an appid that is
// not WeChat's) gets the report platform_unavailable, on which the page asks
// the second module.
func (in *Input) detectPlatform() platformReason {
	a := strings.TrimSpace(in.AppID)
	if in.Platform == "" && (in.Response != "" || in.errNo != "" || in.AppKey != "" || in.Data != "" || a != "" && !strings.HasPrefix(a, "wx")) {
		return reasonElsewhere
	}
	return noReason
}

func (r *Report) notePlatformDetected(in Input, why platformReason) {}
