package wxapi

import "testing"

func FuzzParseDouyinPhoneNumberResponse(f *testing.F) {
	f.Add(`{"err_no":0,"err_tips":"success","log_id":"1","data":"AAAA"}`)
	f.Add(`{"err_no":28001003,"err_tips":"access_token无效"}`)
	f.Add(`<html><title>502</title>`)
	f.Add(``)
	f.Fuzz(func(t *testing.T, body string) {
		res, err := ParseDouyinPhoneNumberResponse([]byte(body))
		if (res == nil) == (err == nil) {
			t.Fatalf("result %v with error %v", res, err)
		}
		if res != nil && res.Data == "" {
			t.Fatal("result without data")
		}
	})
}
