package core

import "testing"

// TestCallCodesAreComplete: the codes of calls, which no Report carries and
// so no vector covers, each have a message and a hint in both languages, and
// a missing credential's hint names what to give.
func TestCallCodesAreComplete(t *testing.T) {
	for _, c := range callCodes() {
		for _, lang := range []Lang{English, Chinese} {
			msg, hint := c.Describe(lang, "field", "secret")
			if msg == "" || hint == "" || hint == "{need}" {
				t.Errorf("%s in %s: message %q hint %q", c, lang, msg, hint)
			}
		}
	}
	seen := map[Code]bool{}
	for _, c := range append(Codes(), callCodes()...) {
		if seen[c] {
			t.Errorf("code %q listed twice", c)
		}
		seen[c] = true
	}
	for field := range credentialNeeds {
		_, en := CodeMissingCredential.Describe(English, "field", field)
		_, zh := CodeMissingCredential.Describe(Chinese, "field", field)
		if en == zh || en == credentialNeed(English, []string{"field", "unknown"}) {
			t.Errorf("%s: hints %q / %q", field, en, zh)
		}
	}
}
