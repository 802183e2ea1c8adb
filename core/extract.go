package core

import (
	"strings"

	"github.com/wxinspect/wxinspect/core/internal/jsontext"
)

// Extract finds the inputs in text pasted from anywhere: a mini-program's
// e.detail object, a JSON log record (the values may sit at any depth, or in a
// string holding JSON or a query string), a query string or log line with
// encryptedData=…&iv=…, "key: value" lines, or just the values, one per line
// or separated by spaces or commas (session_key, then iv, then encryptedData;
// an appid is recognised by its wx prefix).
//
// Values are taken verbatim, without URL decoding: Inspect repairs and
// reports the damage. Fields not found are left empty.
func Extract(text string) Input {
	var in Input
	if i := strings.IndexByte(text, '{'); i >= 0 {
		if j := strings.LastIndexByte(text, '}'); j > i {
			if v, ok := jsontext.Parse(text[i : j+1]); ok {
				extractJSON(&in, v, 0)
			}
		}
	}
	extractPairs(&in, text)
	if in.SessionKey == "" && in.IV == "" && in.EncryptedData == "" {
		extractBare(&in, text)
	}
	return in
}

// fieldFor maps a key, in any of the spellings seen in e.detail, logs and our
// own schema, to the Input field it fills.
func fieldFor(in *Input, key string) *string {
	k := asciiLower(strings.ReplaceAll(key, "_", ""))
	switch k {
	case "sessionkey":
		return &in.SessionKey
	case "iv":
		return &in.IV
	case "encrypteddata":
		return &in.EncryptedData
	case "appid":
		return &in.AppID
	}
	return nil
}

func extractJSON(in *Input, v jsontext.Value, depth int) {
	if depth > 32 {
		return
	}
	switch v.Kind {
	case jsontext.Object:
		v.Members(func(key string, v jsontext.Value) {
			if dst := fieldFor(in, key); dst != nil && v.Kind == jsontext.String {
				if *dst == "" {
					*dst, _ = v.String()
				}
				return
			}
			extractJSON(in, v, depth+1)
		})
	case jsontext.Array:
		v.Elements(func(e jsontext.Value) { extractJSON(in, e, depth+1) })
	case jsontext.String:
		s, _ := v.String()
		if t := strings.TrimSpace(s); strings.HasPrefix(t, "{") {
			if inner, ok := jsontext.Parse(t); ok {
				extractJSON(in, inner, depth+1)
				return
			}
		}
		if strings.Contains(s, "=") {
			extractPairs(in, s)
		}
	}
}

// extractPairs finds key=value and key: value pairs for the known keys, as in
// query strings, form bodies and log lines.
func extractPairs(in *Input, text string) {
	// asciiLower keeps every byte where it was, so indexes into lower are
	// indexes into text.
	lower := asciiLower(text)
	for _, name := range [...]string{"encrypteddata", "encrypted_data", "session_key", "sessionkey", "appid", "app_id", "iv"} {
		for from := 0; ; {
			i := strings.Index(lower[from:], name)
			if i < 0 {
				break
			}
			i += from
			from = i + len(name)
			if i > 0 && isWordByte(lower[i-1]) {
				continue
			}
			rest := text[from:]
			// Skip a closing quote of a quoted key, spaces, then = or :.
			j := 0
			for j < len(rest) && (rest[j] == '"' || rest[j] == '\'' || rest[j] == ' ') {
				j++
			}
			if j >= len(rest) || (rest[j] != '=' && rest[j] != ':') {
				continue
			}
			j++
			for j < len(rest) && rest[j] == ' ' {
				j++
			}
			quote := byte(0)
			if j < len(rest) && (rest[j] == '"' || rest[j] == '\'') {
				quote = rest[j]
				j++
			}
			k := j
			for k < len(rest) && !endsValue(rest[k], quote) {
				k++
			}
			dst := fieldFor(in, name)
			if val := rest[j:k]; *dst == "" && val != "" {
				*dst = val
			}
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// endsValue tells where an unquoted value ends: at a separator of query
// strings and logs. A quoted value ends at its quote.
func endsValue(c, quote byte) bool {
	if quote != 0 {
		return c == quote || c == '\n'
	}
	switch c {
	case '&', ' ', '\t', '\r', '\n', ',', ';', '"', '\'', '}', ')', ']':
		return true
	}
	return false
}

// extractBare takes values separated by whitespace or commas: an appid by its
// wx prefix, the longest long value as encryptedData, and the 24-character
// values in order as session_key, then iv.
func extractBare(in *Input, text string) {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\r' || r == '\n' || r == ',' || r == ';'
	})
	var short []string
	for _, f := range fields {
		f = strings.Trim(f, `"'`)
		switch {
		case f == "":
		case strings.HasPrefix(f, "wx") && len(f) == 18:
			if in.AppID == "" {
				in.AppID = f
			}
		case len(f) > 24:
			if len(f) > len(in.EncryptedData) {
				in.EncryptedData = f
			}
		default:
			short = append(short, f)
		}
	}
	if len(short) > 0 {
		in.SessionKey = short[0]
	}
	if len(short) > 1 {
		in.IV = short[1]
	}
}

// asciiLower lowers ASCII letters only. Unlike strings.ToLower it never
// changes the length of the text, and it links no Unicode tables into the
// WebAssembly module.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
