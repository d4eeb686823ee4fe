// End-to-end test of the round as it is run (issue 10): three department files dropped
// together are merged by park and indicator; a fourth file's conflicting value is decided;
// an edit gets a reason and is undone and redone with the keyboard; the round's facts are
// entered; a reload keeps all of it; 清除本机数据 asks first and says that it cleared.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, openFreshApp, dropFiles, idle, shot, readZip, ROOT, SHOTS, typeInCell, waitCellText,
} from './harness.mjs';

const SAMPLE = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'), 'utf8');
const ROWS = SAMPLE.trim().split('\n').slice(1).map((l) => l.split(','));

/** The sample's 园区名称 column and the columns whose header starts with one of `prefixes`. */
function part(prefixes) {
  const keep = ROWS[0].map((h, i) => i).filter((i) => i === 0 || prefixes.some((p) => ROWS[0][i].startsWith(p)));
  assert.equal(keep.length, prefixes.length + 1, `every prefix picks a column: ${prefixes}`);
  return '2020年度园区数据\n' + ROWS.map((r) => keep.map((i) => r[i]).join(',')).join('\n') + '\n';
}
const SCIENCE = ['园区内新增高新技术企业数', '园区内新增省级以上研发机构数'];
const GREEN = ['园区规划环评执行情况', '入驻项目环评', '项目涉及重点污染物', '园区规划体系', '管理机构设置',
  '安全监管体系', '环境监测体系健全', '信息报送及时准确', '一票否决', '否决原因'];
const INDUSTRY = ROWS[0].slice(1).filter((h) => ![...SCIENCE, ...GREEN].some((p) => h.startsWith(p)));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('three department files merge, a conflict is decided, an edit is traced, and a reload keeps the round', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await dropFiles(page, [
    { name: '工信局.csv', bytes: part(INDUSTRY) },
    { name: '科技局.csv', bytes: part(SCIENCE) },
    { name: '生态环境局.csv', bytes: part(GREEN) },
  ]);
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  const files = await page.textContent('[data-testid="round-files"]');
  assert.match(files, /工信局\.csv/);
  assert.match(files, /科技局\.csv/);
  assert.match(files, /生态环境局\.csv/);
  assert.equal((await page.$$('[data-testid="rank-row"]')).length, 14);
  // The merge scores like the whole sample: 红山园区 first with 95.18 (see the CLI's golden).
  const first = await page.textContent('[data-testid="rank-row"]');
  assert.match(first, /红山园区/);
  assert.match(first, /95\.18/);

  // 统计局 gives 红山园区's 新增工业总产值 as 40 against 工信局's 12.3: a conflict blocks.
  await dropFiles(page, [{ name: '统计局.csv', bytes: '园区名称,新增工业总产值（亿元）\n红山园区,40\n' }]);
  await page.waitForSelector('[data-testid="conflicts"]');
  const conflict = await page.textContent('[data-testid="conflicts"]');
  assert.match(conflict, /红山园区 · 新增工业总产值/);
  assert.match(conflict, /工信局\.csv：12\.3/);
  assert.match(conflict, /统计局\.csv：40/);
  assert.equal(await page.$('[data-testid="ranking-table"]'), null);
  await shot(page, 'round-conflict');
  // The radio shows the decision once the round is scored with it.
  await page.click('[data-testid="conflict-0-0"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="conflict-0-0"]')?.checked);
  await idle(page);
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="ranking-table"]');

  // An edit in 工信局.csv, with a reason; undone and redone with the keyboard.
  await page.click('[data-testid="tab-data"]');
  await page.click('[data-testid="file-show-0"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="grid-file"]')?.textContent.includes('工信局.csv'));
  // Row index 3 is 红山园区 (title, header, 东山园区), column 1 新增工业总产值.
  await typeInCell(page, 'cell-3-1', '13.5');
  await page.keyboard.press('Tab');
  await idle(page);
  await page.waitForSelector('[data-testid="change-log"]');
  await page.fill('[data-testid="reason-0"]', '复核调整');
  await page.press('[data-testid="reason-0"]', 'Enter');
  await page.click('body');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="change-summary"]')?.textContent.includes('（原因：复核调整）'));
  const summary = await page.textContent('[data-testid="change-summary"]');
  assert.equal(summary, '共修改 1 处：红山园区 新增工业总产值（亿元） 12.3 → 13.5（原因：复核调整）');
  await shot(page, 'round-change-log');
  await page.keyboard.press('Control+z');
  await waitCellText(page, 'cell-3-1', '12.3');
  await page.keyboard.press('Control+y');
  await waitCellText(page, 'cell-3-1', '13.5');

  // The round's facts.
  await page.click('[data-testid="tab-round"]');
  await page.fill('[data-testid="round-issuer"]', '赤峰市加快工业园区建设工作领导小组办公室');
  await page.press('[data-testid="round-issuer"]', 'Tab');
  await page.fill('[data-testid="round-from"]', '2021-04-01');
  await page.fill('[data-testid="round-to"]', '2021-04-07');
  await page.fill('[data-testid="round-contact"]', '张三');
  await page.fill('[data-testid="round-phone"]', '0476-8888888');
  await page.fill('[data-testid="round-signed"]', '2021-03-31');
  await page.click('[data-testid="round-form"] h3');
  await page.waitForSelector('[data-testid="round-ready"]');
  await shot(page, 'round-facts');

  // The 公示版, as it prints: the year, the facts, the ranking; no raw figure, no method id.
  await page.waitForSelector('[data-testid="print-publicity"]');
  const notice = await page.textContent('[data-testid="report-preview"]');
  assert.match(notice, /2020年度/);
  assert.match(notice, /2021年4月1日至2021年4月7日/);
  assert.match(notice, /张三/);
  assert.match(notice, /0476-8888888/);
  assert.match(notice, /赤峰市加快工业园区建设工作领导小组办公室/);
  assert.match(notice, /红山园区/);
  for (const id of ['rank_linear', 'rank_step', 'ratio_to_top', 'min_max', 'chifeng-2020']) {
    assert.ok(!notice.includes(id), `the 公示版 shows no id «${id}»`);
  }
  // No raw figure: every figure of the sample with one decimal and at least three digits (scores
  // and totals print two decimals, awards none, so none of these can appear by coincidence),
  // and the edited 13.5.
  const figures = new Set(['13.5']);
  for (const row of ROWS.slice(1)) {
    for (const cell of row.slice(1)) {
      if (/^-?\d+\.\d$/.test(cell) && cell.replace(/[-.]/g, '').replace(/^0+/, '').length >= 3) figures.add(cell);
    }
  }
  assert.ok(figures.size > 50, `the sample has many such figures (${figures.size})`);
  for (const raw of figures) {
    const shown = new RegExp(`(^|[^\\d.])${raw.replace('.', '\\.')}(?![\\d])`);
    assert.ok(!shown.test(notice), `the 公示版 shows no raw figure «${raw}»`);
  }
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'round-publicity-print');
  const printed = await page.textContent('[data-testid="print-area"]');
  assert.match(printed, /公示/);
  await page.emulateMedia({ media: 'screen' });
  const [publicity] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-download"]')]);
  assert.equal(publicity.suggestedFilename(), '赤峰市工业园区评价结果-2020年度-公示版.xlsx');

  // The 内部版 as xlsx: its sheets, a 修改记录 with the change and its reason, widths that fit.
  await page.click('[data-testid="report-internal"]');
  await page.waitForSelector('[data-testid="print-internal"]');
  const [internal] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-download"]')]);
  assert.equal(internal.suggestedFilename(), '赤峰市工业园区评价结果-2020年度-内部版.xlsx');
  const path = join(SHOTS, 'round-internal.xlsx');
  await internal.saveAs(path);
  const zip = readZip(readFileSync(path));
  const workbook = zip.get('xl/workbook.xml').toString('utf8');
  const sheets = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  for (const name of ['总表', '奖励资金', '分项得分', '计算说明', '修改记录', '口径']) {
    assert.ok(sheets.includes(name), `sheet ${name} in ${sheets}`);
  }
  // One 原始数据 sheet per file merged (four files).
  assert.equal(sheets.filter((n) => n.startsWith('原始数据')).length, 4, `${sheets}`);
  const strings = zip.get('xl/sharedStrings.xml').toString('utf8');
  assert.match(strings, /复核调整/);
  assert.match(strings, /共修改 1 处：红山园区 新增工业总产值（亿元） 12\.3 → 13\.5（原因：复核调整）/);
  const summarySheet = zip.get('xl/worksheets/sheet1.xml').toString('utf8');
  const widths = [...summarySheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
  // 克什克腾循环经济开发区: 11 Chinese characters, 22 width units at least.
  assert.ok(Math.max(...widths) >= 22, `column widths ${widths}`);
  assert.ok(!/Calibri/.test(zip.get('xl/styles.xml').toString('utf8')), 'no Calibri');
  await page.click('[data-testid="report-publicity"]');

  // A reload comes back to all of it.
  await page.reload();
  await page.waitForSelector('[data-testid="round-files"]');
  await idle(page);
  assert.equal((await page.$$('[data-testid="round-files"] li')).length, 4);
  await page.click('[data-testid="tab-data"]');
  assert.equal(
    await page.textContent('[data-testid="change-summary"]'),
    '共修改 1 处：红山园区 新增工业总产值（亿元） 12.3 → 13.5（原因：复核调整）',
  );
  await shot(page, 'round-reloaded');
  assert.equal(await page.isChecked('[data-testid="conflict-0-0"]'), true, 'the decision is kept');
  await page.click('[data-testid="tab-round"]');
  assert.equal(await page.inputValue('[data-testid="round-issuer"]'), '赤峰市加快工业园区建设工作领导小组办公室');
  assert.equal(await page.inputValue('[data-testid="round-to"]'), '2021-04-07');

  // 清除本机数据 asks first: no keeps everything, yes clears and says so.
  const asked = [];
  page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
  await page.click('[data-testid="clear-data"]');
  await page.waitForFunction(() => true);
  assert.match(asked[0] ?? '', /清除本机保存的全部数据（4 个文件、1 处修改/);
  assert.equal((await page.$$('[data-testid="round-files"] li')).length, 4, 'no: nothing is cleared');
  page.once('dialog', (d) => d.accept());
  await page.click('[data-testid="clear-data"]');
  await page.waitForSelector('[data-testid="notice"]');
  assert.match(await page.textContent('[data-testid="notice"]'), /已清除本机数据/);
  assert.equal(await page.$('[data-testid="round-files"]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});
