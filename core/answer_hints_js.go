//go:build js && !wxinspect_platforms

package core

// The page's main module links no errcode hints (answer_hints.go): a pasted
// answer keeps api_error's general hint, and the page takes the second
// module's report for it (its error has a wechat_code).
func errcodeHint(_ int, _ Lang, general string) string { return general }
