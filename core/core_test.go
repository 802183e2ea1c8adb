package core_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core"
)

// The plaintext of WeChat's official sample, as its document prints it.
const officialPlaintext = `{"openId":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0","unionId":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA","watermark":{"timestamp":1477314187,"appid":"wx4f4bc4dec97d474b"}}`

func TestOfficialSample(t *testing.T) {
	s := core.OfficialSample()
	if len(s.EncryptedData) != 536 {
		t.Fatalf("sample encryptedData is %d characters, want 536", len(s.EncryptedData))
	}
	plain, err := core.Decrypt(s.SessionKey, s.IV, s.EncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	if string(plain) != officialPlaintext {
		t.Fatalf("plaintext:\n%s\nwant:\n%s", plain, officialPlaintext)
	}
	d, err := core.Open(s.AppID, s.SessionKey, s.IV, s.EncryptedData)
	if err != nil {
		t.Fatal(err)
	}
	want := core.UserInfo{
		OpenID: "oGZUI0egBJY1zhBYw2KhdUfwVJJE", NickName: "Band", Gender: 1, Language: "zh_CN",
		City: "Guangzhou", Province: "Guangdong", Country: "CN",
		AvatarURL: "http://wx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0",
		UnionID:   "ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
	}
	if d.Kind != core.KindUser || d.User != want || d.Raw != officialPlaintext {
		t.Errorf("Open = %+v", d)
	}
	if got := d.Watermark.Time().Format(time.RFC3339); got != "2016-10-24T13:03:07Z" {
		t.Errorf("watermark time %s", got)
	}
	r := core.Inspect(s)
	if !r.OK || r.Watermark.Check != core.AppIDMatch {
		t.Fatalf("Inspect: %+v", r)
	}
	if !bytes.Contains(r.AppendJSON(nil), []byte(`"time":"2016-10-24T13:03:07Z"`)) {
		t.Errorf("report JSON lacks the watermark time: %s", r.AppendJSON(nil))
	}
}

// TestOpenIsNotAPaddingOracle: a wrong key (bad padding) and a right key over
// a plaintext that is not JSON give the very same error.
func TestOpenIsNotAPaddingOracle(t *testing.T) {
	key, iv := mustKey(t), mustKey(t)
	notJSON, err := core.Encrypt([]byte("not json at all"), key, iv)
	if err != nil {
		t.Fatal(err)
	}
	_, errJSON := core.Open("wx1", key, iv, notJSON.EncryptedData)
	sample := core.OfficialSample()
	_, errPad := core.Open(sample.AppID, wrongKey, sample.IV, sample.EncryptedData)
	if errJSON != core.ErrDecrypt || errPad != core.ErrDecrypt {
		t.Fatalf("errors %v and %v, want ErrDecrypt for both", errJSON, errPad)
	}
	if errJSON.Error() != errPad.Error() {
		t.Fatal("messages differ")
	}
	if r := core.Inspect(core.Input{SessionKey: wrongKey, IV: sample.IV, EncryptedData: sample.EncryptedData}); r.Error.Code != core.CodeBadPadding {
		t.Errorf("Inspect explains %q, want bad_padding", r.Error.Code)
	}
	if r := core.Inspect(core.Input{SessionKey: key, IV: iv, EncryptedData: notJSON.EncryptedData}); r.Error.Code != core.CodeNotJSON {
		t.Errorf("Inspect explains %q, want not_json", r.Error.Code)
	}
}

// wrongKey is a session_key known to leave the official sample with bad
// padding: a random key would decrypt to valid padding once in 256 runs.
const wrongKey = "AAAAAAAAAAAAAAAAAAAAAA=="

func mustKey(t *testing.T) string {
	k, err := core.NewKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDecryptTypedErrors(t *testing.T) {
	s := core.OfficialSample()
	iv8 := base64.StdEncoding.EncodeToString([]byte("12345678"))
	for _, tc := range []struct {
		name, key, iv, data string
		field               string
		code                core.Code
		msg                 string
	}{
		{"missing key", "", s.IV, s.EncryptedData, "session_key", core.CodeMissingField, "missing session_key"},
		{"8-byte iv", s.SessionKey, iv8, s.EncryptedData, "iv", core.CodeIVLength, "invalid iv: 8 bytes, want 16"},
		{"key not base64", "tiihtNczf5v6AKRy!wEUhQ==", s.IV, s.EncryptedData, "session_key", core.CodeSessionKeyBase64, "invalid session_key: not base64 (illegal data at byte 16)"},
		{"long key", base64.StdEncoding.EncodeToString(make([]byte, 100)), s.IV, s.EncryptedData, "session_key", core.CodeSessionKeyLength, "invalid session_key: 100 bytes, want 16"},
		{"truncated", s.SessionKey, s.IV, s.EncryptedData[:40], "encrypted_data", core.CodeCiphertextLength, "invalid encrypted_data: 30 bytes, want a positive multiple of 16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := core.Decrypt(tc.key, tc.iv, tc.data)
			var ie *core.InputError
			if !errors.As(err, &ie) || ie.Field != tc.field || ie.Code != tc.code {
				t.Fatalf("err = %#v, want field %s code %s", err, tc.field, tc.code)
			}
			if err.Error() != tc.msg {
				t.Errorf("message %q, want %q", err.Error(), tc.msg)
			}
			if strings.Contains(err.Error(), s.SessionKey) {
				t.Error("the message quotes the key")
			}
		})
	}
}

func TestOpenWatermarkErrors(t *testing.T) {
	key, iv := mustKey(t), mustKey(t)
	ts := time.Unix(1700000000, 0)
	f, _ := core.Encrypt(core.PhonePayload("wxaaaaaaaaaaaaaaaa", "13800138000", "86", ts), key, iv)
	_, err := core.Open("wxbbbbbbbbbbbbbbbb", key, iv, f.EncryptedData)
	var we *core.WatermarkError
	if !errors.As(err, &we) || we.Code != core.CodeAppIDMismatch || we.Got != "wxaaaaaaaaaaaaaaaa" {
		t.Fatalf("err = %v", err)
	}
	if want := `appid mismatch: watermark appid "wxaaaaaaaaaaaaaaaa", want "wxbbbbbbbbbbbbbbbb"`; err.Error() != want {
		t.Errorf("message %q", err.Error())
	}
	now := func() time.Time { return ts.Add(time.Hour) }
	_, err = core.Open("wxaaaaaaaaaaaaaaaa", key, iv, f.EncryptedData, core.WithMaxAge(10*time.Minute), core.WithNow(now))
	if !errors.As(err, &we) || we.Code != core.CodeWatermarkExpired || we.Age != time.Hour {
		t.Fatalf("err = %v", err)
	}
	d, err := core.Open("wxaaaaaaaaaaaaaaaa", key, iv, f.EncryptedData, core.WithMaxAge(2*time.Hour), core.WithNow(now))
	if err != nil || d.Phone.PurePhoneNumber != "13800138000" || d.Phone.CountryCode != "86" {
		t.Fatalf("Open = %+v, %v", d, err)
	}
	if _, err := core.Open("", key, iv, f.EncryptedData); core.CodeOf(err) != core.CodeMissingField {
		t.Errorf("empty appid: %v", err)
	}
}

func TestSignatures(t *testing.T) {
	// WeChat's example in "用户登录态签名".
	if got := core.LoginSignature("o0q0otL8aEzpcZL/FT9WsQ==", []byte(`{"foo":"bar"}`)); got != "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b" {
		t.Errorf("LoginSignature = %s", got)
	}
	// RFC 4231, test case 2, and a key longer than the block (test case 6).
	if got := core.LoginSignature("Jefe", []byte("what do ya want for nothing?")); got != "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" {
		t.Errorf("RFC 4231 case 2 = %s", got)
	}
	long := strings.Repeat("\xaa", 131)
	if got := core.LoginSignature(long, []byte("Test Using Larger Than Block-Size Key - Hash Key First")); got != "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" {
		t.Errorf("RFC 4231 case 6 = %s", got)
	}
	// WeChat's getUserInfo example.
	raw := `{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}`
	if !core.VerifySignature(raw, "75e81ceda165f4ffa64f4068af58c64b8f54b88c", "HyVFkGl5F5OQWJZZaNzBBg==") {
		t.Error("the documented signature does not verify")
	}
	if core.VerifySignature(raw, "75e81ceda165f4ffa64f4068af58c64b8f54b88d", "HyVFkGl5F5OQWJZZaNzBBg==") {
		t.Error("a wrong signature verifies")
	}
}

func TestCatalogIsComplete(t *testing.T) {
	for _, c := range core.Codes() {
		for _, lang := range []core.Lang{core.English, core.Chinese} {
			msg, hint := c.Describe(lang)
			if msg == "" || hint == "" {
				t.Errorf("%s in %s: message %q hint %q", c, lang, msg, hint)
			}
			if lang == core.Chinese && !hasHan(hint) {
				t.Errorf("%s: Chinese hint has no Chinese: %q", c, hint)
			}
		}
	}
	if core.CodeBadPadding.WeChatCode() != -41003 || core.CodeSessionKeyLength.WeChatCode() != -41001 || core.CodeIVLength.WeChatCode() != -41002 {
		t.Error("wechat codes")
	}
	msg, hint := core.CodeBadPadding.Describe(core.English)
	if !strings.Contains(hint, "wx.login") || msg == hint {
		t.Errorf("bad_padding hint does not name session_key rotation: %q", hint)
	}
	msg, _ = core.CodeAppIDMismatch.Describe(core.Chinese, "got", "wxA", "want", "wxB")
	if !strings.Contains(msg, "wxA") || !strings.Contains(msg, "wxB") {
		t.Errorf("appid_mismatch message %q", msg)
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func TestParseLang(t *testing.T) {
	for tag, want := range map[string]core.Lang{
		"zh": core.Chinese, "zh-CN": core.Chinese, "zh_CN.UTF-8": core.Chinese, "ZH-hans": core.Chinese,
		"en-US": core.English, "": core.English, "C.UTF-8": core.English, "zu": core.English,
	} {
		if got := core.ParseLang(tag); got != want {
			t.Errorf("ParseLang(%q) = %s", tag, got)
		}
	}
}

func TestInspectChinese(t *testing.T) {
	in := core.OfficialSample()
	in.AppID = "wx0000000000000000"
	in.Lang = core.Chinese
	r := core.Inspect(in)
	if r.OK || !hasHan(r.Error.Message) || !hasHan(r.Error.Hint) {
		t.Fatalf("%+v", r.Error)
	}
}

func TestInspectEdgeInputs(t *testing.T) {
	for _, in := range []core.Input{
		{},
		{SessionKey: " ", IV: "\n", EncryptedData: "\t"},
		{SessionKey: "====", IV: "%%%%", EncryptedData: "%zz"},
		{SessionKey: `""`, IV: "''", EncryptedData: "``"},
		{SessionKey: core.OfficialSample().SessionKey, IV: core.OfficialSample().IV, EncryptedData: "AAAAAAAAAAAAAAAAAAAAAA=="},
		{SessionKey: "\xff\xfe", IV: "\x00", EncryptedData: string([]byte{0xc3, 0x28})},
	} {
		r := core.Inspect(in)
		if r.OK || r.Error == nil || r.Error.Code == "" {
			t.Errorf("Inspect(%+v) = %+v", in, r)
		}
		if !utf8.Valid(r.AppendJSON(nil)) {
			t.Errorf("invalid UTF-8 in the report of %+v", in)
		}
	}
}

func TestParseInput(t *testing.T) {
	in, err := core.ParseInput([]byte(`{"encryptedData":"E","iv":"I","sessionKey":"K","appId":"wxA","max_age_seconds":1.5,"lang":"zh_CN","errMsg":"getPhoneNumber:ok","cloudID":null}`))
	if err != nil {
		t.Fatal(err)
	}
	want := core.Input{AppID: "wxA", SessionKey: "K", IV: "I", EncryptedData: "E", MaxAge: 1500 * time.Millisecond, Lang: core.Chinese}
	if in != want {
		t.Errorf("ParseInput = %+v", in)
	}
	for _, bad := range []string{``, `[]`, `{"iv": 1}`, `{"max_age_seconds": "10"}`, `{"iv": "x"} trailing`, `{"max_age_seconds": -1}`} {
		if _, err := core.ParseInput([]byte(bad)); core.CodeOf(err) != core.CodeBadInput {
			t.Errorf("ParseInput(%q) error %v, want bad_input", bad, err)
		}
	}
}

func TestExtract(t *testing.T) {
	s := core.OfficialSample()
	for _, tc := range []struct {
		name, text string
		want       core.Input
	}{
		{"e.detail", `{"errMsg":"getPhoneNumber:ok","encryptedData":"` + s.EncryptedData + `","iv":"` + s.IV + `","cloudID":"x"}`,
			core.Input{IV: s.IV, EncryptedData: s.EncryptedData}},
		{"JSON log record", `2024-05-01T10:00:00Z INFO {"level":"info","req":{"body":"{\"encryptedData\":\"ED\",\"iv\":\"IV\"}"},"session":{"session_key":"SK","appid":"wxA"}}`,
			core.Input{AppID: "wxA", SessionKey: "SK", IV: "IV", EncryptedData: "ED"}},
		{"query string", `POST /api/phone?appid=wxB encryptedData=ab%2Bcd%3D%3D&iv=r7BX%2B%3D%3D 200`,
			core.Input{AppID: "wxB", IV: "r7BX%2B%3D%3D", EncryptedData: "ab%2Bcd%3D%3D"}},
		{"key value lines", "session_key: SK==\niv: IV==\nencryptedData: ED==\n",
			core.Input{SessionKey: "SK==", IV: "IV==", EncryptedData: "ED=="}},
		{"three values", s.SessionKey + "\n" + s.IV + "\n" + s.EncryptedData + "\n" + s.AppID,
			s},
		{"archive= is not iv=", `archive=1&iv=IV`, core.Input{IV: "IV"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := bareInput(core.ReadText(tc.text)[0]); got != tc.want {
				t.Errorf("Extract = %+v\nwant %+v", got, tc.want)
			}
		})
	}
	// Extracted URL-encoded values are repaired by Inspect.
	in := core.ReadText(`encryptedData=` + strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(s.EncryptedData) + `&iv=` + s.IV + `&session_key=` + s.SessionKey)[0]
	if r := core.Inspect(in); !r.OK || r.Findings[0].Code != core.CodeURLEncoded {
		t.Errorf("Inspect(extracted) = %+v", r.Findings)
	}
}

func TestFixtureRoundTrip(t *testing.T) {
	ts := time.Unix(1700000000, 0)
	for _, tc := range []struct {
		payload []byte
		kind    core.Kind
	}{
		{core.PhonePayload("wxA", "13800138000", "", ts), core.KindPhone},
		{core.UserPayload("wxA", core.UserInfo{OpenID: "o1", NickName: "名字 \"quoted\"", Gender: 2}, ts), core.KindUser},
		{core.WeRunPayload("wxA", core.DailySteps(30, ts, 1), ts), core.KindWeRun},
		{core.SharePayload("wxA", "G1", ts), core.KindShare},
		{core.GroupPayload("wxA", "G1", 2, ts), core.KindGroup},
	} {
		f, err := core.Encrypt(tc.payload, mustKey(t), mustKey(t))
		if err != nil {
			t.Fatal(err)
		}
		d, err := core.Open("wxA", f.SessionKey, f.IV, f.EncryptedData)
		if err != nil || d.Kind != tc.kind || d.Raw != string(tc.payload) || d.Watermark.Timestamp != ts.Unix() {
			t.Fatalf("Open(%s) = %+v, %v", tc.payload, d, err)
		}
		switch tc.kind {
		case core.KindUser:
			if d.User.NickName != `名字 "quoted"` || d.User.Gender != 2 {
				t.Errorf("user %+v", d.User)
			}
		case core.KindWeRun:
			if len(d.WeRun.StepInfoList) != 30 || d.WeRun.StepInfoList[29].Timestamp > ts.Unix() {
				t.Errorf("werun %+v", d.WeRun)
			}
		case core.KindGroup:
			if d.Group.OpenGID != "G1" || d.Group.ChatType != 2 {
				t.Errorf("group %+v", d.Group)
			}
		}
	}
	if _, err := core.Encrypt([]byte("x"), "short", mustKey(t)); core.CodeOf(err) != core.CodeSessionKeyBase64 && core.CodeOf(err) != core.CodeSessionKeyLength {
		t.Errorf("Encrypt with a bad key: %v", err)
	}
}

// TestExtractNonASCII: text whose lowercase has another length (İ is two
// bytes, i one) must not shift the values found after it.
func TestExtractNonASCII(t *testing.T) {
	in := core.ReadText("İİİİ 用户 iv=IVVALUE&encryptedData=EDVALUE")[0]
	if in.IV != "IVVALUE" || in.EncryptedData != "EDVALUE" {
		t.Errorf("Extract = %+v", in)
	}
}

func TestFixtureSpec(t *testing.T) {
	ts := time.Unix(1700000000, 0)
	for _, kind := range core.FixtureKinds() {
		p, err := core.FixtureSpec{AppID: "wxA", Kind: kind, Time: ts}.Payload()
		if err != nil {
			t.Fatal(err)
		}
		f, err := core.NewFixture(p, "", "", rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		d, err := core.Open("wxA", f.SessionKey, f.IV, f.EncryptedData)
		if err != nil || d.Kind != kind || d.Watermark.Timestamp != ts.Unix() {
			t.Errorf("%s: Open = %+v, %v", kind, d, err)
		}
	}
	p, _ := core.FixtureSpec{AppID: "wxA"}.Payload()
	if !strings.Contains(string(p), `"purePhoneNumber":"13800138000"`) {
		t.Errorf("the default fixture is not a phone number: %s", p)
	}
	if _, err := (core.FixtureSpec{AppID: "wxA", Kind: "phon"}).Payload(); core.CodeOf(err) != core.CodeBadInput {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := (core.FixtureSpec{Kind: core.KindUser}).Payload(); core.CodeOf(err) != core.CodeMissingField {
		t.Errorf("no appid: %v", err)
	}
	f, err := core.NewFixture([]byte("{}"), "AAAAAAAAAAAAAAAAAAAAAA==", "", rand.Reader)
	if err != nil || f.SessionKey != "AAAAAAAAAAAAAAAAAAAAAA==" || f.IV == "" || f.IV == f.SessionKey {
		t.Errorf("NewFixture with a given key = %+v, %v", f, err)
	}
}

// TestMaxAgeIsBounded: a maximum age past what time.Duration holds would
// wrap to a negative duration, which means no limit; every way in refuses it.
func TestMaxAgeIsBounded(t *testing.T) {
	for s, want := range map[string]time.Duration{
		"300": 300 * time.Second, "7d": 7 * 24 * time.Hour, "10m": 10 * time.Minute, "0": 0,
		"3153600000": 100 * 365 * 24 * time.Hour,
	} {
		if d, err := core.ParseMaxAge(s); err != nil || d != want {
			t.Errorf("ParseMaxAge(%q) = %v, %v; want %v", s, d, err, want)
		}
	}
	for _, s := range []string{"9300000000", "1e12", "-5", "NaN", "Inf", "200000d", "3000000h", "-1m", "soon", ""} {
		if d, err := core.ParseMaxAge(s); core.CodeOf(err) != core.CodeBadInput {
			t.Errorf("ParseMaxAge(%q) = %v, %v; want bad_input", s, d, err)
		}
	}
	in := `{"session_key":"` + core.OfficialSample().SessionKey + `","iv":"x","encrypted_data":"y","max_age_seconds":`
	for _, n := range []string{"9300000000", "1e12", "-1"} {
		if r := core.InspectJSON([]byte(in+n+`}`), core.Input{}); r.Error == nil || r.Error.Code != core.CodeBadInput {
			t.Errorf("max_age_seconds %s: %+v, want bad_input", n, r.Error)
		}
	}
	if r := core.InspectJSON([]byte(in+`3600}`), core.Input{}); r.Error == nil || r.Error.Code == core.CodeBadInput {
		t.Errorf("max_age_seconds 3600: %+v", r.Error)
	}
}

// bareInput is in without where its fields were read, for comparisons.
func bareInput(in core.Input) core.Input {
	return core.Input{AppID: in.AppID, SessionKey: in.SessionKey, IV: in.IV, EncryptedData: in.EncryptedData}
}
