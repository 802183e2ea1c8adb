// Generates the captured requests and answers of testdata/secure from the
// keys of WeChat's guide (guide/), with Node's crypto and the openssl
// command, independently of wxinspect's Go code. Run from this directory:
//
//	node gen.mjs
//
// Each capture has one fault; the file name is the code wxinspect must name.
// PSS signatures are randomised, so a rerun changes the signature lines only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

const env = Object.fromEntries(fs.readFileSync('guide/material.env', 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('=').map((s, i, a) => i ? a.slice(1).join('=') : s).slice(0, 2)));
const appid = env.WX_APPID;
const symKey = Buffer.from(env.WX_SECURE_SYM_KEY, 'base64');
const symSN = env.WX_SECURE_SYM_SN;
const rsaSN = env.WX_SECURE_RSA_SN;
const appKey = fs.readFileSync('guide/app_key.pem', 'utf8');
const api = 'wxa/business/getuserphonenumber';
const canon = 'https://api.weixin.qq.com/' + api;
const ts = 1764374400; // 2025-11-29T00:00:00Z
const code = '0e3Xw1Ga1NfM7J0gCVFa1phone';
// Fixed nonces: the ciphertexts are reproducible.
const iv = Buffer.from('000102030405060708090a0b', 'hex');
const n = 'wxinspectTestNonce0001';

function encrypt(plain, aad) {
  const c = crypto.createCipheriv('aes-256-gcm', symKey, iv);
  c.setAAD(Buffer.from(aad));
  const data = Buffer.concat([c.update(plain), c.final()]);
  return JSON.stringify({ iv: iv.toString('base64'), data: data.toString('base64'), authtag: c.getAuthTag().toString('base64') });
}
function sign(key, msg, opts = {}) {
  return crypto.sign('sha256', Buffer.from(msg), {
    key, padding: opts.pkcs1 ? crypto.constants.RSA_PKCS1_PADDING : crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: opts.salt ?? 32,
  }).toString('base64');
}
function request(name, f = {}) {
  const u = f.urlpath ?? canon;
  const plain = JSON.stringify(Object.assign({ _n: n, _appid: f.plainAppid ?? appid, _timestamp: ts },
    f.token ? { access_token: 'ACCESS_TOKEN' } : {}, { code }));
  const body = encrypt(plain, [f.aadUrl ?? u, appid, ts, f.aadSN ?? symSN].join('|'));
  const signedBody = body;
  const sent = f.reserialise ? body.replaceAll('":"', '": "').replaceAll('","', '", "') : body;
  const signed = [u, appid, f.signedTs ?? ts, signedBody].join('\n') + (f.fifth ? '\n' + f.fifth : '');
  const sig = sign(appKey, signed, f);
  const host = f.host ?? 'api.weixin.qq.com';
  const lines = [`POST /${api}?access_token=ACCESS_TOKEN HTTP/1.1`, `Host: ${host}`, 'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(sent)}`, `Wechatmp-Appid: ${appid}`, `Wechatmp-TimeStamp: ${ts}`,
    `Wechatmp-Signature: ${sig}`, '', sent];
  fs.writeFileSync(`requests/${name}.http`, lines.join('\r\n') + '\r\n');
}
fs.mkdirSync('requests', { recursive: true });
request('ok');
request('signature_fifth_line', { fifth: rsaSN });
request('urlpath_query', { urlpath: canon + '?access_token=ACCESS_TOKEN', aadUrl: canon });
request('urlpath_scheme', { urlpath: 'api.weixin.qq.com/' + api, aadUrl: canon });
request('urlpath_host', { urlpath: 'http://127.0.0.1:8788/' + api, host: '127.0.0.1:8788' });
request('timestamp_mismatch', { signedTs: ts - 1 });
request('aad_serial_mismatch', { aadSN: rsaSN });
request('secure_appid_mismatch', { plainAppid: 'wx0000000000000000' });
request('body_reserialized', { reserialise: true });
request('access_token_in_plaintext', { token: true });
request('signature_pkcs1v15', { pkcs1: true });
request('signature_salt_length', { salt: crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN });

// Answers, signed by two platform certificates made here: "old" is being
// retired, "new" is current.
fs.mkdirSync('responses', { recursive: true });
for (const which of ['old', 'new']) {
  if (!fs.existsSync(`responses/platform_${which}.pem`)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '36500',
      '-subj', `/CN=wxinspect test platform ${which}`, '-keyout', `responses/platform_${which}_key.pem`,
      '-out', `responses/platform_${which}.pem`], { stdio: 'ignore' });
  }
}
const platform = {
  old: { sn: '2171af9cdf1d7404423852e7e183d852', key: fs.readFileSync('responses/platform_old_key.pem', 'utf8') },
  new: { sn: '5e7a1c0f2b9d4e6f8a3b1c2d3e4f5a6b', key: fs.readFileSync('responses/platform_new_key.pem', 'utf8') },
};
fs.writeFileSync('responses/serials.env', `WX_SECURE_CERT_SN_OLD=${platform.old.sn}\nWX_SECURE_CERT_SN_NEW=${platform.new.sn}\n`);
function response(name, f = {}) {
  const rts = ts + 1;
  const plain = JSON.stringify({ _n: n, _appid: appid, _timestamp: rts, errcode: 0, errmsg: 'ok',
    phone_info: { phoneNumber: '13912345678', purePhoneNumber: '13912345678', countryCode: '86',
      watermark: { timestamp: rts, appid } } });
  let body = encrypt(plain, [canon, appid, rts, symSN].join('|'));
  const signed = [canon, appid, rts, body].join('\n');
  const h = ['HTTP/1.1 200 OK', 'Content-Type: application/json; charset=UTF-8', `Wechatmp-Appid: ${appid}`,
    `Wechatmp-TimeStamp: ${f.headerTs ?? rts}`, `Wechatmp-Serial: ${platform.new.sn}`, `Wechatmp-Signature: ${sign(platform.new.key, signed)}`];
  if (f.rotation) {
    h.push(`Wechatmp-Serial-Deprecated: ${platform.old.sn}`, `Wechatmp-Signature-Deprecated: ${sign(platform.old.key, signed)}`);
  }
  if (f.tamper) {
    const d = JSON.parse(body);
    const raw = Buffer.from(d.data, 'base64');
    raw[raw.length - 1] ^= 1;
    d.data = raw.toString('base64');
    body = JSON.stringify(d);
  }
  fs.writeFileSync(`responses/${name}.http`, [...h, '', body].join('\n') + '\n');
}
response('ok');
response('rotation', { rotation: true });
response('body_altered', { tamper: true });
response('timestamp_mismatch', { headerTs: ts + 30 });
