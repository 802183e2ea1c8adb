package wxapi

import "github.com/wxinspect/wxinspect/core"

// ErrCodes returns the errcodes of WeChat's server API that this package
// explains with a hint of their own, in increasing order: the list a codes
// reference shows beside core.Codes.
func ErrCodes() []int { return apiErrorCodes() }

// ErrCodeHint says what errcode code means and what to do about it, in lang,
// whatever the API that answered it; an errcode outside ErrCodes gets
// api_error's hint.
func ErrCodeHint(code int, lang core.Lang) string { return apiHint("", code, lang) }
