// Times the compute worker's job in Node's V8 (the engine of Chromium), without a browser: a
// Trunk build's glue and wasm, the worker's entry point `worker_run` called as the worker calls
// it. Measures, asserts nothing. For paired comparisons of two builds (say, two opt-levels) on
// one busy machine, where the page's figures are too noisy.
//
//   cargo run --release --example transport_times -- FILE --request > REQ.json
//   node tools/wasm-times.mjs DIST_DIR REQ.json FILE [RUNS]
//
// Prints each run's time of worker_run (the job and its packing) and the wasm memory after the
// run (it only grows: the peak). Every run is a fresh instance.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, requestFile, file, runs = '3'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/wasm-times.mjs DIST_DIR REQ.json FILE [RUNS]');
  process.exit(2);
}
const glue = await import(pathToFileURL(resolve(dist, 'parkscore-app.js')).href);
const module = new WebAssembly.Module(readFileSync(join(dist, 'parkscore-app_bg.wasm')));
const request = readFileSync(requestFile, 'utf8');
const bytes = readFileSync(file);
for (let i = 0; i < Number(runs); i++) {
  const wasm = glue.initSync({ module });
  const t = performance.now();
  const parts = glue.worker_run(request, bytes);
  const ms = performance.now() - t;
  const size = parts.reduce((n, p) => n + p.length, 0);
  console.log(`${file}: ${ms.toFixed(0)} ms, ${parts.length} parts (${(size / 1e6).toFixed(0)} MB), wasm memory ${(wasm.memory.buffer.byteLength / 2 ** 20).toFixed(0)} MiB`);
}
