// Package jsontext is a small, allocation-free JSON reader and writer for the
// core. It exists so that the core needs neither reflection nor
// encoding/json: that keeps the WebAssembly module small and the server path
// fast.
//
// The reader accepts exactly what encoding/json accepts (RFC 8259, nesting up
// to 10000 levels) and decodes strings the way encoding/json does, replacing
// invalid UTF-8 and lone surrogates with U+FFFD. Both properties are checked
// by differential fuzzing against encoding/json.
package jsontext

import (
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting accepted, as in encoding/json.
const MaxDepth = 10000

// Kind is the type of a JSON value.
type Kind byte

// The kinds of JSON values.
const (
	Invalid Kind = iota
	Null
	False
	True
	Number
	String
	Object
	Array
)

// Value is one JSON value inside a document that has been validated.
type Value struct {
	Raw  string // the value's text, exactly as in the document
	Kind Kind
	// plain is set for strings without escapes and with only ASCII bytes, whose
	// content is then Raw without its quotes.
	plain bool
}

// Valid reports whether s is one JSON value with optional surrounding
// whitespace.
func Valid(s string) bool {
	_, ok := Parse(s)
	return ok
}

// Parse validates s as one JSON value with optional surrounding whitespace and
// returns that value.
func Parse(s string) (Value, bool) {
	p := parser{s: s}
	p.ws()
	v, ok := p.value(0)
	if !ok {
		return Value{}, false
	}
	p.ws()
	if p.i != len(s) {
		return Value{}, false
	}
	return v, true
}

// ParseObject validates s as one JSON object with optional surrounding
// whitespace and calls fn for each of its members, in order, in the same pass.
// It reports false if s is not such an object; fn may then have been called for
// the members before the fault.
func ParseObject(s string, fn func(key string, v Value)) bool {
	p := parser{s: s}
	p.ws()
	if p.i >= len(s) || s[p.i] != '{' {
		return false
	}
	if !p.object(1, fn) {
		return false
	}
	p.ws()
	return p.i == len(s)
}

// String returns the content of a string value, decoded as encoding/json
// decodes it. ok is false if v is not a string.
func (v Value) String() (s string, ok bool) {
	if v.Kind != String {
		return "", false
	}
	if v.plain {
		return v.Raw[1 : len(v.Raw)-1], true
	}
	return unquote(v.Raw), true
}

// Int returns the value of an integer number, as encoding/json decodes a JSON
// number into an int64: no fraction, no exponent, within range.
func (v Value) Int() (int64, bool) {
	if v.Kind != Number {
		return 0, false
	}
	n, err := strconv.ParseInt(v.Raw, 10, 64)
	return n, err == nil
}

// Members calls fn for each member of an object value, in order. It reports
// false if v is not an object.
func (v Value) Members(fn func(key string, v Value)) bool {
	if v.Kind != Object {
		return false
	}
	p := parser{s: v.Raw}
	return p.object(1, fn)
}

// Elements calls fn for each element of an array value, in order. It reports
// false if v is not an array.
func (v Value) Elements(fn func(v Value)) bool {
	if v.Kind != Array {
		return false
	}
	p := parser{s: v.Raw}
	return p.array(1, fn)
}

type parser struct {
	s string
	i int
}

func (p *parser) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (Value, bool) {
	if p.i >= len(p.s) {
		return Value{}, false
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '"':
		plain, ok := p.str()
		return Value{Raw: p.s[start:p.i], Kind: String, plain: plain}, ok
	case c == '{':
		ok := p.object(depth+1, nil)
		return Value{Raw: p.s[start:p.i], Kind: Object}, ok
	case c == '[':
		ok := p.array(depth+1, nil)
		return Value{Raw: p.s[start:p.i], Kind: Array}, ok
	case c == '-' || ('0' <= c && c <= '9'):
		ok := p.number()
		return Value{Raw: p.s[start:p.i], Kind: Number}, ok
	case c == 't':
		return p.literal("true", True)
	case c == 'f':
		return p.literal("false", False)
	case c == 'n':
		return p.literal("null", Null)
	}
	return Value{}, false
}

func (p *parser) literal(word string, k Kind) (Value, bool) {
	if len(p.s)-p.i < len(word) || p.s[p.i:p.i+len(word)] != word {
		return Value{}, false
	}
	p.i += len(word)
	return Value{Raw: word, Kind: k}, true
}

// object parses an object starting at '{'. fn, if not nil, receives the
// members; nested values are validated but not reported.
func (p *parser) object(depth int, fn func(string, Value)) bool {
	if depth > MaxDepth {
		return false
	}
	p.i++ // '{'
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return true
	}
	for {
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return false
		}
		kstart := p.i
		plain, ok := p.str()
		if !ok {
			return false
		}
		kraw := p.s[kstart:p.i]
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return false
		}
		p.i++
		p.ws()
		v, ok := p.value(depth)
		if !ok {
			return false
		}
		if fn != nil {
			key := kraw[1 : len(kraw)-1]
			if !plain {
				key = unquote(kraw)
			}
			fn(key, v)
		}
		p.ws()
		if p.i >= len(p.s) {
			return false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.ws()
		case '}':
			p.i++
			return true
		default:
			return false
		}
	}
}

func (p *parser) array(depth int, fn func(Value)) bool {
	if depth > MaxDepth {
		return false
	}
	p.i++ // '['
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return true
	}
	for {
		v, ok := p.value(depth)
		if !ok {
			return false
		}
		if fn != nil {
			fn(v)
		}
		p.ws()
		if p.i >= len(p.s) {
			return false
		}
		switch p.s[p.i] {
		case ',':
			p.i++
			p.ws()
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// str parses a string starting at '"' and reports whether it is plain.
func (p *parser) str() (plain, ok bool) {
	plain = true
	p.i++ // opening quote
	for p.i < len(p.s) {
		// Skip ordinary bytes eight at a time, then straight to the first
		// byte that needs a look.
		for p.i+8 <= len(p.s) {
			if m := special8(load64(p.s, p.i)); m != 0 {
				p.i += bits.TrailingZeros64(m) >> 3
				break
			}
			p.i += 8
		}
		if p.i >= len(p.s) {
			break
		}
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return plain, true
		case c < 0x20:
			return false, false
		case c == '\\':
			plain = false
			p.i++
			if p.i >= len(p.s) {
				return false, false
			}
			switch p.s[p.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i++
			case 'u':
				if len(p.s)-p.i < 5 {
					return false, false
				}
				for _, h := range []byte(p.s[p.i+1 : p.i+5]) {
					if unhex(h) < 0 {
						return false, false
					}
				}
				p.i += 5
			default:
				return false, false
			}
		case c >= utf8.RuneSelf:
			plain = false
			p.i++
		default:
			p.i++
		}
	}
	return false, false
}

func (p *parser) number() bool {
	s, i := p.s, p.i
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) {
		return false
	}
	switch {
	case s[i] == '0':
		i++
	case '1' <= s[i] && s[i] <= '9':
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
	default:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		d := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		d := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		if i == d {
			return false
		}
	}
	p.i = i
	return true
}

func unhex(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// hex4 decodes the four hex digits after "\u" at s[i:].
func hex4(s string, i int) rune {
	if len(s)-i < 4 {
		return -1
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		h := unhex(c)
		if h < 0 {
			return -1
		}
		r = r<<4 | h
	}
	return r
}

// unquote decodes a validated string literal, quotes included, with the rules
// of encoding/json: invalid UTF-8 and unpaired surrogates become U+FFFD.
func unquote(raw string) string {
	s := raw[1 : len(raw)-1]
	b := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			i++
			switch e := s[i]; e {
			case '"', '\\', '/':
				b = append(b, e)
				i++
			case 'b':
				b = append(b, '\b')
				i++
			case 'f':
				b = append(b, '\f')
				i++
			case 'n':
				b = append(b, '\n')
				i++
			case 'r':
				b = append(b, '\r')
				i++
			case 't':
				b = append(b, '\t')
				i++
			case 'u':
				r := hex4(s, i+1)
				i += 5
				if utf16.IsSurrogate(r) {
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						if r2 := hex4(s, i+2); r2 >= 0 {
							if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
								i += 6
								b = utf8.AppendRune(b, dec)
								break
							}
						}
					}
					r = utf8.RuneError
				}
				b = utf8.AppendRune(b, r)
			}
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			b = utf8.AppendRune(b, r)
		}
	}
	return string(b)
}

// load64 reads eight bytes of s at i, little-endian.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// special8 flags the bytes of x that need a look inside a string: a quote,
// a backslash, a control character or a non-ASCII byte. It sets the top bit
// of flagged bytes, using the classic "has zero byte" and "has byte less
// than" bit tricks; a borrow can also flag bytes above a flagged one, never
// below, so the lowest flag is exact.
func special8(x uint64) uint64 {
	const lsb, msb = 0x0101010101010101, 0x8080808080808080
	quote := x ^ (lsb * '"')
	backslash := x ^ (lsb * '\\')
	return ((x-lsb*0x20)&^x | (quote-lsb)&^quote | (backslash-lsb)&^backslash | x) & msb
}
