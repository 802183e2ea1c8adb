// Package testvectors reads testdata/vectors.jsonl, the test vectors shared
// by every front end's tests (the format is in testdata/README.md).
//
// Load finds the file from the module root, so that a test in any package
// (also one running as js/wasm under Node) reads the same vectors. A
// vector's CoreInput is its input for core.Inspect, and its Line is the
// input line exactly as a host sends it to the command line, the page or the
// WASI module.
package testvectors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// Vector is one line of vectors.jsonl.
type Vector struct {
	Name    string `json:"name"`
	Comment string `json:"comment"`
	Raw     string `json:"raw"`   // the input line itself, instead of Input
	Input   *Input `json:"input"` // nil when Raw is set
	Now     int64  `json:"now"`   // the clock, Unix seconds
	Want    Want   `json:"want"`
}

// Input is a vector's input object, as `wxinspect decrypt` reads it.
type Input struct {
	AppID         string  `json:"appid"`
	SessionKey    string  `json:"session_key"`
	IV            string  `json:"iv"`
	EncryptedData string  `json:"encrypted_data"`
	MaxAgeSeconds float64 `json:"max_age_seconds"`
	// Oversize, when set, stands for an EncryptedData of that many 'A'
	// characters, kept out of the file.
	Oversize int `json:"oversize"`

	object json.RawMessage // as in the file, for Line
}

// UnmarshalJSON keeps the object as written: Line sends exactly the keys the
// file has (an empty session_key is not the same input as none).
func (in *Input) UnmarshalJSON(b []byte) error {
	type fields Input
	if err := json.Unmarshal(b, (*fields)(in)); err != nil {
		return err
	}
	in.object = bytes.Clone(b)
	return nil
}

// Want is the expected report.
type Want struct {
	OK         bool     `json:"ok"`
	Kind       string   `json:"kind"`
	Code       string   `json:"code"`
	WeChatCode int      `json:"wechat_code"`
	Findings   []string `json:"findings"` // the findings' codes, in order
}

// CoreInput is the vector's input for core.Inspect, with the clock set to
// Now. For a raw vector only Now is set: the rest is in the line, for
// core.InspectJSON.
func (v Vector) CoreInput() core.Input {
	in := core.Input{Now: time.Unix(v.Now, 0)}
	if v.Input == nil {
		return in
	}
	in.AppID, in.SessionKey, in.IV, in.EncryptedData = v.Input.AppID, v.Input.SessionKey, v.Input.IV, v.Input.encryptedData()
	in.MaxAge = time.Duration(v.Input.MaxAgeSeconds * float64(time.Second))
	return in
}

func (in *Input) encryptedData() string {
	if in.Oversize > 0 {
		return strings.Repeat("A", in.Oversize)
	}
	return in.EncryptedData
}

// Line is the input line as a host sends it: Raw if set, else the input
// object as JSON, with the oversize key replaced by the data it stands for.
func (v Vector) Line() string {
	if v.Raw != "" {
		return v.Raw
	}
	var object map[string]any
	if err := json.Unmarshal(v.Input.object, &object); err != nil {
		panic("testvectors: " + v.Name + ": " + err.Error()) // Load has parsed it once already
	}
	if _, ok := object["oversize"]; ok {
		delete(object, "oversize")
		object["encrypted_data"] = v.Input.encryptedData()
	}
	b, err := json.Marshal(object)
	if err != nil {
		panic("testvectors: " + v.Name + ": " + err.Error())
	}
	return string(b)
}

// Load reads testdata/vectors.jsonl of the module, found by walking up from
// the working directory, and fails the test if it cannot.
func Load(tb testing.TB) []Vector {
	tb.Helper()
	vs, err := read()
	if err != nil {
		tb.Fatal(err)
	}
	return vs
}

func read() ([]Vector, error) {
	path, err := find()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var vs []Vector
	for line := range bytes.Lines(b) {
		var v Vector
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, len(vs)+1, err)
		}
		if v.Name == "" || (v.Raw == "") == (v.Input == nil) {
			return nil, fmt.Errorf("%s line %d: want a name and exactly one of raw and input", path, len(vs)+1)
		}
		vs = append(vs, v)
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s: no vectors", path)
	}
	return vs, nil
}

// find returns the path of vectors.jsonl in the first directory at or above
// the working directory that holds a go.mod and the file; a nested module
// (bench) has a go.mod but no vectors of its own. Under js/wasm, os reaches
// the working directory and files through Node.
func find() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		path := filepath.Join(dir, "testdata", "vectors.jsonl")
		if exists(filepath.Join(dir, "go.mod")) && exists(path) {
			return path, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("testvectors: no go.mod with testdata/vectors.jsonl at or above the working directory")
		}
		dir = parent
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
