//go:build !js || wxinspect_platforms

package wxapi

import "github.com/wxinspect/wxinspect/core"

// This file is in every build but the js/wasm page's main module, whose size
// budget it would break (any change to this package moves that module's
// brotli size by kilobytes); the page asks its second module (wasm/securejs,
// built with the tag wxinspect_platforms) instead.

// Importing this package gives a pasted answer the hint of its own errcode
// wherever the core explains one (core.ExplainAnswer, core.InspectText).
func init() { core.RegisterErrcodeHints(ownErrCodeHint) }

// ownErrCodeHint is ErrCodeHint for an errcode in ErrCodes, else "" (the core
// keeps api_error's general hint).
func ownErrCodeHint(code int, lang core.Lang) string {
	for _, c := range apiErrorCodes() {
		if c == code {
			return ErrCodeHint(code, lang)
		}
	}
	return ""
}

// ExplainAnswer is core.ExplainAnswer, which gives the hint of the answer's
// own errcode (ErrCodeHint) once this package is imported; an errcode outside
// ErrCodes keeps api_error's general hint.
func ExplainAnswer(text string, lang core.Lang) *core.Report { return core.ExplainAnswer(text, lang) }
