// End-to-end tests of issue 9 in the page: a file that kills the compute worker (a browser out
// of memory, or the wasm trapping) leaves the page usable with the previous work, says the file
// could not be processed, and a new worker takes the next job. Run on dist/parkscore.html
// opened from file://.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, shot, dropFile, idle, ROOT, APP_URL } from './harness.mjs';

const SAMPLE = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Every Worker the page starts is the real compute worker, but a job whose file is named
 * `kill-*` ends it the way the browser ends a worker that ran out of memory: the worker is
 * gone and its `error` event fires. `window.workersStarted` counts the workers started.
 */
function killOnDemand() {
  const Real = window.Worker;
  window.workersStarted = 0;
  window.Worker = class extends Real {
    constructor(url, options) {
      super(url, options);
      window.workersStarted += 1;
    }
    postMessage(message, transfer) {
      if (message && typeof message.request === 'string' && message.request.includes('"kill-')) {
        this.terminate();
        setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: 'Out of memory' })), 10);
        return;
      }
      super.postMessage(message, transfer);
    }
  };
}

/** Every job's wasm traps (as on a panic or a failed memory.grow) when its file is `trap-*`. */
function trapOnDemand() {
  const Real = window.Worker;
  window.workersStarted = 0;
  window.Worker = class extends Real {
    constructor(url, options) {
      super(url, options);
      window.workersStarted += 1;
    }
    postMessage(message, transfer) {
      if (message && typeof message.request === 'string' && message.request.includes('"trap-')) {
        // Answered as the worker's own script answers when the wasm traps.
        const fake = new MessageEvent('message', {
          data: { seq: message.seq, error: 'unreachable executed', fatal: true },
        });
        setTimeout(() => this.dispatchEvent(fake), 10);
        return;
      }
      super.postMessage(message, transfer);
    }
  };
}

for (const [kind, script, prefix] of [
  ['dies (out of memory)', killOnDemand, 'kill'],
  ['traps (wasm unreachable)', trapOnDemand, 'trap'],
]) {
  test(`a file whose job ${kind}: message, previous work kept, a new worker for the next job`, async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // No session restored from an earlier test: storage cleared before the app mounts.
    await page.addInitScript(() => localStorage.clear());
    await page.addInitScript(script);
    const app = page;
    await app.goto(APP_URL);
    await app.waitForSelector('[data-testid="app-root"]');

    // The previous work: the sample, scored in the worker.
    await dropFile(app, 'sample-2020.csv', SAMPLE);
    await app.waitForSelector('[data-testid="rank-row"]');
    await idle(app);
    assert.equal(await app.getAttribute('[data-testid="app-root"]', 'data-compute'), 'worker');
    const ranking = await app.$$eval('[data-testid="rank-row"]', (rows) => rows.map((r) => r.textContent));
    assert.equal(ranking.length, 14);
    assert.equal(await app.evaluate(() => window.workersStarted), 1);

    // The hostile file: its job ends the worker.
    await dropFile(app, `${prefix}-me.csv`, SAMPLE);
    await app.waitForSelector('[data-testid="notice"]');
    await idle(app);
    const notice = await app.textContent('[data-testid="notice"]');
    assert.match(notice, /计算线程在处理时停止了/);
    assert.match(notice, /之前的工作已保留/);
    // The previous ranking is still on screen, unchanged, and its file is still the source.
    const after = await app.$$eval('[data-testid="rank-row"]', (rows) => rows.map((r) => r.textContent));
    assert.deepEqual(after, ranking);
    assert.match(await app.textContent('[data-testid="app-root"]'), /sample-2020\.csv/);
    await shot(app, `worker-${prefix}-kept-previous-work`);

    // A new worker was started and takes the next job: a change of method re-scores there.
    assert.equal(await app.evaluate(() => window.workersStarted), 2);
    const reading = await app.textContent('[data-testid="reading"]');
    await app.selectOption('[data-testid="method-select"]', 'min_max');
    await app.waitForFunction((r) => document.querySelector('[data-testid="reading"]').textContent !== r, reading);
    await idle(app);
    assert.equal(await app.getAttribute('[data-testid="app-root"]', 'data-compute'), 'worker');
    assert.equal(await app.locator('[data-testid="rank-row"]').count(), 14);
    assert.deepEqual(errors, []);
    await app.close();
  });
}
