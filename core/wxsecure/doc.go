// Package wxsecure implements WeChat's API security mode (服务端API安全鉴权):
// request bodies encrypted with AES-256-GCM and signed with RSASSA-PSS, and
// answers signed by the platform certificate and encrypted the same way. It
// seals and signs calls built by package core, verifies and opens answers,
// and explains captured requests and answers: which component fails and why.
//
// The default entry points are Keys.SealRequest and Keys.OpenResponse for a
// client, Keys.OpenRequest and Platform.SealResponse for a server (the fake
// of core/wxfake), and Explain with ParseCapture for a debugging tool.
//
// The scheme, from https://developers.weixin.qq.com/miniprogram/dev/server/getting_started/api_signature.html:
//
//   - urlpath is WeChat's URL of the API with its scheme and without the
//     query: https://api.weixin.qq.com/<path>, whatever base URL the request
//     travels to (CanonicalURL).
//   - The plaintext is a JSON object of every query parameter and body field
//     of the original call except access_token, plus _n (a random string),
//     _appid and _timestamp (a number equal to the Wechatmp-TimeStamp header).
//   - The body is {"iv": b64(12-byte nonce), "data": b64(ciphertext),
//     "authtag": b64(16-byte tag)}, AES-256-GCM with the symmetric key and the
//     AAD urlpath|appid|timestamp|sn, sn the symmetric key's serial.
//   - Wechatmp-Signature is RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32) over
//     urlpath\nappid\ntimestamp\nbody: four lines, no trailing newline, body
//     the exact bytes sent.
//   - Answers carry Wechatmp-Appid, Wechatmp-TimeStamp, Wechatmp-Serial (the
//     console's certificate serial, not the X.509 one) and Wechatmp-Signature,
//     and while WeChat rotates its certificate Wechatmp-Serial-Deprecated and
//     Wechatmp-Signature-Deprecated. The signature is checked first, then the
//     body is decrypted and its _appid and _timestamp compared with the headers.
//
// SM4-GCM and SM2-with-SM3, the alternative algorithms, are not supported.
//
// Like package core, wxsecure does no I/O: no net/http, no os, no fmt.
// Errors are *Error with a core.Code; none of them, and no report, carries a
// key or an access token.
package wxsecure
