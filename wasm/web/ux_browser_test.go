package web

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
)

// TestPageRepairs: a repaired input shows each clean value with the spots
// the core repaired marked, ready to copy; the session_key masked but for
// those spots, and in no report.
func TestPageRepairs(t *testing.T) {
	p, _ := pageTab(t, "")
	clip := newClipboardReader(p)
	s := core.OfficialSample()
	key := strings.Replace(s.SessionKey, "==", "%3D%3D", 1)
	data := strings.ReplaceAll(s.EncryptedData, "+", " ")
	p.paste("appid", s.AppID)
	p.paste("session_key", key)
	p.paste("iv", s.IV)
	p.paste("encrypted_data", data)
	p.wait(`document.querySelector("#repaired-encrypted_data")`)
	if s := p.text("#headline .title"); !strings.HasPrefix(s, "Decrypted after repairing the input") {
		t.Errorf("headline %q", s)
	}

	// The marks are the core's segments (core.Report.Repairs).
	r := core.Inspect(core.Input{AppID: s.AppID, SessionKey: key, IV: s.IV, EncryptedData: data})
	var want []string
	for _, rep := range r.Repairs() {
		for _, seg := range rep.Segments() {
			if seg.Code != "" {
				want = append(want, rep.Field+" "+string(seg.Code)+" "+seg.Text)
			}
		}
	}
	var got []string
	p.eval(`[...document.querySelectorAll("#repairs code")].flatMap(c => [...c.querySelectorAll("mark")].map(m => c.id.replace("repaired-", "") + " " + m.title.split(":")[0] + " " + m.textContent))`, &got)
	if len(want) < 2 || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("marks %q, want %q", got, want)
	}
	if n := strings.Count(s.EncryptedData, "+"); strings.Count(strings.Join(got, "|"), "plus_as_space") != n {
		t.Errorf("%d plus_as_space marks, want %d", strings.Count(strings.Join(got, "|"), "plus_as_space"), n)
	}
	if s := p.text("#repaired-encrypted_data"); s != core.OfficialSample().EncryptedData {
		t.Errorf("the encryptedData shown is not the clean value: %q", s)
	}
	// The session_key: masked but for the repaired "==", copied whole.
	if got := p.text("#repaired-session_key"); got != strings.Repeat("•", 22)+"==" {
		t.Errorf("the session_key shows as %q", got)
	}
	if got := clip.copied(t, "#copy-repaired-session_key"); got != s.SessionKey {
		t.Errorf("copying the session_key gives %q", got)
	}
	if got := clip.copied(t, "#copy-repaired-encrypted_data"); got != s.EncryptedData {
		t.Errorf("copying encryptedData gives %q", got)
	}
	// The report, shown and copied, holds no session_key.
	if raw := p.text("#raw-json"); strings.Contains(raw, s.SessionKey) || strings.Contains(raw, key) || !strings.Contains(raw, "plus_as_space") {
		t.Errorf("the report JSON shows the session_key, or is not the report: %s", raw)
	}
	p.screenshot("wxinspect-web-repairs.png")

	// A clean input shows no repair.
	p.paste("session_key", s.SessionKey)
	p.paste("encrypted_data", s.EncryptedData)
	p.wait(`document.querySelector("#headline.ok") && !document.querySelector("#repairs *")`)
}

// TestPagePhoneDisplay: the phone card shows the number as the core writes
// it (core.PhoneInfo.Display), also for an answer where writing "+" and
// countryCode before the number would be wrong: without purePhoneNumber,
// phoneNumber is shown as sent.
func TestPagePhoneDisplay(t *testing.T) {
	p, _ := pageTab(t, "")
	s := core.OfficialSample()
	for _, plain := range []string{
		`{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":` + "1700000000" + `,"appid":"` + s.AppID + `"}}`,
		`{"phoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":` + "1700000000" + `,"appid":"` + s.AppID + `"}}`,
		`{"phoneNumber":"+1 2025550123","purePhoneNumber":"2025550123","countryCode":1,"watermark":{"timestamp":1,"appid":"` + s.AppID + `"}}`,
	} {
		in := core.Input{AppID: s.AppID, SessionKey: s.SessionKey, IV: s.IV, EncryptedData: encryptForTest(t, s.SessionKey, s.IV, plain)}
		r := core.Inspect(in)
		if r.Data == nil || r.Kind != core.KindPhone {
			t.Fatalf("%s: kind %q", plain, r.Kind)
		}
		want := r.Data.Phone.Display()
		p.click("#clear")
		p.wait(`!document.querySelector("#phone-number")`)
		p.paste("appid", in.AppID)
		p.paste("session_key", in.SessionKey)
		p.paste("iv", in.IV)
		p.paste("encrypted_data", in.EncryptedData)
		p.wait(`document.querySelector("#phone-number")`)
		var got string
		p.eval(`document.getElementById("phone-number").firstChild.textContent`, &got)
		if got != want {
			t.Errorf("%s: the card shows %q, the core %q", plain, got, want)
		}
	}
}

// encryptForTest encrypts plain as WeChat does (AES-128-CBC, PKCS#7).
func encryptForTest(t *testing.T, key, iv, plain string) string {
	k, _ := base64.StdEncoding.DecodeString(key)
	v, _ := base64.StdEncoding.DecodeString(iv)
	b, err := aes.NewCipher(k)
	if err != nil {
		t.Fatal(err)
	}
	n := 16 - len(plain)%16
	buf := append([]byte(plain), bytes.Repeat([]byte{byte(n)}, n)...)
	cipher.NewCBCEncrypter(b, v).CryptBlocks(buf, buf)
	return base64.StdEncoding.EncodeToString(buf)
}

// TestPageErrcodes: the codes tab lists WeChat's server errcodes, from the
// core (wxapi.ErrCodes and their hints), and its search finds them by number
// and by words of either language.
func TestPageErrcodes(t *testing.T) {
	p, _ := pageTab(t, "")
	p.click("#tab-codes")
	p.wait(`document.querySelectorAll("#errcodes dt").length > 0`)
	var ids []string
	p.eval(`[...document.querySelectorAll("#errcodes dt")].map(e => e.id)`, &ids)
	var want []string
	for _, c := range wxapi.ErrCodes() {
		want = append(want, "errcode-"+strconv.Itoa(c))
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("errcodes %q, want %q", ids, want)
	}
	if got := p.text("#errcode-40029 + dd"); got != wxapi.ErrCodeHint(40029, core.English) {
		t.Errorf("40029 reads %q", got)
	}
	shown := func(q string) []string {
		p.paste("codes-search", q)
		var ids []string
		p.eval(`[...document.querySelectorAll("#codes dt, #errcodes dt")].filter(e => !e.hidden).map(e => e.id)`, &ids)
		return ids
	}
	if ids := shown("40029"); strings.Join(ids, " ") != "errcode-40029" {
		t.Errorf("searching 40029 shows %q", ids)
	}
	// Chinese words on the English page, and English words.
	if ids := shown("已被使用"); !contains(ids, "errcode-40163") || contains(ids, "errcode-40029") && !strings.Contains(wxapi.ErrCodeHint(40029, core.Chinese), "已被使用") {
		t.Errorf("searching 已被使用 shows %q", ids)
	}
	if ids := shown("whitelist"); !contains(ids, "errcode-40164") || contains(ids, "errcode-45009") {
		t.Errorf("searching whitelist shows %q", ids)
	}
	p.paste("codes-search", "")
	p.click("#lang-zh")
	p.wait(`document.documentElement.lang === "zh-CN"`)
	if got := p.text("#errcode-40029 + dd"); got != wxapi.ErrCodeHint(40029, core.Chinese) {
		t.Errorf("40029 in Chinese reads %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
