//go:build !js || wxinspect_platforms

package wxapi

import "github.com/wxinspect/wxinspect/core"

// This file is in every build but the js/wasm page's main module, whose size
// budget it would break (any change to this package moves that module's
// brotli size by kilobytes); the page asks its second module (wasm/securejs,
// built with the tag wxinspect_platforms) instead.

// ExplainAnswer is core.ExplainAnswer with the hint of the answer's own
// errcode (ErrCodeHint) in place of api_error's general one; an errcode
// outside ErrCodes keeps the general one. core.ExplainAnswer leaves these
// hints out to keep them out of the page's main module.
func ExplainAnswer(text string, lang core.Lang) *core.Report {
	r := core.ExplainAnswer(text, lang)
	if r == nil {
		return nil
	}
	r.Error.Hint = ErrCodeHint(r.Error.WeChatCode, lang)
	return r
}
