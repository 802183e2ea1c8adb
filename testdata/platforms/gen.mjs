// Generates testdata/platforms/vectors.jsonl with Node's crypto, independently
// of wxinspect's Go code. Run from the repository root:
//
//	node testdata/platforms/gen.mjs > testdata/platforms/vectors.jsonl
//
// Every "random" byte (session keys, ivs, Baidu's 16 random bytes, RSA
// padding) comes from SHA-256 of a label, so the output is the same on every
// run. The RSA key pairs in keys/ were made once with
// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const key = (name) => fs.readFileSync(path.join(dir, 'keys', name), 'utf8');
const NOW = 1700000000;
const TS = NOW - 60;

// bytes returns n deterministic bytes named by label.
function bytes(label, n) {
  let out = Buffer.alloc(0);
  for (let i = 0; out.length < n; i++) {
    out = Buffer.concat([out, crypto.createHash('sha256').update(label + '/' + i).digest()]);
  }
  return out.subarray(0, n);
}
const b64 = (b) => Buffer.from(b).toString('base64');

// aesCBC encrypts with PKCS#7 padding to a block of padTo bytes.
function aesCBC(alg, key, iv, plain, padTo = 16) {
  const n = padTo - (plain.length % padTo);
  const buf = Buffer.concat([plain, Buffer.alloc(n, n)]);
  const c = crypto.createCipheriv(alg, key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(buf), c.final()]);
}

const vectors = [];
function add(v) {
  // The report gives its error once, in "error", not among the findings.
  const i = v.want.code ? v.want.findings.indexOf(v.want.code) : -1;
  if (i >= 0) v.want.findings.splice(i, 1);
  vectors.push({ now: NOW, ...v });
}

// --- WeChat's scheme: QQ, Douyin (legacy), Kuaishou, Feishu ---------------
function weChatScheme(platform, appid, watermarkAppID, label) {
  const sk = bytes(label + '/session_key', 16), iv = bytes(label + '/iv', 16);
  const plain = Buffer.from(`{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":${TS},"appid":${watermarkAppID}}}`);
  const ct = aesCBC('aes-128-cbc', sk, iv, plain);
  return { platform, appid, session_key: b64(sk), iv: b64(iv), encrypted_data: b64(ct) };
}
for (const [platform, appid, note] of [
  ['qq', '1109876543', "QQ's appids are 10 digits"],
  ['douyin', 'tt0123456789abcdef', "Douyin's appids start with tt (tt.getPhoneNumber before base library 3.51.0)"],
  ['kuaishou', 'ks658765432101234567', "Kuaishou's appids start with ks"],
]) {
  const input = weChatScheme(platform, appid, JSON.stringify(appid), platform);
  add({ name: `${platform}_phone`, comment: `WeChat's scheme; ${note}`, input, want: { ok: true, kind: 'phone', findings: [] } });
  add({ name: `${platform}_wrong_key`, comment: 'the session_key of another login',
    input: { ...input, session_key: b64(bytes(platform + '/other', 16)) },
    want: { ok: false, code: 'bad_padding', findings: ['bad_padding'] } });
  add({ name: `${platform}_wrong_appid`, comment: 'data made for another mini-program',
    input: { ...input, appid: appid.slice(0, -1) + '0' },
    want: { ok: false, kind: 'phone', code: 'appid_mismatch', findings: ['appid_mismatch'] } });
}
{
  // Feishu: watermark.appid is a JSON number beyond 2^53.
  const big = '6917460282735329282';
  const input = weChatScheme('feishu', big, big, 'feishu');
  add({ name: 'feishu_phone', comment: "Feishu's watermark appid is the number 6917460282735329282 > 2^53, compared as text", input,
    want: { ok: true, kind: 'phone', findings: ['appid_number'] } });
  add({ name: 'feishu_appid_as_float', comment: 'the appid after a float64 round trip (6917460282735329280): a different app',
    input: { ...input, appid: String(Number(big)) === big ? 'x' : BigInt(Math.round(Number(big))).toString() },
    want: { ok: false, kind: 'phone', code: 'appid_mismatch', findings: ['appid_number', 'appid_mismatch'] } });
  add({ name: 'feishu_wrong_key', comment: 'the session_key of another login',
    input: { ...input, session_key: b64(bytes('feishu/other', 16)) },
    want: { ok: false, code: 'bad_padding', findings: ['bad_padding'] } });
}

// --- Baidu ------------------------------------------------------------------
const official = {
  platform: 'baidu', app_key: 'y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7', session_key: '1df09d0a1677dd72b8325aec59576e0c',
  iv: '1df09d0a1677dd72b8325Q==',
  encrypted_data: 'OpCoJgs7RrVgaMNDixIvaCIyV2SFDBNLivgkVqtzq2GC10egsn+PKmQ/+5q+chT8xzldLUog2haTItyIkKyvzvmXonBQLIMeq54axAu9c3KG8IhpFD6+ymHocmx07ZKi7eED3t0KyIxJgRNSDkFk5RV1ZP2mSWa7ZgCXXcAbP0RsiUcvhcJfrSwlpsm0E1YJzKpYy429xrEEGvK+gfL+Cw==',
};
const officialNote = "Baidu's own example: smartprogram.baidu.com 用户数据的签名验证和加解密 and github.com/baidu-smart-app/auth-demo-backend model/auth/common_test.go; 28 bytes of padding";
add({ name: 'baidu_official', comment: officialNote, input: official, want: { ok: true, kind: 'user', findings: ['padding_32'] } });
add({ name: 'baidu_official_wrong_app_key', comment: officialNote + '; another App Key', input: { ...official, app_key: 'y2dTfnWfkx2OXttMEMWlGHoB1KzMogm8' },
  want: { ok: false, kind: 'user', code: 'app_key_mismatch', findings: ['padding_32', 'app_key_mismatch'] } });
add({ name: 'baidu_official_no_app_key', comment: officialNote + '; no App Key given', input: { ...official, app_key: undefined },
  want: { ok: true, kind: 'user', findings: ['padding_32', 'app_key_unchecked'] } });
function baidu(label, data, appKey) {
  const sk = bytes(label + '/session_key', 24), iv = bytes(label + '/iv', 16);
  const d = Buffer.from(data), len = Buffer.alloc(4);
  len.writeUInt32BE(d.length);
  const plain = Buffer.concat([bytes(label + '/random', 16), len, d, Buffer.from(appKey)]);
  return { platform: 'baidu', app_key: appKey, session_key: b64(sk), iv: b64(iv), data: b64(aesCBC('aes-192-cbc', sk, iv, plain, 32)), padding: 32 - plain.length % 32 };
}
{
  const appKey = 'FixtureAppKey00000000000000000000';
  const phone = baidu('baidu/phone', '{"mobile":"13800138000"}', appKey);
  add({ name: 'baidu_phone', comment: `getPhoneNumber; the ciphertext as "data"; ${phone.padding} bytes of padding`, input: { ...phone, padding: undefined },
    want: { ok: true, kind: 'phone', findings: phone.padding > 16 ? ['padding_32'] : [] } });
  add({ name: 'baidu_wrong_key', comment: 'the session_key of another login', input: { ...phone, padding: undefined, session_key: b64(bytes('baidu/other', 24)) },
    want: { ok: false, code: 'bad_padding', findings: ['bad_padding'] } });
  const long = baidu('baidu/long', JSON.stringify({ openid: 'k'.repeat(40), nickname: '百度用户'.repeat(20), headimgurl: 'https://himg.bdimg.com/sys/portrait/item/' + 'a'.repeat(80), sex: 2 }), appKey);
  add({ name: 'baidu_long_payload', comment: `${Buffer.byteLength(JSON.parse(JSON.stringify(long)).data, 'base64')} bytes of ciphertext: data over 255 bytes, which Baidu's Go demo (one length byte) cannot read`,
    input: { ...long, padding: undefined }, want: { ok: true, kind: 'user', findings: long.padding > 16 ? ['padding_32', 'long_payload'] : ['long_payload'] } });
  // 16-byte padding would be what a WeChat-minded encoder writes; padding of
  // 17 to 32 bytes is what a strict 16-byte PKCS#7 check rejects.
  let p = 0, pad32;
  do { pad32 = baidu('baidu/pad32/' + p, `{"mobile":"1380013800${p % 10}"}`, appKey); p++; } while (pad32.padding <= 16);
  add({ name: 'baidu_padding_32', comment: `${pad32.padding} bytes of padding: a 16-byte PKCS#7 unpad rejects this`, input: { ...pad32, padding: undefined },
    want: { ok: true, kind: 'phone', findings: ['padding_32'] } });
  const badLen = (() => {
    const sk = bytes('baidu/badlen/session_key', 24), iv = bytes('baidu/badlen/iv', 16);
    const d = Buffer.from('{"mobile":"13800138000"}'), len = Buffer.alloc(4);
    len.writeUInt32BE(0x01000000 + d.length);
    const plain = Buffer.concat([bytes('baidu/badlen/random', 16), len, d, Buffer.from(appKey)]);
    return { platform: 'baidu', app_key: appKey, session_key: b64(sk), iv: b64(iv), data: b64(aesCBC('aes-192-cbc', sk, iv, plain, 32)) };
  })();
  add({ name: 'baidu_length_prefix', comment: 'a length prefix larger than the plaintext', input: badLen,
    want: { ok: false, code: 'length_prefix', findings: ['length_prefix'] } });
}

// --- Alipay -------------------------------------------------------------------
const alipayKey = key('alipay_platform.key.pem'), otherKey = key('alipay_other.key.pem');
const aesKey = bytes('alipay/aes_key', 16);
function alipay(plain, signer = alipayKey, quoted = true) {
  const response = b64(aesCBC('aes-128-cbc', aesKey, Buffer.alloc(16), Buffer.from(plain)));
  const content = quoted ? `"${response}"` : response;
  const sign = crypto.sign('sha256', Buffer.from(content), { key: signer, padding: crypto.constants.RSA_PKCS1_PADDING }).toString('base64');
  return { platform: 'alipay', response, sign, sign_type: 'RSA2', encrypt_type: 'AES', charset: 'UTF-8' };
}
const alipayKeys = { aes_key: b64(aesKey), alipay_public_key: 'keys/alipay_platform.pub.pem' };
{
  const ok = alipay('{"code":"10000","msg":"Success","mobile":"13800138000"}');
  add({ name: 'alipay_phone', comment: 'my.getPhoneNumber: RSA2 over the quoted response, AES-128-CBC with a zero IV', input: ok, keys: alipayKeys,
    want: { ok: true, kind: 'phone', findings: [] } });
  add({ name: 'alipay_wrong_aes_key', comment: 'the AES key of another app', input: ok, keys: { ...alipayKeys, aes_key: b64(bytes('alipay/other_aes_key', 16)) },
    want: { ok: false, code: 'bad_padding', findings: ['bad_padding'] } });
  add({ name: 'alipay_wrong_signer', comment: 'signed by a key that is not Alipay', input: alipay('{"code":"10000","msg":"Success","mobile":"13800138000"}', otherKey), keys: alipayKeys,
    want: { ok: false, code: 'sign_mismatch', findings: ['sign_mismatch'] } });
  add({ name: 'alipay_unquoted_sign', comment: 'signed over the response without its double quotes', input: alipay('{"code":"10000","msg":"Success","mobile":"13800138000"}', alipayKey, false), keys: alipayKeys,
    want: { ok: false, code: 'sign_mismatch', findings: ['sign_unquoted', 'sign_mismatch'] } });
  add({ name: 'alipay_no_public_key', comment: 'no Alipay public key: decrypted, signature not verified', input: ok, keys: { aes_key: alipayKeys.aes_key },
    want: { ok: true, kind: 'phone', findings: ['sign_unchecked'] } });
  add({ name: 'alipay_invalid_auth_relations', comment: "Alipay's error answer for a user who did not authorise",
    input: alipay('{"code":"40003","msg":"Insufficient Conditions","subCode":"isv.invalid-auth-relations","subMsg":"无效的授权关系"}'), keys: alipayKeys,
    want: { ok: false, kind: 'unknown', code: 'alipay_error', findings: ['alipay_error'] } });
  add({ name: 'alipay_aes_key_length', comment: 'a 32-byte key where the 16-byte AES key belongs', input: ok, keys: { ...alipayKeys, aes_key: b64(bytes('alipay/long', 32)) },
    want: { ok: false, code: 'aes_key_length', findings: ['aes_key_length'] } });
}

// --- Douyin, new flow (base library 3.51.0+) --------------------------------------
const douyinPub = crypto.createPublicKey(key('douyin_app.pub.pem'));
const modulusBytes = (pub) => Buffer.from(pub.export({ format: 'jwk' }).n, 'base64url').length;
function rsaRaw(pub, em) { return crypto.publicEncrypt({ key: pub, padding: crypto.constants.RSA_NO_PADDING }, em); }
// pkcs1v15 builds EM = 00 02 PS 00 M (RFC 8017, 7.2.1) with deterministic nonzero PS.
function pkcs1v15(pub, m, label) {
  const k = modulusBytes(pub);
  const ps = Buffer.from([...bytes(label, 4 * k)].filter((b) => b !== 0).slice(0, k - 3 - m.length));
  return rsaRaw(pub, Buffer.concat([Buffer.from([0, 2]), ps, Buffer.from([0]), m]));
}
function mgf1(seed, n) {
  let out = Buffer.alloc(0);
  for (let i = 0; out.length < n; i++) {
    const c = Buffer.alloc(4); c.writeUInt32BE(i);
    out = Buffer.concat([out, crypto.createHash('sha1').update(Buffer.concat([seed, c])).digest()]);
  }
  return out.subarray(0, n);
}
// oaep builds EME-OAEP with SHA-1 (RFC 8017, 7.1.1) and a deterministic seed.
function oaep(pub, m, label) {
  const k = modulusBytes(pub), h = 20;
  const db = Buffer.concat([crypto.createHash('sha1').digest(), Buffer.alloc(k - m.length - 2 * h - 2), Buffer.from([1]), m]);
  const seed = bytes(label, h);
  const maskedDB = Buffer.from(db.map((b, i) => b ^ mgf1(seed, db.length)[i]));
  const maskedSeed = Buffer.from(seed.map((b, i) => b ^ mgf1(maskedDB, h)[i]));
  return rsaRaw(pub, Buffer.concat([Buffer.from([0]), maskedSeed, maskedDB]));
}
{
  const appid = 'tt0123456789abcdef';
  const plain = Buffer.from(`{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"appid":"${appid}","timestamp":${TS}}}`);
  const data = b64(pkcs1v15(douyinPub, plain, 'douyin/pkcs1'));
  const keys = { private_key: 'keys/douyin_app.key.pem' };
  add({ name: 'douyin_new_phone', comment: 'get_phonenumber_info data: RSA PKCS#1 v1.5 to the app public key', input: { platform: 'douyin', appid, data }, keys,
    want: { ok: true, kind: 'phone', findings: [] } });
  add({ name: 'douyin_new_pkcs1_key', comment: 'the same data, the private key in PKCS#1 PEM', input: { platform: 'douyin', appid, data }, keys: { private_key: 'keys/douyin_app.pkcs1.key.pem' },
    want: { ok: true, kind: 'phone', findings: [] } });
  add({ name: 'douyin_new_answer', comment: 'the whole get_phonenumber_info answer', input: { platform: 'douyin', appid, err_no: 0, err_tips: 'success', log_id: '20240101000000010203040506070809', data }, keys,
    want: { ok: true, kind: 'phone', findings: [] } });
  add({ name: 'douyin_new_wrong_key', comment: "another app's private key", input: { platform: 'douyin', appid, data }, keys: { private_key: 'keys/douyin_other.key.pem' },
    want: { ok: false, code: 'rsa_decrypt_failed', findings: ['rsa_decrypt_failed'] } });
  add({ name: 'douyin_new_wrong_appid', comment: 'data made for another mini-program', input: { platform: 'douyin', appid: 'tt0123456789abcde0', data }, keys,
    want: { ok: false, kind: 'phone', code: 'appid_mismatch', findings: ['appid_mismatch'] } });
  add({ name: 'douyin_new_oaep', comment: 'RSA-OAEP instead of PKCS#1 v1.5: not what Douyin sends, and not read as such', input: { platform: 'douyin', appid, data: b64(oaep(douyinPub, plain, 'douyin/oaep')) }, keys,
    want: { ok: false, code: 'rsa_decrypt_failed', findings: ['rsa_decrypt_failed'] } });
  add({ name: 'douyin_new_err_no', comment: 'an error answer of open.douyin.com (28001003: access_token invalid)', input: { platform: 'douyin', err_no: 28001003, err_tips: 'access_token无效', log_id: '2024010100000001020304050607080A' }, keys,
    want: { ok: false, code: 'douyin_error', findings: ['douyin_error'] } });
}

for (const v of vectors) {
  for (const k of Object.keys(v.input)) if (v.input[k] === undefined) delete v.input[k];
  process.stdout.write(JSON.stringify(v) + '\n');
}
