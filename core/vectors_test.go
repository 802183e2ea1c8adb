package core_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

func inspectVector(v *testvectors.Vector) *core.Report {
	if v.Raw != "" {
		return core.InspectJSON([]byte(v.Raw), v.CoreInput())
	}
	return core.Inspect(v.CoreInput())
}

func findingCodes(r *core.Report) []string {
	codes := []string{}
	for _, f := range r.Findings {
		codes = append(codes, string(f.Code))
	}
	return codes
}

func TestVectors(t *testing.T) {
	for _, v := range testvectors.Load(t) {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			r := inspectVector(&v)
			if r.OK != v.Want.OK {
				t.Errorf("ok = %v, want %v (error %+v)", r.OK, v.Want.OK, r.Error)
			}
			if string(r.Kind) != v.Want.Kind {
				t.Errorf("kind = %q, want %q", r.Kind, v.Want.Kind)
			}
			code, wechat := "", 0
			if r.Error != nil {
				code, wechat = string(r.Error.Code), r.Error.WeChatCode
				if r.Error.Message == "" || r.Error.Hint == "" {
					t.Errorf("error without message or hint: %+v", r.Error)
				}
			}
			if code != v.Want.Code || wechat != v.Want.WeChatCode {
				t.Errorf("error = %q (wechat %d), want %q (wechat %d)", code, wechat, v.Want.Code, v.Want.WeChatCode)
			}
			if got := findingCodes(r); !slices.Equal(got, v.Want.Findings) {
				t.Errorf("findings = %q, want %q", got, v.Want.Findings)
			}
			if r.OK != (r.Error == nil) {
				t.Errorf("ok %v with error %+v", r.OK, r.Error)
			}
			var back map[string]any
			if err := json.Unmarshal(r.AppendJSON(nil), &back); err != nil {
				t.Fatalf("report JSON: %v", err)
			}
			if back["ok"] != r.OK {
				t.Errorf("JSON ok = %v", back["ok"])
			}
			if _, has := back["error"]; has == r.OK {
				t.Errorf("JSON error present = %v with ok %v", has, r.OK)
			}
		})
	}
}

// TestVectorsCoverEveryCode makes sure each code has a vector, or a paste
// of the corpus.
func TestVectorsCoverEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range testvectors.Load(t) {
		seen[v.Want.Code] = true
		for _, c := range v.Want.Findings {
			seen[c] = true
		}
	}
	// A code that only pasted text gives (unreadable_line) has its case in
	// the paste corpus instead.
	names, texts := pasteCases(t)
	for i := range names {
		for _, r := range core.InspectTextJSON(pasteRequest(texts[i])) {
			if r.Error != nil {
				seen[string(r.Error.Code)] = true
			}
		}
	}
	for _, c := range core.Codes() {
		if !seen[string(c)] {
			t.Errorf("no vector for code %q", c)
		}
	}
}

// TestOpenAgreesWithInspect runs Open on every vector that has an appid and
// checks that it succeeds exactly when Inspect succeeds without repairs, and
// that its errors carry the same codes, except that decryption failures are
// the one opaque ErrDecrypt.
func TestOpenAgreesWithInspect(t *testing.T) {
	for _, v := range testvectors.Load(t) {
		if v.Input == nil || v.Input.AppID == "" {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			in := v.CoreInput()
			opts := []core.Option{core.WithNow(func() time.Time { return in.Now })}
			if in.MaxAge > 0 {
				opts = append(opts, core.WithMaxAge(in.MaxAge))
			}
			d, err := core.Open(in.AppID, in.SessionKey, in.IV, in.EncryptedData, opts...)
			if (d != nil) == (err != nil) {
				t.Fatalf("Open returned data %v and error %v", d != nil, err)
			}
			r := core.Inspect(in)
			repaired := slices.ContainsFunc(r.Findings, func(f core.Finding) bool {
				return f.Severity == core.SeverityWarning && f.Code != core.CodeWatermarkFuture
			})
			switch {
			case r.OK && !repaired:
				if err != nil {
					t.Fatalf("Open: %v, Inspect ok", err)
				}
				if d.Kind != r.Kind {
					t.Errorf("kind %q, Inspect %q", d.Kind, r.Kind)
				}
			case r.OK:
				// Repaired: Open may or may not tolerate the damage (Go's
				// decoder skips line breaks), but never repairs it.
			case err == nil:
				t.Fatalf("Open succeeded, Inspect says %+v", r.Error)
			case repaired:
			case r.Error.Code == core.CodeBadPadding || r.Error.Code == core.CodeNotJSON || r.Error.Code == core.CodeIVMismatch:
				if !errors.Is(err, core.ErrDecrypt) {
					t.Errorf("Open: %v, want ErrDecrypt", err)
				}
			default:
				if got := core.CodeOf(err); got != r.Error.Code {
					t.Errorf("Open code %q (%v), Inspect %q", got, err, r.Error.Code)
				}
			}
		})
	}
}
