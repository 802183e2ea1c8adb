// Command wasi is package core as a WASI reactor (GOOS=wasip1
// -buildmode=c-shared) with a JSON-in, JSON-out ABI, so that any language
// with a WebAssembly runtime can embed wxinspect without knowing Go:
//
//	_initialize()                     call once, first: runs the Go runtime's init
//	wxi_alloc(size i32) i32           a buffer of size bytes in the module's memory
//	wxi_free(ptr i32)                 releases a buffer from wxi_alloc or wxi_inspect
//	wxi_inspect(ptr i32, len i32) i64 inspects one input object
//	wxi_inspect_text(ptr i32, len i32) i64  reads pasted text, inspects each record
//	wxi_fixture(ptr i32, len i32) i64 makes test data of any platform
//
// The host writes the input object as UTF-8 JSON into a buffer from
// wxi_alloc, the same object as on the stdin of `wxinspect decrypt`
// ({"appid", "session_key", "iv", "encrypted_data", "max_age_seconds",
// "lang"}); wxi_inspect returns ptr<<32 | len of the UTF-8 JSON report
// (Report.AppendJSON), which the host reads and then frees with wxi_free,
// as it frees its input buffer. A malformed object yields a bad_input report,
// never a trap. The clock is WASI's clock_time_get.
//
// The other platforms take the same keys as on that stdin: "platform"
// (qq, douyin, kuaishou, feishu, baidu, alipay), Baidu's "app_key" and
// "data", Alipay's "response", "sign" and "aes_key" (base64), and the PEM
// keys "alipay_public_key" and "private_key" (Douyin's new flow), read by
// core/rsakey as the command line reads its key files.
//
// Pointers are unsigned: once the memory passes 2 GiB, a host that reads the
// i32 as signed must convert it (ptr >>> 0 in JavaScript), and it takes the
// pointer of the report from the i64 with an unsigned shift.
//
// wxi_inspect_text takes {"text": "…", "appid": "…", "max_age_seconds": N,
// "lang": "en"} (core.InspectTextJSON: text is anything pasted, the rest
// fill what its records lack) and returns, with the same memory contract, a
// JSON array of reports, one per record of the text, in order.
//
// wxi_fixture takes {"platform", "appid", "kind", "phone", "timestamp",
// "app_key", "new_flow", "session_key", "iv", "aes_key"} (core.FixtureJSON)
// and returns, with the same memory contract, the fixture's JSON object, the
// input of wxi_inspect, keys included; or {"error": {"code", "message"}}.
// Fresh keys come from WASI's random_get; Alipay's and Douyin's new flow get
// a fresh RSA key pair (PEM in the fixture), as from the command line.
//
// Host examples, for Go with wazero and for Node with node:wasi, are in
// docs/web.md; wasi_test.go runs both.
package main

// main is required by the build but never runs in a reactor: the host calls
// _initialize and then the exports.
func main() {}
