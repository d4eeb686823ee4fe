// Post-build step: turns Trunk's release output (index.html + ES-module glue + .wasm + CSS) into
// ONE self-contained HTML file that works when double-clicked (file://) and over http.
//
//   node tools/inline.mjs <trunk-dist-dir> <out.html>
//
// Why: browsers refuse to load ES modules and fetch .wasm from file://. Here the glue JS is
// inlined once as a classic script (the page's and the compute worker's), the .wasm is inlined
// zstd-compressed as raw bytes in a windows-1252 page (step 6), decoded by a small wasm of its
// own and compiled (no fetch), and every
// stylesheet is inlined. The result references nothing outside itself; the page's
// Content-Security-Policy (connect-src 'none') then proves no byte leaves the machine, and its
// script-src admits exactly the two inline scripts written here, by hash.
// Compresses the wasm with tools/compress (`cargo run --profile tools`) and builds the decoder,
// tools/unzstd, for wasm32 (then wasm-opt -O3, from node_modules/.bin on the Makefile's PATH).
// Prints the file's size raw and gzipped, and the wasm's raw and compressed.

import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

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
// 0. The page is a windows-1252 document (step 6 says why): every character outside ASCII in
//    index.html becomes a character reference, which means the same in any encoding.
const charset = /<meta charset="utf-8">/i;
if (!charset.test(html) || html.search(charset) > 512) fail('index.html has no <meta charset="utf-8"> near its start');
html = html.replace(charset, '<meta charset="windows-1252">');
const nonAscii = /[^\x00-\x7f]/gu;
html = html.replace(nonAscii, (c) => `&#x${c.codePointAt(0).toString(16)};`);
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
  const css = readFileSync(join(distDir, href.replace(/^\.\//, '')), 'utf8')
    // CSS's own escape (hex digits and one space, which the escape consumes): ASCII text that
    // means the same in strings, names and comments.
    .replace(nonAscii, (c) => `\\${c.codePointAt(0).toString(16)} `);
  if (/<\/style/i.test(css)) fail('a stylesheet contains </style; it cannot be inlined raw');
  return `<style>${css}</style>`;
});

// 2. Trunk's preloads went above; drop its loader script, replaced below.
html = html.replace(/<script\b[^>]*type=["']?module["']?[^>]*>[\s\S]*?<\/script>/g, (block) => {
  if (!block.includes(jsName)) fail(`unexpected module script: ${block.slice(0, 200)}`);
  return '';
});

// 3. The glue, once, as a classic script: its ES exports turned into plain declarations and
//    its one module-only expression (import.meta.url, on the fetch-the-.wasm path that initSync
//    never takes) replaced. The same text is the page's script and the compute worker's: the page
//    runs it, and builds the worker's source from the element's text (step 4), so the 40 KB of
//    glue are in the file once. A classic script, not a module: Chromium refuses a module worker
//    from a blob made by a file:// page (opaque origin), but runs a classic one.
let glue = readFileSync(join(distDir, jsName), 'utf8');
glue = glue
  .replace(/^export\s+default\s+[^;]+;\s*$/gm, '')
  .replace(/^export\s*\{[^}]*\};?\s*$/gm, '')
  .replace(/^export\s+(?=(async\s+)?function|class|const|let|var)/gm, '')
  .replaceAll('import.meta.url', 'self.location.href');
if (/^\s*export\b/m.test(glue)) fail('glue still has an export statement this script does not know');
if (/^\s*import\b/m.test(glue)) fail('glue imports another module; it cannot be inlined');
if (/\bimport\s*[.(]/.test(glue)) fail('glue has module-only syntax a classic script cannot run');
if (!/^function initSync\b/m.test(glue)) fail('glue has no initSync');
if (!/^function worker_run\b/m.test(glue)) fail('glue has no worker_run export (src/main.rs)');
// Raw text inside <script>: nothing in it may end the element or open an HTML comment.
if (/<\/script|<!--|<script/i.test(glue)) fail('glue contains </script, <script or <!--; it cannot be inlined raw');

// 4. The wasm, compressed: one zstd frame at level 22 (tools/compress; 1.04 MB for 3.2 MB, where
//    zopfli's deflate gave 1.24 MB), carried as raw bytes (step 6). Browsers decode only
//    deflate themselves, so the decoder travels too: tools/unzstd (ruzstd, no_std) compiled to
//    a 39 KB wasm, carried the same way. The page instantiates it, decodes the frame (about
//    35 ms for the 3.2 MB in Chromium 148) and compiles the result. Both sit in data blocks
//    (<script type="application/octet-stream">), which the browser neither runs nor checks
//    against the CSP, so the page's two scripts stay small and hashable.
const wasm = readFileSync(join(distDir, wasmName));
const tool = (args, input) => {
  const run = spawnSync(args[0], args.slice(1), { input, maxBuffer: 64 << 20, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
  if (run.error || run.status !== 0) fail(`${args.join(' ')} failed (${run.error ?? `exit ${run.status}`})`);
  return run.stdout;
};
const compressed = tool(['cargo', 'run', '--quiet', '--locked', '--profile', 'tools', '-p', 'parkscore-compress'], wasm);
tool(['cargo', 'build', '--quiet', '--locked', '--release', '--target', 'wasm32-unknown-unknown', '-p', 'parkscore-unzstd']);
const unzstdBuilt = join('target', 'wasm32-unknown-unknown', 'release', 'parkscore_unzstd.wasm');
const unzstdFile = join('target', 'parkscore-unzstd.wasm');
const wasmOpt = ['node_modules/.bin/wasm-opt'].find((p) => existsSync(p)) ?? 'wasm-opt';
tool([wasmOpt, '-O3', '--strip-debug', '--strip-producers', unzstdBuilt, '-o', unzstdFile]);
const unzstd = readFileSync(unzstdFile);
// The build checks the very decoder the page runs, on the very frame it carries, step by step
// as the page does: pieces from early on (the streaming compile's), and the whole at the end.
{
  const { exports: d } = new WebAssembly.Instance(new WebAssembly.Module(unzstd), {});
  const at = d.input(compressed.length);
  if (!at) fail('the decoder could not allocate its input');
  new Uint8Array(d.memory.buffer, at, compressed.length).set(compressed);
  if (d.begin(compressed.length) >>> 0 !== wasm.length) fail('tools/unzstd does not read the frame\'s declared size');
  const steps = [];
  while (!d.done()) {
    const n = d.step() >>> 0;
    if (n === 0xffffffff || steps.length > 10000) fail('tools/unzstd refuses the frame');
    steps.push(n);
  }
  if (steps.length < 8 || steps[0] > wasm.length / 2) fail(`tools/unzstd gives the module in too few pieces (${steps.join(', ')})`);
  if (!Buffer.from(d.memory.buffer, d.output(), wasm.length).equals(wasm)) fail('tools/unzstd does not decode the compressed wasm to the wasm');
}

// 6. Raw bytes in a windows-1252 page. Base64 made the file 4/3 of the compressed wasm (1.49 MB
//    in all; issue 14 asks for 1.2 MB, as the file is opened from a share over the network). A
//    windows-1252 page carries any byte as one character: the WHATWG decoder maps every one of
//    the 256 bytes to its own code point (0x80-0x9F to the code points of DATA_HIGH, the rest
//    to themselves). Inside a data block the HTML parser changes only NUL (to U+FFFD) and CR
//    (to LF), and a '<' could end the block or open a comment; those three bytes and the escape
//    byte itself ('=') travel as '=' and the byte XOR 0x40 ('@', 'M', '|', '}'), about 1.6 %
//    more. The rest of the page is ASCII (steps 0, 1, 7), so it means the same in any encoding.
//    Judgement call, and its one cost: a server that declares another charset in its
//    Content-Type (charset=utf-8) overrides the page's own, and the bytes cannot be recovered;
//    the loader then says so in Chinese (no blank page). Opened from disk or a share (file://),
//    or served as plain text/html (python's http.server, nginx and IIS by default; not Apache
//    as Red Hat and Kylin configure it, nor Caddy), the page is read as it declares. UTF-16 (whose BOM would outrank the server) was measured and left:
//    it doubles every ASCII character of the glue and the styles, 1.26 MB in all.
const DATA_ESCAPE = 0x3d;
const DATA_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const escapeData = (bytes) => {
  const out = Buffer.alloc(bytes.length * 2);
  let j = 0;
  for (const b of bytes) {
    if (b === 0 || b === 0x0d || b === 0x3c || b === DATA_ESCAPE) { out[j++] = DATA_ESCAPE; out[j++] = b ^ 0x40; }
    else out[j++] = b;
  }
  return out.subarray(0, j);
};
// The page's way back from a data block's text to its bytes (the loader runs this very text; the
// build runs it too, below, on the file as a browser decodes it). Any character that is not one
// of the 256, a count that differs, or an escape at the very end is a damaged copy.
const dataBytesSource = `function (text, n) {
      var high = ${JSON.stringify(DATA_HIGH)};
      var byteOf = new Int16Array(65536).fill(-1);
      for (var b = 0; b < 256; b++) byteOf[b >= 128 && b < 160 ? high.charCodeAt(b - 128) : b] = b;
      var out = new Uint8Array(n), j = 0, i = 0;
      for (; i < text.length && j < n; i++) {
        var c = text.charCodeAt(i);
        var v = c === ${DATA_ESCAPE} ? byteOf[text.charCodeAt(++i) ^ 64] : byteOf[c];
        if (v < 0 || i >= text.length) break;
        out[j++] = v;
      }
      if (j !== n || i !== text.length) throw new Error('\u7a0b\u5e8f\u6570\u636e\u5df2\u635f\u574f\uff0c\u65e0\u6cd5\u89e3\u538b');
      return out;
    }`;

// The compute worker (src/services/worker.rs) runs the glue's text followed by this. The page
// hands it its compiled WebAssembly.Module, so nothing is fetched; the worker's main() sees no
// window and renders nothing; it says {ready: true} once its module is instantiated; each
// message {seq, request, bytes} is answered with {seq, parts} by the export worker_run (parts
// are Uint8Arrays whose buffers are transferred, not copied), or with {seq, error, fatal}:
// fatal when the wasm trapped (a panic, or memory that could not grow), after which the
// instance cannot be trusted and the page starts a new worker.
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

// The loader: plain old syntax, so that a browser too old for the glue still parses it and
// shows the unsupported-browser message (the glue's script then failed, and initSync is
// missing). Instantiation is asynchronous (the compile is): the app starts when the module is
// compiled; the first compute worker is started and the worker factory defined before, as the
// app may start its worker at once (the factory hands over the worker already started).
const loader = `(function () {
  var started = false;
  var since = Date.now();
  // The app is on screen: no start failure any more, and a message shown by a false alarm
  // (an extension's error in the first moments, say) goes away.
  function mounted() {
    if (started || !document.querySelector('[data-testid="app-root"]')) return started;
    started = true;
    var el = document.getElementById('unsupported');
    if (el) el.hidden = true;
    return true;
  }
  if (typeof MutationObserver === 'function') {
    new MutationObserver(function (_, observer) { if (mounted()) observer.disconnect(); })
      .observe(document.documentElement, { childList: true, subtree: true });
  }
  // The message of index.html's #unsupported, with why (and the browser core, when known).
  function unsupported(reason, e) {
    if (started) return;
    var el = document.getElementById('unsupported');
    var why = document.getElementById('unsupported-reason');
    var core = /Chrom(?:e|ium)\\/(\\d+)/.exec(navigator.userAgent);
    if (why) why.textContent = reason + (core ? '（本浏览器的内核为 Chromium ' + core[1] + '）' : '');
    if (el) el.hidden = false;
    if (e) console.error(e);
  }
  function failed(e) {
    if (mounted()) return;
    var text = String((e && e.message) || e || '');
    unsupported(/unsafe-eval|wasm-eval|Content Security Policy/i.test(text)
      ? '浏览器不允许在安全策略下编译 WebAssembly（需要 Chromium 97 及以上内核）。'
      : '启动时出错：' + text.slice(0, 200), e);
  }
  // Before the app is on screen, any error of the page's start is a failed start.
  window.addEventListener('error', function (ev) { failed(ev.error || ev.message); });
  window.addEventListener('unhandledrejection', function (ev) { failed(ev.reason); });
  document.addEventListener('securitypolicyviolation', function (ev) {
    if (ev.blockedURI === 'wasm-eval') failed({ message: 'Content Security Policy: wasm-eval' });
  });
  // Whatever stalls (the decode, the compile, the start), the page is not left blank: 20 s
  // after the loader began, without the app on screen, the message says so.
  (function watch() {
    if (mounted()) return;
    if (Date.now() - since >= 20000) { unsupported('启动时出错：页面在 20 秒内没有显示出来。'); return; }
    setTimeout(watch, 250);
  })();
  if (typeof initSync !== 'function' || typeof WebAssembly !== 'object' || typeof Int16Array !== 'function'
      || typeof Int16Array.prototype.fill !== 'function') {
    unsupported('浏览器版本过旧：不支持 WebAssembly。');
    return;
  }
  // A module whose one type takes an externref: valid only where WebAssembly reference types
  // are (Chromium 96+), which the app's wasm uses.
  var refTypes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 111, 0]);
  if (!WebAssembly.validate(refTypes)) {
    unsupported('浏览器内核过旧：不支持 WebAssembly 引用类型。');
    return;
  }
  // The data blocks are raw bytes of a windows-1252 page (tools/inline.mjs, step 6): read in
  // another encoding (a server's Content-Type naming charset=utf-8 outranks the page's own),
  // they are lost.
  if (String(document.characterSet).toLowerCase() !== 'windows-1252') {
    unsupported('页面没有按本文件自己的编码（windows-1252）打开，程序数据无法还原：网页服务器为它另指定了字符集。请把文件保存到本机后直接双击打开，或让服务器不为它指定字符集。');
    return;
  }
  try {
    var dataBytes = ${dataBytesSource};
    var data = function (id) {
      var el = document.getElementById(id);
      return dataBytes(el.textContent, Number(el.getAttribute('data-length')));
    };
    // The zstd frame, decoded by tools/unzstd's wasm (used once, then left to the collector).
    // Instantiated asynchronously (older Chromium cores refuse a synchronous compile of more
    // than 4 KB on the page's thread), while the frame's bytes are read from the page.
    var decoding = WebAssembly.instantiate(data('parkscore-unzstd'), {});
    var frame = data('parkscore-wasm');
    var compiled = decoding.then(function (decoder) {
      var d = decoder.instance.exports;
      var damaged = function () { return new Error('程序数据已损坏，无法解压'); };
      var at = d.input(frame.length);
      if (!at) throw new Error('内存不足，无法解压程序');
      new Uint8Array(d.memory.buffer, at, frame.length).set(frame);
      var size = d.begin(frame.length) >>> 0;
      frame = null;
      if (size === 0xffffffff) throw damaged();
      // The next piece of the module (a copy: the decoder's memory may grow and move; none
      // when not wanted), or null after the last; the frame's checksum is checked at its end.
      var sent = 0;
      var next = function (copy) {
        for (;;) {
          var n = d.step() >>> 0;
          if (n === 0xffffffff) throw damaged();
          if (n > sent) {
            var piece = copy ? new Uint8Array(d.memory.buffer, d.output() + sent, n - sent).slice() : true;
            sent = n;
            return piece;
          }
          if (d.done()) {
            if (sent !== size) throw damaged();
            return null;
          }
        }
      };
      var whole = function () {
        while (next(false)) { /* decoding */ }
        return WebAssembly.compile(new Uint8Array(d.memory.buffer, d.output(), size).slice());
      };
      // Compiled while it is decoded: the browser validates each piece as the next is decoded
      // (tools/unzstd, Unpacker). Without streaming compile, decoded whole, then compiled.
      if (typeof WebAssembly.compileStreaming !== 'function' || typeof ReadableStream !== 'function'
          || typeof Response !== 'function') return whole();
      var broken = null;
      var body = new ReadableStream({
        pull: function (controller) {
          try {
            var piece = next(true);
            if (piece) controller.enqueue(piece); else controller.close();
          } catch (e) { broken = e; controller.error(e); }
        }
      });
      return WebAssembly.compileStreaming(new Response(body, { headers: { 'Content-Type': 'application/wasm' } }))
        .catch(function (e) {
          // The browser's own message for a stream that failed says "network error": the
          // decoder's is the one to show. A compile refused before the decoder found anything
          // wrong may be refusing damaged bytes: the rest is decoded, and its checksum tells.
          // If the bytes are sound, they are compiled whole (a browser whose streaming compile
          // refuses a made-up response); whatever that refuses is the browser's to say.
          if (broken) throw broken;
          return whole();
        });
    });
    compiled.then(function (module) {
      var glue = document.getElementById('parkscore-glue').textContent;
      var workerMain = ${JSON.stringify(workerMain)};
      function startWorker() {
        var url = URL.createObjectURL(new Blob([glue, workerMain], { type: 'text/javascript' }));
        var worker = new Worker(url, { name: 'parkscore-compute' });
        worker.postMessage({ module: module });
        return worker;
      }
      // The first worker starts now, before the page's own start: it loads and warms up
      // beside the first render. What it says before the app listens (its {ready}, or an
      // error) is kept and replayed to the app's handlers, set in the same task as the app
      // takes the worker (the replay is a microtask after it).
      var early = null, kept = [];
      try {
        early = startWorker();
        early.onmessage = function (e) { kept.push(new MessageEvent('message', { data: e.data })); };
        early.onerror = function (e) { e.preventDefault(); kept.push(new ErrorEvent('error', { message: e.message })); };
      } catch (e) { early = null; }
      globalThis.parkscoreStartWorker = function () {
        if (!early) return startWorker();
        var worker = early, replay = kept;
        early = null;
        kept = [];
        worker.onmessage = null;
        worker.onerror = null;
        queueMicrotask(function () {
          for (var i = 0; i < replay.length; i++) worker.dispatchEvent(replay[i]);
        });
        return worker;
      };
      initSync({ module: module });
    }).catch(failed);
  } catch (e) { failed(e); }
})();`;

// 7. The loader's Chinese messages as \u escapes: the page's text is ASCII (step 6).
const asciiLoader = loader.replace(nonAscii, (c) => {
  const code = c.codePointAt(0);
  // As UTF-16 code units (\u{…} is newer syntax than the loader allows itself).
  return String.fromCodePoint(code).split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
});
if (/<\/script|<!--|<script/i.test(asciiLoader)) fail('the loader contains </script, <script or <!--');

// Script-src: exactly the page's two inline scripts, by their SHA-256, instead of any inline
// script ('unsafe-inline' stays only for browsers older than CSP 2, which ignore hashes; the
// ones that know hashes ignore it). The worker is not a page script: worker-src blob: starts it.
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = /(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src )([^;"]*)/;
if (!csp.test(html)) fail('no script-src in the CSP of index.html');
if (!/'unsafe-inline'/.test(html.match(csp)[2])) fail(`script-src without 'unsafe-inline': ${html.match(csp)[2]}`);
html = html.replace(csp, (_, head, sources) => `${head}${sources} ${hash(glue)} ${hash(asciiLoader)}`);

const WASM_AT = '\u0000wasm\u0000', UNZSTD_AT = '\u0000unzstd\u0000';
const scripts = `<script id="parkscore-glue">${glue}</script>
<script type="application/octet-stream" id="parkscore-wasm" data-length="${compressed.length}">${WASM_AT}</script>
<script type="application/octet-stream" id="parkscore-unzstd" data-length="${unzstd.length}">${UNZSTD_AT}</script>
<script>${asciiLoader}</script>`;
if (!html.includes('</body>')) fail('no </body> in index.html');
html = html.replace('</body>', () => `${scripts}\n</body>`);

// 5. Nothing external may remain.
const external = /\b(?:src|href)=["']?(?!["']?(?:data:|#))[^\s>]*/g;
const leftovers = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').match(external);
if (leftovers) fail(`external references remain: ${leftovers.join(' ')}`);
const cssUrls = [...html.matchAll(/url\(\s*["']?(?!data:)([^"')]+)/g)].map((m) => m[1]);
if (cssUrls.length) fail(`stylesheets reference external resources: ${cssUrls.join(' ')}`);

// 8. The file: ASCII around the two blocks of raw bytes.
if (/[^\x00-\x7f]/.test(html.replace(WASM_AT, '').replace(UNZSTD_AT, ''))) fail('the page has a character outside ASCII (see step 6)');
const [head, middle, tail] = html.split(new RegExp(`${WASM_AT}|${UNZSTD_AT}`));
if (tail === undefined || html.indexOf(WASM_AT) > html.indexOf(UNZSTD_AT)) fail('the data blocks are not in place');
const file = Buffer.concat([Buffer.from(head, 'ascii'), escapeData(compressed), Buffer.from(middle, 'ascii'), escapeData(unzstd), Buffer.from(tail, 'ascii')]);
// The build reads the file back as a browser does (windows-1252, CR and CRLF to LF, NUL to
// U+FFFD; a block's text ends at its first '</script') and runs the loader's own decoding on
// it: each block must give back exactly the bytes it carries.
{
  const text = Array.from(file, (b) => (b >= 0x80 && b < 0xa0 ? DATA_HIGH[b - 0x80] : String.fromCharCode(b))).join('')
    .replace(/\r\n?/g, '\n').replaceAll('\u0000', '\ufffd');
  if (!/^<!DOCTYPE html>[\s\S]{0,400}<meta charset="windows-1252">/i.test(text)) fail('the charset is not declared within the first bytes');
  const dataBytes = new Function(`return ${dataBytesSource}`)();
  for (const [id, bytes] of [['parkscore-wasm', compressed], ['parkscore-unzstd', unzstd]]) {
    const block = new RegExp(`<script type="application/octet-stream" id="${id}" data-length="(\\d+)">([\\s\\S]*?)</script`, 'i').exec(text);
    if (!block || !Buffer.from(dataBytes(block[2], Number(block[1]))).equals(bytes)) fail(`the block ${id} does not read back as the bytes it carries`);
  }
}

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, file);
const raw = file.length;
const gz = gzipSync(file, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`${outFile}: ${raw} bytes (${kb(raw)}), gzipped ${gz} bytes (${kb(gz)}); wasm ${wasm.length} bytes, zstd ${compressed.length} bytes (${kb(compressed.length)}), decoder ${unzstd.length} bytes`);
