// Post-build step: turns Trunk's release output (index.html + ES-module glue + .wasm + CSS) into
// ONE self-contained HTML file that works when double-clicked (file://) and over http.
//
//   node tools/inline.mjs <trunk-dist-dir> <out.html>
//
// Why: browsers refuse to load ES modules and fetch .wasm from file://. Here the glue JS is
// inlined into a module script, the .wasm is inlined as base64 and instantiated from bytes
// (initSync), and every stylesheet is inlined. The result references nothing outside itself;
// the page's Content-Security-Policy (connect-src 'none') then proves no byte leaves the machine.
// Prints the file's size raw and gzipped.

import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [distDir, outFile] = process.argv.slice(2);
if (!distDir || !outFile) {
  console.error('usage: node tools/inline.mjs <trunk-dist-dir> <out.html>');
  process.exit(2);
}

const fail = (msg) => {
  console.error(`inline.mjs: ${msg}`);
  process.exit(1);
};

let html = readFileSync(join(distDir, 'index.html'), 'utf8');
const files = readdirSync(distDir);
const one = (suffix) => {
  const found = files.filter((f) => f.endsWith(suffix));
  if (found.length !== 1) fail(`expected exactly one *${suffix} in ${distDir}, found ${found.join(', ') || 'none'}`);
  return found[0];
};
const jsName = one('.js');
const wasmName = one('_bg.wasm');

// 1. Stylesheets: <link rel="stylesheet" href="x.css" ...> → <style>…</style>.
// Attribute values may or may not be quoted.
const attr = (tag, name) => new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`).exec(tag)?.slice(1).find((v) => v !== undefined);
html = html.replace(/<link\b[^>]*>/g, (tag) => {
  const rel = attr(tag, 'rel');
  if (rel === 'modulepreload' || rel === 'preload') return '';
  if (rel !== 'stylesheet') return tag;
  const href = attr(tag, 'href');
  if (!href) fail(`stylesheet link without href: ${tag}`);
  const css = readFileSync(join(distDir, href.replace(/^\.\//, '')), 'utf8');
  return `<style>${css}</style>`;
});

// 2. Trunk's preloads went above; drop its loader script, replaced below.
html = html.replace(/<script\b[^>]*type=["']?module["']?[^>]*>[\s\S]*?<\/script>/g, (block) => {
  if (!block.includes(jsName)) fail(`unexpected module script: ${block.slice(0, 200)}`);
  return '';
});

// 3. The glue, with its ES exports turned into plain declarations (an inline module script
//    has no importer), then the wasm bytes and a synchronous instantiation.
let glue = readFileSync(join(distDir, jsName), 'utf8');
glue = glue
  .replace(/^export\s+default\s+[^;]+;\s*$/gm, '')
  .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
  .replace(/^export\s+(?=(async\s+)?function|class|const|let|var)/gm, '');
if (/^\s*export\b/m.test(glue)) fail('glue still has an export statement this script does not know');
if (/^\s*import\b/m.test(glue)) fail('glue imports another module; it cannot be inlined');
const wasm = readFileSync(join(distDir, wasmName));
const b64 = wasm.toString('base64');

// 4. The compute worker (src/services/worker.rs): the same glue again, as the source of a
//    worker started from a blob (CSP worker-src blob:). The page hands it its compiled
//    WebAssembly.Module, so nothing is fetched; the worker's main() sees no window and renders
//    nothing; it says {ready: true} once its module is instantiated; each message
//    {seq, request, bytes} is answered with {seq, parts} by the export worker_run (parts are
//    Uint8Arrays whose buffers are transferred, not copied), or with
//    {seq, error, fatal}: fatal when the wasm trapped (a panic, or memory that could not grow),
//    after which the instance cannot be trusted and the page starts a new worker.
if (!/^function worker_run\b/m.test(glue)) fail('glue has no worker_run export (src/main.rs)');
const workerMain = `
self.onmessage = (event) => {
  const m = event.data;
  if (m.module) { initSync({ module: m.module }); self.postMessage({ ready: true }); return; }
  // mem: the wasm memory's size after the job (it only grows: the worker's peak), for tools/bench.mjs.
  try { const parts = worker_run(m.request, m.bytes); self.postMessage({ seq: m.seq, parts, mem: typeof wasm === 'object' ? wasm.memory.buffer.byteLength : undefined }, parts.map((p) => p.buffer)); }
  catch (e) {
    const fatal = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    self.postMessage({ seq: m.seq, error: String((e && e.message) || e), fatal });
  }
};`;
// A classic worker, not a module worker: Chromium refuses a module worker from a blob made by
// a file:// page (opaque origin), but runs a classic one. The glue's only module-only syntax
// is import.meta.url, on the fetch-the-.wasm path that initSync never takes.
const classicGlue = glue.replaceAll('import.meta.url', 'self.location.href');
if (/\bimport\s*[.(]/.test(classicGlue)) fail('glue has module-only syntax a classic worker cannot run');
// A JS string literal that cannot close the surrounding <script> element.
const workerSource = JSON.stringify(classicGlue + workerMain).replace(/<\/(script)/gi, '<\\/$1');

const loader = `<script type="module">
${glue}
{
  const unsupported = () => { const el = document.getElementById('unsupported'); if (el) el.hidden = false; };
  if (typeof WebAssembly !== 'object') { unsupported(); } else {
    const text = atob("${b64}");
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    try {
      const module = new WebAssembly.Module(bytes);
      const workerSource = ${workerSource};
      globalThis.parkscoreStartWorker = () => {
        const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
        const worker = new Worker(url, { name: 'parkscore-compute' });
        worker.postMessage({ module });
        return worker;
      };
      initSync({ module });
    } catch (e) { unsupported(); console.error(e); }
  }
}
</script>
<script nomodule>document.getElementById('unsupported').hidden = false;</script>`;
if (!html.includes('</body>')) fail('no </body> in index.html');
html = html.replace('</body>', () => `${loader}\n</body>`);

// 5. Nothing external may remain.
const external = /\b(?:src|href)=["']?(?!["']?(?:data:|#))[^\s>]*/g;
const leftovers = html.replace(/<script type="module">[\s\S]*?<\/script>/, '').match(external);
if (leftovers) fail(`external references remain: ${leftovers.join(' ')}`);
const cssUrls = [...html.matchAll(/url\(\s*["']?(?!data:)([^"')]+)/g)].map((m) => m[1]);
if (cssUrls.length) fail(`stylesheets reference external resources: ${cssUrls.join(' ')}`);

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, html);
const raw = Buffer.byteLength(html);
const gz = gzipSync(html, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`${outFile}: ${raw} bytes (${kb(raw)}), gzipped ${gz} bytes (${kb(gz)}); wasm ${wasm.length} bytes`);
