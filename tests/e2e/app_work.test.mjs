// End-to-end tests of the browser app (issue 5), continued: located issues take the user to
// the cell and a fix unblocks scoring, a session saved to .json opens again elsewhere, the
// ranking table sorts, and the vetoed park is listed with its reason.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, openFreshApp, shot, ROOT, SHOTS, cellText, typeInCell, waitActiveCell,
} from './harness.mjs';

const SAMPLE = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function choose(page, name, text) {
  await page.setInputFiles('#file-input', { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
}

test('an error names its cell, takes the user there, and fixing it in the grid unblocks scoring', async () => {
  const { page } = await openFreshApp(browser.context);
  // 东山园区's 新增工业总产值 mistyped as 38..6; 红山园区 vetoed.
  const lines = SAMPLE.split('\n');
  lines[2] = lines[2].replace('东山园区,38.6,', '东山园区,38..6,');
  await choose(page, '有错误.csv', lines.join('\n'));
  await page.waitForSelector('[data-testid="issues"]');
  const issues = await page.textContent('[data-testid="issues"]');
  assert.match(issues, /第 3 行/);
  assert.match(issues, /东山园区/);
  assert.match(issues, /38\.\.6/);
  assert.equal(await page.$('[data-testid="ranking-table"]'), null, 'an error blocks scoring');
  await shot(page, 'app-issue-listed');
  await page.click('[data-testid="issues"] .issue-link');
  await waitActiveCell(page, 'cell-2-1');
  // The faulty cell is marked, for the eye and for a screen reader (its cell and its editor).
  assert.match(await page.getAttribute('[data-testid="cell-2-1"]', 'class'), /faulty/);
  assert.equal(await page.getAttribute('[data-testid="cell-2-1"]', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-invalid')), 'true');
  assert.equal(await page.getAttribute('[data-testid="cell-2-2"]', 'aria-invalid'), null);
  await page.keyboard.type('38.6'); // over the faulty text, selected whole when the issue took the user there
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.equal((await page.$$('[data-testid="rank-row"]')).length, 14);
  await shot(page, 'app-issue-fixed');
  await page.close();
});

test('a vetoed park is out of the ranking and listed with its reason', async () => {
  const { page } = await openFreshApp(browser.context);
  const lines = SAMPLE.split('\n');
  const i = lines.findIndex((l) => l.startsWith('红山园区,'));
  const cells = lines[i].split(',');
  cells[cells.length - 2] = '是';
  cells[cells.length - 1] = '重特大安全生产事故';
  lines[i] = cells.join(',');
  await choose(page, '否决.csv', lines.join('\n'));
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.equal((await page.$$('[data-testid="rank-row"]')).length, 13);
  assert.equal(await page.$('[data-testid="rank-row"][data-park="红山园区"]'), null);
  const vetoed = await page.textContent('[data-testid="vetoed"]');
  assert.match(vetoed, /红山园区/);
  assert.match(vetoed, /重特大安全生产事故/);
  await shot(page, 'app-vetoed');
  await page.close();
});

test('the ranking table sorts by a column and back', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  const order = () => page.$$eval('[data-testid="rank-row"]', (rows) => rows.map((r) => r.dataset.park));
  const byRank = await order();
  await page.click('[data-testid="ranking-table"] th:nth-child(5) button.sort'); // 招商引资
  const byInvestment = await order();
  assert.notDeepEqual(byInvestment, byRank);
  // 东山园区 has the highest 招商引资 subtotal of the sample (28.46, the special award's basis).
  const first = byInvestment[0] === '东山园区' ? byInvestment : [...byInvestment].reverse();
  assert.equal(first[0], '东山园区');
  await page.click('[data-testid="ranking-table"] th:nth-child(1) button.sort');
  const back = await order();
  assert.ok(back.join() === byRank.join() || back.join() === [...byRank].reverse().join());
  await page.close();
});

test('a session saved to .json opens again with its edits and settings', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.selectOption('[data-testid="method-select"]', 'ratio_to_top');
  await page.click('[data-testid="tab-data"]');
  await typeInCell(page, 'cell-3-2', '30');
  await page.click('[data-testid="tab-ranking"]');
  const saved = await page.$$eval('[data-testid="total"]', (c) => c.map((x) => x.textContent));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-session"]')]);
  const path = join(SHOTS, 'session.json');
  await download.saveAs(path);
  JSON.parse(readFileSync(path, 'utf8'));

  page.once('dialog', (d) => d.accept());
  await page.click('[data-testid="clear-data"]');
  await page.waitForSelector('[data-testid="ranking-table"]', { state: 'detached' });
  await page.setInputFiles('#session-input', path);
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.deepEqual(await page.$$eval('[data-testid="total"]', (c) => c.map((x) => x.textContent)), saved);
  assert.equal(await page.inputValue('[data-testid="method-select"]'), 'ratio_to_top');
  await page.click('[data-testid="tab-data"]');
  assert.equal(await cellText(page, 'cell-3-2'), '30');
  assert.match(await page.getAttribute('[data-testid="cell-3-2"]', 'class'), /edited/);
  await page.close();
});

test('keyboard only: Tab reaches 载入示例数据, Enter loads it, focus is visible', async () => {
  const { page } = await openFreshApp(browser.context);
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.dataset?.testid === 'load-sample');
  }
  assert.ok(reached, 'load-sample is reachable with Tab');
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`;
  });
  assert.ok(!/^none 0px none$/.test(outline), `visible focus, got ${outline}`);
  await shot(page, 'app-keyboard-focus');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="ranking-table"]');
  // Every form control has an accessible name.
  const unlabelled = await page.$$eval('input, select, button', (els) => els
    .filter((e) => !(e.getAttribute('aria-label') || e.labels?.length || e.textContent.trim() || e.title))
    .map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  await page.close();
});

test('a file over 20 MB is refused before it is read, with the file named', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
  await page.setInputFiles('#file-input', { name: '全年明细.csv', mimeType: 'text/csv', buffer: big });
  const message = await page.textContent('[data-testid="load-error"]');
  assert.match(message, /全年明细\.csv/);
  assert.match(message, /21\.0 MB/);
  assert.match(message, /20 MB/);
  assert.equal(await page.$('[data-testid="ranking-table"]'), null);
  await shot(page, 'app-too-big');
  assert.deepEqual(errors, []);
  await page.close();
});
