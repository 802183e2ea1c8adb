package core

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode"
)

// flexString is how a hand-written encoding/json user would decode
// countryCode, which WeChat sends as a string or a number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n)
	return nil
}

// reference is the payload as encoding/json sees it; the field order is that
// of the field constants, which decides case-insensitive matches.
type reference struct {
	PhoneNumber     string     `json:"phoneNumber"`
	PurePhoneNumber string     `json:"purePhoneNumber"`
	CountryCode     flexString `json:"countryCode"`
	OpenID          string     `json:"openId"`
	NickName        string     `json:"nickName"`
	Gender          int        `json:"gender"`
	Language        string     `json:"language"`
	City            string     `json:"city"`
	Province        string     `json:"province"`
	Country         string     `json:"country"`
	AvatarURL       string     `json:"avatarUrl"`
	UnionID         string     `json:"unionId"`
	StepInfoList    []struct {
		Timestamp int64 `json:"timestamp"`
		Step      int   `json:"step"`
	} `json:"stepInfoList"`
	OpenGIDShare string `json:"openGId"`
	OpenGIDGroup string `json:"opengid"`
	GroupOpenID  string `json:"group_openid"`
	ChatType     int    `json:"chat_type"`
	Watermark    struct {
		AppID     string `json:"appid"`
		Timestamp int64  `json:"timestamp"`
	} `json:"watermark"`
}

func fromReference(r *reference) Data {
	d := Data{
		Phone: PhoneInfo{r.PhoneNumber, r.PurePhoneNumber, string(r.CountryCode)},
		User: UserInfo{OpenID: r.OpenID, NickName: r.NickName, Gender: r.Gender, Language: r.Language,
			City: r.City, Province: r.Province, Country: r.Country, AvatarURL: r.AvatarURL, UnionID: r.UnionID},
		Share:     ShareInfo{r.OpenGIDShare},
		Group:     GroupInfo{r.OpenGIDGroup, r.GroupOpenID, r.ChatType},
		Watermark: Watermark{r.Watermark.AppID, r.Watermark.Timestamp},
	}
	if r.StepInfoList != nil {
		d.WeRun.StepInfoList = []Step{}
		for _, s := range r.StepInfoList {
			d.WeRun.StepInfoList = append(d.WeRun.StepInfoList, Step{s.Timestamp, s.Step})
		}
	}
	return d
}

// FuzzPayloadMatchesEncodingJSON is the differential test of the fast path:
// wherever encoding/json decodes a plaintext without error, parsePayload must
// accept it and fill exactly the same fields; wherever encoding/json finds
// a syntax error, parsePayload must reject it.
func FuzzPayloadMatchesEncodingJSON(f *testing.F) {
	for _, s := range []string{
		`{"openId":"o","nickName":"Band","gender":1,"watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`,
		`{"phoneNumber":"+1 202","purePhoneNumber":"202","countryCode":1,"watermark":{"appid":"wx","timestamp":1}}`,
		`{"stepInfoList":[{"timestamp":1,"step":2},null,{"step":3}],"stepInfoList":[{"timestamp":9}]}`,
		`{"NICKNAME":"a","nickname":"b","OPENGID":"g","opengid":"h","ſtepInfoList":[],"watermarK":null}`,
		`{"chat_type":3,"group_openid":"x","opengid":"y","gender":-0,"gender":1e2}`,
		`{"nickName":"\ud83d\ude00\u0000\"","city":null,"country":"\xff"}`,
		`[1]`, `{"a":}`, `{"a":1}x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got Data
		_, ok := parsePayload(s, &got)
		var ref reference
		err := json.Unmarshal([]byte(s), &ref)
		var syntax *json.SyntaxError
		switch {
		case err == nil:
			if !isObject(s) {
				return // encoding/json decodes null into a struct; a payload is an object
			}
			if !ok {
				t.Fatalf("rejected %q, which encoding/json decodes", s)
			}
			want := fromReference(&ref)
			got.Kind, got.Raw = "", ""
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("parsePayload(%q)\n got %+v\nwant %+v", s, got, want)
			}
		case errorsAs(err, &syntax) || !json.Valid([]byte(s)):
			if ok {
				t.Fatalf("accepted %q: encoding/json: %v", s, err)
			}
		}
	})
}

func isObject(s string) bool {
	for _, c := range []byte(s) {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c == '{'
	}
	return false
}

func errorsAs(err error, target **json.SyntaxError) bool {
	e, ok := err.(*json.SyntaxError)
	*target = e
	return ok
}

func TestFoldNonASCIIMatchesUnicode(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		want := unicode.ToUpper(unicode.ToLower(r))
		got := foldNonASCII(r)
		if (want < 0x80) != (got < 0x80) || want < 0x80 && got != want {
			t.Fatalf("foldNonASCII(%U) = %q, unicode says %q", r, got, want)
		}
	}
}
