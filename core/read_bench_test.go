package core_test

import (
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

// pasteShapes are adversarial pastes, each repeated to the benchmark's size:
// a reader that goes back over what it read shows it as a time per byte that
// grows with the size.
var pasteShapes = []struct{ name, unit string }{
	{"iv=", "iv="},
	{"iv_newline", "iv\n"},
	{"unbalanced_quote", `iv="`},
	{"fullwidth_quote", "iv=“"},
	{"nested_brackets", "["},
	{"nested_objects", `{"iv":`},
	{"escaped_json", `\x22iv\x22:\x22`},
	{"url_encoded", "%3D"},
	{"one_line", "A"},
}

// paste repeats unit to n bytes.
func paste(unit string, n int) string {
	return strings.Repeat(unit, n/len(unit)+1)[:n]
}

var pasteSizes = []struct {
	name string
	n    int
}{{"1KiB", 1 << 10}, {"64KiB", 64 << 10}, {"1MiB", 1 << 20}}

// BenchmarkReadText is the reader alone; its ns/byte metric is what must
// stay flat from 1 KiB to 1 MiB.
func BenchmarkReadText(b *testing.B) {
	for _, s := range pasteShapes {
		for _, size := range pasteSizes {
			text := paste(s.unit, size.n)
			b.Run("shape="+s.name+"/size="+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					core.ReadText(text)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
			})
		}
	}
}

// BenchmarkInspectText is the whole of inspectText: reading, then
// inspecting every record.
func BenchmarkInspectText(b *testing.B) {
	for _, s := range pasteShapes {
		for _, size := range pasteSizes {
			text := paste(s.unit, size.n)
			b.Run("shape="+s.name+"/size="+size.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					core.InspectText(text, core.Input{})
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/byte")
			})
		}
	}
}
