package wxapi

import (
	"strconv"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// DouyinBaseURL is Douyin's open API; NewDouyinPhoneNumberCall takes the base
// URL as a parameter like the WeChat builders (an empty one means this one).
const DouyinBaseURL = "https://open.douyin.com"

// APIDouyinPhoneNumber is Douyin's get_phonenumber_info: the code of the
// getPhoneNumber button (base library 3.51.0 and later) for the phone
// number, RSA-encrypted to the application public key.
const APIDouyinPhoneNumber = "api/apps/v1/get_phonenumber_info/"

// NewDouyinPhoneNumberCall builds get_phonenumber_info: POST with the
// client_token in the access-token header and {"code": …} as the JSON body.
// Curl and String redact the token.
//
// https://developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/tutorial/open-capabilities/general-capabilities/new-phone-method
func NewDouyinPhoneNumberCall(baseURL, accessToken, code string) *Call {
	if baseURL == "" {
		baseURL = DouyinBaseURL
	}
	body := append(make([]byte, 0, 16+len(code)), '{')
	body = jsontext.AppendKey(body, "code")
	body = jsontext.AppendString(body, code)
	body = append(body, '}')
	c := jsonCall(APIDouyinPhoneNumber, buildURL(baseURL, APIDouyinPhoneNumber), body)
	c.Header = append(c.Header, HeaderField{"access-token", accessToken})
	return c
}

// DouyinPhoneNumberResult is a get_phonenumber_info answer with err_no 0:
// Data is the base64 RSA ciphertext that core.Inspect (Platform douyin, Data)
// decrypts with the application private key.
type DouyinPhoneNumberResult struct {
	Data  string
	LogID string
}

// DouyinError is a get_phonenumber_info answer with err_no ≠ 0.
type DouyinError struct {
	ErrNo   int64
	ErrTips string // err_tips, or err_msg in older answers
	LogID   string
}

func (e *DouyinError) Error() string {
	s := APIDouyinPhoneNumber + ": err_no " + strconv.FormatInt(e.ErrNo, 10)
	if e.ErrTips != "" {
		s += ": " + e.ErrTips
	}
	if e.LogID != "" {
		s += " (log_id " + e.LogID + ")"
	}
	return s
}

// ErrorCode returns core.CodeDouyinError.
func (e *DouyinError) ErrorCode() core.Code { return core.CodeDouyinError }

// Explain is core.Explain of e: code douyin_error.
func (e *DouyinError) Explain(lang core.Lang) *core.Problem {
	_, hint := core.CodeDouyinError.Describe(lang)
	return &core.Problem{Code: core.CodeDouyinError, Message: e.Error(), Hint: hint}
}

// ParseDouyinPhoneNumberResponse reads a get_phonenumber_info answer
// {"err_no", "err_tips", "log_id", "data"}: a *DouyinError when err_no is
// not 0, a *ResponseError when the body is not such an answer.
func ParseDouyinPhoneNumberResponse(body []byte) (*DouyinPhoneNumberResult, error) {
	if len(body) == 0 {
		return nil, &ResponseError{API: APIDouyinPhoneNumber, Fault: core.CodeEmptyResponse}
	}
	var res DouyinPhoneNumberResult
	var e DouyinError
	hasErrNo := false
	ok := jsontext.ParseObject(string(body), func(key string, v jsontext.Value) {
		switch key {
		case "err_no":
			if n, isInt := v.Int(); isInt {
				e.ErrNo, hasErrNo = n, true
			}
		case "err_tips":
			setString(&e.ErrTips, v)
		case "err_msg":
			if e.ErrTips == "" {
				setString(&e.ErrTips, v)
			}
		case "log_id":
			setString(&res.LogID, v)
		case "data":
			setString(&res.Data, v)
		}
	})
	if !ok {
		return nil, classifyNotJSON(APIDouyinPhoneNumber, string(body), len(body))
	}
	if !hasErrNo {
		return nil, &ResponseError{API: APIDouyinPhoneNumber, Fault: core.CodeIncompleteResponse, Field: "err_no", Len: len(body)}
	}
	if e.ErrNo != 0 {
		e.LogID = res.LogID
		return nil, &e
	}
	if res.Data == "" {
		return nil, &ResponseError{API: APIDouyinPhoneNumber, Fault: core.CodeIncompleteResponse, Field: "data", Len: len(body)}
	}
	return &res, nil
}
