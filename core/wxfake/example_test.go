package wxfake_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxclient"
	"github.com/wxinspect/wxinspect/core/wxfake"
)

// A backend's test exchanges a phone code with the fake instead of WeChat.
func Example() {
	app := wxfake.App{AppID: "wx1234567890abcdef", Secret: "0123456789abcdef0123456789abcdef"}
	fake := wxfake.New(wxfake.WithApps(app))
	srv := httptest.NewServer(fake)
	defer srv.Close()

	code, _ := fake.PhoneCode(app.AppID, "13800138000", "86", "") // what the button gives the mini-program
	c := wxclient.New(app.AppID, app.Secret, wxclient.WithBaseURL(srv.URL))
	r, err := c.PhoneNumber(context.Background(), code, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Phone.PhoneNumber, r.Phone.CountryCode)

	_, err = c.PhoneNumber(context.Background(), code, "") // a code works once
	fmt.Println(err.(*wxapi.APIError).Code)
	// Output:
	// 13800138000 86
	// 40029
}

// The legacy flow: wx.login, jscode2session, then data encrypted under the
// session_key.
func Example_legacy() {
	app := wxfake.App{AppID: "wx1234567890abcdef", Secret: "0123456789abcdef0123456789abcdef"}
	fake := wxfake.New(wxfake.WithApps(app))
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c := wxclient.New(app.AppID, app.Secret, wxclient.WithBaseURL(srv.URL))

	jsCode, _, _ := fake.Login(app.AppID, "")
	sess, err := c.Code2Session(context.Background(), jsCode)
	if err != nil {
		fmt.Println(err)
		return
	}
	data, iv, _ := fake.EncryptedPhone(app.AppID, sess.OpenID, "13800138000", "86")
	d, err := core.Open(app.AppID, sess.SessionKey, iv, data)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Kind, d.Phone.PurePhoneNumber)
	// Output:
	// phone 13800138000
}
