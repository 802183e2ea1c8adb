package core

// The messages and hints of the codes of the platforms other than WeChat
// (the codes are listed in codes.go). Those of Baidu, Alipay and Douyin's RSA
// flow are in platform_other.go, which the js/wasm build leaves out.

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

	CodePlatformDetected: {0,
		"read as {platform} data: {reason}", "The input did not name its platform, so its shape decided. If that is wrong, state the platform (--platform, the platform selector, or \"platform\" in the input): a stated platform always wins.",
		"按{platform}数据读取：{reason}", "输入未指明平台，因此按其形态判断。如判断有误，请明确指定平台（--platform、平台选择框，或输入中的 \"platform\"）：指定的平台总是优先。"},
	CodeAppIDNumber: {0,
		"the watermark appid is the JSON number {got}, compared as text", "Feishu's watermark appid is a number larger than 2^53: a float64 (JavaScript, encoding/json into float64) reads it as {float}. Compare it as text, or decode with json.Number / BigInt.",
		"watermark 中的 appid 是 JSON 数字 {got}，已按文本比较", "飞书 watermark 中的 appid 是大于 2^53 的数字：float64（JavaScript、encoding/json 解到 float64）会读成 {float}。请按文本比较，或用 json.Number / BigInt 解码。"},
}
