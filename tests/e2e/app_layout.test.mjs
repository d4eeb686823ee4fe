// The page as an office screen shows it (issue 15 §2–§4): the ranking of the sample at
// 1280×720 without horizontal scrolling and with every park name on one line, the header on
// one line at 1024×768, the 口径 banner on one line that expands, the sidebar that folds, the
// tabs as the WAI-ARIA pattern has them, the focus on a park's heading, the status region, and
// no internal id in any view's visible text. Screenshots of every view at 1280×720 and
// 1024×768 go to target/e2e/layout-<view>-<size>.png.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openFreshApp, idle, shot } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const VIEWS = ['ranking', 'detail', 'awards', 'analysis', 'data', 'round'];
const IDS = ['rank_linear', 'rank_step', 'ratio_to_top', 'min_max', 'count_capped', 'chifeng-2020', 'parkscore'];

async function sample(page) {
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
}

/** Whether an element's text wraps: an inline box that breaks has more than one line box. */
async function lineCounts(page, selector) {
  return page.$$eval(selector, (els) => els.map((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return { text: el.textContent.trim(), lines: tops.size };
  }));
}

test('1280×720: the ranking fits without horizontal scrolling, each park name on one line, all 14 rows on screen', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.setViewportSize({ width: 1280, height: 720 });
  await sample(page);
  const m = await page.evaluate(() => {
    const table = document.querySelector('[data-testid="ranking-table"]');
    const box = table.getBoundingClientRect();
    const rows = [...table.querySelectorAll('tbody tr')];
    return {
      pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      right: box.right,
      rows: rows.length,
      lastBottom: rows.at(-1).getBoundingClientRect().bottom,
      headers: [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim()),
    };
  });
  assert.equal(m.pageScroll, 0, 'no horizontal scroll of the page');
  assert.ok(m.right <= 1280, `the table ends at ${m.right}px`);
  assert.equal(m.rows, 14);
  assert.ok(m.lastBottom <= 720, `the 14th row ends at ${m.lastBottom}px, below the 720 px screen`);
  for (const h of ['总量指标', '管理水平', '附加分', '总分', '奖励']) {
    assert.ok(m.headers.some((t) => t.startsWith(h)), `${h} in ${m.headers}`);
  }
  const names = await lineCounts(page, '[data-testid="ranking-table"] td.park');
  assert.equal(names.length, 14);
  for (const n of names) assert.equal(n.lines, 1, `${n.text} wraps into ${n.lines} lines`);
  await shot(page, 'layout-ranking-1280x720');
  await page.close();
});

test('1024×768: the header stays on one line', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.setViewportSize({ width: 1024, height: 768 });
  await sample(page);
  const m = await page.evaluate(() => {
    const top = document.querySelector('header.top');
    const items = [...top.querySelectorAll('h1, .button, select, label.template-for')];
    const tops = new Set(items.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2)));
    return { height: top.getBoundingClientRect().height, rows: tops.size, right: Math.max(...items.map((el) => el.getBoundingClientRect().right)) };
  });
  assert.ok(m.rows <= 2 && m.height < 60, `header ${m.height}px high, items on ${m.rows} centre lines`);
  assert.ok(m.right <= 1024, `the header's last control ends at ${m.right}px`);
  await page.close();
});

test('the 口径 banner is one line that expands and collapses; the sidebar folds', async () => {
  const { page } = await openFreshApp(browser.context);
  await sample(page);
  const banner = page.locator('[data-testid="reading"]');
  assert.equal(await page.textContent('[data-testid="reading-summary"]'), '按名次线性折算 · 附加分不累加 · 缺失即报错');
  assert.equal(await page.isVisible('[data-testid="reading-lines"]'), false);
  const height = (await banner.boundingBox()).height;
  assert.ok(height < 40, `the collapsed banner is ${height}px high`);
  const toggle = page.locator('[data-testid="reading-toggle"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.match(await page.innerText('[data-testid="reading-lines"]'), /排序法指标按名次线性折算：得分 = 满分 × \(N − 名次\) ÷ \(N − 1\)/);
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible('[data-testid="reading-lines"]'), false);

  const before = (await page.locator('[data-testid="ranking-table"]').boundingBox()).width;
  const fold = page.locator('[data-testid="fold-sidebar"]');
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  await fold.focus();
  await page.keyboard.press('Enter');
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.isVisible('#sidebar'), false);
  const wider = (await page.locator('[data-testid="ranking-table"]').boundingBox()).width;
  assert.ok(wider > before + 150, `the ranking is ${before} → ${wider}px wide`);
  await shot(page, 'layout-sidebar-folded-1280x720');
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#sidebar'));
  await page.close();
});

test('tabs: arrows, Home and End move and select; one tab in the Tab order; a park opens with the focus on its heading', async () => {
  const { page } = await openFreshApp(browser.context);
  await sample(page);
  const focused = () => page.evaluate(() => document.activeElement?.id);
  const selected = () => page.$eval('[role="tab"][aria-selected="true"]', (el) => el.id);
  assert.deepEqual(
    await page.$$eval('[role="tab"]', (els) => els.map((el) => el.getAttribute('tabindex'))),
    ['0', '-1', '-1', '-1', '-1', '-1'],
  );
  await page.focus('#tab-ranking');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'tab-detail');
  assert.equal(await selected(), 'tab-detail');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'tab-round');
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(), 'tab-ranking', 'wraps to the first');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await selected(), 'tab-round', 'wraps to the last');
  await page.keyboard.press('Home');
  assert.equal(await focused(), 'tab-ranking');
  assert.equal(await page.getAttribute('#view', 'aria-labelledby'), 'tab-ranking');

  // A park's name in the ranking, by keyboard: the detail opens with the focus on its heading.
  await page.focus('[data-testid="ranking-table"] td.park button, [data-testid="ranking-table"] td.park a');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#detail-title');
  assert.equal(await focused(), 'detail-title');
  assert.match(await page.textContent('#detail-title'), /^红山园区：第 1 名/);
  await page.close();
});

test('the status region says what was read and scored, and what a setting moved', async () => {
  const { page } = await openFreshApp(browser.context);
  await sample(page);
  const status = page.locator('[data-testid="status"]');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(
    await status.textContent(),
    '已读取「示例数据-2020.csv」（16 行）；已计分：14 个园区参评，第 1 名 红山园区（95.18 分）',
  );
  await page.selectOption('[data-testid="method-select"]', 'ratio_to_top');
  await idle(page);
  await page.waitForFunction(() => /折算方法改为「按与第一名的比值折算」：4 个园区名次变化/.test(document.querySelector('[data-testid="status"]').textContent));
  await page.close();
});

test('every view at 1280×720 and 1024×768: no method, scheme or program id in the visible text; the sample marked', async () => {
  const { page } = await openFreshApp(browser.context);
  const landing = await page.evaluate(() => document.body.innerText);
  assert.match(landing, /《赤峰市人民政府关于促进工业园区高质量发展的若干意见》（赤政发〔2020〕172号）/);
  assert.match(landing, /可用的浏览器：Chrome 或 Edge 97 及以上版本/);
  await sample(page);
  for (const [w, h] of [[1280, 720], [1024, 768]]) {
    await page.setViewportSize({ width: w, height: h });
    for (const view of VIEWS) {
      await page.click(`[data-testid="tab-${view}"]`);
      await idle(page);
      if (view === 'analysis') await page.waitForSelector('[data-testid="analysis"]', { timeout: 60_000 });
      const text = await page.evaluate(() => document.body.innerText);
      for (const id of IDS) assert.ok(!text.includes(id), `${id} in the ${view} view`);
      assert.match(text, /示例数据，非真实统计：/, `the ${view} view marks the sample`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(scroll, 0, `the ${view} view scrolls sideways at ${w}×${h}`);
      await shot(page, `layout-${view}-${w}x${h}`);
    }
  }
  await page.close();
});
