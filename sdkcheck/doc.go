// Package sdkcheck runs an SDK that nobody here wrote against
// `wxinspect fake`, over loopback, so that the fake's fidelity to WeChat is
// checked from outside: silenceper/wechat/v2, pointed at the fake through
// its URI modifier hook, logs in, exchanges phone codes, decrypts the legacy
// phone number, checks and resets the session_key, fetches the user encrypt
// keys and meets WeChat's errcodes, each as WeChat would answer it.
//
// It is its own module, so that the main module never depends on the SDK.
// `make sdkcheck` (part of `make test`) runs it.
package sdkcheck
