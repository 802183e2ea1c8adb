package core_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

type vectorInput struct {
	AppID         string  `json:"appid"`
	SessionKey    string  `json:"session_key"`
	IV            string  `json:"iv"`
	EncryptedData string  `json:"encrypted_data"`
	MaxAgeSeconds float64 `json:"max_age_seconds"`
	Oversize      int     `json:"oversize"`
}

type vector struct {
	Name  string       `json:"name"`
	Raw   string       `json:"raw"`
	Input *vectorInput `json:"input"`
	Now   int64        `json:"now"`
	Want  struct {
		OK         bool     `json:"ok"`
		Kind       string   `json:"kind"`
		Code       string   `json:"code"`
		WeChatCode int      `json:"wechat_code"`
		Findings   []string `json:"findings"`
	} `json:"want"`
}

func (v *vector) input() core.Input {
	in := v.Input
	data := in.EncryptedData
	if in.Oversize > 0 {
		data = strings.Repeat("A", in.Oversize)
	}
	return core.Input{
		AppID: in.AppID, SessionKey: in.SessionKey, IV: in.IV, EncryptedData: data,
		MaxAge: time.Duration(in.MaxAgeSeconds * float64(time.Second)), Now: time.Unix(v.Now, 0),
	}
}

func loadVectors(t testing.TB) []vector {
	f, err := os.Open("../testdata/vectors.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vs []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("vectors.jsonl line %d: %v", len(vs)+1, err)
		}
		vs = append(vs, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

func inspectVector(v *vector) *core.Report {
	if v.Raw != "" {
		return core.InspectJSON([]byte(v.Raw), core.Input{Now: time.Unix(v.Now, 0)})
	}
	return core.Inspect(v.input())
}

func findingCodes(r *core.Report) []string {
	codes := []string{}
	for _, f := range r.Findings {
		codes = append(codes, string(f.Code))
	}
	return codes
}

func TestVectors(t *testing.T) {
	for _, v := range loadVectors(t) {
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

// TestVectorsCoverEveryCode makes sure each code has a vector.
func TestVectorsCoverEveryCode(t *testing.T) {
	seen := map[string]bool{}
	for _, v := range loadVectors(t) {
		for _, c := range v.Want.Findings {
			seen[c] = true
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
	for _, v := range loadVectors(t) {
		if v.Input == nil || v.Input.AppID == "" {
			continue
		}
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			in := v.input()
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
