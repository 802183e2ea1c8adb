package core_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// platformSeeds adds the inputs of the vectors of platform p.
func platformSeeds(f *testing.F, p core.Platform, add func(in core.Input)) {
	for _, v := range testvectors.LoadPlatforms(f) {
		in := v.CoreInput(f)
		if in.Platform == p {
			add(in)
		}
	}
}

// checkReport is what every report must be, whatever the input.
func checkReport(t *testing.T, r *core.Report) {
	if r.OK != (r.Error == nil) {
		t.Fatalf("ok %v with error %+v", r.OK, r.Error)
	}
	if r.Error != nil && (r.Error.Code == "" || r.Error.Message == "" || r.Error.Hint == "") {
		t.Fatalf("error without code, message or hint: %+v", r.Error)
	}
	out := r.AppendJSON(nil)
	if !utf8.Valid(out) || !json.Valid(out) {
		t.Fatalf("report is not UTF-8 JSON: %q", out)
	}
}

func FuzzInspectBaidu(f *testing.F) {
	platformSeeds(f, core.PlatformBaidu, func(in core.Input) {
		f.Add(in.AppKey, in.SessionKey, in.IV, in.EncryptedData+in.Data)
	})
	f.Fuzz(func(t *testing.T, appKey, key, iv, data string) {
		in := core.Input{SessionKey: key, IV: iv, EncryptedData: data}
		in.Platform, in.AppKey = core.PlatformBaidu, appKey
		r := core.Inspect(in)
		checkReport(t, r)
		plain, trailer, err := core.DecryptBaidu(key, iv, data)
		if (err == nil) != (plain != nil) || err != nil && err != core.ErrDecrypt && core.CodeOf(err) == "" {
			t.Fatalf("DecryptBaidu: %v with %d bytes", err, len(plain))
		}
		repaired := slices.ContainsFunc(r.Findings, func(f core.Finding) bool { return f.Severity == core.SeverityWarning })
		if r.OK && !repaired && (err != nil || trailer != appKey) {
			t.Fatalf("Inspect ok, DecryptBaidu %v / trailer %q", err, trailer)
		}
	})
}

func readKey[K any](f *testing.F, name string, parse func([]byte) (K, error)) K {
	b, err := os.ReadFile(filepath.Join(platformDir, "keys", name))
	if err != nil {
		f.Fatal(err)
	}
	k, err := parse(b)
	if err != nil {
		f.Fatal(err)
	}
	return k
}

func FuzzInspectAlipay(f *testing.F) {
	pub := readKey(f, "alipay_platform.pub.pem", rsakey.ParsePublicKey)
	platformSeeds(f, core.PlatformAlipay, func(in core.Input) {
		f.Add(in.Response, in.Sign, in.AESKey)
	})
	f.Fuzz(func(t *testing.T, response, sign, aesKey string) {
		in := core.Input{}
		in.Platform, in.Response, in.Sign, in.AESKey, in.AlipayPublicKey = core.PlatformAlipay, response, sign, aesKey, pub
		r := core.Inspect(in)
		checkReport(t, r)
	})
}

func FuzzInspectDouyin(f *testing.F) {
	priv := readKey(f, "douyin_app.key.pem", rsakey.ParsePrivateKey)
	platformSeeds(f, core.PlatformDouyin, func(in core.Input) {
		if in.Data != "" {
			f.Add(in.AppID, in.Data)
		}
	})
	f.Fuzz(func(t *testing.T, appID, data string) {
		in := core.Input{AppID: appID, Now: time.Unix(1700000000, 0)}
		in.Platform, in.Data, in.PrivateKey = core.PlatformDouyin, data, priv
		r := core.Inspect(in)
		checkReport(t, r)
		if r.OK && appID != "" && r.Watermark.Check != core.AppIDMatch {
			t.Fatalf("ok with appid check %q", r.Watermark.Check)
		}
	})
}

func FuzzParsePlatformInput(f *testing.F) {
	for _, v := range testvectors.LoadPlatforms(f) {
		f.Add(string(v.Input))
	}
	f.Fuzz(func(t *testing.T, line string) {
		r := core.InspectJSON([]byte(line), core.Input{})
		checkReport(t, r)
	})
}
