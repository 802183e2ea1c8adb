package core

import "strings"

// candidates returns the readings of a field worth trying, the literal value
// first. Each later reading undoes some transport damage and lists the
// repairs it made. Interior spaces are ambiguous: a form decoder turns '+'
// into a space, a wrapped log line adds them; both readings are tried, '+'
// first because it is by far the more common cause.
func candidates(field, v string) []*candidate {
	out := []*candidate{{field: field, value: v}}
	s := v
	var reps []Code
	add := func(c Code) {
		for _, r := range reps {
			if r == c {
				return
			}
		}
		reps = append(reps, c)
	}

	if t := strings.TrimSpace(s); t != s {
		s = t
		add(CodeWhitespace)
	}
	if t, ok := unquote(s); ok {
		s = strings.TrimSpace(t)
		add(CodeQuoted)
	}
	if strings.Contains(s, "%") {
		if t, ok := percentDecode(s); ok && t != s {
			s = t
			add(CodeURLEncoded)
			// %252B: encoded twice, by two layers that each encoded it.
			if strings.Contains(s, "%") {
				if t, ok := percentDecode(s); ok && t != s {
					s = t
					reps[len(reps)-1] = CodeURLEncodedTwice
				}
			}
		}
	}
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.NewReplacer("\r", "", "\n", "", "\t", "").Replace(s)
		add(CodeWhitespace)
	}
	forms := []struct {
		s    string
		reps []Code
	}{{s, reps}}
	if strings.Contains(s, " ") {
		plus := append(append([]Code(nil), reps...), CodePlusAsSpace)
		ws := append([]Code(nil), reps...)
		if !contains(ws, CodeWhitespace) {
			ws = append(ws, CodeWhitespace)
		}
		forms = []struct {
			s    string
			reps []Code
		}{
			{strings.ReplaceAll(s, " ", "+"), plus},
			{strings.ReplaceAll(s, " ", ""), ws},
		}
	}
	for _, f := range forms {
		s, reps := f.s, f.reps
		if strings.ContainsAny(s, "-_") {
			s = strings.NewReplacer("-", "+", "_", "/").Replace(s)
			reps = append(reps[:len(reps):len(reps)], CodeURLSafeAlphabet)
		}
		if m := len(s) % 4; m == 2 || m == 3 {
			s += "=="[:4-m]
			reps = append(reps[:len(reps):len(reps)], CodeMissingPadding)
		}
		if s != v && len(reps) > 0 {
			out = append(out, &candidate{field: field, value: s, repairs: reps})
		}
	}
	return out
}

func contains(cs []Code, c Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}

// unquote strips one pair of surrounding quotes, as left by copying a value
// out of JSON or code; a trailing comma after the closing quote goes too.
func unquote(s string) (string, bool) {
	s = strings.TrimSuffix(s, ",")
	if len(s) >= 2 {
		switch q := s[0]; q {
		case '"', '\'', '`':
			if s[len(s)-1] == q {
				return s[1 : len(s)-1], true
			}
		}
	}
	return "", false
}

// percentDecode undoes URL encoding (%XX); '+' is kept, because in base64 it
// is data, not a space.
func percentDecode(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", false
		}
		hi, lo := unhexByte(s[i+1]), unhexByte(s[i+2])
		if hi < 0 || lo < 0 {
			return "", false
		}
		b.WriteByte(byte(hi<<4 | lo))
		i += 2
	}
	return b.String(), true
}

func unhexByte(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
