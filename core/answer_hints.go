//go:build !js || wxinspect_platforms

package core

// The hints of each errcode of WeChat's server API live in core/wxapi, which
// registers them when it is imported, as core/rsakey registers its key
// readers (platform_keys.go). This file is in every build but the js/wasm
// page's main module, whose size budget the hints would break: there a pasted
// answer keeps api_error's general hint (answer_hints_js.go), and the page
// asks its second module, which links core/wxapi, for the report.
var errcodeHints func(errcode int, lang Lang) string

// RegisterErrcodeHints makes ExplainAnswer (and so InspectText) give a
// pasted answer the hint hint returns for its errcode; hint returns "" for an
// errcode it does not know, which keeps api_error's general hint. core/wxapi
// calls it when it is imported.
func RegisterErrcodeHints(hint func(errcode int, lang Lang) string) { errcodeHints = hint }

// errcodeHint is the registered hint of errcode, or general.
func errcodeHint(errcode int, lang Lang, general string) string {
	if errcodeHints != nil {
		if h := errcodeHints(errcode, lang); h != "" {
			return h
		}
	}
	return general
}
