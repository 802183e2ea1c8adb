package core_test

import (
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

func BenchmarkDecrypt(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := core.Decrypt(sample.SessionKey, sample.IV, sample.EncryptedData); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		d, err := core.Open(sample.AppID, sample.SessionKey, sample.IV, sample.EncryptedData)
		if err != nil || d.User.NickName != "Band" {
			b.Fatal(err)
		}
	}
}

func BenchmarkInspect(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if r := core.Inspect(sample); !r.OK {
			b.Fatal(r.Error)
		}
	}
}

func BenchmarkInspectReportJSON(b *testing.B) {
	b.ReportAllocs()
	buf := make([]byte, 0, 4096)
	for b.Loop() {
		buf = core.Inspect(sample).AppendJSON(buf[:0])
	}
}
