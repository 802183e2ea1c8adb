package core_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

var sample = core.OfficialSample()

func ExampleDecrypt() {
	plain, err := core.Decrypt(sample.SessionKey, sample.IV, sample.EncryptedData)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(plain[:41]))
	// Output: {"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE",
}

func ExampleOpen() {
	d, err := core.Open("wx4f4bc4dec97d474b", sample.SessionKey, sample.IV, sample.EncryptedData)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Kind, d.User.NickName, d.User.City, d.Watermark.Time())
	// Output: user Band Guangzhou 2016-10-24 13:03:07 +0000 UTC
}

func ExampleOpen_otherMiniProgram() {
	_, err := core.Open("wx0123456789abcdef", sample.SessionKey, sample.IV, sample.EncryptedData)
	var we *core.WatermarkError
	if errors.As(err, &we) {
		fmt.Println(we.Code, we.Got)
	}
	// Output: appid_mismatch wx4f4bc4dec97d474b
}

func ExampleInspect() {
	// The session_key of a later wx.login, and '+' turned into spaces.
	r := core.Inspect(core.Input{
		AppID:         "wx4f4bc4dec97d474b",
		SessionKey:    "tiihtNczf5v6AKRyjwEUhA==",
		IV:            sample.IV,
		EncryptedData: sample.EncryptedData,
	})
	fmt.Println(r.OK, r.Error.Code, r.Error.WeChatCode)
	fmt.Println(r.Error.Hint[:44])
	// Output:
	// false bad_padding -41003
	// The session_key does not belong to this data
}

func ExampleInspect_repair() {
	in := sample
	in.Now = time.Date(2016, 10, 24, 13, 5, 0, 0, time.UTC)
	in.IV = `"` + sample.IV + `"` // copied with its quotes
	r := core.Inspect(in)
	fmt.Println(r.OK, r.Kind, r.Watermark.AgeSeconds)
	for _, f := range r.Findings {
		fmt.Println(f.Severity, f.Code, f.Field)
	}
	// Output:
	// true user 113
	// warning quoted iv
}

func ExampleEncrypt() {
	ts := time.Unix(1700000000, 0)
	f, _ := core.Encrypt(core.PhonePayload("wx1234567890abcdef", "13800138000", "86", ts),
		"AAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAA==")
	d, _ := core.Open("wx1234567890abcdef", f.SessionKey, f.IV, f.EncryptedData)
	fmt.Println(d.Kind, d.Phone.PurePhoneNumber, d.Phone.CountryCode)
	// Output: phone 13800138000 86
}

func ExampleInspectText() {
	// A log line where '+' became spaces, then a second request.
	text := "2024-05-01 10:00:01 [INFO] 用户解密请求 session_key=" + sample.SessionKey +
		" iv=" + sample.IV + " encryptedData=" + strings.ReplaceAll(sample.EncryptedData, "+", " ") + "\n" +
		`{"sessionKey": "tiihtNczf5v6AKRyjwEUhA==", "iv": "` + sample.IV + `", "encryptedData": "` + sample.EncryptedData + `"}` + "\n"
	for _, r := range core.InspectText(text, core.Input{AppID: sample.AppID}) {
		if r.Error != nil {
			fmt.Println(r.OK, r.Error.Code)
		} else {
			fmt.Println(r.OK, r.Kind)
		}
		for _, f := range r.Findings {
			fmt.Println(" ", f.Code, f.Field)
		}
		for _, in := range r.Input {
			fmt.Println(" ", in.Field, in.Line, in.Column, in.Preview)
		}
	}
	// Output:
	// true user
	//   plus_as_space encrypted_data
	//   appid 0 0 wx4f…474b
	//   session_key 1 47 tiih…hQ==
	//   iv 1 75 r7BX…iA==
	//   encrypted_data 1 114 CiyL…ew==
	// false bad_padding
	//   appid 0 0 wx4f…474b
	//   session_key 2 17 tiih…hA==
	//   iv 2 51 r7BX…iA==
	//   encrypted_data 2 96 CiyL…ew==
}
