package web

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wxinspect/wxinspect/core"
)

// TestBenchDecryptMany measures, in headless Chromium, the cost per record of
// wxinspect.decryptMany on 10,000 records (each with its own session_key, as
// a log of many users has), of wxinspect.decrypt called once per record, and
// of the bare minimum a page could do instead: WebCrypto AES-CBC and
// JSON.parse, one record after the other and all at once. It runs only with
// WXINSPECT_BENCH_WEB=1 (make web-bench); the figures are in
// docs/bench-web.md.
func TestBenchDecryptMany(t *testing.T) {
	if os.Getenv("WXINSPECT_BENCH_WEB") == "" {
		t.Skip("set WXINSPECT_BENCH_WEB=1 to run the browser benchmark (make web-bench)")
	}
	const n = 10000
	type record struct {
		AppID         string `json:"appid"`
		SessionKey    string `json:"session_key"`
		IV            string `json:"iv"`
		EncryptedData string `json:"encrypted_data"`
	}
	records := make([]record, n)
	ts := time.Unix(1700000000, 0)
	for i := range records {
		var k, iv [16]byte
		binary.BigEndian.PutUint64(k[8:], uint64(i)+1)
		binary.BigEndian.PutUint64(iv[8:], uint64(i)+1e9)
		key, ivs := base64.StdEncoding.EncodeToString(k[:]), base64.StdEncoding.EncodeToString(iv[:])
		f, err := core.Encrypt(core.PhonePayload("wx1234567890abcdef", strconv.Itoa(13800000000+i), "86", ts), key, ivs)
		if err != nil {
			t.Fatal(err)
		}
		records[i] = record{"wx1234567890abcdef", key, ivs, f.EncryptedData}
	}
	body, err := json.Marshal(records)
	if err != nil {
		t.Fatal(err)
	}

	ctx := browser(t)
	mux := http.NewServeMux()
	mux.Handle("/", Handler())
	mux.HandleFunc("/bench/records.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	p := tab{t, ctx}
	p.do(chromedp.Navigate(srv.URL + "/"))
	p.wait(`document.body.dataset.ready === "true"`)

	var out map[string][]float64
	p.eval(`(async () => {
  const api = await window.wxinspectReady;
  const records = await (await fetch("/bench/records.json")).json();
  const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  const utf8 = new TextDecoder();
  async function webcrypto(r) {
    const key = await crypto.subtle.importKey("raw", bytes(r.session_key), "AES-CBC", false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt({ name: "AES-CBC", iv: bytes(r.iv) }, key, bytes(r.encrypted_data));
    const o = JSON.parse(utf8.decode(plain));
    if (o.watermark.appid !== r.appid) throw new Error("appid");
    return o;
  }
  const time = async (f) => { const t0 = performance.now(); await f(); return performance.now() - t0; };
  const ok = (rs) => { if (!rs.every((r) => r.ok && r.kind === "phone")) throw new Error("a report is not ok"); };
  api.decryptMany(records.slice(0, 1000));
  await Promise.all(records.slice(0, 1000).map(webcrypto));
  const out = { decryptMany: [], decrypt: [], webcryptoSequential: [], webcryptoParallel: [] };
  for (let round = 0; round < 5; round++) {
    out.decryptMany.push(await time(() => ok(api.decryptMany(records))));
    out.decrypt.push(await time(() => ok(records.map((r) => api.decrypt(r)))));
    out.webcryptoSequential.push(await time(async () => { for (const r of records) await webcrypto(r); }));
    out.webcryptoParallel.push(await time(() => Promise.all(records.map(webcrypto))));
  }
  return out;
})()`, &out)
	var version string
	p.eval(`navigator.userAgent`, &version)
	t.Logf("%d records, %s", n, version)
	for _, name := range []string{"decryptMany", "decrypt", "webcryptoSequential", "webcryptoParallel"} {
		ms := slices.Sorted(slices.Values(out[name]))
		t.Logf("%-20s median %7.1f ms = %5.1f µs/record (min %.1f, max %.1f ms over %d rounds)",
			name, ms[len(ms)/2], ms[len(ms)/2]*1000/n, ms[0], ms[len(ms)-1], len(ms))
	}
}
