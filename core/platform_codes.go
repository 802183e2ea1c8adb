package core

// The codes of the platforms other than WeChat (see Platform). They are
// part of the same contract as the codes of codes.go; PlatformCodes lists
// them, and Codes does not, so that the WeChat vectors need not cover them
// (the platform vectors in testdata/platforms do).

// Error codes of other platforms.
const (
	CodeAppKeyMismatch   Code = "app_key_mismatch"   // Baidu: the plaintext's trailer is another App Key
	CodeLengthPrefix     Code = "length_prefix"      // Baidu: the plaintext's uint32 length does not fit the plaintext
	CodeSignMismatch     Code = "sign_mismatch"      // Alipay: the RSA2 signature does not verify over the response
	CodeAESKeyBase64     Code = "aes_key_base64"     // Alipay: the AES key is not base64
	CodeAESKeyLength     Code = "aes_key_length"     // Alipay: the AES key does not decode to 16 bytes
	CodeResponseBase64   Code = "response_base64"    // Alipay: the response is neither JSON nor base64
	CodeAlipayError      Code = "alipay_error"       // Alipay: the decrypted response is an error answer
	CodeRSADecryptFailed Code = "rsa_decrypt_failed" // Douyin: data does not decrypt under the private key
	CodeDouyinError      Code = "douyin_error"       // Douyin: get_phonenumber_info answered err_no ≠ 0
	CodeBadKey           Code = "bad_key"            // a PEM key that cannot be read
	// the platform's data cannot be inspected in this build (js/wasm leaves
	// out Baidu, Alipay and Douyin's RSA flow to stay within its size budget)
	CodePlatformUnavailable Code = "platform_unavailable"
)

// Finding codes of other platforms.
const (
	CodeAppKeyUnchecked Code = "app_key_unchecked" // Baidu: no App Key given, the trailer was not compared
	CodePadding32       Code = "padding_32"        // Baidu: padding to a 32-byte boundary, which a 16-byte PKCS#7 check rejects
	CodeLongPayload     Code = "long_payload"      // Baidu: over 255 bytes, past what one length byte can say
	CodeSignUnchecked   Code = "sign_unchecked"    // Alipay: no sign or no public key, the signature was not verified
	CodeSignUnquoted    Code = "sign_unquoted"     // Alipay: the signature covers the response without its quotes
	CodeAppIDNumber     Code = "appid_number"      // Feishu: the watermark appid is a JSON number beyond 2^53
)

// PlatformCodes returns the codes that only other platforms use, errors
// first.
func PlatformCodes() []Code {
	return []Code{
		CodeAppKeyMismatch, CodeLengthPrefix, CodeSignMismatch, CodeAESKeyBase64, CodeAESKeyLength,
		CodeResponseBase64, CodeAlipayError, CodeRSADecryptFailed, CodeDouyinError, CodeBadKey, CodePlatformUnavailable,
		CodeAppKeyUnchecked, CodePadding32, CodeLongPayload, CodeSignUnchecked, CodeSignUnquoted, CodeAppIDNumber,
	}
}

func init() {
	for c, e := range platformCatalog {
		catalog[c] = e
	}
}

var platformCatalog = map[Code]entry{
	CodePlatformUnavailable: {0,
		"{platform} data cannot be inspected in this build", "The WebAssembly page leaves out Baidu, Alipay and Douyin's RSA flow to stay small: use the command line (wxinspect decrypt --platform …), the WASI module or the desktop inspector.",
		"此版本无法检查{platform}的数据", "WebAssembly 页面为控制体积未包含百度、支付宝和抖音 RSA 新方式：请使用命令行（wxinspect decrypt --platform …）、WASI 模块或桌面版。"},
	CodeBadKey: {0,
		"{field} is not a usable key: {detail}", "Give the key as PEM (-----BEGIN …-----) or, for the Alipay public key, the bare base64 the console shows; RSA keys only.",
		"{field} 不是可用的密钥：{detail}", "请以 PEM（-----BEGIN …-----）提供密钥；支付宝公钥也可用控制台显示的 base64 原文；仅支持 RSA 密钥。"},

	CodeAppIDNumber: {0,
		"the watermark appid is the JSON number {got}, compared as text", "Feishu's watermark appid is a number larger than 2^53: a float64 (JavaScript, encoding/json into float64) reads it as {float}. Compare it as text, or decode with json.Number / BigInt.",
		"watermark 中的 appid 是 JSON 数字 {got}，已按文本比较", "飞书 watermark 中的 appid 是大于 2^53 的数字：float64（JavaScript、encoding/json 解到 float64）会读成 {float}。请按文本比较，或用 json.Number / BigInt 解码。"},
}
