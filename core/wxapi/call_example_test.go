package wxapi_test

import (
	"errors"
	"fmt"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// A getuserphonenumber call carries the token in the URL and the button's
// code in a JSON body; its curl form does not show the token.
func ExampleNewPhoneNumberCall() {
	c := wxapi.NewPhoneNumberCall(wxapi.DefaultBaseURL, "ACCESS_TOKEN", "0a1b2c", "")
	fmt.Println(c)
	fmt.Println(c.Curl(false))
	// Output:
	// POST https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token=REDACTED
	// curl -sS -X POST 'https://api.weixin.qq.com/wxa/business/getuserphonenumber?access_token='"$WX_ACCESS_TOKEN" -H 'Content-Type: application/json' --data-raw '{"code":"0a1b2c"}'
}

func ExampleParsePhoneNumberResponse() {
	body := []byte(`{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800138000",` +
		`"purePhoneNumber":"13800138000","countryCode":86,"watermark":{"timestamp":1637744274,"appid":"wx4f4bc4dec97d474b"}}}`)
	r, err := wxapi.ParsePhoneNumberResponse(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Phone.PurePhoneNumber, r.Phone.CountryCode, r.Watermark.AppID)
	// Output:
	// 13800138000 86 wx4f4bc4dec97d474b
}

// A non-zero errcode is an *APIError with the rid for WeChat's diagnosis tool
// and a hint in English or Chinese.
func ExampleAPIError() {
	_, err := wxapi.ParsePhoneNumberResponse([]byte(`{"errcode":40029,"errmsg":"invalid code rid: 6475a2f9-7d9b5d30-4f2b5c17"}`))
	if apiErr, ok := errors.AsType[*wxapi.APIError](err); ok {
		fmt.Println(apiErr.Code, apiErr.RID)
	}
	p := core.Explain(err, core.Chinese)
	fmt.Println(p.Code)
	fmt.Println(p.Hint)
	// Output:
	// 40029 6475a2f9-7d9b5d30-4f2b5c17
	// api_error
	// 手机号 code 无效：它是手机号按钮回调 e.detail.code（不是 wx.login 的 code），只能使用一次，有效期 5 分钟；若传了 openid，code 必须属于该用户。已使用的 code 也会返回此错误：不要重试已成功的调用。
}
