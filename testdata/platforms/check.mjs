// Decrypts fixtures (the JSON objects of `wxinspect fixture --platform …`,
// one per line on stdin) with Node's crypto, independently of wxinspect's Go
// code, and prints for each one line {"plaintext": …} or {"error": …}:
//
//	wxinspect fixture --platform baidu | node testdata/platforms/check.mjs
//
// It checks what each platform's own documents say a backend checks: Baidu's
// length prefix and App Key trailer, Alipay's RSA2 signature over the quoted
// response. A line may carry "private_key" (PEM) for a Douyin fixture made
// with a key that was given, which the fixture does not repeat.
import crypto from 'node:crypto';
import readline from 'node:readline';

const b64 = (s) => Buffer.from(s, 'base64');

function aesDecrypt(alg, key, iv, data, block) {
  const d = crypto.createDecipheriv(alg, key, iv);
  d.setAutoPadding(false);
  const buf = Buffer.concat([d.update(data), d.final()]);
  const n = buf[buf.length - 1];
  if (n < 1 || n > block || buf.subarray(buf.length - n).some((b) => b !== n)) throw new Error('bad padding');
  return buf.subarray(0, buf.length - n);
}

// rsaDecrypt undoes RSA PKCS#1 v1.5 encryption block by block. Node 20
// refuses RSA_PKCS1_PADDING in privateDecrypt, so the padding
// (00 02 nonzero… 00 message) is checked here.
function rsaDecrypt(pem, data) {
  const key = crypto.createPrivateKey(pem);
  const n = key.asymmetricKeyDetails.modulusLength / 8;
  const out = [];
  for (let i = 0; i < data.length; i += n) {
    const em = crypto.privateDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, data.subarray(i, i + n));
    const z = em.indexOf(0, 2);
    if (em[0] !== 0 || em[1] !== 2 || z < 10) throw new Error('bad PKCS#1 v1.5 padding');
    out.push(em.subarray(z + 1));
  }
  return Buffer.concat(out);
}

function check(f) {
  switch (f.platform ?? 'wechat') {
    case 'baidu': {
      const plain = aesDecrypt('aes-192-cbc', b64(f.session_key), b64(f.iv), b64(f.data ?? f.encrypted_data), 32);
      const n = plain.readUInt32BE(16);
      if (20 + n > plain.length) throw new Error('bad length prefix');
      const appKey = plain.subarray(20 + n).toString();
      if (appKey !== f.app_key) throw new Error(`App Key ${appKey}, want ${f.app_key}`);
      return plain.subarray(20, 20 + n);
    }
    case 'alipay': {
      const ok = crypto.verify('sha256', Buffer.from(`"${f.response}"`), f.alipay_public_key, b64(f.sign));
      if (!ok) throw new Error('the RSA2 signature does not verify over the quoted response');
      return aesDecrypt('aes-128-cbc', b64(f.aes_key), Buffer.alloc(16), b64(f.response), 16);
    }
    case 'douyin':
      if (f.data !== undefined) return rsaDecrypt(f.private_key, b64(f.data));
    // fall through: the legacy flow is WeChat's scheme
    default:
      return aesDecrypt('aes-128-cbc', b64(f.session_key), b64(f.iv), b64(f.encrypted_data), 16);
  }
}

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    const plain = check(JSON.parse(line));
    JSON.parse(plain.toString()); // every platform's plaintext is JSON
    console.log(JSON.stringify({ plaintext: plain.toString() }));
  } catch (e) {
    console.log(JSON.stringify({ error: e.message }));
  }
}
