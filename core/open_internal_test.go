package core

import "testing"

// TestUnpadConstantTime checks it against unpad on every last byte and
// every position of one wrong byte in the final block.
func TestUnpadConstantTime(t *testing.T) {
	t.Parallel()
	for pad := range 256 {
		for wrong := -1; wrong < 16; wrong++ {
			b := make([]byte, 48)
			for i := 32; i < 48; i++ {
				b[i] = byte(pad)
			}
			if wrong >= 0 && wrong != 15 {
				b[32+wrong] ^= 0x80
			}
			wantN, wantOK := unpad(b)
			n, valid := unpadConstantTime(b)
			if (valid == 1) != wantOK || wantOK && n != wantN || !wantOK && n != len(b) {
				t.Fatalf("pad %d, wrong byte %d: got %d, %d; unpad says %d, %v", pad, wrong, n, valid, wantN, wantOK)
			}
		}
	}
	if n, valid := unpadConstantTime(make([]byte, 8)); n != 8 || valid != 0 {
		t.Fatalf("short buffer: %d, %d", n, valid)
	}
}
