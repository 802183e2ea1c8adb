// Package clocale keeps Fyne from logging "Error parsing user locale C" on
// machines whose locale is C.UTF-8 (most containers and CI runners).
//
// Fyne's lang package reads the locale while it is initialised, through
// github.com/jeandeaual/go-locale, which turns LANG=C.UTF-8 into the tag "C"
// that golang.org/x/text/language rejects. go-locale prefers $LANGUAGE to
// LANG whenever the locale is not exactly C or POSIX, so this package sets
// LANGUAGE=en when the locale is a C locale and LANGUAGE is unset. LANGUAGE
// only chooses gettext translations, which a C locale has none of, so nothing
// else changes.
//
// It must be initialised before fyne.io/fyne/v2/lang: it imports nothing
// but os, and Go initialises packages in import-path order as soon as their
// imports are (the Go spec, "Package initialization"), so main imports it
// for its side effect and TestLocaleC checks the order holds.
package clocale

import "os"

func init() {
	if os.Getenv("LANGUAGE") == "" && IsC(Locale()) {
		os.Setenv("LANGUAGE", "en")
	}
}

// Locale is the locale of messages, as POSIX reads it from the environment.
func Locale() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return ""
}

// IsC reports whether loc is the C locale with an encoding, such as
// C.UTF-8: go-locale leaves plain C and POSIX alone.
func IsC(loc string) bool {
	return len(loc) > 2 && (loc[:2] == "C." || loc[:2] == "C@") ||
		len(loc) > 6 && loc[:6] == "POSIX."
}
