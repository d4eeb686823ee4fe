// End-to-end tests of big files (issue 5: "big files show progress and never freeze the tab"),
// on dist/parkscore.html opened from file:// as a double-clicked file is (opaque origin).
//
// The work runs in the compute worker (src/services/worker.rs), which the page starts from its
// own code; the views show a page of the ranking and the first bars of the chart. How long
// the main thread is blocked is a benchmark (tools/bench.mjs), not a test here.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launch, openFreshApp, shot, dropFile, idle, allowAnyParks, ROOT, APP_URL,
  cellText, clickCell, waitActiveCell, typeInCell,
} from './harness.mjs';

const PARKS = 1200;
const dir = mkdtempSync(join(tmpdir(), 'parkscore-big-e2e-'));
const BIG_CSV = join(dir, `big-${PARKS}.csv`);
execFileSync('node', [join(ROOT, 'tools', 'make-big-csv.mjs'), String(PARKS), BIG_CSV]);

/** {park: total} from the native command line (the same engine reached another way). */
function cliTotals(file) {
  // The synthetic parks are not the scheme's 14 units: both choices, as in the page.
  const out = execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'parkscore', '--', 'score', file, '--format', 'json', '--allow-unlisted', '--allow-missing-units'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    // The synthetic file has long ties; the CLI's warnings about them are not wanted here.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const json = JSON.parse(out);
  return Object.fromEntries(json.parks.filter((p) => !p.vetoed).map((p) => [p.name, p.total]));
}

/** Waits for the big file's ranking: a page of 100 rows (the sample before it had 14). */
async function waitForBigRanking(page) {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="rank-row"]').length === 100, null, { timeout: 60_000 });
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a file of 1,200 parks: progress first, the work in the worker, a page of the ranking, the same totals as the CLI', async () => {
  const { page, errors, requests } = await openFreshApp(browser.context);
  assert.equal(page.workers().length, 1, 'the page started its compute worker');
  assert.match(page.workers()[0].url(), /^blob:/, 'from its own code, not from a file or the network');
  await allowAnyParks(page);
  // Record whether 正在读取… was ever on screen, however briefly.
  await page.evaluate(() => {
    window.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="progress"]')) window.sawProgress = true;
    }).observe(document, { subtree: true, childList: true });
  });
  await dropFile(page, `big-${PARKS}.csv`, readFileSync(BIG_CSV));
  await waitForBigRanking(page);
  assert.equal(await page.evaluate(() => window.sawProgress), true, 'progress was shown');
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'worker');

  // A page of 100 rows, and a way to the next 100.
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 100);
  const more = page.locator('[data-testid="ranking-more"]');
  assert.match(await more.textContent(), new RegExp(`共 ${PARKS} 个园区，已显示 100 个`));
  await more.locator('button').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="rank-row"]').length === 200);

  // The totals on screen are the engine's, as the command line gives them.
  const expected = cliTotals(BIG_CSV);
  assert.equal(Object.keys(expected).length, PARKS);
  const shown = await page.$$eval('[data-testid="rank-row"]', (rows) => rows.map((r) => [r.dataset.park, r.querySelector('[data-testid="total"]').textContent.trim()]));
  for (const [park, total] of shown) assert.equal(total, expected[park], `total of ${park}`);

  // The chart draws the first 50 and says so.
  assert.equal(await page.locator('[data-testid="totals-chart"] rect.bar').count(), 50);
  assert.match(await page.locator('figure.chart figcaption').textContent(), new RegExp(`仅画出前 50 名，共 ${PARKS} 个园区`));

  // The printout has at most 200 rows and points to the export for the rest.
  const print = page.locator('[data-testid="print-report"]');
  // The printout is made in the task after the results are shown.
  await print.locator('td.more').waitFor({ state: 'attached', timeout: 10000 });
  assert.equal(await print.locator('tbody tr').count(), 200);
  assert.match(await print.locator('td.more').textContent(), /只打印前 200 名；全部结果见导出的 Excel 报表/);

  await shot(page, 'big-file-ranking');
  assert.deepEqual(errors, []);
  const external = requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual([...new Set(external)], [APP_URL], 'nothing but the page itself was requested');
  await page.close();
});

test('an edit in a big file is scored again in the worker', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await allowAnyParks(page);
  await dropFile(page, `big-${PARKS}.csv`, readFileSync(BIG_CSV));
  await waitForBigRanking(page);
  const expected = cliTotals(BIG_CSV);
  const detailTotal = async () => {
    await page.click('[data-testid="tab-detail"]');
    const title = await page.textContent('#detail-title');
    const m = /^东山园区-1：第 \d+ 名，总分 (\S+)$/.exec(title.trim());
    assert.ok(m, `detail title: ${title}`);
    return m[1];
  };
  await page.click('[data-testid="tab-detail"]');
  await page.selectOption('[data-testid="park-select"]', '东山园区-1');
  assert.equal(await detailTotal(), expected['东山园区-1']);
  // RawTable row 2 is the file's first park, 东山园区-1; column 19 is 园区规划体系（分）, a
  // score the bureau gives directly (full marks 3). The sample gives 东山园区 3; at 0 its
  // total falls by exactly 3.00, whatever the other 1,199 parks do.
  await page.click('[data-testid="tab-data"]');
  // The grid is paged: 1,202 rows (title, header, 1,200 parks), 100 at a time.
  assert.equal((await page.textContent('[data-testid="grid-pager"] span')).trim(), '第 1–100 行（共 1202 行，第 1/13 页）');
  assert.equal(await page.locator('[data-testid="grid-pager"] ~ .grid-scroll tbody tr').count(), 100);
  await page.click('[data-testid="grid-next"]');
  // RawTable row 100 is the 99th park: the sample's first row (99 − 1 = 98 = 7 × 14) in its
  // 8th copy.
  assert.equal(await cellText(page, 'cell-100-0'), '东山园区-8');
  // The page is text, with one editor (issue 14): 100 rows × the table's columns.
  const width = await page.locator('.data-grid thead [data-testid^="col-"]').count();
  assert.equal(await page.locator('.data-grid tbody td').count(), 100 * width);
  assert.equal(await page.locator('.data-grid input').count(), 1);
  await page.click('[data-testid="grid-prev"]');
  // Moving off the page with the keyboard turns it, and back.
  await clickCell(page, 'cell-99-0');
  await page.keyboard.press('ArrowDown');
  await waitActiveCell(page, 'cell-100-0');
  assert.match(await page.textContent('[data-testid="grid-pager"] span'), /第 2\/13 页/);
  await page.keyboard.press('ArrowUp');
  await waitActiveCell(page, 'cell-99-0');
  assert.equal(await cellText(page, 'cell-2-19'), '3');
  await typeInCell(page, 'cell-2-19', '0');
  await idle(page);
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'worker');
  const after = await detailTotal();
  assert.equal((Number(expected['东山园区-1']) - Number(after)).toFixed(2), '3.00');
  assert.deepEqual(errors, []);
  await page.close();
});

test('without workers the work runs on the page and gives the same ranking', async () => {
  const context = browser.context;
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A browser that cannot start the worker (as if Web Workers were unavailable).
  // (Local storage emptied before the app starts: nothing of the last test is restored.)
  await page.addInitScript(() => { window.Worker = undefined; localStorage.clear(); });
  await page.goto(APP_URL);
  await page.waitForSelector('[data-testid="app-root"]');
  await page.evaluate(() => localStorage.clear());
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="rank-row"]');
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'page');
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  assert.equal(page.workers().length, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a worker that dies on a job: the job runs on the page instead, and so do later ones', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Every worker the page starts takes the module, then throws on the first job. (Local
  // storage emptied before the app starts: nothing of the last tests is restored — a write of
  // a page closed just before can land late.)
  await page.addInitScript(() => {
    localStorage.clear();
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(_url, options) {
        const src = 'self.onmessage = (e) => { if (!e.data.module) throw new Error("boom"); };';
        super(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), options);
      }
    };
  });
  await page.goto(APP_URL);
  await page.waitForSelector('[data-testid="app-root"]');
  await page.evaluate(() => localStorage.clear());
  await page.click('[data-testid="load-sample"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="rank-row"]').length === 14);
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'page');
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  assert.equal(page.workers().length, 0, 'the dead worker was terminated');
  // A later job (a change of method) runs on the page too, and changes the reading.
  const before = await page.textContent('[data-testid="reading"]');
  await page.selectOption('[data-testid="method-select"]', 'min_max');
  await page.waitForFunction((r) => document.querySelector('[data-testid="reading"]').textContent !== r, before);
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the worker warms up once it is ready (the sample, then a workbook) and leaves the page as it was', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The replies of the warm-up jobs: their job number is 2^64 − 1 (a float of about 1.8e19 in
  // JS); a user's jobs count up from 1.
  await page.addInitScript(() => {
    localStorage.clear();
    window.warmUps = [];
    const Real = window.Worker;
    window.Worker = class extends Real {
      constructor(url, options) {
        super(url, options);
        this.addEventListener('message', (e) => {
          if (e.data && e.data.seq > 1e18) window.warmUps.push({ parts: Array.isArray(e.data.parts), error: e.data.error ?? null });
        });
      }
    };
  });
  await page.goto(APP_URL);
  await page.waitForSelector('[data-testid="app-root"]');
  await page.waitForFunction(() => window.warmUps.length === 2, null, { timeout: 30_000 });
  assert.deepEqual(await page.evaluate(() => window.warmUps), [{ parts: true, error: null }, { parts: true, error: null }]);
  // Nothing of the warm-up reached the page: the landing page, no ranking, no message.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 0);
  assert.equal(await page.locator('[data-testid="load-error"]').count(), 0);
  assert.ok(await page.isVisible('[data-testid="load-sample"]'));
  // The first file then scores as ever, in the worker.
  await dropFile(page, 'sample.csv', readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv')));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="rank-row"]').length === 14);
  assert.equal(await page.getAttribute('[data-testid="app-root"]', 'data-compute'), 'worker');
  assert.equal(await page.evaluate(() => window.warmUps.length), 2, 'warmed up once');
  assert.deepEqual(errors, []);
  await page.close();
});
