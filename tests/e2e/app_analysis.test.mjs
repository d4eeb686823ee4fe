// End-to-end test of 结果分析 (issue 12 §1–2) on dist/parkscore.html from file://: a changed
// setting says what it moved and can be undone with 恢复默认口径; the readings side by side
// and the rank stability run in the worker and show what the command line computes (the same
// seed gives the same figures); new parameters run again; the analysis prints.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openFreshApp, idle, shot, readZip, ROOT, SHOTS } from './harness.mjs';

const SAMPLE_CSV = join(ROOT, 'core', 'data', 'sample-2020.csv');

/** The sample as last year's: titled 2019, 东山园区 and 红山园区 trading names (so last year
 *  东山园区 was 1st with 95.18 and 红山园区 2nd with 94.80). */
function lastYear() {
  return readFileSync(SAMPLE_CSV, 'utf8')
    .replace('2020年度', '2019年度')
    .replaceAll('东山园区,', '@@,').replaceAll('红山园区,', '东山园区,').replaceAll('@@,', '红山园区,');
}

/** Runs the native command line and returns its stdout. */
function cli(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'parkscore', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The last non-empty line of the CLI's text output: its summary sentence. */
function cliSummary(...args) {
  return cli(...args).trim().split('\n').at(-1);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a changed setting says what moved, is marked, and 恢复默认口径 brings it back; a bad step marks the results out of date', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  assert.equal(await page.$('[data-testid="setting-effect"]'), null);
  assert.equal(await page.$('[data-testid="changed-mark"]'), null);
  await page.selectOption('[data-testid="method-select"]', 'ratio_to_top');
  const effect = page.locator('[data-testid="setting-effect"]');
  await effect.waitFor();
  // Under 按与第一名的比值折算 the sample's 1st and 2nd swap, and its 9th and 11th (the readings
  // table of the CLI shows the same; tests/app_state.rs works it through).
  const text = await effect.textContent();
  assert.match(text, /排序法指标的折算方法改为「按与第一名的比值折算」后：/);
  assert.match(text, /4 个园区名次变化，2 个园区奖励变化（转移 100 万元）/);
  assert.match(text, /东山园区 第 2 → 1 名，奖励 200 → 300 万元/);
  assert.equal(await page.locator('[data-testid="changed-mark"]').count(), 1);
  await shot(page, 'analysis-setting-effect');
  await page.click('[data-testid="settings-reset"]');
  await page.waitForFunction(() => /恢复默认口径后/.test(document.querySelector('[data-testid="setting-effect"]')?.textContent ?? ''));
  assert.equal(await page.$eval('[data-testid="method-select"]', (s) => s.value), 'rank_linear');
  assert.equal(await page.locator('[data-testid="changed-mark"]').count(), 0);
  assert.equal(await page.$('[data-testid="settings-reset"]'), null);
  const first = await page.$eval('[data-testid="rank-row"]', (r) => r.dataset.park);
  assert.equal(first, '红山园区');

  // A step that is not a number: the results stay, marked out of date, exports off; fixed, on.
  await page.selectOption('[data-testid="method-select"]', 'rank_step');
  await page.waitForFunction(() => /每降一名扣分/.test(document.querySelector('[data-testid="reading"]')?.textContent ?? '')
    || /扣 0\.5 分/.test(document.querySelector('[data-testid="reading"]')?.textContent ?? ''));
  await idle(page);
  await page.fill('[data-testid="step-input"]', 'abc');
  await page.waitForSelector('[data-testid="settings-invalid"]');
  assert.match(await page.textContent('[data-testid="settings-invalid"]'), /计分口径有误：每降一名扣分应为数字/);
  assert.equal(await page.$eval('[data-testid="export-xlsx"]', (b) => b.disabled), true);
  await page.fill('[data-testid="step-input"]', '1');
  await page.waitForFunction(() => !document.querySelector('[data-testid="settings-invalid"]'));
  await idle(page);
  assert.equal(await page.$eval('[data-testid="export-xlsx"]', (b) => b.disabled), false);
  assert.deepEqual(errors, []);
});

test('结果分析 shows the readings and the rank stability the command line computes, and prints them', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.click('[data-testid="tab-analysis"]');
  await page.waitForSelector('#view [data-testid="stability-summary"]');
  await idle(page);

  const readings = await page.textContent('#view [data-testid="readings-summary"]');
  assert.equal(readings, cliSummary('readings', SAMPLE_CSV));
  assert.match(readings, /^第 3 名在全部 8 种口径下均为赤峰玉龙工业园区/);
  const rows = page.locator('#view [data-testid="readings-table"] tbody tr');
  assert.equal(await rows.count(), 14);
  // 红山园区 is 1st under two methods and 2nd under the other two: its row is highlighted.
  assert.match(await rows.nth(0).getAttribute('class'), /varies/);
  assert.match(await rows.nth(0).textContent(), /红山园区.*名次、奖励随口径变化/);
  // 赤峰玉龙工业园区 is 3rd everywhere.
  assert.doesNotMatch((await rows.nth(2).getAttribute('class')) ?? '', /varies/);

  // The same seed gives the same figures as the command line, to the tenth of a per cent.
  const summary = await page.textContent('#view [data-testid="stability-summary"]');
  assert.equal(summary, cliSummary('stability', SAMPLE_CSV));
  assert.match(summary, /抽样次数 N = 10000，随机种子 = 2020172$/);
  assert.equal(await page.locator('#view [data-testid="heatmap"] rect').count(), 14 * 14);
  assert.equal(await page.locator('#view [data-testid="heatmap"] rect.official').count(), 14);
  assert.equal(await page.locator('#view [data-testid="stability-table"] tbody tr').count(), 14);
  await shot(page, 'analysis-1280x720');

  // Other parameters run again, with a progress line, and match the CLI with the same ones.
  await page.fill('[data-testid="stability-samples"]', '2000');
  await page.fill('[data-testid="stability-spread"]', '30');
  await page.press('[data-testid="stability-spread"]', 'Enter');
  await page.$eval('[data-testid="stability-spread"]', (e) => e.blur());
  await page.waitForFunction(() => /N = 2000/.test(document.querySelector('#view [data-testid="stability-summary"]')?.textContent ?? '')
    && /s = 0\.3/.test(document.querySelector('#view [data-testid="stability-summary"]')?.textContent ?? ''));
  await idle(page);
  assert.equal(
    await page.textContent('#view [data-testid="stability-summary"]'),
    cliSummary('stability', SAMPLE_CSV, '--samples', '2000', '--spread', '0.3'),
  );
  // A bad parameter is refused where it was typed, and the figures are marked as not current.
  await page.fill('[data-testid="stability-seed"]', 'abc');
  await page.$eval('[data-testid="stability-seed"]', (e) => e.blur());
  await page.waitForSelector('#stability-error');
  assert.match(await page.textContent('#stability-error'), /随机种子应为非负整数/);
  assert.match(await page.getAttribute('#view [data-testid="analysis"]', 'class'), /stale/);

  // 提升空间: each park's gap to the one above (东山园区 0.38 behind 红山园区: 95.18 − 94.80).
  assert.match(await page.textContent('#view [data-testid="gaps"]'), /东山园区\s*2\s*94\.80\s*第 1 名 红山园区\s*0\.38/);

  // Last year's file: the comparison the CLI makes of the same two files.
  mkdirSync(SHOTS, { recursive: true });
  const last = join(SHOTS, '2019.csv');
  writeFileSync(last, lastYear());
  await page.fill('[data-testid="stability-seed"]', '2020172');
  await page.$eval('[data-testid="stability-seed"]', (e) => e.blur());
  await page.setInputFiles('[data-testid="last-year-input"]', last);
  await page.waitForSelector('#view [data-testid="comparison-summary"]');
  await idle(page);
  const comparison = await page.textContent('#view [data-testid="comparison-summary"]');
  assert.match(comparison, /^14 个园区两年均参评：1 个名次上升，1 个下降，12 个不变/);
  const cliCompare = JSON.parse(cli('compare', last, SAMPLE_CSV, '--format', 'json'));
  assert.equal(comparison, cliCompare.summary_zh);
  assert.match(await page.textContent('#view [data-testid="slope-chart"]'), /红山园区 ↑1/);
  await shot(page, 'analysis-comparison');
  // 下载分析表: the three sheets.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="analysis-download"]'),
  ]);
  assert.equal(download.suggestedFilename(), '示例数据-赤峰市工业园区评价结果-2020年度-结果分析.xlsx');
  const zip = readZip(readFileSync(await download.path()));
  const workbook = zip.get('xl/workbook.xml').toString('utf8');
  for (const sheet of ['口径对比', '稳定性分析', '年度对比', '提升空间']) assert.match(workbook, new RegExp(`name="${sheet}"`));

  // On paper: the title, both analyses, no form.
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('[data-testid="print-area"]');
  assert.match(await printed.textContent(), /结果分析/);
  assert.equal(await printed.locator('[data-testid="heatmap"]').count(), 1);
  assert.equal(await printed.locator('[data-testid="stability-params"]').count(), 0);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
});
