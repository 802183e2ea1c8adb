package rsakey_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../../testdata/platforms/keys/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	pub := read(t, "alipay_platform.pub.pem")
	if _, err := rsakey.ParsePublicKey(pub); err != nil {
		t.Fatal(err)
	}
	// The Alipay console shows the bare base64, without PEM lines.
	lines := strings.Split(strings.TrimSpace(string(pub)), "\n")
	if _, err := rsakey.ParsePublicKey([]byte(strings.Join(lines[1:len(lines)-1], ""))); err != nil {
		t.Errorf("bare base64: %v", err)
	}
	for _, name := range []string{"douyin_app.key.pem", "douyin_app.pkcs1.key.pem"} {
		if _, err := rsakey.ParsePrivateKey(read(t, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A single-line field turns a pasted key's line breaks into spaces.
	for _, name := range []string{"alipay_platform.pub.pem", "douyin_app.key.pem", "douyin_app.pkcs1.key.pem"} {
		flat := []byte(strings.ReplaceAll(string(read(t, name)), "\n", " "))
		var err error
		if strings.Contains(name, "pub") {
			_, err = rsakey.ParsePublicKey(flat)
		} else {
			_, err = rsakey.ParsePrivateKey(flat)
		}
		if err != nil {
			t.Errorf("%s on one line: %v", name, err)
		}
	}
	if _, err := rsakey.ParsePublicKey([]byte(strings.ReplaceAll(string(read(t, "douyin_app.key.pem")), "\n", " "))); err == nil ||
		!strings.Contains(err.Error(), "private key where the public key") {
		t.Errorf("a private key on one line as the public key: %v", err)
	}
	priv := read(t, "douyin_app.key.pem")
	for _, c := range []struct {
		name string
		err  error
	}{
		{"public as private", func() error { _, err := rsakey.ParsePrivateKey(pub); return err }()},
		{"private as public", func() error { _, err := rsakey.ParsePublicKey(priv); return err }()},
		{"garbage", func() error { _, err := rsakey.ParsePublicKey([]byte("not a key")); return err }()},
		{"empty", func() error { _, err := rsakey.ParsePrivateKey(nil); return err }()},
	} {
		var ke *rsakey.Error
		if !errors.As(c.err, &ke) || core.CodeOf(c.err) != core.CodeBadKey {
			t.Errorf("%s: %v, want a bad_key error", c.name, c.err)
			continue
		}
		if strings.Contains(c.err.Error(), "MII") {
			t.Errorf("%s: the error quotes the key: %v", c.name, c.err)
		}
		if r := ke.Report(core.Chinese); r.Error == nil || r.Error.Code != core.CodeBadKey || r.Error.Hint == "" {
			t.Errorf("%s: report %+v", c.name, r.Error)
		}
	}
}

func TestDecryptWrongLength(t *testing.T) {
	k, err := rsakey.ParsePrivateKey(read(t, "douyin_app.key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 255, 257} {
		if _, err := k.DecryptPKCS1v15(make([]byte, n)); err != rsakey.ErrDecrypt {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
}
