// End-to-end tests of the browser app (issue 5) on dist/parkscore.html opened from file://:
// the flows an official goes through, each leaving screenshots under target/e2e/. Expected
// totals come from the command line (`parkscore score … --format json`), the same engine
// reached another way, so a view that mis-presents a number fails.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, openFreshApp, shot, dropFile, idle, ROOT, SHOTS, cellText, typeInCell, clickCell,
} from './harness.mjs';

const SAMPLE_CSV = join(ROOT, 'core', 'data', 'sample-2020.csv');
const GBK_CSV = join(ROOT, 'core', 'tests', 'data', 'import', 'sample-2020-gbk.csv');

/** Runs the native command line (built by cargo if needed) and returns its stdout. */
function cli(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'parkscore', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** {park: total} from the CLI's JSON. */
function cliTotals(file, ...options) {
  const json = JSON.parse(cli('score', file, '--format', 'json', ...options));
  return Object.fromEntries(json.parks.filter((p) => !p.vetoed).map((p) => [p.name, p.total]));
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** {park: total} as the ranking table shows them. */
async function screenTotals(page) {
  return page.$$eval('[data-testid="rank-row"]', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.park, r.querySelector('[data-testid="total"]').textContent.trim()]),
  ));
}

async function loadSample(page) {
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
}

test('the sample shows the ranking of the 14 units with the reading, as the CLI computes it', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await shot(page, 'app-landing');
  await loadSample(page);
  const rows = await page.$$('[data-testid="rank-row"]');
  assert.equal(rows.length, 14);
  assert.deepEqual(await screenTotals(page), cliTotals(SAMPLE_CSV));
  const reading = await page.textContent('[data-testid="reading"]');
  assert.match(reading, /排序法/);
  assert.match(reading, /附加分/);
  const first = await page.$eval('[data-testid="rank-row"]', (r) => r.dataset.park);
  assert.equal(first, '红山园区');
  await shot(page, 'app-sample-ranking');
  // The detail view explains every indicator with its numbers.
  await page.click('[data-testid="tab-detail"]');
  await page.waitForSelector('[data-testid="park-detail"]');
  const detail = await page.textContent('[data-testid="park-detail"]');
  assert.match(detail, /名次 \d+\/14/);
  assert.ok(await page.isVisible('[data-testid="group-chart"]'));
  await shot(page, 'app-park-detail');
  await page.click('[data-testid="tab-awards"]');
  const awards = await page.textContent('[data-testid="awards"]');
  assert.match(awards, /300/);
  assert.match(awards, /园区公共服务平台/);
  // The engine proposes no park for 园区公共服务平台: the user picks one, and it is printed.
  await page.selectOption('[data-testid="platform-select"]', '安庆园区');
  await page.emulateMedia({ media: 'print' });
  const printed = await page.$$eval('[data-testid="print-report"] li', (items) =>
    items.map((li) => li.textContent).filter((t) => t.includes('园区公共服务平台')));
  assert.equal(printed.length, 1, String(printed));
  assert.match(printed[0], /安庆园区/);
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'app-awards');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a GBK CSV (Excel on Chinese Windows) dropped on the page gives the results', async () => {
  const bytes = readFileSync(GBK_CSV);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
  const { page, errors } = await openFreshApp(browser.context);
  await dropFile(page, '考核数据-GBK.csv', bytes);
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.match(await page.textContent('[data-testid="source-name"]'), /考核数据-GBK\.csv/);
  assert.match(await page.textContent('[data-testid="app-root"]'), /GBK|GB18030/);
  assert.deepEqual(await screenTotals(page), cliTotals(SAMPLE_CSV));
  await shot(page, 'app-gbk-dropped');
  assert.deepEqual(errors, []);
  await page.close();
});

test('editing a cell re-scores at once and marks the cell', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  const before = await screenTotals(page);
  await page.click('[data-testid="tab-data"]');
  // RawTable rows: 0 title, 1 header, 2 东山园区; column 1 新增工业总产值（亿元）.
  const cell = '[data-testid="cell-2-1"]';
  assert.equal(await cellText(page, 'cell-2-1'), '38.6');
  await typeInCell(page, 'cell-2-1', '-5');
  await page.waitForFunction((cell) => /edited/.test(document.querySelector(cell).className), cell);
  await shot(page, 'app-edited-cell');
  await page.click('[data-testid="tab-ranking"]');
  await idle(page);
  const after = await screenTotals(page);
  // 东山园区 led 新增工业总产值 (38.6, rank 1/14: 6 points); at −5 it is last of 14 (below
  // 阿鲁科尔沁旗 −1.8): 6 × (14 − 14)/(14 − 1) = 0. Its total falls by exactly 6.00.
  assert.equal((Number(before['东山园区']) - Number(after['东山园区'])).toFixed(2), '6.00');
  await page.close();
});

test('changing the 排序法 method changes the ranking and the printed reading', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  const linear = await screenTotals(page);
  const readingBefore = await page.textContent('[data-testid="reading"]');
  await page.selectOption('[data-testid="method-select"]', 'ratio_to_top');
  await page.waitForFunction((r) => document.querySelector('[data-testid="reading"]').textContent !== r, readingBefore);
  assert.match(await page.textContent('[data-testid="reading"]'), /ratio_to_top|比值/);
  const ratio = await screenTotals(page);
  assert.notDeepEqual(ratio, linear);
  assert.deepEqual(ratio, cliTotals(SAMPLE_CSV, '--method', 'ratio_to_top'));
  await shot(page, 'app-method-ratio');
  await page.selectOption('[data-testid="method-select"]', 'rank_step');
  await page.fill('[data-testid="step-input"]', '0.5');
  await page.waitForFunction(() => /rank_step|每降一名/.test(document.querySelector('[data-testid="reading"]').textContent));
  assert.deepEqual(await screenTotals(page), cliTotals(SAMPLE_CSV, '--method', 'rank_step', '--step', '0.5'));
  await page.close();
});

test('exports: the xlsx report reads back to the same totals; CSV has a BOM; JSON has the CLI layout', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  const onScreen = await screenTotals(page);
  mkdirSync(SHOTS, { recursive: true });

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-xlsx"]')]);
  const xlsxPath = join(SHOTS, 'report.xlsx');
  await xlsx.saveAs(xlsxPath);
  // The sample's results say what they are: on screen, in every file's name and content.
  assert.match(await page.textContent('[data-testid="data-notice"]'), /^示例数据，非真实统计：/);
  assert.equal(xlsx.suggestedFilename(), '示例数据-赤峰市工业园区评价结果-2020年度-内部版.xlsx');
  assert.deepEqual(cliTotals(xlsxPath, '--sheet', '原始数据'), onScreen);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const csvPath = join(SHOTS, 'results.csv');
  await csv.saveAs(csvPath);
  const csvBytes = readFileSync(csvPath);
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  assert.match(csvBytes.toString('utf8'), /红山园区/);
  assert.equal(csv.suggestedFilename(), '示例数据-赤峰市工业园区评价结果-2020年度.csv');
  assert.match(csvBytes.toString('utf8'), /^\ufeff说明,示例数据，非真实统计\r\n名次,园区,/);

  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-json"]')]);
  const jsonPath = join(SHOTS, 'results.json');
  await json.saveAs(jsonPath);
  const parsed = JSON.parse(readFileSync(jsonPath, 'utf8'));
  assert.equal(parsed.scheme, 'chifeng-2020');
  assert.equal(parsed.notice, '示例数据，非真实统计');
  assert.equal(parsed.method, 'rank_linear');
  assert.equal(parsed.parks.length, 14);
  assert.deepEqual(
    Object.fromEntries(parsed.parks.map((p) => [p.name, p.total])),
    onScreen,
  );
  await page.close();
});

test('the print view: A4 title with the year, the date, the table and the reading', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  await page.emulateMedia({ media: 'print' });
  const report = page.locator('[data-testid="print-report"]');
  // The printout is made in the task after the results are shown.
  await report.waitFor({ state: 'visible', timeout: 5000 });
  assert.ok(await report.isVisible());
  const text = await report.textContent();
  assert.match(text, /赤峰市工业园区综合发展评价考核结果（2020年度）/);
  assert.match(text, /\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}/);
  assert.match(text, /排序法/);
  assert.match(text, /红山园区/);
  assert.equal(await page.isVisible('[data-testid="load-sample"]'), false, 'controls are not printed');
  assert.ok(await page.isVisible('[data-testid="data-notice"]'), 'the sample is marked on paper too');
  // No method or scheme id on paper.
  const printed = await page.evaluate(() => document.body.innerText);
  for (const id of ['rank_linear', 'rank_step', 'ratio_to_top', 'min_max', 'chifeng-2020', 'parkscore']) {
    assert.ok(!printed.includes(id), id);
  }
  await shot(page, 'app-print-preview');
  const pdf = await page.pdf({ format: 'A4', landscape: true });
  assert.ok(pdf.length > 10_000);
  await page.close();
});

test('an edit made just before the page is left is saved on pagehide, ahead of the deferred autosave', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  await page.click('[data-testid="tab-data"]');
  await clickCell(page, 'cell-2-1');
  await page.waitForTimeout(300); // every autosave so far has run
  const saved = await page.evaluate(async () => {
    const stored = () => (localStorage.getItem('parkscore.session.v1') ?? '').includes('77.7');
    const editor = document.querySelector('.data-grid input');
    editor.value = '77.7';
    editor.dispatchEvent(new InputEvent('input', { bubbles: true }));
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    // Yew renders and runs its effects in microtasks; the deferred autosave is a task of its
    // own (a timeout of 0), which cannot run before this function returns.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    const committed = document.querySelector('[data-testid="cell-2-1"]').textContent;
    const before = stored();
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    return { committed, before, after: stored() };
  });
  // The edit was on screen, not yet saved, and the page being left saved it.
  assert.deepEqual(saved, { committed: '77.7', before: false, after: true });
  await page.reload();
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.click('[data-testid="tab-data"]');
  assert.equal(await cellText(page, 'cell-2-1'), '77.7');
  await page.close();
});

test('a reload restores the data, an edit and the settings; 清除本机数据 wipes them', async () => {
  const { page } = await openFreshApp(browser.context);
  await loadSample(page);
  await page.selectOption('[data-testid="method-select"]', 'min_max');
  await page.click('[data-testid="tab-data"]');
  await typeInCell(page, 'cell-2-1', '99.9');
  await page.click('[data-testid="tab-ranking"]');
  const edited = await screenTotals(page);
  await page.waitForTimeout(300);

  await page.reload();
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.deepEqual(await screenTotals(page), edited);
  assert.equal(await page.inputValue('[data-testid="method-select"]'), 'min_max');
  await page.click('[data-testid="tab-data"]');
  assert.equal(await cellText(page, 'cell-2-1'), '99.9');
  await shot(page, 'app-restored');

  // It asks first, naming what goes.
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.accept(); });
  await page.click('[data-testid="clear-data"]');
  await page.waitForSelector('[data-testid="ranking-table"]', { state: 'detached' });
  assert.match(asked[0] ?? '', /清除本机保存的全部数据（1 个文件、1 处修改/);
  await page.reload();
  await page.waitForSelector('[data-testid="load-sample"]');
  assert.equal(await page.$('[data-testid="ranking-table"]'), null);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await shot(page, 'app-cleared');
  await page.close();
});
