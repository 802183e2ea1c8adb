//go:build wasip1

//lint:file-ignore U1000 the host calls these through //go:wasmexport, which staticcheck does not follow

package main

import (
	"crypto/rand" // WASI's random_get
	"unsafe"

	"github.com/wxinspect/wxinspect/core"
	"github.com/wxinspect/wxinspect/core/rsakey"  // the PEM keys of an input object, RSA keys of fixtures
	_ "github.com/wxinspect/wxinspect/core/wxapi" // a pasted answer's errcode hint
)

// live keeps every buffer handed to the host reachable, so that the garbage
// collector (which does not move objects) leaves it alone until wxi_free.
var live = map[uintptr][]byte{}

// hold registers b and returns its address in linear memory.
func hold(b []byte) uintptr {
	if len(b) == 0 {
		b = make([]byte, 1) // every buffer has a distinct, nonzero address
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	live[p] = b
	return p
}

// Pointers are unsigned 32-bit offsets into linear memory, which may grow
// past 2 GiB: an int32 would turn them negative, and a negative one
// sign-extended into a uintptr names no buffer.

//go:wasmexport wxi_alloc
func wxiAlloc(size int32) uint32 {
	if size < 0 {
		return 0
	}
	return uint32(hold(make([]byte, size)))
}

//go:wasmexport wxi_free
func wxiFree(ptr uint32) {
	delete(live, uintptr(ptr))
}

//go:wasmexport wxi_inspect
func wxiInspect(ptr uint32, length int32) uint64 {
	var in []byte
	if buf, ok := live[uintptr(ptr)]; ok && length >= 0 && int(length) <= len(buf) {
		in = buf[:length]
	}
	out := core.InspectJSON(in, core.Input{}).AppendJSON(nil)
	return uint64(uint32(hold(out)))<<32 | uint64(uint32(len(out)))
}

//go:wasmexport wxi_inspect_text
func wxiInspectText(ptr, length int32) int64 {
	var in []byte
	if buf, ok := live[uintptr(ptr)]; ok && length >= 0 && int(length) <= len(buf) {
		in = buf[:length]
	}
	out := []byte{'['}
	for i, r := range core.InspectTextJSON(in) {
		if i > 0 {
			out = append(out, ',')
		}
		out = r.AppendJSON(out)
	}
	out = append(out, ']')
	return int64(hold(out))<<32 | int64(len(out))
}

//go:wasmexport wxi_fixture
func wxiFixture(ptr, length int32) int64 {
	var in []byte
	if buf, ok := live[uintptr(ptr)]; ok && length >= 0 && int(length) <= len(buf) {
		in = buf[:length]
	}
	out := core.FixtureJSON(in, rand.Reader, rsakey.NewFixtureKey)
	return int64(hold(out))<<32 | int64(len(out))
}
