package core_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
	"github.com/wxinspect/wxinspect/internal/testvectors"
)

// TestPlatformKeysInInput: an input object with its keys inline gives the
// report of the same input with the keys read from files, as the command
// line reads them, byte for byte.
func TestPlatformKeysInInput(t *testing.T) {
	for _, v := range testvectors.LoadPlatforms(t) {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			want := core.Inspect(v.CoreInput(t)).AppendJSON(nil)
			got := core.InspectJSON([]byte(v.Line()), core.Input{Now: time.Unix(v.Now, 0)}).AppendJSON(nil)
			if !bytes.Equal(got, want) {
				t.Errorf("keys inline:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

// TestPlatformBadKeyInInput: a PEM key that cannot be read is the bad_key
// report the command line gives for such a key file, and never quotes it.
func TestPlatformBadKeyInInput(t *testing.T) {
	priv, err := os.ReadFile(filepath.Join(platformDir, "keys/douyin_app.key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Join(strings.Split(strings.TrimSpace(string(priv)), "\n")[1:3], "")
	for _, c := range []struct {
		name, key, pem string
		parse          func([]byte) error
	}{
		{"private key as public key", "alipay_public_key", string(priv), func(b []byte) error { _, err := rsakey.ParsePublicKey(b); return err }},
		{"not base64", "alipay_public_key", "-not a key-", func(b []byte) error { _, err := rsakey.ParsePublicKey(b); return err }},
		{"truncated private key", "private_key", "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n", func(b []byte) error { _, err := rsakey.ParsePrivateKey(b); return err }},
	} {
		t.Run(c.name, func(t *testing.T) {
			in, err := json.Marshal(map[string]string{"platform": "alipay", "response": "AAAA", c.key: c.pem, "lang": "zh"})
			if err != nil {
				t.Fatal(err)
			}
			got := core.InspectJSON(in, core.Input{}).AppendJSON(nil)
			ke, ok := c.parse([]byte(c.pem)).(*rsakey.Error)
			if !ok {
				t.Fatalf("rsakey reads the key")
			}
			if want := ke.Report(core.Chinese).AppendJSON(nil); !bytes.Equal(got, want) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if !strings.Contains(string(got), `"code":"bad_key"`) {
				t.Errorf("not a bad_key report: %s", got)
			}
			if strings.Contains(string(got), body[:24]) {
				t.Errorf("the report quotes the key: %s", got)
			}
		})
	}
}

// FuzzInputKeys reads input objects with keys inline: no panic, a report
// that is JSON, and never the text of a private key.
func FuzzInputKeys(f *testing.F) {
	for _, v := range testvectors.LoadPlatforms(f) {
		f.Add(string([]byte(v.Line())))
	}
	f.Fuzz(func(t *testing.T, line string) {
		r := core.InspectJSON([]byte(line), core.Input{})
		checkReport(t, r)
		// No line of a key's text reaches the report, unless another value
		// of the input holds it too (an unknown platform is quoted).
		var o map[string]any
		if json.Unmarshal([]byte(line), &o) != nil {
			return
		}
		out := string(r.AppendJSON(nil))
		for _, key := range []string{"private_key", "alipay_public_key", "aes_key"} {
			s, _ := o[key].(string)
			for _, l := range strings.Split(s, "\n") {
				if l = strings.TrimSpace(l); len(l) < 16 || !strings.Contains(out, l) {
					continue
				}
				elsewhere := false
				for k, v := range o {
					if vs, ok := v.(string); ok && k != key && strings.Contains(vs, l) {
						elsewhere = true
					}
				}
				if !elsewhere {
					t.Fatalf("the report quotes %s: %s", key, out)
				}
			}
		}
	})
}
