// End-to-end test of 园区详情's 提升空间 and 假设分析 (issue 12 §3) on dist/parkscore.html from
// file://: the gap to the park above, a target row (worked out in the worker, as the command
// line's `parkscore moveup` gives it), the tornado, and a what-if that moves the park to 1st
// (as `parkscore whatif` gives it), a bad value with its message next to its field, 恢复.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFreshApp, shot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The text of the element matched by `selector`, whitespace collapsed. */
async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim();
}

test('园区详情 shows the gap, what it takes to move up, and a what-if that moves the park', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.click('[data-testid="tab-detail"]');
  await page.selectOption('[data-testid="park-select"]', '东山园区');

  // The gap on the total, from the evaluation the page has.
  await page.waitForFunction(() => /距第 1 名 红山园区 差 0\.38 分/.test(
    document.querySelector('#view [data-testid="park-gap"]')?.textContent ?? ''));

  // 提升空间, from the worker: 工业总产值增速 12.4 (3rd) → 13.2 (宁城's, 2nd) gives 5.08 → 5.54,
  // total 95.26, 1st overall. The panel is drawn again for print: the screen's is under #view.
  const row = page.locator('#view [data-testid="move-up-table"] tr[data-indicator="output_growth"]');
  await row.waitFor();
  const cells = await row.locator('th, td').allTextContents();
  assert.deepEqual(cells.map((c) => c.trim()),
    ['工业总产值增速', '12.4 %', '第 3 名', '5.08', '13.2 %', '+0.8', '第 2 名', '+0.46', '95.26', '第 1 名']);
  assert.match(await row.getAttribute('title'), /达到 13\.2 %（\+0\.8，与 .+ 持平）可升至第 2 名，本项得分 \+0\.46 分（5\.08 → 5\.54），总分 95\.26，总名次第 1 名/);
  assert.match(await text(page, '#view [data-testid="move-up-summary"]'), /^东山园区 第 2 名（94\.80 分），距第 1 名 红山园区 差 0\.38 分；单项提升一个名次得分最多的是/);
  const best = await text(page, '#view [data-testid="move-up-table"] tr[data-indicator="new_output_value"]');
  assert.match(best, /已是本项第 1 名/);
  // The tornado: a bar per 排序法 indicator, the official rank marked.
  const bars = await page.locator('#view [data-testid="tornado"] g[data-indicator]').count();
  const rows = await page.locator('#view [data-testid="move-up-table"] tbody tr').count();
  assert.equal(bars, rows);
  assert.ok(bars >= 5, `${bars} bars`);
  assert.equal(await page.locator('#view [data-testid="tornado"] line.official').count(), 1);
  assert.match(await text(page, '#view [data-testid="tornado-summary"]'), /^东山园区（第 2 名）在单项排序法指标满分 ×0\.8 或 ×1\.2 时/);

  // 假设分析: 工业固定资产投资增速 18.2 → 20.3 makes 东山园区 1st and 红山园区 2nd.
  assert.match(await text(page, '#view [data-testid="what-if-note"]'), /原数据和正式结果不变/);
  const field = page.locator('#view [data-testid="what-if-table"] tr[data-indicator="fixed_investment_growth"] input');
  await field.fill('20.3');
  await field.press('Enter');
  const summary = page.locator('#view [data-testid="what-if-summary"]');
  await summary.waitFor();
  assert.equal(await text(page, '#view [data-testid="what-if-summary"]'),
    '若 东山园区 的 工业固定资产投资增速 由 18.2 % 改为 20.3 %：总分 94.80 → 95.57，第 2 名 → 第 1 名，奖励 200 → 300 万元；名次变化的其他园区：红山园区 第 1 → 2 名');
  assert.equal(await text(page, '#view [data-testid="what-if-rank"]'), '第 2 名 → 第 1 名');
  const moved = await page.locator('#view [data-testid="what-if-moved"] tbody tr').allTextContents();
  assert.equal(moved.length, 1);
  assert.match(moved[0], /红山园区\s*1\s*2\s*95\.18/);
  // The official result is untouched: the heading still says 2nd, 94.80.
  assert.match(await text(page, '#detail-title'), /东山园区：第 2 名，总分 94\.80/);
  await shot(page, 'detail-move-up');

  // A bad value: the message next to its field, the other result gone until it is fixed.
  const growth = page.locator('#view [data-testid="what-if-table"] tr[data-indicator="output_growth"] input');
  await growth.fill('abc');
  await growth.press('Enter');
  const error = page.locator('#view [data-testid="what-if-table"] tr[data-indicator="output_growth"] [data-testid="what-if-error"]');
  await error.waitFor();
  assert.equal((await error.textContent()).trim(), '错误：不是数字（原文「abc」；应为数字（%），例如 12.5 或 12.5%；写 — 表示缺失）');
  assert.equal(await growth.getAttribute('aria-invalid'), 'true');

  // 恢复: every value back, no what-if left.
  await page.click('#view [data-testid="what-if-reset"]');
  await page.waitForFunction(() => document.querySelector('#view [data-testid="what-if-summary"]') === null
    && document.querySelector('#view [data-testid="what-if-error"]') === null);
  assert.equal(await field.inputValue(), '');
  assert.equal(await growth.inputValue(), '');
  assert.ok(await page.isDisabled('#view [data-testid="what-if-reset"]'));

  // It prints: 提升空间 with the tornado.
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('[data-testid="print-area"]');
  assert.match(await printed.textContent(), /东山园区 提升空间/);
  assert.equal(await printed.locator('[data-testid="tornado"]').count(), 1);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
});
