package core

import (
	"strconv"
	"time"
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
		return "watermark expired: " + time.Unix(e.Timestamp, 0).UTC().Format(time.RFC3339) +
			" is " + e.Age.String() + " old, over " + e.MaxAge.String()
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
	n, ok := unpad(buf)
	if !ok || n == 0 {
		return nil, ErrDecrypt
	}
	d := new(Data)
	p, ok := parsePlaintext(buf[:n], d)
	if !ok {
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
