package core

import (
	"crypto/subtle"
	"strconv"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Option configures Open.
type Option func(*options)

type options struct {
	maxAge time.Duration
	now    func() time.Time
}

// WithMaxAge rejects data whose watermark is older than d, with a
// *WatermarkError of code CodeWatermarkExpired. Zero or negative means no
// limit.
func WithMaxAge(d time.Duration) Option { return func(o *options) { o.maxAge = d } }

// WithNow sets the clock used for WithMaxAge (default time.Now).
func WithNow(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WatermarkError reports data that decrypted but whose watermark is missing,
// names another mini-program, or is too old.
type WatermarkError struct {
	Code      Code   // CodeWatermarkMissing, CodeAppIDMismatch or CodeWatermarkExpired
	Want      string // the appid asked for
	Got       string // the watermark's appid
	Timestamp int64  // the watermark's time, Unix seconds
	Age       time.Duration
	MaxAge    time.Duration
}

func (e *WatermarkError) Error() string {
	switch e.Code {
	case CodeWatermarkMissing:
		return "watermark missing: the plaintext has no watermark object"
	case CodeAppIDMismatch:
		return "appid mismatch: watermark appid " + strconv.Quote(e.Got) + ", want " + strconv.Quote(e.Want)
	case CodeWatermarkExpired:
		return "watermark expired: " + rfc3339(time.Unix(e.Timestamp, 0)) +
			" is " + FormatAge(e.Age, English) + " old, over " + FormatAge(e.MaxAge, English)
	}
	return "watermark: " + string(e.Code)
}

// ErrorCode returns the error's code.
func (e *WatermarkError) ErrorCode() Code { return e.Code }

// Open is the server's way in: it decrypts encryptedData strictly, requires
// the plaintext to be a JSON object whose watermark appid equals appID, checks
// the watermark's age if WithMaxAge is given, and returns the typed payload.
//
// Errors: *InputError for inputs that cannot be used; ErrDecrypt, the same
// value for a wrong padding and for a plaintext that is not JSON; and
// *WatermarkError. Open never returns Data together with an error.
func Open(appID, sessionKey, iv, encryptedData string, opts ...Option) (*Data, error) {
	if appID == "" {
		return nil, &InputError{Field: FieldAppID, Code: CodeMissingField}
	}
	if len(appID) > MaxFieldLen {
		return nil, &InputError{Field: FieldAppID, Code: CodeInputTooLarge, N: len(appID)}
	}
	buf, err := decryptStrict(sessionKey, iv, encryptedData)
	if err != nil {
		return nil, err
	}
	// No padding oracle in the time taken either: from the padding check to
	// the verdict, Open does the same work whatever the padding says. It
	// checks the padding without branching, then always allocates the
	// payload, validates the UTF-8 of the whole buffer and parses the
	// plaintext (the whole buffer when the padding is bad, which differs by
	// at most 16 bytes), and only then combines the three answers.
	n, valid := unpadConstantTime(buf)
	d := new(Data)
	utf8OK := utf8.Valid(buf) // the padding bytes are ASCII: the answer for buf[:n] too
	p, parsed := parsePayload(bufString(buf[:n]), d)
	if valid&boolInt(utf8OK)&boolInt(parsed) == 0 {
		return nil, ErrDecrypt
	}
	if !p.hasWatermark {
		return nil, &WatermarkError{Code: CodeWatermarkMissing, Want: appID}
	}
	if d.Watermark.AppID != appID {
		return nil, &WatermarkError{Code: CodeAppIDMismatch, Want: appID, Got: d.Watermark.AppID, Timestamp: d.Watermark.Timestamp}
	}
	if len(opts) > 0 {
		var o options
		for _, opt := range opts {
			opt(&o)
		}
		if o.maxAge > 0 {
			now := time.Now
			if o.now != nil {
				now = o.now
			}
			if age := now().Sub(d.Watermark.Time()); age > o.maxAge {
				return nil, &WatermarkError{Code: CodeWatermarkExpired, Want: appID, Got: d.Watermark.AppID,
					Timestamp: d.Watermark.Timestamp, Age: age, MaxAge: o.maxAge}
			}
		}
	}
	return d, nil
}

// bufString views a buffer that this package allocated and will never write
// again as a string, so that the payload's strings can share its memory
// instead of being copied one by one.
func bufString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// unpadConstantTime checks PKCS#7 padding as unpad does, without a branch
// on the data: it returns the plaintext length and 1 when the padding is
// valid, and len(b) and 0 when it is not.
func unpadConstantTime(b []byte) (n, valid int) {
	if len(b) < 16 { // a public length, not a secret
		return len(b), 0
	}
	tail := b[len(b)-16:]
	pad := int(tail[15])
	// good is 1 while the padding holds: 1 <= pad <= 16 and the last pad
	// bytes all equal pad. Each of the last 16 bytes is examined.
	good := subtle.ConstantTimeLessOrEq(1, pad) & subtle.ConstantTimeLessOrEq(pad, 16)
	for i := range 16 {
		inPad := subtle.ConstantTimeLessOrEq(16-i, pad)
		same := subtle.ConstantTimeByteEq(tail[i], byte(pad))
		good &= same | (inPad ^ 1)
	}
	return subtle.ConstantTimeSelect(good, len(b)-pad, len(b)), good
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
