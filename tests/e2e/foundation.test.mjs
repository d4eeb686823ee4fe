// Foundation end-to-end tests (issue 2): the single-file build renders from file:// and over
// http under its no-network Content-Security-Policy, files reach the app through the file
// input and by drag and drop, and the page contacts nothing, not even 127.0.0.1.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { launch, openApp, shot, dropFile, APP_URL, DIST_HTML } from './harness.mjs';

// A small file of the kind users bring; its content does not matter to these tests, only that
// it reaches the app.
const CSV = Buffer.from('园区名称,新增工业总产值\n东山园区,12.5\n', 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A loopback HTTP server that counts the requests it receives. Its .html is `text/html` with no
 *  charset, as python's http.server (`make run`), nginx and IIS send a static file by default,
 *  unless `htmlType` says otherwise. */
async function countingServer(body = 'reached', htmlType = 'text/html') {
  const server = createServer((req, res) => {
    server.hits.push(req.url);
    res.writeHead(200, { 'content-type': req.url.endsWith('.html') ? htmlType : 'text/plain' });
    res.end(typeof body === 'function' ? body(req) : body);
  });
  server.hits = [];
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  server.url = `http://127.0.0.1:${server.address().port}`;
  return server;
}

test('renders from file:// under the CSP, with no errors and no request but the file itself', async () => {
  const { page, requests, errors } = await openApp(browser.context);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /https?:/, 'the CSP names no external source');
  assert.ok(await page.isVisible('[data-testid="app-root"]'));
  assert.match(await page.title(), /赤峰市工业园区综合发展评价考核/);
  assert.equal(await page.evaluate(() => document.characterSet), 'windows-1252');
  const external = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(external, [APP_URL], 'the page loads nothing but itself');
  assert.deepEqual(errors, []);
  // A normal start never shows the start-failure message, nor does an error after it.
  assert.equal(await page.isVisible('#unsupported'), false);
  await page.evaluate(() => { setTimeout(() => { throw new Error('an error after the start'); }, 0); });
  await page.waitForTimeout(300);
  assert.equal(await page.isVisible('#unsupported'), false);
  await shot(page, 'foundation-file-url');
  await page.close();
});

test('a file chosen through <input type=file> reaches the app', async () => {
  const { page, errors } = await openApp(browser.context);
  await page.setInputFiles('#file-input', { name: '选择的文件.csv', mimeType: 'text/csv', buffer: CSV });
  await page.waitForSelector('[data-testid="source-name"]:has-text("选择的文件.csv")', { timeout: 15_000 });
  await shot(page, 'foundation-file-input');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file dropped on the page reaches the app', async () => {
  const { page, errors } = await openApp(browser.context);
  await dropFile(page, '拖入的文件.csv', CSV);
  await page.waitForSelector('[data-testid="source-name"]:has-text("拖入的文件.csv")', { timeout: 15_000 });
  await shot(page, 'foundation-drop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSP blocks a fetch, an image and a beacon to 127.0.0.1: the server sees nothing', async () => {
  const server = await countingServer();
  try {
    const { page } = await openApp(browser.context);
    const outcome = await page.evaluate(async (url) => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      let fetched;
      try { await fetch(`${url}/fetch`); fetched = 'reached'; } catch (e) { fetched = 'blocked'; }
      const img = new Image();
      const imgResult = await new Promise((ok) => { img.onload = () => ok('reached'); img.onerror = () => ok('blocked'); img.src = `${url}/img.png`; });
      let beacon;
      try { beacon = navigator.sendBeacon(`${url}/beacon`, 'x') ? 'queued' : 'refused'; } catch (e) { beacon = 'blocked'; }
      await new Promise((ok) => setTimeout(ok, 500));
      return { fetched, imgResult, beacon, violations };
    }, server.url);
    assert.equal(outcome.fetched, 'blocked');
    assert.equal(outcome.imgResult, 'blocked');
    assert.ok(outcome.violations.includes('connect-src'), `violations: ${outcome.violations}`);
    assert.ok(outcome.violations.includes('img-src'), `violations: ${outcome.violations}`);
    await new Promise((ok) => setTimeout(ok, 300));
    assert.deepEqual(server.hits, [], 'the loopback server received no request');
    await page.close();
  } finally {
    server.close();
  }
});

test('the same file also works served over http, and still contacts nothing else', async () => {
  const html = readFileSync(DIST_HTML);
  const server = await countingServer((req) => (req.url === '/parkscore.html' ? html : 'other'));
  try {
    const { page, requests, errors } = await openApp(browser.context, `${server.url}/parkscore.html`);
    const external = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
    assert.deepEqual(external, [`${server.url}/parkscore.html`]);
    const sameOrigin = await page.evaluate(async () => {
      try { await fetch('/other'); return 'reached'; } catch (e) { return 'blocked'; }
    });
    assert.equal(sameOrigin, 'blocked', 'connect-src none blocks even the serving origin');
    assert.deepEqual(server.hits, ['/parkscore.html']);
    assert.deepEqual(errors.filter((e) => !/Content Security Policy|Failed to fetch/.test(e)), []);
    await shot(page, 'foundation-http');
    await page.close();
  } finally {
    server.close();
  }
});

// The page is a windows-1252 document whose data blocks are raw bytes (tools/inline.mjs, step 6).
// A server that names another charset outranks the page's own: the bytes are lost, and the page
// says so in Chinese instead of failing somewhere in the decode.
test('served as charset=utf-8, the page says how to open it instead of starting on damaged bytes', async () => {
  const html = readFileSync(DIST_HTML);
  const server = await countingServer((req) => (req.url === '/parkscore.html' ? html : 'other'), 'text/html; charset=utf-8');
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/parkscore.html`);
    await page.waitForSelector('#unsupported:not([hidden])', { timeout: 15_000 });
    const text = await page.textContent('#unsupported');
    assert.match(text, /页面没有按本文件自己的编码（windows-1252）打开，程序数据无法还原/);
    assert.match(text, /请把文件保存到本机后直接双击打开/);
    assert.equal(await page.$('[data-testid="app-root"]'), null);
    assert.equal(await page.evaluate(() => document.characterSet), 'UTF-8');
    await page.close();
  } finally {
    server.close();
  }
});

// The loader compiles the wasm while it decodes it (WebAssembly.compileStreaming); a browser
// without streaming compile gets it decoded whole, then compiled, and starts all the same.
test('without streaming compile the page decodes the program whole and starts', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // No session of an earlier test restored: the sample is loaded on an empty page.
  await page.addInitScript(() => { delete WebAssembly.compileStreaming; localStorage.clear(); });
  await page.goto(APP_URL);
  await page.waitForSelector('[data-testid="app-root"]', { timeout: 15_000 });
  assert.equal(await page.evaluate(() => typeof WebAssembly.compileStreaming), 'undefined');
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]', { timeout: 15_000 });
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the CSP runs the page\'s own two scripts and no other inline script', async () => {
  const { page, errors } = await openApp(browser.context);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.equal(csp.match(/'sha256-[^']+'/g)?.length, 2, 'script-src names the two scripts by hash');
  const ran = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const s = document.createElement('script');
    s.textContent = 'window.injected = true;';
    document.body.append(s);
    await new Promise((ok) => setTimeout(ok, 200));
    return { injected: window.injected === true, violations };
  });
  assert.equal(ran.injected, false, 'an injected inline script does not run');
  assert.ok(ran.violations.includes('script-src-elem'), `violations: ${ran.violations}`);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await page.close();
});

// Whatever stops the start, the page says so in Chinese and names the browsers that work:
// never a blank page. Each case breaks the start on purpose.
const BROWSERS = /可用的浏览器：Chrome 或 Edge 97 及以上版本/;
for (const [what, init, reason] of [
  ['a browser without WebAssembly', () => { delete window.WebAssembly; },
    /浏览器版本过旧：不支持 WebAssembly。/],
  // The wasm travels zstd-compressed, with a checksum: a damaged copy (one character of the
  // program's data changed in the page, at 50 % or at 90 % of it: a change near the end can
  // decode without any error but the checksum's) is refused with the decoder's own message,
  // never run. With and without streaming compile.
  ...[[0.5, true], [0.9, true], [0.5, false]].map(([where, streaming]) => [
    `a damaged copy of the program (changed at ${where * 100} %${streaming ? '' : ', compiled whole'})`,
    new Function(`
      if (!${streaming}) delete WebAssembly.compileStreaming;
      const get = Document.prototype.getElementById;
      let damaged = false;
      Document.prototype.getElementById = function (id) {
        const el = get.call(this, id);
        if (id === 'parkscore-wasm' && el && !damaged) {
          damaged = true;
          const text = el.firstChild.data;
          let at = Math.floor(text.length * ${where});
          // A plain character, not an escape or the one after it: the block keeps its length.
          while (text[at] === '=' || text[at - 1] === '=') at++;
          el.firstChild.data = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
        }
        return el;
      };`),
    /启动时出错：程序数据已损坏，无法解压/,
  ]),
  // Chromium 86 (360 安全浏览器 13) validates no module with an externref.
  ['an old core without WebAssembly reference types', () => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (bytes.length === 15 && bytes[13] === 111 ? false : validate(bytes));
    Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 Chrome/86.0.4240.198 Safari/537.36 QIHU 360SE' });
  }, /浏览器内核过旧：不支持 WebAssembly 引用类型。（本浏览器的内核为 Chromium 86）/],
  // What a core older than 97 does under the page's CSP: the compile is refused.
  ['the CSP refusing the wasm compile', () => {
    const refuse = () => Promise.reject(new WebAssembly.CompileError("WebAssembly.compileStreaming(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive"));
    WebAssembly.compileStreaming = refuse;
    WebAssembly.compile = refuse;
  }, /浏览器不允许在安全策略下编译 WebAssembly（需要 Chromium 97 及以上内核）。/],
  // An exception while the app starts.
  ['an exception during start', () => {
    WebAssembly.Instance = function () { throw new Error('模拟的启动错误'); };
  }, /启动时出错：模拟的启动错误/],
]) {
  test(`${what}: the page says it cannot start and which browsers work`, async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(init);
    await page.goto(APP_URL);
    await page.waitForSelector('#unsupported:not([hidden])', { timeout: 15_000 });
    const text = await page.textContent('#unsupported');
    assert.match(text, /本工具无法在此浏览器中启动。/);
    assert.match(text, reason);
    assert.match(text, BROWSERS);
    assert.equal(await page.$('[data-testid="app-root"]'), null);
    await page.close();
  });
}
