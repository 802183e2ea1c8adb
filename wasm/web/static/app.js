// wxinspect's debug page. The decryption, the checks and every message come
// from the Go core in wxinspect.wasm (see wasm/js for its API); this file only
// loads the module, reads the inputs and draws the reports. It fetches
// nothing but its own files, and after the module has loaded only the second
// one (wxinspect-secure.wasm, when the security mode or codes tab first
// opens); it stores nothing.
"use strict";

// The loader: window.wxinspectReady resolves with window.wxinspect once the
// Go program has registered it (it calls window.wxinspectOnLoad).
window.wxinspectReady = new Promise((resolve, reject) => {
  window.wxinspectOnLoad = resolve;
  const go = new Go();
  const fetchBytes = () => fetch("wxinspect.wasm").then((r) => {
    if (!r.ok) throw new Error("wxinspect.wasm: HTTP " + r.status);
    return r.arrayBuffer();
  }).then((b) => WebAssembly.instantiate(b, go.importObject));
  // Streaming compiles while downloading but needs Content-Type
  // application/wasm; some static hosts send another.
  const streaming = WebAssembly.instantiateStreaming
    ? WebAssembly.instantiateStreaming(fetch("wxinspect.wasm"), go.importObject).catch(fetchBytes)
    : fetchBytes();
  streaming.then((r) => go.run(r.instance)).catch(reject);
});

(() => {
  const $ = (id) => document.getElementById(id);

  const text = {
    en: {
      tagline: "Decrypt WeChat mini-program open data and name the real cause of every failure.",
      privacy: "Everything runs in this page: once it has loaded, it sends nothing anywhere and stores nothing. Its Content-Security-Policy forbids it to connect to any other site, so your session_key stays on this machine.",
      loading: "Loading the WebAssembly module…",
      loadFailed: "The WebAssembly module did not load: ",
      tabDecrypt: "Decrypt", tabCall: "Server calls", tabFixture: "Fixtures", tabCodes: "Error codes",
      pasteLabel: "Paste anything",
      pastePlaceholder: "e.detail, a JSON log line, encryptedData=…&iv=…, or the values",
      pasteHelp: "An e.detail object, a JSON log record, a query string, or the values one per line. Several records, one per line, are decrypted together.",
      pasteFilled: "Filled from the paste: ",
      pasteNone: "The paste holds no field to fill: the fields keep what was typed.",
      optional: "(optional)", maxAge: "Maximum age (seconds)",
      sample: "Load WeChat's official sample", clear: "Clear",
      findings: "Findings", rawJSON: "Report JSON",
      batchTitle: "Records", colLine: "Line", colResult: "Result", colKind: "Kind", colCode: "Code",
      ok: "Decrypted", failed: "Not decrypted", wechatCode: "official demo error code",
      repaired: "Decrypted after repairing the input", rejected: "Decrypted, but rejected", sep: ": ",
      copy: "Copy", copied: "Copied", copyCurl: "Copy curl", copyJSON: "Copy JSON", copyReport: "Copy report JSON", copyRID: "Copy rid", lookUpRID: "Look it up (rid/get)",
      failuresOnly: "Failures only", exportJSONL: "Export JSON Lines", exportCSV: "Export CSV", colMessage: "Message",
      countsOK: "ok", countsNotOK: "not ok", codesSearch: "Search codes, messages and hints",
      repairsTitle: "Repaired values",
      repairsHelp: "Each value as it decrypted, the repaired spots marked (hover one to see what was there). The session_key is masked but for those spots; Copy gives the whole value.",
      errcodesTitle: "WeChat server errcodes (errcode in an API answer)",
      gender_0: "unknown", gender_1: "male", gender_2: "female",
      kind_phone: "Phone number", kind_user: "User info", kind_werun: "WeRun steps", kind_share: "Share info",
      kind_group: "Group info", kind_unknown: "Decrypted JSON",
      wmMatch: "appid matches", wmMismatch: "appid differs", wmUnchecked: "appid not checked",
      wmTime: "encrypted", wmAge: "ago", wmFuture: "in the future", expected: "expected",
      countryCode: "country code", pure: "without country code",
      days: "days", total: "total", max: "max", steps: "steps",
      sev_error: "error", sev_warning: "warning", sev_info: "info",
      callIntro: "The request of a WeChat server API, built as a curl command: getuserphonenumber exchanges the code of a getPhoneNumber button for the user's phone number; rid/get shows the request WeChat saw under a rid. This builds the request; it does not send it.",
      reveal: "Show the access_token in the command (else it reads $WX_ACCESS_TOKEN)",
      mistakesTitle: "The two classic mistakes",
      mistake1: "Sending the code of wx.login. This API wants the code of the button's bindgetphonenumber event (e.detail.code), which is single-use and valid for 5 minutes; wx.login's code belongs to jscode2session and gives errcode 40029 here.",
      mistake2: "Putting the code in the URL or in a form body. The access_token goes in the query string; the code goes in a JSON body, {\"code\": \"…\"}, with Content-Type: application/json.",
      fixtureIntro: "Make open data for your tests: a fresh session_key and iv (from crypto.getRandomValues) unless you give them, and the encryptedData a mini-program would send.",
      kind: "Kind", make: "Make", useFixture: "Decrypt it",
      fxPhone: "Phone number", fxUser: "Nickname", fxWeRun: "Days", fxShare: "openGId", fxGroup: "opengid",
      codesIntro: "Every code a report can carry. Errors make a report fail; the others explain what was repaired or not checked. The number is the official demo's error code.",
      anyField: "session_key, iv or encryptedData",
      footer: "wxinspect runs WeChat's decryption in WebAssembly, in this tab only.",
      tabSecure: "Security mode",
      secureIntro: "API security mode (服务端API安全鉴权): paste a captured request or answer, give the keys you have, and see each step checked: the signed string, its SHA-256, the signature, the AAD, the decryption. The keys stay in this page's memory only: nothing is stored and nothing is sent.",
      secureLoading: "Loading the security mode module…",
      secureCapture: "Captured request or answer (request or status line, headers, blank line, body)",
      secureURLNote: "(needed for an answer)", secureSymKey: "Symmetric key (base64)", secureSymSN: "Symmetric key serial",
      secureRSAKey: "App private key or public key (PEM)", secureRSASN: "App key serial",
      secureCert: "Platform certificate (PEM)", secureCertSN: "Platform certificate serial",
      secureExplain: "Explain", secureOK: "Verified", secureFailed: "Does not verify",
      secureUnreadable: "Cannot be read", secureURLNeeded: "An answer does not say which API it answers: give the URL.",
      secureStepsTitle: "Steps", securePlaintext: "Plaintext", stepOK: "pass", stepFail: "fail", stepSkip: "skipped",
      copyDetail: "Copy",
      platform: "Platform", pf_wechat: "WeChat", pf_qq: "QQ", pf_douyin: "Douyin / Toutiao", pf_kuaishou: "Kuaishou",
      pf_feishu: "Feishu / Lark", pf_baidu: "Baidu", pf_alipay: "Alipay",
      aesKey: "AES key (接口内容加密方式)", alipayPublicKey: "Alipay public key (PEM)",
      dataPlaceholder: "Baidu's data, or Douyin's get_phonenumber_info answer or its data", privateKey: "Application private key (PEM)",
 platformDetected: "read off the data: ", platformLoading: "Loading the module for Baidu, Alipay and Douyin's RSA flow…",
    },
    zh: {
      tagline: "解密微信小程序开放数据，并指出每次失败的真正原因。",
      privacy: "一切都在本页面内运行：页面加载完成后，不向任何地方发送数据，也不保存任何内容。页面的内容安全策略（CSP）禁止它连接其他网站，你的 session_key 不会离开本机。",
      loading: "正在加载 WebAssembly 模块…",
      loadFailed: "WebAssembly 模块加载失败：",
      tabDecrypt: "解密", tabCall: "服务端接口", tabFixture: "测试数据", tabCodes: "错误码",
      pasteLabel: "随便粘贴",
      pastePlaceholder: "e.detail、一行 JSON 日志、encryptedData=…&iv=…，或直接粘贴各个值",
      pasteHelp: "可以是 e.detail 对象、JSON 日志记录、查询字符串，或每行一个值。多条记录每行一条时会一起解密。",
      pasteFilled: "已从粘贴内容填入：",
      pasteNone: "粘贴内容中没有可填入的字段：各字段保留已输入的值。",
      optional: "（可选）", maxAge: "最大时效（秒）",
      sample: "载入微信官方示例", clear: "清空",
      findings: "检查结果", rawJSON: "报告 JSON",
      batchTitle: "记录", colLine: "行", colResult: "结果", colKind: "类型", colCode: "错误码",
      ok: "解密成功", failed: "解密失败", wechatCode: "官方示例错误码",
      repaired: "修复输入后解密成功", rejected: "已解密，但未通过校验", sep: "：",
      copy: "复制", copied: "已复制", copyCurl: "复制 curl", copyJSON: "复制 JSON", copyReport: "复制报告 JSON", copyRID: "复制 rid", lookUpRID: "查询（rid/get）",
      failuresOnly: "只看失败", exportJSONL: "导出 JSON Lines", exportCSV: "导出 CSV", colMessage: "说明",
      countsOK: "成功", countsNotOK: "失败", codesSearch: "搜索错误码、说明和提示",
      repairsTitle: "修复后的值",
      repairsHelp: "解密所用的值，修复之处已标出（悬停可见原来的内容）。session_key 除这些位置外均已遮盖；「复制」得到完整的值。",
      errcodesTitle: "微信服务端错误码（接口返回的 errcode）",
      gender_0: "未知", gender_1: "男", gender_2: "女",
      kind_phone: "手机号", kind_user: "用户信息", kind_werun: "微信运动步数", kind_share: "分享信息",
      kind_group: "群信息", kind_unknown: "解密后的 JSON",
      wmMatch: "appid 一致", wmMismatch: "appid 不一致", wmUnchecked: "未校验 appid",
      wmTime: "加密于", wmAge: "前", wmFuture: "晚于当前时间", expected: "应为",
      countryCode: "国家码", pure: "不含国家码",
      days: "天", total: "合计", max: "最多", steps: "步",
      sev_error: "错误", sev_warning: "警告", sev_info: "提示",
      callIntro: "生成微信服务端接口的请求（curl 命令）：getuserphonenumber 用手机号按钮返回的 code 换取用户手机号；rid/get 查询微信记录的该 rid 对应的请求。这里只生成请求，不会发送。",
      reveal: "在命令中显示 access_token（否则读取 $WX_ACCESS_TOKEN）",
      mistakesTitle: "两个常见错误",
      mistake1: "传了 wx.login 的 code。此接口需要按钮 bindgetphonenumber 事件中的 code（e.detail.code），一次性有效、5 分钟过期；wx.login 的 code 属于 jscode2session，在这里会得到 errcode 40029。",
      mistake2: "把 code 放在 URL 或表单中。access_token 放在查询字符串里；code 放在 JSON 请求体 {\"code\": \"…\"} 中，并设置 Content-Type: application/json。",
      fixtureIntro: "为测试生成开放数据：除非你指定，session_key 和 iv 由 crypto.getRandomValues 新生成，并得到小程序会发送的 encryptedData。",
      kind: "类型", make: "生成", useFixture: "解密它",
      fxPhone: "手机号", fxUser: "昵称", fxWeRun: "天数", fxShare: "openGId", fxGroup: "opengid",
      codesIntro: "报告可能给出的全部代码。错误会使报告失败；其余的说明修复了什么或未校验什么。数字是官方示例的错误码。",
      anyField: "session_key、iv 或 encryptedData",
      footer: "wxinspect 在 WebAssembly 中执行微信的解密算法，仅在本标签页内。",
      tabSecure: "安全鉴权",
      secureIntro: "服务端API安全鉴权：粘贴抓到的请求或应答，填入你有的密钥，逐步查看校验：待签名串、SHA-256、签名、AAD、解密。密钥只保存在本页面的内存中：不保存、不发送。",
      secureLoading: "正在加载安全鉴权模块…",
      secureCapture: "抓到的请求或应答（请求行或状态行、请求头、空行、请求体）",
      secureURLNote: "（应答需要）", secureSymKey: "对称密钥（base64）", secureSymSN: "对称密钥编号",
      secureRSAKey: "应用私钥或公钥（PEM）", secureRSASN: "应用密钥编号",
      secureCert: "平台证书（PEM）", secureCertSN: "平台证书编号",
      secureExplain: "校验", secureOK: "校验通过", secureFailed: "校验失败",
      secureUnreadable: "无法读取", secureURLNeeded: "应答中没有接口地址：请填写 URL。",
      secureStepsTitle: "步骤", securePlaintext: "明文", stepOK: "通过", stepFail: "失败", stepSkip: "跳过",
      copyDetail: "复制",
      platform: "平台", pf_wechat: "微信", pf_qq: "QQ", pf_douyin: "抖音 / 头条", pf_kuaishou: "快手",
      pf_feishu: "飞书", pf_baidu: "百度", pf_alipay: "支付宝",
      aesKey: "AES 密钥（接口内容加密方式）", alipayPublicKey: "支付宝公钥（PEM）",
      dataPlaceholder: "百度的 data，或抖音 get_phonenumber_info 的应答或其中的 data", privateKey: "应用私钥（PEM）",
 platformDetected: "根据数据判定：", platformLoading: "正在加载百度、支付宝和抖音 RSA 新方式的模块…",
    },
  };

  const langParam = new URLSearchParams(location.search).get("lang");
  let lang = langParam ? (/^zh\b/i.test(langParam) ? "zh" : "en") : (/^zh\b/i.test(navigator.language || "") ? "zh" : "en");
  let api = null;
  let fixture = null;
  let loadError = null;
  const t = (key) => text[lang][key] || text.en[key] || key;

  // el builds an element; children are nodes or strings (as text, never HTML).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  const clear = (node) => node.replaceChildren();

  // copyButton copies value() when clicked; the label is a text key.
  function copyButton(value, label, id) {
    const b = el("button", { type: "button", class: "copy" }, t(label || "copy"));
    if (id) b.id = id;
    b.addEventListener("click", () => copyText(typeof value === "function" ? value() : value, b));
    return b;
  }
  function copyText(text, button) {
    const done = () => { if (button) { button.classList.add("done"); setTimeout(() => button.classList.remove("done"), 1500); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => legacyCopy(text) && done());
    } else if (legacyCopy(text)) {
      done();
    }
  }
  // legacyCopy copies through a hidden textarea, for pages served over
  // plain http from another host (no navigator.clipboard there).
  function legacyCopy(text) {
    const ta = el("textarea", { "aria-hidden": "true" });
    ta.value = text;
    ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.append(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    ta.remove();
    return ok;
  }

  // Tabs.
  const tabs = ["decrypt", "call", "fixture", "secure", "codes"];
  function showTab(name) {
    for (const n of tabs) {
      $("tab-" + n).setAttribute("aria-selected", String(n === name));
      $("panel-" + n).hidden = n !== name;
    }
    if (name === "secure") loadSecure();
    if (name === "codes") loadErrcodes();
    if (name === "call") loadCalls();
  }
  for (const n of tabs) $("tab-" + n).addEventListener("click", () => showTab(n));
  // Back after following a code link returns to where the link was.
  let tabBeforeCode = null;

  // Language.
  function applyLang() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t(e.dataset.i18n);
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) e.placeholder = t(e.dataset.i18nPlaceholder);
    if (loadError) $("loading").textContent = t("loadFailed") + loadError.message;
    $("lang-en").setAttribute("aria-pressed", String(lang === "en"));
    $("lang-zh").setAttribute("aria-pressed", String(lang === "zh"));
    fixtureLabel();
    pasteFilled(filledList);
    if (api) { renderCodes(); renderErrcodes(); update(); if (lastRecords) batch(lastRecords.raw); }
    if (secureReport) renderSecure(secureReport);
  }
  for (const b of document.querySelectorAll(".lang button")) {
    b.addEventListener("click", () => { lang = b.dataset.lang; applyLang(); });
  }

  // Decrypt.
  const fields = ["appid", "session_key", "iv", "encrypted_data"];
  // The inputs of the other platforms, each shown only for the platforms
  // named in its data-platforms; the keys among them stay in this page's
  // memory, like the session_key.
  const extras = ["app_key", "response", "sign", "aes_key", "alipay_public_key", "data", "private_key"];
  const shown = (f) => !$(f).hidden;
  // showPlatform shows the inputs of platform p (default: the one selected).
  function showPlatform(p) {
    p = p || $("platform").value;
    for (const e of document.querySelectorAll("[data-platforms]")) e.hidden = !e.dataset.platforms.split(" ").includes(p);
  }
  // The fields go to the core as typed; WeChat, the default, is not stated,
  // so that the core reads the platform off the data's shape (and says so).
  function input() {
    const o = { lang };
    if ($("platform").value !== "wechat") o.platform = $("platform").value;
    for (const f of [...fields, ...extras]) if ($(f).value) o[f] = $(f).value;
    const max = Number($("max_age").value);
    if (max > 0) o.max_age_seconds = max;
    return o;
  }

  // The main module leaves out Baidu, Alipay and Douyin's RSA flow and
  // reports platform_unavailable for them; the second module
  // (wxinspect-secure.wasm, loaded then) links every platform and gives the
  // report the command line gives. decryptAll and inspectTextAll return the
  // reports as promises; window.wxinspectPage offers them to tests.
  const unavailable = (r) => r.error && r.error.code === "platform_unavailable";
  function decryptAll(o) {
    const r = api.decrypt(o);
    return unavailable(r) ? loadSecure().then((sec) => sec.decrypt(o)) : Promise.resolve(r);
  }
  // A pasted WeChat answer (its error has a wechat_code) has api_error's
  // general hint from the main module; the second module, which links the
  // errcodes' hints, gives the errcode's own, as the command line does.
  const second = (r) => unavailable(r) || !!(r.error && r.error.wechat_code);
  function inspectTextAll(raw, opts) {
    const reps = api.inspectText(raw, opts);
    return reps.some(second) ? loadSecure().then((sec) => sec.inspectText(raw, opts)) : Promise.resolve(reps);
  }
  window.wxinspectPage = {
    decrypt: (o) => window.wxinspectReady.then(() => decryptAll(o)),
    inspectText: (raw, opts) => window.wxinspectReady.then(() => inspectTextAll(raw, opts)),
  };

  let pending = false, drawn = 0;
  let answer = null; // a pasted WeChat answer, shown until a field changes
  let record = null; // {raw, index, opts}: a pasted record no field can hold, shown until a field changes
  function update() {
    if (!api || pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (answer) {
        // The main module's report has api_error's general hint; the second
        // module's (wxapi.ExplainAnswer) has the errcode's own.
        const n = ++drawn, text = answer;
        render({ report: api.inspectText(text, { lang })[0], repairs: [] });
        loadSecure().then((sec) => { const r = sec.explainAnswer(text, lang); if (n === drawn && r) render({ report: r, repairs: [] }); });
        return;
      }
      if (record) {
        // A paste holding what no field does (a Douyin answer's err_no):
        // its report is the core's reading of the paste.
        const n = ++drawn, { raw, index, opts } = record;
        inspectTextAll(raw, { ...opts, lang }).then((reps) => { if (n === drawn) render({ report: reps[index], repairs: [] }); });
        return;
      }
      const o = input();
      if (!o.session_key && !o.iv && !o.encrypted_data && !o.response && !o.sign && !o.data) { drawn++; render(null); return; }
      const n = ++drawn;
      const v = api.view(o);
      if (!unavailable(v.report)) { render(v); return; }
      render(null);
      $("status").append(el("div", { class: "status", id: "headline-loading" }, t("platformLoading")));
      // The second module's report comes without the view's extras.
      decryptAll(o).then((r) => { if (n === drawn) render({ report: r, repairs: [] }); });
    });
  }
  for (const f of [...fields, ...extras, "max_age"]) $(f).addEventListener("input", () => { answer = record = null; update(); });
  $("platform").addEventListener("change", () => {
    $("platform-note").textContent = "";
    record = null;
    showPlatform();
    update();
    if (api && lastRecords) batch(lastRecords.raw);
  });
  // The records follow the appid and the maximum age too.
  for (const f of ["appid", "max_age"]) $(f).addEventListener("input", () => { if (api && lastRecords) batch(lastRecords.raw); });

  // render draws api.view's answer: the report, the phone number as the
  // core writes it, and the values the core repaired.
  function render(view) {
    for (const id of ["status", "watermark", "card", "repairs", "findings"]) clear($(id));
    $("findings-title").hidden = $("raw").hidden = !view;
    if (!view) { $("platform-note").textContent = ""; showPlatform(); return; }
    const report = view.report;
    $("raw-json").textContent = JSON.stringify(report, null, 2);

    const fixed = report.ok && repaired(report);
    const status = el("div", { class: "status " + (report.ok ? (fixed ? "warn" : "ok") : "error"), id: "headline" });
    if (report.ok) {
      status.append(el("div", { class: "title" }, t(fixed ? "repaired" : "ok") + t("sep") + t("kind_" + report.kind)));
    } else {
      const e = report.error;
      // Data that decrypted but was refused (another appid, too old) says so.
      status.append(el("div", { class: "title" }, t(report.data ? "rejected" : "failed") + t("sep") + e.message));
      status.append(el("div", { class: "hint", id: "headline-hint" }, e.hint));
      const meta = el("div", { class: "hint" }, codeLink(e.code));
      if (e.wechat_code) meta.append(" · " + t("wechatCode") + " " + e.wechat_code);
      status.append(meta);
      // A WeChat answer's rid: copy it, or build its rid/get.
      if (e.rid) status.append(el("div", { class: "hint" }, "rid " + e.rid + " ",
        copyButton(e.rid, "copyRID", "copy-rid"), lookUpButton(e.rid)));
    }
    $("status").append(status);

    // The platform the core inspected the data as: the one chosen, or, with
    // WeChat (the default) selected, the one it read off the data, whose
    // inputs are then shown too.
    const detected = $("platform").value === "wechat" && report.platform && report.platform !== "wechat" ? report.platform : "";
    $("platform-note").textContent = detected ? t("platformDetected") + t("pf_" + detected) : "";
    showPlatform(detected);
    if (report.platform) $("watermark").append(el("span", { class: "badge", id: "report-platform" }, t("platform") + ": " + t("pf_" + report.platform)));
    if (report.watermark) $("watermark").append(...watermark(report.watermark));
    if (report.data) {
      const c = card(report.kind, report.data, view.phone);
      c.append(el("div", { class: "actions" },
        copyButton(JSON.stringify(report.data, null, 2), "copyJSON", "copy-json"),
        copyButton(JSON.stringify(report, null, 2), "copyReport", "copy-report")));
      $("card").append(c);
    }

    if (view.repairs.length) $("repairs").append(repairs(view.repairs));
    for (const f of report.findings) {
      $("findings").append(el("li", { class: f.severity },
        el("span", { class: "sev" }, t("sev_" + f.severity)), codeLink(f.code), " ", f.message,
        el("div", { class: "hint" }, f.hint)));
    }
    $("findings-title").hidden = report.findings.length === 0;
  }

  // repaired: the data decrypted only after a repair, which the core reports
  // as a warning about the field it undid.
  function repaired(report) {
    return report.findings.some((f) => f.severity === "warning" && f.field && f.code !== "appid_unchecked");
  }

  // repairs shows each repaired value [field, value, [[text, was, code], …]]
  // as the core segments it: a marked run is what a repair wrote (empty
  // where it removed characters), its title what was there.
  function repairs(list) {
    const box = el("div", { class: "repairs" }, el("h3", null, t("repairsTitle")), el("p", { class: "hint" }, t("repairsHelp")));
    for (const [field, value, segs] of list) {
      const code = el("code", { class: "repaired", id: "repaired-" + field });
      for (const [text, was, c] of segs) {
        code.append(c ? el("mark", { class: text ? "fix" : "fix cut", title: c + (was ? ": " + JSON.stringify(was) : "") }, text) : text);
      }
      box.append(el("div", { class: "repair" }, el("strong", null, field), " ", code, copyButton(value, "copy", "copy-repaired-" + field)));
    }
    return box;
  }

  function codeLink(code) {
    return el("a", { class: "code", href: "#code-" + code }, code);
  }

  function watermark(w) {
    const cls = { match: "match", mismatch: "mismatch", unchecked: "unchecked" }[w.appid_check] || "unchecked";
    const label = { match: t("wmMatch"), mismatch: t("wmMismatch"), unchecked: t("wmUnchecked") }[cls];
    let detail = w.appid;
    if (cls === "mismatch") detail += " ≠ " + t("expected") + " " + w.expected_appid;
    const age = w.age_seconds < 0 ? t("wmFuture") : w.age + " " + t("wmAge");
    return [
      el("span", { class: "badge " + cls, id: "watermark-appid" }, label + ": " + detail),
      el("span", { class: "badge", id: "watermark-time" }, t("wmTime") + " " + localTime(w.timestamp) + " (" + age + ")"),
    ];
  }

  function localTime(ts) {
    return new Date(ts * 1000).toLocaleString(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" });
  }

  // table shows [name, value, shown] rows, each value with a copy button
  // (shown, if given, is what the user reads: gender as a word).
  function table(rows) {
    const tb = el("tbody");
    for (const [k, v, shown] of rows) {
      if (v === undefined || v === "") continue;
      tb.append(el("tr", null, el("th", null, k), el("td", null, shown ?? String(v)), el("td", { class: "copy-cell" }, copyButton(String(v)))));
    }
    return el("table", null, tb);
  }

  // own is the table of the payload's own scalar fields, for the payloads of
  // other platforms that name them otherwise (Alipay's mobile, Baidu's
  // nickname), shown as decrypted.
  const own = (d) => table(Object.entries(d).filter(([, v]) => v === null || typeof v !== "object"));
  function card(kind, d, phone) {
    const c = el("div", { class: "card", id: "card-" + kind });
    c.append(el("h3", null, t("kind_" + kind)));
    switch (kind) {
      case "phone": {
        if (!d.phoneNumber && !d.purePhoneNumber) { c.append(own(d)); break; }
        // The number as the core shows it (core.PhoneInfo.Display); a report
        // of the second module comes without it: phoneNumber as sent.
        const p = el("div", { class: "phone", id: "phone-number" }, phone ?? (d.phoneNumber || d.purePhoneNumber));
        p.append(copyButton(d.phoneNumber || d.purePhoneNumber || "", "copy", "copy-phone"));
        c.append(p, table([["phoneNumber", d.phoneNumber], ["purePhoneNumber", d.purePhoneNumber], ["countryCode", d.countryCode ?? ""]]));
        break;
      }
      case "user": {
        // avatarUrl is shown as text: loading it would be a network request.
        const keys = ["nickName", "gender", "city", "province", "country", "language", "openId", "unionId", "avatarUrl"];
        if (!keys.some((k) => k in d)) { c.append(own(d)); break; }
        c.append(table(keys.map((k) => [k, d[k], k === "gender" && [0, 1, 2].includes(d[k]) ? t("gender_" + d[k]) + " (" + d[k] + ")" : undefined])));
        break;
      }
      case "werun":
        c.append(chart(d.stepInfoList || []));
        break;
      case "share":
        c.append(table([["openGId", d.openGId]]));
        break;
      case "group":
        c.append(table([["opengid", d.opengid], ["group_openid", d.group_openid], ["chat_type", d.chat_type]]));
        break;
      default:
        c.append(el("pre", { class: "code" }, JSON.stringify(d, null, 2)));
    }
    return c;
  }

  function chart(list) {
    const wrap = el("div", { id: "werun-chart" });
    if (!list.length) return wrap;
    const max = Math.max(1, ...list.map((s) => s.step));
    const total = list.reduce((a, s) => a + s.step, 0);
    // WeChat stamps each day at midnight China Standard Time.
    const day = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { timeZone: "Asia/Shanghai", month: "short", day: "numeric" });
    const bars = el("div", { class: "chart", role: "img", "aria-label": list.length + " " + t("days") });
    for (const s of list) {
      const b = el("div", { class: "bar", title: day.format(new Date(s.timestamp * 1000)) + ": " + s.step + " " + t("steps") });
      b.style.height = (100 * s.step / max).toFixed(1) + "%";
      bars.append(b);
    }
    wrap.append(
      el("p", null, list.length + " " + t("days") + " · " + t("total") + " " + total + " · " + t("max") + " " + max + " " + t("steps")),
      bars,
      el("div", { class: "chart-axis" },
        el("span", null, day.format(new Date(list[0].timestamp * 1000))),
        el("span", null, day.format(new Date(list[list.length - 1].timestamp * 1000)))),
      el("div", { class: "werun-values", id: "werun-values" },
        ...list.map((s) => el("span", null, day.format(new Date(s.timestamp * 1000)) + " " + s.step))));
    return wrap;
  }

  // Paste anything: the core reads the text into records (inspectText) and
  // decides what a paste fills (paste): one record fills the fields it holds
  // and keeps the others as typed; several make the records table, a row per
  // record the core found.
  $("paste").addEventListener("input", () => {
    if (!api) return;
    const raw = $("paste").value;
    answer = record = null;
    if (!api.paste({}, raw).filled.some((f) => f !== "appid")) {
      // No data: a WeChat answer (errcode, errmsg, rid), or a rid alone, is
      // explained instead, with the offer to look the rid up.
      const r = api.inspectText(raw, { lang })[0];
      if (r.error && (r.error.code === "api_error" || r.error.rid)) {
        answer = raw;
        pasteFilled(null);
        update();
        requestAnimationFrame(() => requestAnimationFrame(showHeadline));
        return;
      }
    }
    if (api.paste(form(), raw).records > 1) {
      batch(raw);
      const first = lastReports.findIndex((r) => r.ok);
      pasteInto(raw, first < 0 ? 0 : first, true);
      return;
    }
    lastRecords = null;
    $("batch").hidden = true;
    pasteInto(raw, 0, true);
  });

  // The fields of the other platforms, which a paste may fill.
  const pasted = ["app_key", "response", "sign", "data", "aes_key"];
  function form() {
    const o = {};
    for (const f of [...fields, ...pasted]) o[f] = $(f).value;
    if ($("platform").value !== "wechat") o.platform = $("platform").value; // as in batch
    return o;
  }
  // pasteFilled says which fields a paste filled (the core's list, or null
  // for none to say), again whenever the language changes.
  let filledList = null;
  function pasteFilled(list) {
    filledList = list;
    $("paste-filled").textContent = !list ? "" : list.length ? t("pasteFilled") + list.join(", ") : t("pasteNone");
  }
  // pasteInto puts record index of raw into the fields by the core's paste
  // rule; the selector follows the platform the core read off the paste.
  function pasteInto(raw, index, reveal) {
    const x = api.paste(form(), raw, index);
    for (const f of [...fields, ...pasted]) $(f).value = x[f] ?? $(f).value;
    // Say which fields the paste filled (the core's list), in the page's
    // language.
    pasteFilled(x.filled);
    record = x.filled.some((f) => !(f in x) && f !== "sign_type") ? { raw, index, opts: textOptions() } : null;
    update();
    if (reveal) requestAnimationFrame(() => requestAnimationFrame(showHeadline));
  }

  // fill puts an input object (the sample) into the fields: only the fields
  // it names. reveal brings the headline into view once it is drawn (on a
  // phone the result is below the inputs).
  function fill(x, reveal) {
    $("platform").value = "wechat"; // the sample and the page's fixtures are WeChat's
    $("platform-note").textContent = "";
    showPlatform();
    for (const f of ["session_key", "iv", "encrypted_data"]) if (x[f]) $(f).value = x[f];
    if (x.appid) $("appid").value = x.appid;
    update();
    if (reveal) requestAnimationFrame(() => requestAnimationFrame(showHeadline));
  }
  function showHeadline() {
    const h = $("status");
    const r = h.getBoundingClientRect();
    if (r.top < 0 || r.top + Math.min(r.height, 80) > window.innerHeight) h.scrollIntoView({ block: "start" });
  }

  // The line of a record: the report's own (an unreadable line), else
  // where its first field other than the appid was read (a record keeps the
  // appid of the one before it), as core.Report.SourceLine says.
  function recordLine(rep) {
    let line = rep.line || 0;
    for (const f of rep.input || []) if (!rep.line && f.field !== "appid" && f.line > 0 && (!line || f.line < line)) line = f.line;
    return line;
  }

  // lastRecords is the pasted text of the records table and the line of each
  // record; lastReports their reports.
  let lastRecords = null, lastReports = [], batchDrawn = 0;
  // textOptions are the options of inspectText: what the fields give every
  // record.
  function textOptions() {
    const opts = { lang };
    const max = Number($("max_age").value);
    if (max > 0) opts.max_age_seconds = max;
    const typed = $("appid").value;
    if (typed) opts.appid = typed;
    // WeChat, the default, is not stated: the core may then read another
    // platform off the paste. The keys apply to every record.
    if ($("platform").value !== "wechat") opts.platform = $("platform").value;
    for (const f of ["app_key", "aes_key", "alipay_public_key", "private_key"]) if (shown(f) && $(f).value) opts[f] = $(f).value;
    return opts;
  }
  function batch(raw) {
    const opts = textOptions();
    const reps = api.inspectText(raw, opts);
    const n = ++batchDrawn;
    drawBatch(raw, reps);
    if (reps.some(second)) inspectTextAll(raw, opts).then((reps) => { if (n === batchDrawn) drawBatch(raw, reps, true); });
  }
  // drawBatch draws the reports; second says they are the second module's.
  function drawBatch(raw, reps, second) {
    lastReports = reps;
    const records = lastReports.map((rep) => ({ line: recordLine(rep) }));
    lastRecords = { raw, records, second };
    const rows = $("batch-rows");
    clear(rows);
    const counts = { ok: 0 }, failures = {};
    lastReports.forEach((rep, i) => {
      if (rep.ok) counts.ok++; else failures[rep.error.code] = (failures[rep.error.code] || 0) + 1;
      const tr = el("tr", { tabindex: "0", class: rep.ok ? "row-ok" : "row-fail", "data-line": String(records[i].line) },
        el("td", null, String(records[i].line)),
        el("td", { class: rep.ok ? "ok" : "fail" }, rep.ok ? "✓ " + t("countsOK") : "✗ " + t("countsNotOK")),
        el("td", null, [rep.kind ? t("kind_" + rep.kind) : "", rep.platform ? t("pf_" + rep.platform) : ""].filter(Boolean).join(" · ")),
        el("td", null, rep.error ? codeLink(rep.error.code) : ""),
        el("td", null, rep.error ? rep.error.message : ""));
      const open = () => {
        for (const r of rows.querySelectorAll("tr.selected")) r.classList.remove("selected");
        tr.classList.add("selected");
        pasteInto(raw, i);
      };
      tr.addEventListener("click", open);
      tr.addEventListener("keydown", (ev) => {
        const sib = (dir) => { let r = tr; do { r = dir > 0 ? r.nextElementSibling : r.previousElementSibling; } while (r && r.hidden); return r; };
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); }
        else if (ev.key === "ArrowDown" || ev.key === "j") { ev.preventDefault(); const r = sib(1); if (r) r.focus(); }
        else if (ev.key === "ArrowUp" || ev.key === "k") { ev.preventDefault(); const r = sib(-1); if (r) r.focus(); }
      });
      rows.append(tr);
    });
    const c = $("batch-counts");
    clear(c);
    c.append(el("span", { class: "count-ok" }, "✓ " + t("countsOK") + " " + counts.ok),
      el("span", { class: "count-fail" }, "✗ " + t("countsNotOK") + " " + (lastReports.length - counts.ok)));
    for (const [code, n] of Object.entries(failures).sort((a, b) => b[1] - a[1])) c.append(el("span", null, codeLink(code), " " + n));
    filterRows();
    $("batch").hidden = false;
  }
  function filterRows() {
    const only = $("batch-failures").checked;
    for (const tr of $("batch-rows").children) tr.hidden = only && tr.classList.contains("row-ok");
  }
  $("batch-failures").addEventListener("change", filterRows);

  // Export: the core writes the reports as JSON Lines (each report with its
  // line) or CSV (line, ok, kind, code, message), saved as a file.
  function save(name, type, text) {
    const a = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  // The module that made the reports writes them.
  function exported(format) {
    const { raw, second } = lastRecords;
    return second ? loadSecure().then((sec) => sec.exportRecords(raw, textOptions(), format))
      : Promise.resolve(api.exportRecords(raw, textOptions(), format));
  }
  $("export-jsonl").addEventListener("click", () => {
    exported("jsonl").then((text) => save("wxinspect-reports.jsonl", "application/x-ndjson", text));
  });
  $("export-csv").addEventListener("click", () => {
    exported("csv").then((text) => save("wxinspect-reports.csv", "text/csv", text));
  });

  // The sample button works before the module has loaded: the click is
  // remembered and the sample filled in once it has.
  let sampleWanted = false;
  function loadSample() {
    if (!api) { sampleWanted = true; return; }
    $("paste").value = "";
    $("batch").hidden = true;
    lastRecords = null;
    fill(api.sample, true);
  }
  $("sample").addEventListener("click", loadSample);
  $("clear").addEventListener("click", () => {
    for (const f of [...fields, ...extras, "max_age", "paste"]) $(f).value = "";
    pasteFilled(null);
    $("batch").hidden = true;
    lastRecords = null;
    update();
  });

  // The call tab: the core's builders for the API chosen, a row per
  // parameter; values typed stay when the API changes. The main module
  // builds getuserphonenumber and rid/get until the second one, loaded when
  // the tab opens, builds every user-data call (wxapi.BuildCall: a rid/get
  // finds the rid in the text typed), in the order and with the parameters
  // of wxapi.CallParams.
  const callAPIs = {
    "wxa/business/getuserphonenumber": [["access_token", "code", "openid"], (o) => api.buildPhoneNumberCall(o)],
    "cgi-bin/openapi/rid/get": [["access_token", "rid"], (o) => api.buildRIDCall(o)],
  };
  let secureCalls = null;
  function loadCalls() {
    loadSecure().then((sec) => {
      if (secureCalls) return;
      secureCalls = sec.callAPIs();
      const sel = $("call-api"), chosen = sel.value;
      while (sel.options.length) sel.remove(0);
      for (const [a, params] of secureCalls) {
        sel.append(el("option", { value: a }, a));
        callAPIs[a] = [params, (o) => sec.buildCall(a, o)];
      }
      sel.value = chosen;
      sel.dataset.ready = "true";
      buildCall();
    });
  }
  const callValues = {};
  function buildCall() {
    if (!api) return;
    const sel = $("call-api");
    if (!sel.options.length) for (const a in callAPIs) sel.append(el("option", { value: a }, a));
    const [params, build] = callAPIs[sel.value];
    const box = $("call-fields");
    const have = [...box.querySelectorAll("input")].map((i) => i.dataset.param).join();
    if (have !== params.join()) {
      while (box.children.length > 2) box.lastChild.remove();
      for (const p of params) {
        const id = p === "access_token" ? "call-token" : "call-" + p;
        const i = el("input", { id, spellcheck: "false", autocomplete: "off" });
        i.dataset.param = p;
        i.value = callValues[p] || "";
        i.addEventListener("input", () => { callValues[p] = i.value; buildCall(); });
        box.append(el("label", { for: id }, p), i);
      }
    }
    $("call-curl").textContent = build({ ...callValues, reveal: $("call-reveal").checked }).curl;
  }
  function lookUpButton(rid) {
    const b = el("button", { type: "button", class: "copy", id: "lookup-rid" }, t("lookUpRID"));
    b.addEventListener("click", () => lookUpRID(rid));
    return b;
  }
  // lookUpRID builds rid/get for rid in the call tab.
  function lookUpRID(rid) {
    callValues.rid = rid;
    $("call-api").value = "cgi-bin/openapi/rid/get";
    showTab("call");
    buildCall();
  }
  $("copy-curl").addEventListener("click", (ev) => copyText($("call-curl").textContent, ev.currentTarget));
  for (const id of ["call-api", "call-reveal"]) $(id).addEventListener("input", buildCall);

  // Fixtures.
  const fixtureValue = {
    phone: ["fxPhone", "13800138000"], user: ["fxUser", "Band"], werun: ["fxWeRun", "31"],
    share: ["fxShare", "GAbcdEFGhijk1234567890opq"], group: ["fxGroup", "GAbcdEFGhijk1234567890opq"],
  };
  function fixtureLabel() {
    const [key, def] = fixtureValue[$("fx-kind").value];
    $("fx-value-label").textContent = t(key);
    $("fx-value").placeholder = def;
  }
  $("fx-kind").addEventListener("change", () => { $("fx-value").value = ""; fixtureLabel(); });
  $("fx-make").addEventListener("click", () => {
    const kind = $("fx-kind").value;
    const value = $("fx-value").value || fixtureValue[kind][1];
    const o = { kind, appid: $("fx-appid").value, session_key: $("fx-session_key").value, iv: $("fx-iv").value };
    if (kind === "phone") o.phone = value;
    if (kind === "user") Object.assign(o, { nickname: value, openid: "oTest" + value, gender: 1, language: lang === "zh" ? "zh_CN" : "en", country: "CN" });
    if (kind === "werun" && Number(value) > 0) o.days = Number(value); // else the core's default
    if (kind === "share" || kind === "group") o.opengid = value;
    if (kind === "group") o.chat_type = 1;
    fixture = api.fixture(o);
    $("fx-out").textContent = JSON.stringify(fixture, null, 2);
    const fc = $("fx-copy");
    clear(fc);
    if (!fixture.error) {
      for (const k of ["session_key", "iv", "encrypted_data"]) {
        if (fixture[k]) fc.append(copyButton(fixture[k], null, "copy-fx-" + k));
      }
      for (const b of fc.children) b.textContent = t("copy") + " " + b.id.replace("copy-fx-", "");
    }
    $("fx-use").disabled = !!fixture.error;
  });
  $("fx-use").addEventListener("click", () => {
    $("paste").value = "";
    $("batch").hidden = true;
    fill({ ...fixture, appid: $("fx-appid").value });
    showTab("decrypt");
  });

  // Explanations of every code, from the core's own catalogue.
  function renderCodes() {
    const dl = $("codes");
    clear(dl);
    const generic = ["field", t("anyField"), "n", "N", "detail", "…", "got", "wx…", "want", "wx…", "time", "…", "age", "…", "max", "…"];
    for (const c of api.codes()) {
      const d = api.describe(c.code, lang, ...generic);
      const dt = el("dt", { id: "code-" + c.code }, c.code);
      if (c.wechat_code) dt.append(el("span", { class: "num" }, String(c.wechat_code)));
      dl.append(dt, el("dd", null, d.message), el("dd", { class: "hint" }, d.hint));
    }
    searchCodes();
  }
  // searchCodes shows the codes whose name, number, message or hint holds
  // every word typed.
  function searchCodes() {
    const words = $("codes-search").value.toLowerCase().split(/\s+/).filter(Boolean);
    let show = true;
    for (const e of [...$("codes").children, ...$("errcodes").children]) {
      if (e.tagName === "DT") {
        let text = e.textContent + " " + (e.dataset.search || "");
        for (let n = e.nextElementSibling; n && n.tagName === "DD"; n = n.nextElementSibling) text += " " + n.textContent;
        text = text.toLowerCase();
        show = words.every((w) => text.includes(w));
      }
      e.hidden = !show;
    }
  }
  $("codes-search").addEventListener("input", searchCodes);

  // WeChat's server errcodes come from the second module (wxapi.ErrCodes
  // with their hints): their hints would not fit in the main one. It loads
  // when the codes tab first opens; the search finds an errcode by number or
  // by words of its hint in either language.
  let errcodes = null;
  function loadErrcodes() {
    loadSecure().then((sec) => { errcodes = sec.errcodes(); renderErrcodes(); });
  }
  function renderErrcodes() {
    const dl = $("errcodes");
    clear(dl);
    if (!errcodes) return;
    $("errcodes-title").hidden = false;
    for (const c of errcodes) {
      dl.append(el("dt", { id: "errcode-" + c.errcode, "data-search": c.en + " " + c.zh }, "errcode " + c.errcode), el("dd", { class: "hint" }, c[lang]));
    }
    searchCodes();
  }

  function showCode() {
    const m = /^#code-([a-z0-9_]+)$/.exec(location.hash);
    const target = m && document.getElementById("code-" + m[1]);
    if (!target) {
      // Back from a code: the tab the link was on.
      if (tabBeforeCode) { showTab(tabBeforeCode); tabBeforeCode = null; }
      return;
    }
    if (!tabBeforeCode) tabBeforeCode = tabs.find((n) => !$("panel-" + n).hidden) || "decrypt";
    $("codes-search").value = "";
    searchCodes();
    showTab("codes");
    for (const e of document.querySelectorAll("#codes .target")) e.classList.remove("target");
    target.classList.add("target");
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", showCode);

  // Security mode: wxinspect-secure.wasm (wasm/securejs), a second Go
  // program with its own Go instance, fetched only when the tab first opens;
  // RSA and X.509 would more than double the main module.
  let secureReady = null;
  let secureReport = null;
  function loadSecure() {
    if (secureReady) return secureReady;
    $("secure-loading").hidden = false;
    secureReady = new Promise((resolve, reject) => {
      window.wxinspectSecureOnLoad = resolve;
      const go = new Go();
      const fetchBytes = () => fetch("wxinspect-secure.wasm").then((r) => {
        if (!r.ok) throw new Error("wxinspect-secure.wasm: HTTP " + r.status);
        return r.arrayBuffer();
      }).then((b) => WebAssembly.instantiate(b, go.importObject));
      const streaming = WebAssembly.instantiateStreaming
        ? WebAssembly.instantiateStreaming(fetch("wxinspect-secure.wasm"), go.importObject).catch(fetchBytes)
        : fetchBytes();
      streaming.then((r) => go.run(r.instance)).catch(reject);
    });
    secureReady.then(() => {
      $("secure-loading").hidden = true;
      $("panel-secure").dataset.ready = "true";
    }, (err) => {
      $("secure-loading").textContent = t("loadFailed") + err.message;
      $("secure-loading").classList.add("failed");
    });
    return secureReady;
  }
  window.wxinspectSecureReady = () => loadSecure();

  function explainSecure() {
    loadSecure().then((sec) => {
      secureReport = sec.explain({
        capture: $("sec-capture").value, url: $("sec-url").value, lang,
        sym_key: $("sec-sym-key").value, sym_sn: $("sec-sym-sn").value,
        rsa_key_pem: $("sec-rsa-key").value, rsa_sn: $("sec-rsa-sn").value,
        cert_pem: $("sec-cert").value, cert_sn: $("sec-cert-sn").value,
      });
      renderSecure(secureReport);
    });
  }
  $("sec-explain").addEventListener("click", explainSecure);
  $("sec-clear").addEventListener("click", () => {
    for (const id of ["sec-capture", "sec-url", "sec-sym-key", "sec-sym-sn", "sec-rsa-key", "sec-rsa-sn", "sec-cert", "sec-cert-sn"]) $(id).value = "";
    secureReport = null;
    clear($("sec-result"));
  });

  // renderSecure draws the report of wxinspectSecure.explain: the verdict,
  // the failing step's message and hint, every step, the plaintext.
  function renderSecure(r) {
    const out = $("sec-result");
    clear(out);
    if (r.url_needed) {
      out.append(el("div", { class: "status error", id: "sec-status" }, el("div", { class: "title" }, t("secureURLNeeded"))));
      return;
    }
    const status = el("div", { class: "status " + (r.ok ? "ok" : "error"), id: "sec-status" });
    if (r.ok) {
      status.append(el("div", { class: "title" }, t("secureOK") + t("sep") + r.kind + " " + r.urlpath));
    } else {
      const e = r.error;
      status.append(el("div", { class: "title" }, t(r.steps ? "secureFailed" : "secureUnreadable") + t("sep") + e.message));
      status.append(el("div", { class: "hint" }, e.hint));
      const meta = el("div", { class: "hint" }, codeLink(e.code));
      if (e.wechat_code) meta.append(" · errcode " + e.wechat_code);
      status.append(meta);
    }
    out.append(status);
    if (!r.steps) return;
    out.append(el("h3", null, t("secureStepsTitle")));
    const ol = el("ol", { id: "sec-steps", class: "steps" });
    for (const s of r.steps) {
      const state = s.skipped ? "skip" : s.ok ? "ok" : "fail";
      ol.append(el("li", { class: "step-" + state, "data-step": s.name },
        el("span", { class: "sev" }, t({ ok: "stepOK", fail: "stepFail", skip: "stepSkip" }[state])), " ",
        el("strong", null, s.name), " ",
        s.detail ? el("pre", { class: "code" }, s.detail) : null,
        s.detail ? copyButton(s.detail, "copyDetail") : null));
    }
    out.append(ol);
    if (r.findings.length) {
      const ul = el("ul", { id: "sec-findings" });
      for (const f of r.findings) {
        ul.append(el("li", { class: f.severity }, el("span", { class: "sev" }, t("sev_" + f.severity)), codeLink(f.code), " ", f.message,
          el("div", { class: "hint" }, f.hint)));
      }
      out.append(ul);
    }
    if (r.plaintext) {
      out.append(el("h3", null, t("securePlaintext")), el("pre", { class: "code", id: "sec-plaintext" }, JSON.stringify(r.plaintext, null, 2)));
    }
    out.append(el("div", { class: "actions" }, copyButton(JSON.stringify(r, null, 2), "copyReport", "sec-copy-report")));
  }

  showTab("decrypt");
  showPlatform();
  applyLang();
  window.wxinspectReady.then((w) => {
    api = w;
    $("loading").hidden = true;
    $("version").textContent = "wxinspect " + api.version;
    renderCodes();
    buildCall();
    update();
    showCode();
    if (sampleWanted) { sampleWanted = false; loadSample(); }
    document.body.dataset.ready = "true";
  }, (err) => {
    loadError = err;
    $("loading").textContent = t("loadFailed") + err.message;
    $("loading").classList.add("failed");
  });
})();
