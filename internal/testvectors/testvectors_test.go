package testvectors

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	vs := Load(t)
	names := map[string]bool{}
	for _, v := range vs {
		if names[v.Name] {
			t.Errorf("two vectors named %q", v.Name)
		}
		names[v.Name] = true
	}
	byName := func(name string) *Vector {
		for i := range vs {
			if vs[i].Name == name {
				return &vs[i]
			}
		}
		t.Fatalf("no vector %q", name)
		return nil
	}

	big := byName("input_too_large")
	in := big.CoreInput()
	if big.Input.Oversize == 0 || len(in.EncryptedData) != big.Input.Oversize || in.EncryptedData != strings.Repeat("A", big.Input.Oversize) {
		t.Errorf("oversize %d: encrypted_data of %d bytes", big.Input.Oversize, len(in.EncryptedData))
	}
	if !in.Now.Equal(time.Unix(big.Now, 0)) || in.AppID != big.Input.AppID || in.SessionKey != big.Input.SessionKey || in.IV != big.Input.IV {
		t.Errorf("CoreInput = %+v", in)
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(big.Line()), &line); err != nil {
		t.Fatal(err)
	}
	if _, has := line["oversize"]; has || line["encrypted_data"] != in.EncryptedData || line["appid"] != in.AppID {
		t.Errorf("line of input_too_large: oversize key %v, %d bytes of data", has, len(line["encrypted_data"].(string)))
	}

	if in := byName("watermark_expired").CoreInput(); in.MaxAge != 300*time.Second {
		t.Errorf("max_age_seconds 300: MaxAge %v", in.MaxAge)
	}

	// A key present with an empty value stays in the line.
	if l := byName("missing_field").Line(); !strings.Contains(l, `"session_key":""`) {
		t.Errorf("missing_field line %s", l)
	}

	raw := byName("bad_input_not_json")
	if raw.Input != nil || raw.Line() != raw.Raw {
		t.Errorf("raw vector: line %q, raw %q", raw.Line(), raw.Raw)
	}
	if in := raw.CoreInput(); !in.Now.Equal(time.Unix(raw.Now, 0)) || in.SessionKey != "" {
		t.Errorf("raw vector: CoreInput %+v", in)
	}
}
