// Schemes in the page (issue 13 §1, the file part): a scheme file opened with 打开方案… (or
// dropped) scores the round under its rules, is named in the sidebar, is saved with 保存方案 to
// a file the CLI reads, survives a reload, and 恢复内置方案 goes back; a broken file is refused
// with a Chinese message and changes nothing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, openFreshApp, idle, shot, dropFile, ROOT, SHOTS } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const BUILTIN = readFileSync(join(ROOT, 'core', 'schemes', 'chifeng-2020.toml'), 'utf8');
// The provincial recognition worth 3 points instead of 5, under another id and name.
const ADJUSTED = BUILTIN
  .replace('provincial = 5\n', 'provincial = 3\n')
  .replace('id = "chifeng-2020"', 'id = "chifeng-2020-b"')
  .replace('name = "赤峰市工业园区综合发展评价考核指标体系"', 'name = "赤峰市工业园区评价指标体系（附加分调整稿）"');

async function totals(page) {
  return page.$$eval('[data-testid="rank-row"]', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.park, r.querySelector('[data-testid="total"]').textContent.trim()]),
  ));
}

test('a scheme file scores the round under its rules, is saved, survives a reload and can be undone', async () => {
  assert.ok(ADJUSTED.includes('provincial = 3'));
  const { page } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  assert.equal(await page.textContent('[data-testid="scheme-name"]'), '赤峰市工业园区综合发展评价考核指标体系');
  assert.equal((await totals(page))['东山园区'], '94.80');

  await page.setInputFiles('[data-testid="scheme-input"]', { name: '调整稿.toml', mimeType: 'application/toml', buffer: Buffer.from(ADJUSTED, 'utf8') });
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent.includes('调整稿'));
  await idle(page);
  // Worked by hand: 5 → 3 points for the two parks with a provincial recognition.
  const t = await totals(page);
  assert.equal(t['东山园区'], '92.80');
  assert.equal(t['元宝山综合产业园区'], '55.91');
  assert.equal(t['红山园区'], '95.18');
  assert.match(await page.textContent('[data-testid="setting-effect"]'), /评分方案改为「赤峰市工业园区评价指标体系（附加分调整稿）」/);
  await shot(page, 'scheme-opened');

  // 保存方案: a file the command line scores with, to the same totals.
  mkdirSync(SHOTS, { recursive: true });
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="scheme-save"]')]);
  assert.equal(saved.suggestedFilename(), '赤峰市工业园区评价指标体系（附加分调整稿）.toml');
  const schemePath = join(SHOTS, 'scheme-saved.toml');
  await saved.saveAs(schemePath);
  const out = execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'parkscore', '--', 'score',
    join(ROOT, 'core', 'data', 'sample-2020.csv'), '--scheme', schemePath, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const cli = JSON.parse(out);
  assert.equal(cli.parks.find((p) => p.name === '东山园区').total, '92.80');

  // A reload keeps the scheme with the work.
  await page.waitForTimeout(300);
  await page.reload();
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  assert.match(await page.textContent('[data-testid="scheme-name"]'), /调整稿/);
  assert.equal((await totals(page))['东山园区'], '92.80');

  // 恢复内置方案.
  await page.click('[data-testid="scheme-reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent === '赤峰市工业园区综合发展评价考核指标体系');
  await idle(page);
  assert.equal((await totals(page))['东山园区'], '94.80');
  assert.equal(await page.$('[data-testid="scheme-reset"]'), null);

  // Dropped on the page, a .toml is a scheme too.
  await dropFile(page, '调整稿.toml', Buffer.from(ADJUSTED, 'utf8'));
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent.includes('调整稿'));
  await page.close();
});

test('a broken scheme file is refused in Chinese and changes nothing', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  const bad = BUILTIN.replace('provincial = 5\n', 'provincial = "五"\n');
  await page.setInputFiles('[data-testid="scheme-input"]', { name: '坏方案.toml', mimeType: 'application/toml', buffer: Buffer.from(bad, 'utf8') });
  await page.waitForSelector('[data-testid="notice"]');
  assert.match(await page.textContent('[data-testid="notice"]'), /^评分方案「坏方案.toml」无法使用：/);
  assert.equal(await page.textContent('[data-testid="scheme-name"]'), '赤峰市工业园区综合发展评价考核指标体系');
  assert.equal((await totals(page))['东山园区'], '94.80');
  await page.close();
});

test('the editor: a weight changed is refused with its message, fixed, saved, reopened and scored with', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  await page.click('[data-testid="scheme-edit"]');
  await page.waitForSelector('[data-testid="scheme-editor"]');
  assert.match(await page.textContent('[data-testid="scheme-status"]'), /方案检查通过/);

  // 总量指标 30 → 25: the sums say what is wrong; the buttons are off.
  await page.fill('[data-testid="scheme-g0-weight"]', '25');
  assert.match(await page.textContent('[data-testid="scheme-general"]'), /分组「总量指标」各指标满分之和为 30，应等于分组分值 25/);
  assert.match(await page.textContent('[data-testid="scheme-general"]'), /各分组分值之和为 95，应等于方案总分 100/);
  assert.ok(await page.isDisabled('[data-testid="scheme-apply"]'));
  // A word where a number goes: the message is beside the field, and the field is marked.
  await page.fill('[data-testid="scheme-provincial"]', '三');
  assert.equal(await page.getAttribute('[data-testid="scheme-provincial"]', 'aria-invalid'), 'true');
  assert.match(await page.textContent('[data-testid="scheme-provincial-error"]'), /省级认定加分应为不小于 0 的数字/);
  await shot(page, 'scheme-editor-invalid');

  // Fixed: 30 again, and the provincial recognition worth 3.
  await page.fill('[data-testid="scheme-g0-weight"]', '30');
  await page.fill('[data-testid="scheme-provincial"]', '3');
  assert.match(await page.textContent('[data-testid="scheme-status"]'), /方案检查通过/);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="scheme-editor-save"]')]);
  assert.equal(saved.suggestedFilename(), '赤峰市工业园区综合发展评价考核指标体系（修改稿）.toml');
  const path = join(SHOTS, 'scheme-edited.toml');
  await saved.saveAs(path);
  const text = readFileSync(path, 'utf8');
  assert.match(text, /provincial = 3/);
  assert.match(text, /id = "chifeng-2020-edited"/);

  await page.click('[data-testid="scheme-apply"]');
  await page.waitForSelector('[data-testid="scheme-editor"]', { state: 'detached' });
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  assert.equal((await totals(page))['东山园区'], '92.80');
  assert.equal(await page.textContent('[data-testid="scheme-name"]'), '赤峰市工业园区综合发展评价考核指标体系（修改稿）');

  // Back to the built-in scheme, then the saved file reopened: the same rules again.
  await page.click('[data-testid="scheme-reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent === '赤峰市工业园区综合发展评价考核指标体系');
  await idle(page);
  assert.equal((await totals(page))['东山园区'], '94.80');
  await page.setInputFiles('[data-testid="scheme-input"]', path);
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent.includes('修改稿'));
  await idle(page);
  assert.equal((await totals(page))['东山园区'], '92.80');
  await page.close();
});

test('a preset picked in the page scores its own sample; the fingerprint is shown and changes with the rules', async () => {
  const { page } = await openFreshApp(browser.context);
  const builtin = await page.textContent('[data-testid="scheme-fingerprint"]');
  assert.match(builtin, /^方案指纹 [0-9a-f]{8}$/);
  await page.selectOption('[data-testid="preset-select"]', 'huaian-2024');
  await page.waitForFunction((b) => document.querySelector('[data-testid="scheme-fingerprint"]')?.textContent !== b, builtin);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  // Worked by hand: Σ w × x ÷ b with benchmarks 30, 600, 6 and weights 45, 35, 20.
  const t = await totals(page);
  assert.equal(t['淮安示例电子有限公司'], '163.50');
  assert.equal(t['淮安示例机械有限公司'], '100.00');
  assert.equal(t['淮安示例纺织有限公司'], '58.75');
  assert.match(await page.textContent('[data-testid="data-notice"]'), /示例数据，非真实统计/);
  await shot(page, 'scheme-preset-huaian');
  await page.close();
});

// The 黄岩-style preset in the page: its own sample, totals worked by hand (as in the CLI's
// presets_cli.rs): Σ w × x ÷ b at the 2022 benchmarks (24.097, 136.16, 2.694, 4929.81,
// 18.14, 3.02 %) with weights 30, 20, 20, 10, 10, 10, each term rounded to 0.01.
test('the 黄岩 preset scores its own sample in the page, by hand for four firms', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.selectOption('[data-testid="preset-select"]', 'huangyan-2022');
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  const t = await totals(page);
  // 模具 at the benchmarks: 30 + 20 + 20 + 10 + 10 + 10.
  assert.equal(t['黄岩示例模具有限公司'], '100.00');
  // 塑料 at about half: 15.00 + 10 + 10 + 5.00 + 5 + 5 (361.5 ÷ 24.097 = 15.0018…).
  assert.equal(t['黄岩示例塑料有限公司'], '50.00');
  // 医药: 60.01 + 40.00 + 37.86 + 20.00 + 20.01 + 20.00.
  assert.equal(t['黄岩示例医药有限公司'], '197.88');
  // 化工: five negative figures score 0, R&D 10 × 0.3 ÷ 3.02 = 0.9933… → 0.99.
  assert.equal(t['黄岩示例化工有限公司'], '0.99');
  await page.close();
});

// The newer methods and the classes in the editor (issue 13 §1–2): a benchmark and a class
// share are checked on their fields, fixed, saved, reopened and scored with; 等级 and the
// fingerprint are shown and printed, and the page names the evaluated units 企业.
test('the editor: a benchmark and a class share are checked, fixed, saved, reopened and graded with', async () => {
  const { page } = await openFreshApp(browser.context);
  await page.selectOption('[data-testid="preset-select"]', 'huaian-2024');
  await page.waitForFunction(() => document.querySelector('[data-testid="scheme-name"]')?.textContent.includes('淮安式'));
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  const presetPrint = await page.textContent('[data-testid="scheme-fingerprint"]');
  const headers = await page.$$eval('[data-testid="ranking-table"] thead th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.ok(headers.includes('等级'), headers.join('|'));
  assert.ok(headers.includes('企业'), headers.join('|'));
  assert.ok(!(await page.textContent('header.top h1')).includes('园区'));
  const classes = async () => page.$$eval('[data-testid="rank-row"]', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.park, r.querySelector('[data-testid="class"]').textContent.trim()]),
  ));
  // By hand: 22 ranked firms (24 less the 2 T); A ⌊22 × 20 %⌋ = 4 places, A+B ⌊22 × 60 %⌋ = 13.
  // 仪器 (33.4, 560, 8.8: 50.1 + 32.67 + 29.33 = 112.10) is 5th: B; 纺织 (58.75) 13th: B.
  let c = await classes();
  assert.equal(c['淮安示例仪器有限公司'], 'B');
  assert.equal(c['淮安示例纺织有限公司'], 'B');
  assert.equal(c['淮安示例包装有限公司'], 'D');
  assert.match(await page.textContent('[data-testid="not-rated"]'), /淮安示例水务有限公司：不参评/);
  assert.match(await page.textContent('[data-testid="status"]'), /已计分：22 个企业参评/);

  await page.click('[data-testid="scheme-edit"]');
  await page.waitForSelector('[data-testid="scheme-editor"]');
  assert.match(await page.textContent('[data-testid="scheme-status"]'), /方案检查通过/);
  // 亩均税收's benchmark 0: refused on its field.
  await page.fill('[data-testid="scheme-g0-i0-param0"]', '0');
  assert.equal(await page.getAttribute('[data-testid="scheme-g0-i0-param0"]', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('[data-testid="scheme-g0-i0-param0-error"]'), '基准值应大于 0（现为「0」）');
  await page.fill('[data-testid="scheme-g0-i0-param0"]', '30');
  // A 20 % → 25 %: the sum is said; B 40 % → 35 % mends it.
  await page.fill('[data-testid="scheme-k0-value"]', '25');
  assert.match(await page.textContent('[data-testid="scheme-general"]'), /各等级所占比例之和为 105%，应为 100%/);
  assert.ok(await page.isDisabled('[data-testid="scheme-apply"]'));
  await shot(page, 'scheme-editor-classes-invalid');
  await page.fill('[data-testid="scheme-k1-value"]', '35');
  assert.match(await page.textContent('[data-testid="scheme-status"]'), /方案检查通过/);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="scheme-editor-save"]')]);
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, 'scheme-classes-edited.toml');
  await saved.saveAs(path);
  const text = readFileSync(path, 'utf8');
  assert.match(text, /share = 25/);
  assert.match(text, /unit_noun = "企业"/);
  assert.match(text, /benchmark = 30/);

  await page.click('[data-testid="scheme-apply"]');
  await page.waitForSelector('[data-testid="scheme-editor"]', { state: 'detached' });
  await page.waitForSelector('[data-testid="ranking-table"]');
  await idle(page);
  // A now takes ⌊22 × 25 %⌋ = ⌊5.5⌋ = 5 places: 仪器 (5th) is A; 光伏 (6th, 111.93) stays B.
  c = await classes();
  assert.equal(c['淮安示例仪器有限公司'], 'A');
  assert.equal(c['淮安示例光伏有限公司'], 'B');
  const edited = await page.textContent('[data-testid="scheme-fingerprint"]');
  assert.match(edited, /^方案指纹 [0-9a-f]{8}$/);
  assert.notEqual(edited, presetPrint);
  const fp = edited.replace('方案指纹 ', '');
  // The results printout names the scheme with that fingerprint and prints 等级.
  const printed = await page.textContent('[data-testid="print-report"]');
  assert.ok(printed.includes(`（指纹 ${fp}）`), printed.slice(0, 200));
  assert.ok(printed.includes('等级'));
  assert.ok(printed.includes('淮安示例水务有限公司：不参评'));
  // The firm's detail gives its grade.
  await page.click('[data-testid="rank-row"][data-park="淮安示例仪器有限公司"] button.link');
  await page.waitForSelector('[data-testid="park-detail"]');
  assert.equal(await page.textContent('[data-testid="park-class"]'), '，等级 A');
  assert.equal(await page.textContent('[data-testid="tab-detail"]'), '企业详情');
  await shot(page, 'scheme-classes-detail');

  // The command line scores the saved file to the same grades and fingerprint.
  const out = execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'parkscore', '--', 'score',
    join(ROOT, 'core', 'data', 'huaian-2024-sample.csv'), '--scheme', path, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
  const cli = JSON.parse(out);
  assert.equal(cli.scheme_fingerprint, fp);
  assert.equal(cli.parks.find((p) => p.name === '淮安示例仪器有限公司').class, 'A');

  // Back to the preset, then the saved file reopened: graded as edited again.
  await page.click('[data-testid="tab-ranking"]');
  await page.selectOption('[data-testid="preset-select"]', 'huaian-2024');
  await page.waitForFunction((p) => document.querySelector('[data-testid="scheme-fingerprint"]')?.textContent === p, presetPrint);
  await idle(page);
  assert.equal((await classes())['淮安示例仪器有限公司'], 'B');
  await page.setInputFiles('[data-testid="scheme-input"]', path);
  await page.waitForFunction((e) => document.querySelector('[data-testid="scheme-fingerprint"]')?.textContent === e, edited);
  await idle(page);
  assert.equal((await classes())['淮安示例仪器有限公司'], 'A');
  await page.close();
});
