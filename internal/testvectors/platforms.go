package testvectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
)

// Platform is one line of testdata/platforms/vectors.jsonl, the vectors of
// the platforms other than WeChat (the format is in
// testdata/platforms/README.md).
type Platform struct {
	Name    string          `json:"name"`
	Comment string          `json:"comment"`
	Input   json.RawMessage `json:"input"` // as `wxinspect decrypt` reads it; it names its platform
	Keys    struct {
		AESKey          string `json:"aes_key"`
		AlipayPublicKey string `json:"alipay_public_key"` // a file, relative to testdata/platforms
		PrivateKey      string `json:"private_key"`       // a file, relative to testdata/platforms
	} `json:"keys"`
	Now  int64 `json:"now"`
	Want struct {
		OK       bool     `json:"ok"`
		Kind     string   `json:"kind"`
		Code     string   `json:"code"`
		Findings []string `json:"findings"`
	} `json:"want"`

	// The text of the key files.
	AlipayPublicKeyPEM, PrivateKeyPEM string
}

// LoadPlatforms reads testdata/platforms/vectors.jsonl of the module and the
// key files its vectors name, and fails the test if it cannot.
func LoadPlatforms(tb testing.TB) []Platform {
	tb.Helper()
	vs, err := readPlatforms()
	if err != nil {
		tb.Fatal(err)
	}
	return vs
}

func readPlatforms() ([]Platform, error) {
	path, err := find()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(filepath.Dir(path), "platforms")
	b, err := os.ReadFile(filepath.Join(dir, "vectors.jsonl"))
	if err != nil {
		return nil, err
	}
	var vs []Platform
	for line := range bytes.Lines(b) {
		var v Platform
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", dir, len(vs)+1, err)
		}
		for _, k := range []struct{ file, pem *string }{{&v.Keys.AlipayPublicKey, &v.AlipayPublicKeyPEM}, {&v.Keys.PrivateKey, &v.PrivateKeyPEM}} {
			if *k.file == "" {
				continue
			}
			pem, err := os.ReadFile(filepath.Join(dir, *k.file))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", v.Name, err)
			}
			*k.pem = string(pem)
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: no vectors", dir)
	}
	return vs, nil
}

// Platform returns the platform the vector's input names.
func (v Platform) Platform() core.Platform {
	var in struct{ Platform string }
	json.Unmarshal(v.Input, &in)
	p, _ := core.ParsePlatform(in.Platform)
	return p
}

// CoreInput is the input the command line hands to core.Inspect: the input
// object read by core.ParseInput, the keys read from their files by
// core/rsakey, the clock set to Now.
func (v Platform) CoreInput(tb testing.TB) core.Input {
	tb.Helper()
	in, err := core.ParseInput(v.Input)
	if err != nil {
		tb.Fatalf("%s: %v", v.Name, err)
	}
	in.Now = time.Unix(v.Now, 0)
	in.AESKey = v.Keys.AESKey
	if v.AlipayPublicKeyPEM != "" {
		k, err := rsakey.ParsePublicKey([]byte(v.AlipayPublicKeyPEM))
		if err != nil {
			tb.Fatalf("%s: %v", v.Name, err)
		}
		in.AlipayPublicKey = k
	}
	if v.PrivateKeyPEM != "" {
		k, err := rsakey.ParsePrivateKey([]byte(v.PrivateKeyPEM))
		if err != nil {
			tb.Fatalf("%s: %v", v.Name, err)
		}
		in.PrivateKey = k
	}
	return in
}

// Report is the JSON report the command line prints for the vector
// (`wxinspect decrypt --json` with the keys from their files).
func (v Platform) Report(tb testing.TB) []byte {
	tb.Helper()
	return core.Inspect(v.CoreInput(tb)).AppendJSON(nil)
}

// Line is the input object with the keys inline (aes_key, and the PEM text
// of alipay_public_key and private_key), as the page's modules and the WASI
// module take it.
func (v Platform) Line() string {
	var o map[string]any
	if err := json.Unmarshal(v.Input, &o); err != nil {
		panic("testvectors: " + v.Name + ": " + err.Error()) // LoadPlatforms has parsed it once already
	}
	for k, s := range map[string]string{"aes_key": v.Keys.AESKey, "alipay_public_key": v.AlipayPublicKeyPEM, "private_key": v.PrivateKeyPEM} {
		if s != "" {
			o[k] = s
		}
	}
	b, err := json.Marshal(o)
	if err != nil {
		panic("testvectors: " + v.Name + ": " + err.Error())
	}
	return string(b)
}

// Fields is the vector as a user types it into a form (the page's, the
// desktop's): each string value of the input by its key, the keys by their
// names (aes_key, alipay_public_key, private_key), and a whole
// get_phonenumber_info answer (err_no, err_tips, log_id, data) as the text of
// data. Alipay's sign_type, encrypt_type and charset, which no form asks for,
// are left out: the report is the same without them.
func (v Platform) Fields() map[string]string {
	var o map[string]json.RawMessage
	if err := json.Unmarshal(v.Input, &o); err != nil {
		panic("testvectors: " + v.Name + ": " + err.Error())
	}
	f := map[string]string{}
	answer := map[string]json.RawMessage{}
	for k, raw := range o {
		switch k {
		case "sign_type", "encrypt_type", "charset":
		case "err_no", "err_tips", "log_id":
			answer[k] = raw
		default:
			var s string
			if json.Unmarshal(raw, &s) == nil {
				f[k] = s
			}
		}
	}
	if len(answer) > 0 {
		if d, ok := o["data"]; ok {
			answer["data"] = d
		}
		b, err := json.Marshal(answer)
		if err != nil {
			panic("testvectors: " + v.Name + ": " + err.Error())
		}
		f["data"] = string(b)
	}
	for k, s := range map[string]string{"aes_key": v.Keys.AESKey, "alipay_public_key": v.AlipayPublicKeyPEM, "private_key": v.PrivateKeyPEM} {
		if s != "" {
			f[k] = s
		}
	}
	return f
}
