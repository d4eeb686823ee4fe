// End-to-end tests of import round 2 (issue 11) in the page, on dist/parkscore.html opened from
// file://: a park name not on the scheme's list is fixed with one click on its suggestion; a
// listed park missing from the file blocks until the user goes on without it, and the reading
// says so; a workbook whose instructions sheet comes first is read from its data sheet; a
// department's template (下载模板 with a department chosen) has only its columns, and filled in
// and dropped back it reads under its title and fields, lacking only the other columns.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openFreshApp, shot, dropFile, idle, ROOT, SHOTS, cellText } from './harness.mjs';

const SAMPLE = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'), 'utf8');
const FIXTURES = join(ROOT, 'core', 'tests', 'data', 'import');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an unknown park name: its suggestion accepted with one click, then scored', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  // 元宝山园区 misspelt 元宝山圆区 (one character off).
  const csv = SAMPLE.replace('\n元宝山园区,', '\n元宝山圆区,');
  await dropFile(page, '园区数据.csv', Buffer.from(csv));
  await page.waitForSelector('[data-testid="accept-suggestion"]');
  await idle(page);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 0, 'not scored while the name is unknown');
  const issues = await page.textContent('[data-testid="issues"]');
  assert.match(issues, /元宝山圆区/);
  const accept = page.locator('[data-testid="accept-suggestion"]');
  assert.equal((await accept.textContent()).trim(), '改为「元宝山园区」');
  await shot(page, 'import-suggestion');
  await accept.click();
  await idle(page);
  assert.match(await page.textContent('#issues-title'), /没有发现问题|没有错误/);
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="rank-row"]');
  await idle(page);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  // The accepted name is an edit like any other: the grid shows the cell as edited.
  await page.click('[data-testid="tab-data"]');
  const cell = page.locator('[data-testid="cell-4-0"]');
  assert.equal(await cellText(page, 'cell-4-0'), '元宝山园区');
  assert.match(await cell.getAttribute('class'), /edited/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a listed park missing from the file: blocked, then scored without it when the user says so, printed in the reading', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  const csv = SAMPLE.split('\n').filter((l) => !l.startsWith('元宝山园区,')).join('\n');
  await dropFile(page, '少一个园区.csv', Buffer.from(csv));
  await page.waitForSelector('[data-testid="allow-missing-units"]');
  await idle(page);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 0);
  assert.match(await page.textContent('[data-testid="issues"]'), /元宝山园区/);
  await page.locator('[data-testid="allow-missing-units"]').check();
  await idle(page);
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="rank-row"]');
  await idle(page);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 13);
  assert.match(await page.textContent('[data-testid="reading"]'), /元宝山园区/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a workbook with its instructions sheet first is read from its data sheet, and says which', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  const name = 'template-instructions-first.xlsx';
  await dropFile(page, name, readFileSync(join(FIXTURES, name)));
  await page.waitForSelector('[data-testid="rank-row"]');
  await idle(page);
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  await page.click('[data-testid="tab-data"]');
  assert.match(await page.textContent('[data-testid="issues"]'), /读取工作表「数据」/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('下载模板 for one department: its columns under the title and the fields; filled and dropped back, only the other columns are missing', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  const picker = page.locator('[data-testid="template-for"]');
  assert.equal(await picker.inputValue(), '', '全部指标 first');
  const options = await picker.locator('option').allTextContents();
  assert.deepEqual(options, ['全部指标', '市工信局', '市统计局', '市自然资源局', '市区域经济合作局', '市科技局', '市生态环境局', '市应急管理局']);
  await page.selectOption('[data-testid="template-for"]', '市科技局');
  mkdirSync(SHOTS, { recursive: true });

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="template-csv"]')]);
  assert.equal(csv.suggestedFilename(), '赤峰市工业园区综合发展评价考核数据填报模板-市科技局.csv');
  const csvPath = join(SHOTS, 'template-tech.csv');
  await csv.saveAs(csvPath);
  const bytes = readFileSync(csvPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = bytes.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], '赤峰市工业园区综合发展评价考核数据填报表（市科技局）');
  assert.deepEqual(lines.slice(1, 5), ['填报单位：,,', '填报人：,,', '联系电话：,,', '填报日期：,,']);
  assert.equal(lines[5], '园区名称,园区内新增高新技术企业数（户）,园区内新增省级以上研发机构数（户）');
  assert.equal(lines[6], '东山园区,,');
  assert.deepEqual(lines.slice(6).filter((l) => l !== '').map((l) => l.split(',')[0]).slice(-2), ['克什克腾循环经济开发区', '红山绿色食品产业园区']);
  assert.equal(lines.slice(6).filter((l) => l !== '').length, 14, 'the 14 units under the header');

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="template-xlsx"]')]);
  assert.equal(xlsx.suggestedFilename(), '赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx');
  const xlsxPath = join(SHOTS, 'template-tech.xlsx');
  await xlsx.saveAs(xlsxPath);
  assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');

  // Filled as the bureau fills it: the fields, and two counts per park.
  const filled = lines.map((l, i) => {
    if (l === '填报单位：,,') return '填报单位：,赤峰市科学技术局,';
    if (l === '联系电话：,,') return '联系电话：,13904761234,';
    if (l === '填报日期：,,') return '填报日期：,2021年3月15日,';
    if (i > 5 && l.endsWith(',,')) return l.replace(/,,$/, `,${i % 4},${i % 3}`);
    return l;
  }).join('\r\n');
  await dropFile(page, '科技局.csv', Buffer.from(filled));
  await page.waitForSelector('[data-testid="issues"]');
  await idle(page);
  const issues = await page.textContent('[data-testid="issues"]');
  assert.match(issues, /缺少必需的列「新增工业总产值」/);
  assert.doesNotMatch(issues, /缺少必需的列「园区内新增高新技术企业数」/);
  assert.doesNotMatch(issues, /填报单位」不在|园区「填报/, 'the fields are no park');
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 0, 'not scored: the other columns are missing');
  await shot(page, 'template-tech-dropped');
  assert.deepEqual(errors, []);
  await page.close();
});
