// Shared harness of the browser end-to-end tests: Debian's Chromium driven by playwright-core,
// the app opened from dist/parkscore.html over file:// (as a user double-clicks it), and
// screenshots saved under target/e2e/ for a reviewer to look at.

import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as zlibModule from 'node:zlib';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST_HTML = join(ROOT, 'dist', 'parkscore.html');
export const APP_URL = pathToFileURL(DIST_HTML).href;
export const SHOTS = join(ROOT, 'target', 'e2e');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// No --allow-file-access-from-files: the page must work as a double-clicked file does for a
// user (an opaque origin), the compute worker included.
const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-quic', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/**
 * Launches a fresh Chromium with an empty profile; `close()` also deletes the profile.
 * `extraArgs`: more Chromium flags (tools/bench.mjs: --enable-precise-memory-info).
 */
export async function launch(extraArgs = []) {
  if (!existsSync(DIST_HTML)) throw new Error(`${DIST_HTML} is missing: run 'make dist' first`);
  const profile = mkdtempSync(join(tmpdir(), 'parkscore-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...extraArgs],
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close, profile };
}

/**
 * Opens the app in a new page of `context` and waits until the Rust app has rendered.
 * Collects console errors, CSP violations and every request the page makes.
 */
export async function openApp(context, url = APP_URL) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('[data-testid="app-root"]', { timeout: 30_000 });
  return { page, requests, errors };
}

/** Saves a full-page PNG screenshot as target/e2e/NAME.png. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Drops a file on the page the way a user does from the file manager: a synthetic drag and
 * drop sequence whose DataTransfer carries a File with `bytes` (a Buffer) named `name`.
 */
export async function dropFile(page, name, bytes, target = 'body') {
  await page.evaluate(
    async ({ name, b64, target }) => {
      const bin = atob(b64);
      const buf = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([buf], name));
      const el = document.querySelector(target);
      for (const type of ['dragenter', 'dragover', 'drop']) {
        el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { name, b64: Buffer.from(bytes).toString('base64'), target },
  );
}

/**
 * Drops several files at once (one DataTransfer carrying them all), as a user drags the
 * bureaus' files together from the file manager. `files`: [{ name, bytes }].
 */
export async function dropFiles(page, files, target = 'body') {
  await page.evaluate(
    async ({ files, target }) => {
      const dt = new DataTransfer();
      for (const { name, b64 } of files) {
        const bin = atob(b64);
        const buf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
        dt.items.add(new File([buf], name));
      }
      const el = document.querySelector(target);
      for (const type of ['dragenter', 'dragover', 'drop']) {
        el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
    },
    { files: files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64') })), target },
  );
}

/** Like `openApp`, with no session left in local storage by an earlier test. */
/**
 * Waits until the app is idle: no file being read and no scoring job pending (the progress
 * line gone). Scoring runs in a worker, so results arrive a moment after an edit.
 */
export async function idle(page) {
  await page.waitForSelector('[data-testid="progress"]', { state: 'detached', timeout: 60_000 });
}

export async function openFreshApp(context, url = APP_URL) {
  const app = await openApp(context, url);
  await app.page.evaluate(() => localStorage.clear());
  await app.page.reload();
  await app.page.waitForSelector('[data-testid="app-root"]');
  return app;
}

/**
 * Ticks the two choices about the scheme's list of units (允许缺少名单中的园区, 允许名单外的园区),
 * as a user does before loading a file of other parks (the synthetic big files). The choices
 * show once a table is loaded, so the sample is loaded first if nothing is; they stay for the
 * next file.
 */
export async function allowAnyParks(page) {
  if (!(await page.$('[data-testid="allow-unlisted"]'))) {
    await page.click('[data-testid="load-sample"]');
    await page.waitForSelector('[data-testid="allow-unlisted"]');
  }
  for (const id of ['allow-missing-units', 'allow-unlisted']) {
    const box = page.locator(`[data-testid="${id}"]`);
    if (!(await box.isChecked())) await box.check();
  }
  await idle(page);
}

/**
 * The entries of a zip file (an .xlsx) as a Map of name → Buffer, read with node's own zlib:
 * the central directory at the end, then each entry stored or deflated. Enough for the
 * workbooks the app writes; throws on anything else.
 */
export function readZip(bytes) {
  const { inflateRawSync } = zlibModule;
  const buf = Buffer.from(bytes);
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 0 ? data : inflateRawSync(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// The data grid as a user meets it: cells are text (`<td data-testid="cell-R-C">`, gridcells of
// the grid) and one editor, an <input>, sits in the active cell. These helpers read and drive it the way a
// user does: click a cell, type, press keys.

/** The test id (`cell-R-C`) of the grid cell that holds the keyboard focus, else the focused element's. */
export function activeCell(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    return a?.closest?.('.data-grid td')?.dataset?.testid ?? a?.dataset?.testid ?? null;
  });
}

/** Waits until the grid cell `id` holds the keyboard focus. */
export function waitActiveCell(page, id) {
  return page.waitForFunction(
    (id) => document.activeElement?.closest?.('.data-grid td')?.dataset?.testid === id, id);
}

/** What grid cell `id` shows: its text, or the editor's when the editor is on it. */
export function cellText(page, id) {
  return page.evaluate((id) => {
    const cell = document.querySelector(`[data-testid="${id}"]`);
    const editor = cell?.querySelector('input');
    return editor ? editor.value : (cell?.textContent ?? null);
  }, id);
}

/** Waits until grid cell `id` shows `text`. */
export function waitCellText(page, id, text) {
  return page.waitForFunction(([id, text]) => {
    const cell = document.querySelector(`[data-testid="${id}"]`);
    const editor = cell?.querySelector('input');
    return (editor ? editor.value : cell?.textContent) === text;
  }, [id, text]);
}

/** Clicks grid cell `id` (its text is selected whole, as in Excel) and waits for the focus on it. */
export async function clickCell(page, id) {
  await page.click(`[data-testid="${id}"]`);
  await waitActiveCell(page, id);
}

/** Types `text` over grid cell `id` as a user does: a click on it, then the keys. */
export async function typeInCell(page, id, text) {
  await clickCell(page, id);
  await page.keyboard.type(text);
}
