package core_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pasteDir holds the corpus of pasted texts: NAME.txt is the paste,
// NAME.jsonl the reports expected of it, one per record (see its README).
const pasteDir = "../testdata/paste"

// pasteCases returns the names and texts of the corpus, in name order.
func pasteCases(tb testing.TB) (names, texts []string) {
	files, err := filepath.Glob(filepath.Join(pasteDir, "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".txt"))
		texts = append(texts, string(b))
	}
	return names, texts
}

// seedPaste adds the corpus to a fuzz target.
func seedPaste(f *testing.F) {
	_, texts := pasteCases(f)
	for _, t := range texts {
		f.Add(t)
	}
}
