package wxsecure_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/wxapi"
	"github.com/wxinspect/wxinspect/core/wxsecure"
)

func seeds(f *testing.F) {
	names, _ := filepath.Glob(dir + "*/*.http")
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("HTTP/1.1 200 OK\n\n"))
	f.Add([]byte("POST / HTTP/1.1\r\nA: b\r\n\r\n{}"))
}

// FuzzParseCapture: any bytes parse or fail with capture_invalid, never
// panic; what parses explains without panicking.
func FuzzParseCapture(f *testing.F) {
	seeds(f)
	k := guideKeys(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := wxsecure.ParseCapture(b)
		if err != nil {
			if core.CodeOf(err) != core.CodeCaptureInvalid {
				t.Fatalf("error %v", err)
			}
			return
		}
		r := wxsecure.Explain(m, wxsecure.CanonicalURL(wxapi.APIPhoneNumber), k, wxsecure.Options{})
		if !r.OK && r.Error == nil {
			t.Fatal("not ok without an error")
		}
	})
}

// FuzzOpen: any headers and body given to OpenResponse and OpenRequest fail
// with a coded error or open, never panic.
func FuzzOpen(f *testing.F) {
	names, _ := filepath.Glob(dir + "*/*.http")
	for _, n := range names {
		b, _ := os.ReadFile(n)
		if m, err := wxsecure.ParseCapture(b); err == nil {
			ts, _ := wxsecure.HeaderValue(m.Header, wxsecure.HeaderTimestamp)
			sig, _ := wxsecure.HeaderValue(m.Header, wxsecure.HeaderSignature)
			f.Add(ts, sig, m.Body)
		}
	}
	k := guideKeys(f)
	f.Fuzz(func(t *testing.T, ts, sig string, body []byte) {
		h := []wxapi.HeaderField{{Name: wxsecure.HeaderAppID, Value: k.AppID}, {Name: wxsecure.HeaderTimestamp, Value: ts},
			{Name: wxsecure.HeaderSignature, Value: sig}, {Name: wxsecure.HeaderSerial, Value: k.Certs[0].SN}}
		if o, err := k.OpenResponse(wxapi.APIPhoneNumber, h, body); err != nil {
			if core.CodeOf(err) == "" {
				t.Fatalf("uncoded error %v", err)
			}
		} else if len(o.Plaintext) == 0 {
			t.Fatal("opened to nothing")
		}
		if _, err := k.OpenRequest(wxapi.APIPhoneNumber, h[:3], body, ts0, 0); err != nil && core.CodeOf(err) == "" {
			t.Fatalf("uncoded error %v", err)
		}
	})
}
