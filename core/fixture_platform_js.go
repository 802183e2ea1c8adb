//go:build js

package core

// The js/wasm page makes WeChat fixtures only: the fixtures of other
// platforms (fixture_platform.go) would take room in its size budget.

func (s FixtureSpec) platformPayload() ([]byte, bool, error) { return nil, false, nil }

func (f *Fixture) appendPlatformJSON(dst []byte) ([]byte, bool) { return dst, false }
