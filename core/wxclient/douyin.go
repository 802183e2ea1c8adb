package wxclient

import (
	"context"

	"github.com/wxinspect/wxinspect/core/wxapi"
)

// DouyinPhoneNumber exchanges the code of Douyin's getPhoneNumber button
// (base library 3.51.0 and later) at get_phonenumber_info, on baseURL (""
// is open.douyin.com), with the app's client_token in the access-token
// header. The answer's Data is still RSA-encrypted to the application public
// key: core.Inspect with Platform douyin and the private key reads it. An
// answer with err_no ≠ 0 is a *wxapi.DouyinError.
func (c *Client) DouyinPhoneNumber(ctx context.Context, baseURL, clientToken, code string) (*wxapi.DouyinPhoneNumberResult, error) {
	if clientToken == "" {
		return nil, missing("access-token")
	}
	if code == "" {
		return nil, missing("code")
	}
	var r *wxapi.DouyinPhoneNumberResult
	err := c.exec(ctx, wxapi.NewDouyinPhoneNumberCall(baseURL, clientToken, code), func(body []byte) (err error) {
		r, err = wxapi.ParseDouyinPhoneNumberResponse(body)
		return err
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}
