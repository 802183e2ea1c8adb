package core_test

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/wxinspect/wxinspect/core"
)

// forged returns encryptedData whose plaintext is size bytes of text that
// is not JSON, ending in last: 0x01 is a valid PKCS#7 padding, 0x00 is not.
// These are the two answers a padding-oracle attacker tells apart.
func forged(tb testing.TB, size int, last byte) string {
	tb.Helper()
	key, _ := base64.StdEncoding.DecodeString(sample.SessionKey)
	iv, _ := base64.StdEncoding.DecodeString(sample.IV)
	p := []byte(strings.Repeat("x", size-1) + string(rune(last)))
	block, err := aes.NewCipher(key)
	if err != nil {
		tb.Fatal(err)
	}
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(p, p)
	return base64.StdEncoding.EncodeToString(p)
}

// TestOpenForged checks that both forgeries give the same opaque error.
func TestOpenForged(t *testing.T) {
	t.Parallel()
	for _, last := range []byte{0x00, 0x01} {
		_, err := core.Open(sample.AppID, sample.SessionKey, sample.IV, forged(t, 256, last))
		if !errors.Is(err, core.ErrDecrypt) || err.Error() != core.ErrDecrypt.Error() {
			t.Errorf("last byte %#x: %v, want ErrDecrypt", last, err)
		}
	}
}

// BenchmarkOpenForged measures Open on a forged encryptedData with a bad
// padding and with a valid padding but a plaintext that is not JSON, at the
// size of a phone number payload and with a 768 KiB prefix: the times should
// not tell the two apart. Compare with benchstat (see BENCHMARKS.md).
func BenchmarkOpenForged(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"phone", 256}, {"768KiB", 768<<10 - 16}} {
		for _, c := range []struct {
			name string
			last byte
		}{{"bad_padding", 0x00}, {"bad_json", 0x01}} {
			data := forged(b, size.n, c.last)
			b.Run("size="+size.name+"/case="+c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := core.Open(sample.AppID, sample.SessionKey, sample.IV, data); err != core.ErrDecrypt {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
