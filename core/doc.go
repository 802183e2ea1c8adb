// Package core decrypts and explains WeChat mini-program open data.
//
// A mini-program hands its backend encryptedData and iv, encrypted with
// AES-128-CBC under the user's session_key; the JSON inside carries a
// watermark {appid, timestamp}. This package has three ways in:
//
//   - Decrypt is the strict algorithm and nothing more.
//   - Open is for servers: decrypt, parse into typed payloads (Data), and
//     require the watermark appid (and optionally a maximum age). A wrong key
//     or iv gives the single error ErrDecrypt, so that a server is not a
//     padding oracle.
//   - Inspect is for debugging tools: it never fails, tries to repair
//     transport damage, and returns a Report that names the real cause of
//     every failure (see the Code constants) with a hint in English or
//     Chinese. One Report schema (Report.AppendJSON) serves every front end.
//
// Pasted text of any shape goes through InspectText, which reads it into
// records (ReadText) and inspects each; every report says, in its input
// section, where each field was read. Beside them: Encrypt and the
// payload builders make fixtures, VerifySignature and LoginSignature compute
// WeChat's signatures, and Explain gives the code, message and hint of any
// error of this module (core/wxapi builds WeChat's server calls, core/wxclient
// sends them) in English or Chinese.
//
// # What Open guarantees against forged data
//
// AES-CBC has no integrity: anyone who can submit encryptedData to a server
// many times and learn whether its padding was valid can decrypt data and
// forge new data under a session_key they do not know (a padding oracle,
// CBC-R). Open answers a bad padding and a plaintext that is not JSON with
// the same error value, and from the padding check to its verdict it does
// the same work (the same allocation, a UTF-8 scan of the whole buffer, the
// JSON parse) whatever the padding says. What Go cannot promise remains:
// the JSON parse takes longer the further the plaintext reads as JSON, the
// AES code is constant-time only where the CPU has AES instructions, and a
// network measures the server's other work too. So where forged data
// matters (phone numbers, payments), ask WeChat whether it issued the data:
// wxa/business/checkencryptedmsg (checkEncryptedData) takes the hex SHA-256
// of the encrypted data and answers whether WeChat made it; it knows phone
// number data of the last three days
// (https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/basic-info/api_checkencrypteddata.html).
// docs/security.md says more.
//
// The package does no I/O and imports no net/http, encoding/json, fmt,
// reflect, crypto/rand or Unicode tables, so that it stays small when
// compiled to WebAssembly (the page's module has a 680 KB brotli budget).
package core
