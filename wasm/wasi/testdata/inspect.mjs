// A Node host for the WASI module (Node 20+, node:wasi): it reads input
// objects from stdin, one JSON object per line, and prints one report per
// line, like `wxinspect decrypt --json`. With "text" after the module, each
// line is a request of wxi_inspect_text ({"text": …}) and each output line
// the array of its reports.
//
//	node inspect.mjs wxinspect-wasi.wasm < inputs.jsonl
//	node inspect.mjs wxinspect-wasi.wasm text < requests.jsonl
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

const wasi = new WASI({ version: "preview1", args: [], env: {} });
const module = await WebAssembly.compile(await readFile(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.initialize(instance); // calls _initialize
const { memory, wxi_alloc, wxi_free, wxi_inspect, wxi_inspect_text } = instance.exports;
const call = process.argv[3] === "text" ? wxi_inspect_text : wxi_inspect;

function inspect(input) {
  const bytes = new TextEncoder().encode(input);
  const ptr = wxi_alloc(bytes.length) >>> 0; // unsigned: memory may pass 2 GiB
  new Uint8Array(memory.buffer, ptr, bytes.length).set(bytes);
  const r = call(ptr, bytes.length); // a BigInt: ptr<<32 | len
  wxi_free(ptr);
  const out = Number(r >> 32n) >>> 0;
  const len = Number(r & 0xffffffffn);
  // memory.buffer is read again: the call may have grown the memory.
  const report = new TextDecoder().decode(new Uint8Array(memory.buffer, out, len));
  wxi_free(out);
  return report;
}

let stdin = "";
for await (const chunk of process.stdin) stdin += chunk;
for (const line of stdin.split("\n")) {
  if (line.trim()) process.stdout.write(inspect(line) + "\n");
}
