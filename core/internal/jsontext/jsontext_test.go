package jsontext

import (
	"encoding/json"
	"strings"
	"testing"
)

var seeds = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `1e10`, `-1.5E-3`, `true`, `false`, `null`,
	`{"a":1,"b":[1,2,{"c":null}],"d":"\u00e9\ud83d\ude00\n"}`,
	` {"openId":"o","nickName":"Band","gender":1,"watermark":{"timestamp":1,"appid":"wx"}} `,
	`"\ud800"`, `"\udc00\ud800x"`, "\"\xff\"", `01`, `1.`, `.5`, `+1`, `[1,]`, `{"a" 1}`, `{"a":1,}`,
	`"\x"`, "\"\t\"", `nul`, `[` + strings.Repeat("[", 20) + strings.Repeat("]", 21),
	`{"a":"b"} x`, `"\u12"`, `{"\u0041":1}`, "{\"k\":\"\u2028\"}",
}

func TestValidDepth(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if !Valid(deep) || !json.Valid([]byte(deep)) {
		t.Error("depth MaxDepth rejected")
	}
	deeper := "[" + deep + "]"
	if Valid(deeper) || json.Valid([]byte(deeper)) {
		t.Error("depth MaxDepth+1 accepted")
	}
}

// FuzzValid checks Parse and String against encoding/json on the same input.
func FuzzValid(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := Parse(s)
		if want := json.Valid([]byte(s)); ok != want {
			t.Fatalf("Parse(%q) ok = %v, encoding/json says %v", s, ok, want)
		}
		if !ok {
			return
		}
		var back []byte
		back = AppendCompact(back, v.Raw)
		if !json.Valid(back) {
			t.Fatalf("AppendCompact(%q) = %q is not valid", v.Raw, back)
		}
		if v.Kind == String {
			got, _ := v.String()
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("String(%q) = %q, encoding/json %q", s, got, want)
			}
			var round string
			if err := json.Unmarshal(AppendString(nil, got), &round); err != nil || round != got {
				t.Fatalf("AppendString(%q) does not round-trip: %q, %v", got, round, err)
			}
		}
		if v.Kind == Number {
			n, ok := v.Int()
			var want int64
			err := json.Unmarshal([]byte(s), &want)
			if ok != (err == nil) || ok && n != want {
				t.Fatalf("Int(%q) = %d, %v; encoding/json %d, %v", s, n, ok, want, err)
			}
		}
	})
}

func TestAppendString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":          `"plain"`,
		"q\"b\\":         `"q\"b\\"`,
		"\n\r\t\x01":     `"\n\r\t\u0001"`,
		"\xff":           `"\ufffd"`,
		"a\u2028b\u2029": `"a\u2028b\u2029"`,
		"中文":             `"中文"`,
	} {
		if got := string(AppendString(nil, in)); got != want {
			t.Errorf("AppendString(%q) = %s, want %s", in, got, want)
		}
	}
}
