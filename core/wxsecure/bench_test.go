package wxsecure_test

import (
	"crypto/rand"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core/wxapi"
)

var ts0 = time.Unix(1764374400, 0)

// BenchmarkSealSign seals and signs one getuserphonenumber call (2048-bit RSA).
func BenchmarkSealSign(b *testing.B) {
	k := guideKeys(b)
	call := wxapi.NewPhoneNumberCall("", "TOKEN", "0e3Xw1Ga1NfM7J0gCVFa1phone", "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.SealRequest(call, ts0, rand.Reader); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyOpen verifies and opens one answer.
func BenchmarkVerifyOpen(b *testing.B) {
	k := responseKeys(b, "new")
	m := capture(b, "responses/ok.http")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := k.OpenResponse(wxapi.APIPhoneNumber, m.Header, m.Body); err != nil {
			b.Fatal(err)
		}
	}
}
