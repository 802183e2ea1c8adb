// wxinspect: the wxinspect core (WeChat open data decryption and diagnosis)
// compiled to WebAssembly, for Node.js >= 18 and browsers, with or without a
// bundler. See README.md for the API and index.d.ts for its types.
//
// load() runs the module once per JavaScript realm and resolves to the API.
// The module makes no network request; in a browser, load() fetches the
// package's own wxinspect.wasm (beside this file) unless given the module.

const moduleURL = new URL("./wxinspect.wasm", import.meta.url);

let loading = null;

/**
 * Runs the module (once) and resolves to the API object.
 * @param {{module?: BufferSource | WebAssembly.Module | URL | string | Response | PromiseLike<Response>}} [options]
 */
export function load(options = {}) {
  if (!loading) {
    loading = start(options.module).catch((err) => {
      loading = null; // let a later call try again
      throw err;
    });
  }
  return loading;
}

async function start(source) {
  const Go = await runtime();
  const go = new Go();
  const instance = await instantiate(source ?? moduleURL, go.importObject);
  const glue = await run(go, instance);
  return api(glue);
}

// runtime evaluates Go's wasm_exec.js and takes its Go class off globalThis.
// wasm_exec.js also installs globalThis.fs, globalThis.path and
// globalThis.process where they are missing (fs and path in Node.js, all three
// in browsers): the Go runtime reads them while it runs (its stdout and
// stderr go through fs.writeSync), so they stay.
async function runtime() {
  if (!globalThis.crypto) {
    // Node.js 18 has Web Crypto only as a module; the Go runtime (crypto/rand,
    // for fixtures' fresh keys) needs globalThis.crypto.getRandomValues.
    const { webcrypto } = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:crypto");
    globalThis.crypto = webcrypto;
  }
  const had = Object.prototype.hasOwnProperty.call(globalThis, "Go");
  const before = globalThis.Go;
  await import("./wasm_exec.js");
  const Go = globalThis.Go;
  if (had) globalThis.Go = before;
  else delete globalThis.Go;
  if (typeof Go !== "function") throw new Error("wxinspect: wasm_exec.js did not define the Go runtime");
  return Go;
}

async function instantiate(source, imports) {
  if (source instanceof WebAssembly.Module) {
    return WebAssembly.instantiate(source, imports);
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return (await WebAssembly.instantiate(source, imports)).instance;
  }
  if (typeof source === "string") source = new URL(source, moduleURL);
  if (source instanceof URL && source.protocol === "file:") {
    // Node.js: read the file beside this one.
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ "node:fs/promises");
    return (await WebAssembly.instantiate(await readFile(source), imports)).instance;
  }
  const response = await (source instanceof URL ? fetch(source) : source);
  if (!response.ok) throw new Error("wxinspect: " + response.url + ": HTTP " + response.status);
  const type = response.headers.get("Content-Type") || "";
  if (WebAssembly.instantiateStreaming && type.split(";")[0].trim() === "application/wasm") {
    return (await WebAssembly.instantiateStreaming(response, imports)).instance;
  }
  return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
}

// run starts the Go program, which hands its API to globalThis.wxinspectOnLoad
// and sets globalThis.wxinspect; both are put back as they were.
function run(go, instance) {
  const saved = {};
  for (const name of ["wxinspect", "wxinspectOnLoad"]) {
    saved[name] = Object.prototype.hasOwnProperty.call(globalThis, name) ? { value: globalThis[name] } : null;
  }
  const restore = () => {
    for (const [name, was] of Object.entries(saved)) {
      if (was) globalThis[name] = was.value;
      else delete globalThis[name];
    }
  };
  return new Promise((resolve, reject) => {
    globalThis.wxinspectOnLoad = (glue) => {
      restore();
      resolve(glue);
    };
    go.run(instance).then(
      () => { restore(); reject(new Error("wxinspect: the module exited before it was ready")); },
      (err) => { restore(); reject(err); },
    );
  });
}

function api(glue) {
  const inspectText = typeof glue.inspectText === "function"
    ? (text, options = {}) => glue.inspectText(String(text ?? ""), options)
    // A module without the core's text reader: the one record that extract
    // finds, with the options' appid when the text names none.
    : (text, options = {}) => {
      const found = glue.extract(String(text ?? ""));
      const input = { ...options, ...Object.fromEntries(Object.entries(found).filter(([, v]) => v !== "")) };
      return [glue.decrypt(input)];
    };
  return Object.freeze({
    version: glue.version,
    sample: glue.sample,
    inspect: (input) => glue.decrypt(input),
    inspectMany: (inputs) => glue.decryptMany(inputs),
    inspectText,
    extract: (text) => glue.extract(String(text ?? "")),
    buildPhoneNumberCall: (input) => glue.buildPhoneNumberCall(input),
    buildRIDCall: (input) => glue.buildRIDCall(input),
    fixture: (spec) => glue.fixture(spec),
    codes: () => glue.codes(),
    describe: (code, lang, ...args) => glue.describe(code, lang, ...args),
  });
}
