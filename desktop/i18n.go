package desktop

import (
	"fmt"
	"time"

	"github.com/wxinspect/wxinspect/core"
)

// texts holds every string the window shows, in English and Chinese. The
// report's own messages and hints come from the core in the chosen language.
var texts = map[string][2]string{
	"tab.inspect": {"Inspect", "解密检查"},
	"tab.call":    {"Call", "接口调用"},
	"tab.fixture": {"Fixture", "测试数据"},
	"tab.history": {"History", "历史"},
	"tab.records": {"Records", "记录"},
	"language":    {"Language", "语言"},

	"platform":               {"Platform", "平台"},
	"platform.wechat":        {"WeChat", "微信"},
	"platform.qq":            {"QQ", "QQ"},
	"platform.douyin":        {"Douyin / Toutiao", "抖音 / 头条"},
	"platform.kuaishou":      {"Kuaishou", "快手"},
	"platform.feishu":        {"Feishu / Lark", "飞书"},
	"platform.baidu":         {"Baidu", "百度"},
	"platform.alipay":        {"Alipay", "支付宝"},
	"platform.line":          {"Platform: %s", "平台：%s"},
	"app_key":                {"App Key", "App Key"},
	"data":                   {"data", "data"},
	"response":               {"response", "response"},
	"sign":                   {"sign", "sign"},
	"aes_key":                {"AES key", "AES 密钥"},
	"alipay_public_key":      {"Alipay public key", "支付宝公钥"},
	"private_key":            {"Private key", "应用私钥"},
	"app_key.placeholder":    {"Baidu: your smart program's App Key", "百度：智能小程序的 App Key"},
	"data.placeholder":       {"Baidu's data, or Douyin's get_phonenumber_info answer or its data", "百度的 data，或抖音 get_phonenumber_info 的应答或其中的 data"},
	"aes_key.placeholder":    {"接口内容加密方式, base64; never saved", "接口内容加密方式，base64；不会保存"},
	"pem.placeholder":        {"PEM, pasted or from a file; never saved", "PEM，粘贴或从文件读取；不会保存"},
	"key.file":               {"File…", "文件…"},
	"key.loaded":             {"Read %s from %s (kept in this window only)", "已从 %[2]s 读取 %[1]s（仅保存在本窗口中）"},
	"key.file_error":         {"Cannot read %s: %v", "无法读取 %s：%v"},
	"appid":                  {"appid", "appid"},
	"session_key":            {"session_key", "session_key"},
	"iv":                     {"iv", "iv"},
	"encrypted_data":         {"encryptedData", "encryptedData"},
	"appid.placeholder":      {"wx… (optional: checks the watermark)", "wx…（可选：用于校验水印）"},
	"sk.placeholder":         {"from jscode2session; never saved", "来自 jscode2session；不会保存"},
	"iv.placeholder":         {"from the mini-program, with encryptedData", "与 encryptedData 一同来自小程序"},
	"ed.placeholder":         {"base64 from getPhoneNumber, getUserInfo, getWeRunData…", "来自 getPhoneNumber、getUserInfo、getWeRunData 等的 base64"},
	"paste":                  {"Paste anything", "智能粘贴"},
	"inspect":                {"Inspect (Ctrl+Enter)", "解密 (Ctrl+Enter)"},
	"clear":                  {"Clear", "清空"},
	"pasted":                 {"Filled %s from the clipboard", "已从剪贴板填入 %s"},
	"paste.none":             {"Nothing recognisable in the clipboard: paste e.detail, a log line or a query string", "剪贴板中没有可识别的内容：请复制 e.detail、日志行或查询字符串"},
	"paste.empty":            {"The clipboard is empty", "剪贴板为空"},
	"result.empty":           {"Paste session_key, iv and encryptedData to see what they decrypt to.", "粘贴 session_key、iv 和 encryptedData 查看解密结果。"},
	"result.ok":              {"Decrypted: %s", "解密成功：%s"},
	"result.repaired":        {"Decrypted after repairing the input: %s", "修复输入后解密成功：%s"},
	"result.rejected":        {"Decrypted, but rejected: %s", "已解密，但未通过校验：%s"},
	"result.fail":            {"Not decrypted: %s", "解密失败：%s"},
	"code_line":              {"Code %s", "错误码 %s"},
	"severity.error":         {"error", "错误"},
	"severity.warning":       {"warning", "警告"},
	"severity.info":          {"info", "提示"},
	"sample":                 {"Load sample", "载入示例"},
	"max_age":                {"max age (s)", "最大时效（秒）"},
	"max_age.placeholder":    {"optional: seconds since the watermark", "可选：距水印时间的秒数"},
	"hint":                   {"Hint: %s", "提示：%s"},
	"wechat_code":            {"WeChat demo error code %d", "微信官方示例错误码 %d"},
	"wm.match":               {"✓ appid matches %s", "✓ appid 一致 %s"},
	"wm.mismatch":            {"× appid differs: watermark %s, expected %s", "× appid 不一致：水印为 %s，期望 %s"},
	"wm.unchecked":           {"? appid not checked: watermark %s", "? 未校验 appid：水印为 %s"},
	"wm.time":                {"Watermark time %s (%s)", "水印时间 %s（%s）"},
	"findings":               {"Findings", "检查结果"},
	"repairs":                {"Repaired values", "修复后的值"},
	"repairs.help":           {"Each value as it decrypted, the repaired spots marked. The session_key is masked but for those spots; its copy button gives the whole value.", "解密所用的值，修复之处已标出。session_key 除这些位置外均已遮盖；复制按钮得到完整的值。"},
	"raw":                    {"Decrypted JSON", "解密后的 JSON"},
	"copy.phone":             {"Copy phone number", "复制手机号"},
	"copy.json":              {"Copy JSON", "复制 JSON"},
	"copy.report":            {"Copy report", "复制报告"},
	"copied":                 {"Copied %s", "已复制%s"},
	"what.phone":             {"the phone number", "手机号"},
	"what.json":              {"the decrypted JSON", "解密后的 JSON"},
	"what.report":            {"the report", "报告"},
	"what.fixture":           {"the fixture", "测试数据"},
	"what.curl":              {"the curl command", "curl 命令"},
	"copy.rid":               {"Copy rid", "复制 rid"},
	"lookup.rid":             {"Look up (rid/get)", "查询（rid/get）"},
	"answer.pasted":          {"A WeChat answer with errcode %d: explained below", "微信应答，错误码 %d：说明见下方"},
	"rid.pasted":             {"A rid: look it up below", "一个 rid：可在下方查询"},
	"call.rid_entry":         {"rid", "rid"},
	"call.rid_info":          {"WeChat saw at %s (%d ms) from %s:\nquery  %s\nbody   %s\nanswer %s", "微信记录于 %s（%d 毫秒），来自 %s：\nquery  %s\nbody   %s\nanswer %s"},
	"encrypted_msg":          {"encryptedData (as sent)", "encryptedData（原文）"},
	"component_appid":        {"component_appid", "component_appid"},
	"component_access_token": {"component_access_token", "component_access_token"},
	"cloudid_list":           {"cloudIDs", "cloudID 列表"},
	"call.check_valid":       {"Made by WeChat at %s", "由微信生成于 %s"},
	"call.check_invalid":     {"WeChat does not know this data", "微信不认识该数据"},
	"call.key":               {"key version %d, expires in %d s (not shown)", "密钥版本 %d，%d 秒后过期（不显示）"},
	"call.open_data":         {"%d cloudIDs exchanged:", "已换取 %d 个 cloudID："},
	"what.rid":               {"the rid", "rid"},
	"what.value":             {"the value", "该值"},
	"copy.fail":              {"Could not copy: no clipboard is available (on Linux install xclip, xsel or wl-clipboard)", "无法复制：没有可用的剪贴板（Linux 上请安装 xclip、xsel 或 wl-clipboard）"},
	"country_code":           {"Country code +%s", "国家/地区代码 +%s"},
	"pure_phone":             {"Without country code: %s", "不含区号：%s"},
	"user.openId":            {"openId", "openId"},
	"user.unionId":           {"unionId", "unionId"},
	"user.nickName":          {"Nickname", "昵称"},
	"user.gender":            {"Gender", "性别"},
	"user.language":          {"Language", "语言"},
	"user.city":              {"City", "城市"},
	"user.province":          {"Province", "省份"},
	"user.country":           {"Country", "国家"},
	"user.avatarUrl":         {"Avatar URL", "头像 URL"},
	"gender.0":               {"unknown", "未知"},
	"gender.1":               {"male", "男"},
	"gender.2":               {"female", "女"},
	"werun.summary":          {"%d days, %d steps in all, most %d on %s", "共 %d 天，总计 %d 步，最多 %d 步（%s）"},
	"werun.none":             {"No steps in stepInfoList", "stepInfoList 中没有步数"},
	"share.opengid":          {"openGId %s", "openGId %s"},
	"group.opengid":          {"opengid %s", "opengid %s"},
	"group.openid":           {"group_openid %s", "group_openid %s"},
	"group.chat_type":        {"chat_type %d", "chat_type %d"},
	"kind.phone":             {"phone number", "手机号"},
	"kind.user":              {"user info", "用户信息"},
	"kind.werun":             {"WeRun steps", "微信运动步数"},
	"kind.share":             {"share info", "转发信息"},
	"kind.group":             {"group info", "群信息"},
	"kind.unknown":           {"JSON of an unknown shape", "未知结构的 JSON"},
	"ago":                    {"%s ago", "%s前"},
	"ahead":                  {"%s in the future", "超前 %s"},
	"fixture.appid":          {"appid of the watermark", "水印中的 appid"},
	"fixture.kind":           {"Kind", "类型"},
	"fixture.payload":        {"Plaintext (edit freely)", "明文（可任意修改）"},
	"fixture.make":           {"Make fixture", "生成测试数据"},
	"fixture.load":           {"Load into Inspect", "载入解密检查"},
	"fixture.copy":           {"Copy fixture", "复制测试数据"},
	"fixture.made":           {"Made with a fresh random session_key and iv", "已使用随机生成的 session_key 和 iv"},
	"history.clear":          {"Clear history", "清空历史"},
	"history.empty":          {"Inspections of this session appear here; they are kept in memory only.", "本次会话的检查记录显示在这里，只保存在内存中。"},
	"history.load":           {"Load", "载入"},
	"call.api":               {"API", "接口"},
	"call.base":              {"API base", "接口地址"},
	"call.appid":             {"appid", "appid"},
	"call.secret":            {"AppSecret", "AppSecret"},
	"call.token":             {"access_token", "access_token"},
	"call.code":              {"code", "code"},
	"call.openid":            {"openid (optional)", "openid（可选）"},
	"call.reveal":            {"Reveal secrets in curl", "在 curl 中显示密钥"},
	"call.send":              {"Send", "发送"},
	"call.sending":           {"Sending…", "发送中…"},
	"call.copy":              {"Copy curl", "复制 curl"},
	"call.fill":              {"Fill in the fields to build the call", "填写字段以生成请求"},
	"call.ok":                {"OK: errcode 0", "成功：errcode 0"},
	"call.rid":               {"rid %s (quote it to WeChat support)", "rid %s（联系微信客服时提供）"},
	"call.failed":            {"Request failed: %s", "请求失败：%s"},
	"call.phone":             {"Phone number %s", "手机号 %s"},
	"call.session":           {"openid %s, unionid %s, session_key received (not shown)", "openid %s，unionid %s，已收到 session_key（不显示）"},
	"call.use_session":       {"Use session_key in Inspect", "在解密检查中使用此 session_key"},
	"call.token_got":         {"access_token received from stable_token: it is in the access_token field (masked)", "已从 stable_token 获取 access_token：已填入 access_token 字段（已遮盖）"},
	"records.failures":       {"Failures only", "只看失败"},
	"records.jsonl":          {"Export JSON Lines", "导出 JSON Lines"},
	"records.csv":            {"Export CSV", "导出 CSV"},
	"records.exported":       {"Saved %d reports to %s", "已将 %d 条报告保存到 %s"},
	"records.export_fail":    {"Could not save the reports: %v", "无法保存报告：%v"},
	"records.counts":         {"%d records: %d ok, %d not ok", "共 %d 条记录：%d 条成功，%d 条失败"},
	"records.line":           {"line %d", "第 %d 行"},
	"records.pasted":         {"%d records, one per line: see Records", "%d 条记录（每行一条）：见“记录”"},
	"drop.none":              {"Nothing could be read from what was dropped", "无法读取拖入的内容"},
	"status.secrets_note":    {"Secrets stay in memory: nothing you paste is written to disk.", "密钥只保存在内存中：粘贴的内容不会写入磁盘。"},
}

// langNames are the choices of the language switch, in the order of langs.
var (
	langs     = []core.Lang{core.English, core.Chinese}
	langNames = []string{"English", "简体中文"}
)

// t returns the text of key in the UI's language, formatted with args.
func (u *UI) t(key string, args ...any) string {
	pair, ok := texts[key]
	if !ok {
		return key
	}
	s := pair[0]
	if u.lang == core.Chinese {
		s = pair[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// since says how long ago d was, as the core writes ages: "3687 d 14 h ago".
func (u *UI) since(d time.Duration) string {
	s := core.FormatAge(d, u.lang)
	if d < 0 {
		return u.t("ahead", s)
	}
	return u.t("ago", s)
}
