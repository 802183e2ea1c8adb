package core

import (
	"strings"
	"testing"
)

// checkAlign checks that every repaired reading candidates makes of v that
// could decode (only base64 characters) is aligned with v, and that the
// segments spell the clean value and, with what they replaced, v.
func checkAlign(t *testing.T, field, v string) {
	for _, c := range candidates(field, v)[1:] {
		if strings.Trim(c.value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != "" {
			continue
		}
		segs, ok := alignRepairs(v, c.value)
		if !ok {
			t.Fatalf("%s %q: the reading %q (%v) is not aligned", field, v, c.value, c.repairs)
		}
		var text, was strings.Builder
		for _, s := range segs {
			text.WriteString(s.Text)
			if s.Code == "" {
				was.WriteString(s.Text)
				continue
			}
			was.WriteString(s.Was)
			// Removed characters may be whitespace or quotes whatever
			// the reading says, and a %XX decoded once where others
			// were decoded twice is url_encoded.
			once := s.Code == CodeURLEncoded && contains(c.repairs, CodeURLEncodedTwice)
			if !contains(c.repairs, s.Code) && s.Code != CodeWhitespace && s.Code != CodeQuoted && !once {
				t.Fatalf("%s %q: mark %q not among the repairs %v", field, v, s.Code, c.repairs)
			}
		}
		if text.String() != c.value || was.String() != v {
			t.Fatalf("%s %q: segments spell %q (was %q), want %q", field, v, text.String(), was.String(), c.value)
		}
	}
}

func TestAlignRepairs(t *testing.T) {
	for _, v := range []string{
		"r7BXXKkLb8qrSNn05n0qiA==",
		" r7BXXKkLb8qrSNn05n0qiA== ",
		`"r7BXXKkLb8qrSNn05n0qiA==",`,
		`'r7BXXKkLb8qrSNn05n0qiA'`,
		"r7BXXKkLb8qrSNn05n0qiA%3D%3D",
		"r7BXXKkLb8qrSNn05n0qiA%253D%253D",
		"r7BX XKkLb8qrSNn05n0qiA",
		"r7BX\r\nXKkLb8qrSNn05n0qiA==",
		"r7BX-XKkLb8qr_Nn05n0qiA",
		"\u3000r7BXXKkLb8qrSNn05n0qiA==\u00a0",
		"%zz r7",
		`",`,
		"",
		"   ",
	} {
		checkAlign(t, FieldIV, v)
	}
}

func FuzzAlignRepairs(f *testing.F) {
	for _, s := range []string{"j9QZvbI3w/6p ZRdhTg7og==", "w8Dr%2FleoD%252B", `"a-b_c",`, "x\ty\nz ", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if len(v) > 4096 {
			return
		}
		checkAlign(t, FieldEncryptedData, v)
	})
}

// TestRepairs: the report of a repaired input gives the clean values with
// the spots repaired, a session_key masked but for those spots, and never in
// its JSON nor when printed.
func TestRepairs(t *testing.T) {
	s := OfficialSample()
	key := strings.Replace(s.SessionKey, "==", "%3D%3D", 1)
	data := strings.ReplaceAll(strings.ReplaceAll(s.EncryptedData, "/", "%2F"), "+", " ")
	r := Inspect(Input{AppID: s.AppID, SessionKey: key, IV: `"` + s.IV + `"`, EncryptedData: data, Now: s.Now})
	if !r.OK {
		t.Fatalf("not ok: %+v", r.Error)
	}
	got := map[string]Repair{}
	for _, p := range r.Repairs() {
		got[p.Field] = p
	}
	if len(got) != 3 || got[FieldSessionKey].Value != s.SessionKey || got[FieldIV].Value != s.IV || got[FieldEncryptedData].Value != s.EncryptedData {
		t.Fatalf("repairs %v", r.Repairs())
	}
	var shown strings.Builder
	for _, seg := range got[FieldSessionKey].Segments() {
		shown.WriteString(seg.Text)
		if seg.Code != "" && (seg.Code != CodeURLEncoded || seg.Text != "==" || seg.Was != "%3D%3D") {
			t.Errorf("session_key segment %+v", seg)
		}
	}
	if want := strings.Repeat("•", 22) + "=="; shown.String() != want {
		t.Errorf("session_key shown as %q, want %q", shown.String(), want)
	}
	segs := got[FieldIV].Segments()
	if len(segs) != 3 || segs[0].Code != CodeQuoted || segs[0].Was != `"` || segs[1].Text != s.IV || segs[2].Code != CodeQuoted {
		t.Errorf("iv segments %+v", segs)
	}
	slash, plus := 0, 0
	for _, seg := range got[FieldEncryptedData].Segments() {
		switch seg.Code {
		case CodeURLEncoded:
			slash += len(seg.Text)
			if strings.Trim(seg.Text, "/") != "" || seg.Was != strings.Repeat("%2F", len(seg.Text)) {
				t.Errorf("encryptedData segment %+v", seg)
			}
		case CodePlusAsSpace:
			plus += len(seg.Text)
			if strings.Trim(seg.Text, "+") != "" || seg.Was != strings.Repeat(" ", len(seg.Text)) {
				t.Errorf("encryptedData segment %+v", seg)
			}
		case "":
		default:
			t.Errorf("encryptedData segment %+v", seg)
		}
	}
	if slash != strings.Count(s.EncryptedData, "/") || plus != strings.Count(s.EncryptedData, "+") || plus == 0 {
		t.Errorf("%d url_encoded and %d plus_as_space spots", slash, plus)
	}
	for _, out := range []string{string(r.AppendJSON(nil)), fmtReport(r)} {
		if strings.Contains(out, s.SessionKey) || strings.Contains(out, key) {
			t.Errorf("the session_key is in %q", out)
		}
	}

	// Nothing repaired, or nothing decrypted: no repairs.
	if p := Inspect(Input{SessionKey: s.SessionKey, IV: s.IV, EncryptedData: s.EncryptedData}).Repairs(); p != nil {
		t.Errorf("repairs of a clean input: %v", p)
	}
	if p := Inspect(Input{SessionKey: "AAAAAAAAAAAAAAAAAAAAAA==", IV: `"` + s.IV + `"`, EncryptedData: s.EncryptedData}).Repairs(); p != nil {
		t.Errorf("repairs of data that did not decrypt: %v", p)
	}
}
