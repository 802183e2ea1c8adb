package core

import "strings"

// Repair is an input field whose value decrypted only after Inspect undid
// some transport damage: the clean value, and the spots it changed, for a
// front end to show ready to copy.
//
// Repairs are not part of a report's JSON form, nor of any output: a
// session_key is a secret. Value holds the whole clean value, for a copy
// button only (the user's own value, which they typed or pasted); Segments
// masks every unchanged character of a session_key.
type Repair struct {
	Field string // FieldSessionKey, FieldIV or FieldEncryptedData
	Value string // the value as decoded, every repair made
	segs  []Segment
}

// Segment is a run of a repaired value as a front end shows it: Text
// unchanged when Code is empty, else the characters one repair wrote (empty
// where it removed some) and Was, what the value had there.
type Segment struct {
	Text string
	Was  string
	Code Code
}

// repairState is what Inspect keeps of the values it repaired; a pointer,
// so that printing a Report with %v shows no value.
type repairState struct {
	given, used [nInputs]string
}

// Repairs returns the fields whose value was repaired before the data
// decrypted, in the order session_key, iv, encryptedData. A report whose data
// did not decrypt has none: a repair is shown once it proved right.
func (r *Report) Repairs() []Repair {
	if r.repaired == nil || r.Data == nil {
		return nil
	}
	var out []Repair
	for f := inSessionKey; f < nWeChatInputs; f++ {
		given, used := r.repaired.given[f], r.repaired.used[f]
		if given == used {
			continue
		}
		if segs, ok := alignRepairs(given, used); ok {
			out = append(out, Repair{Field: inputNames[f], Value: used, segs: segs})
		}
	}
	return out
}

// Segments returns the value in runs, each unchanged or written by one
// repair. A session_key shows only what the repairs wrote: each unchanged
// character is a '•'.
func (p Repair) Segments() []Segment {
	if p.Field != FieldSessionKey {
		return p.segs
	}
	out := append([]Segment(nil), p.segs...)
	for i := range out {
		if out[i].Code == "" {
			b := make([]byte, 0, 3*len(out[i].Text))
			for range out[i].Text { // base64: one byte a character
				b = append(b, "•"...)
			}
			out[i].Text = string(b)
		}
	}
	return out
}

// alignRepairs walks the value given and the clean base64 value that
// Inspect decoded from it side by side, as candidates made it: what
// surrounds the value (whitespace, one pair of quotes, a comma) is removed;
// inside, a character both have is unchanged, and otherwise the one given
// was URL-encoded (%XX, or %25XX twice), a space for a '+' (or, in the
// other reading, a space to remove), URL-safe, or other whitespace; '=' past
// the end was padding. A clean value holds only base64 characters, which no
// repair removes or writes in place of itself, so the walk is exact.
func alignRepairs(given, clean string) ([]Segment, bool) {
	lo, hi := trimmed(given, 0, len(given))
	if s := strings.TrimSuffix(given[lo:hi], ","); len(s) >= 2 && (s[0] == '"' || s[0] == '\'' || s[0] == '`') && s[len(s)-1] == s[0] {
		lo, hi = trimmed(given, lo+1, lo+len(s)-1)
	}
	if out, ok := align(given, clean, lo, hi, true); ok {
		return out, true
	}
	return align(given, clean, lo, hi, false)
}

// trimmed returns the bounds of strings.TrimSpace(s[lo:hi]).
func trimmed(s string, lo, hi int) (int, int) {
	t := s[lo:hi]
	a := lo + len(t) + 1 - len(strings.TrimSpace(t+"x"))
	return a, max(a, lo-1+len(strings.TrimSpace("x"+t)))
}

func align(given, clean string, lo, hi int, plus bool) ([]Segment, bool) {
	var out []Segment
	for i, j := 0, 0; i < len(given) || j < len(clean); {
		c, n, code := byte(0), 1, Code("")
		if i < len(given) {
			c = given[i]
		}
		if x, ok := unhexAt(given, i+1); ok && c == '%' {
			c, n, code = x, 3, CodeURLEncoded
			if x, ok := unhexAt(given, i+3); ok && c == '%' {
				c, n, code = x, 5, CodeURLEncodedTwice
			}
		}
		want := byte(0)
		if j < len(clean) {
			want = clean[j]
		}
		m := 1 // characters of clean
		switch {
		case i >= len(given) && want == '=':
			n, code = 0, CodeMissingPadding
		case i >= len(given):
			return nil, false
		case (i < lo || i >= hi) && (c == '"' || c == '\'' || c == '`' || c == ','):
			m, code = 0, CodeQuoted
		case i < lo || i >= hi:
			m, code = 0, CodeWhitespace
		case c == want:
		case c == ' ' && plus && want == '+':
			code = or(code, CodePlusAsSpace)
		case c == '-' && want == '+', c == '_' && want == '/':
			code = or(code, CodeURLSafeAlphabet)
		case c != ' ' && c != '-' && c != '_' && !isB64Byte(c) || c == ' ' && !plus:
			m, code = 0, or(code, CodeWhitespace)
		default:
			return nil, false
		}
		out = appendSegment(out, code, clean[j:j+m], given[i:i+n])
		i, j = i+n, j+m
	}
	return out, true
}

// appendSegment adds text, which was was, to the last segment when it has
// the same code.
func appendSegment(out []Segment, code Code, text, was string) []Segment {
	if code == "" {
		was = ""
	}
	if n := len(out); n > 0 && out[n-1].Code == code {
		out[n-1].Text += text
		out[n-1].Was += was
		return out
	}
	return append(out, Segment{Text: text, Was: was, Code: code})
}

// unhexAt decodes the two hex digits at s[i:].
func unhexAt(s string, i int) (byte, bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	hi, lo := unhexByte(s[i]), unhexByte(s[i+1])
	return byte(hi<<4 | lo), hi >= 0 && lo >= 0
}

// or is code, or else c.
func or(code, c Code) Code {
	if code != "" {
		return code
	}
	return c
}
