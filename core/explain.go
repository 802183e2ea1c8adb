package core

import (
	"errors"
	"strconv"
	"time"
)

// Explain gives the code, message and hint, in lang, of any error that this
// package, core/wxapi or core/wxclient returns: the one place where an error
// becomes what a person reads, so that every front end says the same. An
// error from elsewhere keeps its message and has no code or hint; nil gives
// nil.
func Explain(err error, lang Lang) *Problem {
	if err == nil {
		return nil
	}
	// The errors of core/wxapi and core/wxclient explain themselves with the
	// codes of this package; errors.AsType needs no reflection.
	if e, ok := errors.AsType[explainer](err); ok {
		return e.Explain(lang)
	}
	if e, ok := errors.AsType[*InputError](err); ok {
		return e.problem(lang)
	}
	if e, ok := errors.AsType[*WatermarkError](err); ok {
		return e.problem(lang)
	}
	if e, ok := errors.AsType[*BadInputError](err); ok {
		return newProblem(lang, CodeBadInput, "detail", e.Detail)
	}
	if errors.Is(err, ErrDecrypt) {
		return newProblem(lang, CodeDecryptFailed)
	}
	return &Problem{Message: err.Error()}
}

// explainer is an error of another package of this module that Explain
// describes by asking it.
type explainer interface {
	error
	Explain(lang Lang) *Problem
}

func newProblem(lang Lang, code Code, args ...string) *Problem {
	msg, hint := code.Describe(lang, args...)
	return &Problem{Code: code, Message: msg, Hint: hint, WeChatCode: code.WeChatCode()}
}

func (e *InputError) problem(lang Lang) *Problem {
	return newProblem(lang, e.Code, e.args()...)
}

// args are the arguments of e's message, as Code.Describe takes them.
func (e *InputError) args() []string {
	n := strconv.Itoa(e.N)
	switch e.Code {
	case CodeSessionKeyBase64, CodeIVBase64, CodeEncryptedDataBase64:
		return []string{"field", e.Field, "detail", "illegal data at byte " + n}
	case CodeInputTooLarge:
		return []string{"field", e.Field, "n", n, "max", strconv.Itoa(MaxFieldLen)}
	}
	return []string{"field", e.Field, "n", n}
}

func (e *WatermarkError) problem(lang Lang) *Problem {
	return newProblem(lang, e.Code, "got", e.Got, "want", e.Want,
		"time", rfc3339(time.Unix(e.Timestamp, 0)),
		"age", FormatAge(e.Age, lang), "max", FormatAge(e.MaxAge, lang))
}
