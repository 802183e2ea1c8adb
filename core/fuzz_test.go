package core_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/internal/jsontext"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// seed adds every vector of testdata to a fuzz corpus.
func seed(f *testing.F, add func(v *testvectors.Vector)) {
	for _, v := range testvectors.Load(f) {
		if v.Input != nil && v.Input.Oversize == 0 {
			add(&v)
		}
	}
}

func FuzzDecrypt(f *testing.F) {
	seed(f, func(v *testvectors.Vector) { f.Add(v.Input.SessionKey, v.Input.IV, v.Input.EncryptedData) })
	f.Fuzz(func(t *testing.T, key, iv, data string) {
		plain, err := core.Decrypt(key, iv, data)
		if (plain != nil) == (err != nil) {
			t.Fatalf("plaintext %v with error %v", plain != nil, err)
		}
		if err != nil && err != core.ErrDecrypt && core.CodeOf(err) == "" {
			t.Fatalf("untyped error %v", err)
		}
	})
}

func FuzzOpen(f *testing.F) {
	seed(f, func(v *testvectors.Vector) {
		f.Add(v.Input.AppID, v.Input.SessionKey, v.Input.IV, v.Input.EncryptedData)
	})
	now := func() time.Time { return time.Unix(1700000000, 0) }
	f.Fuzz(func(t *testing.T, appID, key, iv, data string) {
		d, err := core.Open(appID, key, iv, data, core.WithMaxAge(time.Hour), core.WithNow(now))
		if (d != nil) == (err != nil) {
			t.Fatalf("data %v with error %v", d != nil, err)
		}
		if err != nil {
			var we *core.WatermarkError
			var ie *core.InputError
			if err != core.ErrDecrypt && !errors.As(err, &we) && !errors.As(err, &ie) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		if d.Watermark.AppID != appID {
			t.Fatalf("watermark appid %q accepted for %q", d.Watermark.AppID, appID)
		}
	})
}

func FuzzInspect(f *testing.F) {
	seed(f, func(v *testvectors.Vector) {
		f.Add(v.Input.AppID, v.Input.SessionKey, v.Input.IV, v.Input.EncryptedData)
	})
	f.Fuzz(func(t *testing.T, appID, key, iv, data string) {
		r := core.Inspect(core.Input{AppID: appID, SessionKey: key, IV: iv, EncryptedData: data, MaxAge: time.Hour})
		if r.OK != (r.Error == nil) {
			t.Fatalf("ok %v with error %+v", r.OK, r.Error)
		}
		if r.Error != nil && (r.Error.Code == "" || r.Error.Message == "" || r.Error.Hint == "") {
			t.Fatalf("error without code, message or hint: %+v", r.Error)
		}
		if r.OK && appID != "" && r.Watermark.Check != core.AppIDMatch {
			t.Fatalf("ok with appid check %q", r.Watermark.Check)
		}
		if out := r.AppendJSON(nil); !utf8.Valid(out) {
			t.Fatalf("report is not UTF-8: %q", out)
		}
	})
}

func FuzzInspectJSON(f *testing.F) {
	seed(f, func(v *testvectors.Vector) {
		f.Add(`{"session_key":"` + v.Input.SessionKey + `","iv":"` + v.Input.IV + `","encrypted_data":"` + v.Input.EncryptedData + `"}`)
	})
	f.Add(`{"session_key": 1}`)
	f.Add(`not json`)
	f.Fuzz(func(t *testing.T, line string) {
		r := core.InspectJSON([]byte(line), core.Input{})
		if r.Error != nil && r.Error.Code == "" {
			t.Fatal("error without a code")
		}
	})
}

func FuzzReadText(f *testing.F) {
	seed(f, func(v *testvectors.Vector) {
		f.Add(`{"encryptedData":"` + v.Input.EncryptedData + `","iv":"` + v.Input.IV + `"}`)
		f.Add("session_key=" + v.Input.SessionKey + "&iv=" + v.Input.IV)
	})
	seedPaste(f)
	now := time.Unix(1700000000, 0)
	f.Fuzz(func(t *testing.T, text string) {
		recs := core.ReadText(text)
		reps := core.InspectText(text, core.Input{Now: now})
		if len(recs) == 0 || len(reps) != len(recs) {
			t.Fatalf("%d records, %d reports", len(recs), len(reps))
		}
		for i, in := range recs {
			for _, s := range []string{in.AppID, in.SessionKey, in.IV, in.EncryptedData, in.Response, in.Sign, in.AESKey, in.AppKey} {
				// A value is a piece of the text, perhaps unescaped.
				if len(s) > len(text) {
					t.Fatalf("read %d bytes from %d", len(s), len(text))
				}
			}
			r := reps[i]
			if r.OK == (r.Error != nil) {
				t.Fatalf("ok %v with error %+v", r.OK, r.Error)
			}
			// No report shows a whole session_key, as read or as repaired
			// (unless the text also has it where reports repeat text: in
			// the appid, or in words of the messages).
			js := string(r.AppendJSON(nil))
			// Nor Alipay's AES key.
			if a := strings.TrimSpace(in.AESKey); len(a) >= 12 && !strings.Contains(in.AppID, a) && strings.Contains(js, a) {
				without := in
				without.AESKey = ""
				if !strings.Contains(string(core.Inspect(without).AppendJSON(nil)), a) {
					t.Fatalf("report shows the AES key %q: %s", a, js)
				}
			}
			k := strings.TrimSpace(in.SessionKey)
			if len(k) < 12 || strings.Contains(in.AppID, k) {
				continue
			}
			quoted := string(jsontext.AppendString(nil, k))
			if strings.Contains(js, k) || strings.Contains(js, quoted[1:len(quoted)-1]) {
				without := in
				without.SessionKey = ""
				if !strings.Contains(string(core.Inspect(without).AppendJSON(nil)), k) {
					t.Fatalf("report shows the session_key %q: %s", k, js)
				}
			}
		}
	})
}
