//go:build js

package core

// The js/wasm page leaves out Baidu, Alipay and Douyin's RSA flow: with
// them the module is over its 650 KB brotli budget (see docs/platforms.md).
// Their data gets a report with code platform_unavailable.
func (r *Report) inspectOther(in Input) {
	r.fail(in.Lang, "", CodePlatformUnavailable, "platform", platformInfos[in.Platform].name)
}
