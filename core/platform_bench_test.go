package core_test

import (
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// BenchmarkInspectPlatform inspects each platform's success vector: the cost
// of a decryption with its checks, to compare with WeChat's
// (BenchmarkInspect). Alipay's and Douyin's new flow include RSA.
func BenchmarkInspectPlatform(b *testing.B) {
	for _, name := range []string{"qq_phone", "douyin_phone", "kuaishou_phone", "feishu_phone", "baidu_official", "baidu_long_payload", "alipay_phone", "alipay_no_public_key", "douyin_new_phone"} {
		var in core.Input
		found := false
		for _, v := range testvectors.LoadPlatforms(b) {
			if v.Name == name {
				in, found = v.CoreInput(b), true
			}
		}
		if !found {
			b.Fatalf("no vector %s", name)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := core.Inspect(in); !r.OK {
					b.Fatal(r.Error)
				}
			}
		})
	}
}
