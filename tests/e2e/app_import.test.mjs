// End-to-end tests of import round 2 (issue 11) in the page, on dist/parkscore.html opened from
// file://: a park name not on the scheme's list is fixed with one click on its suggestion; a
// listed park missing from the file blocks until the user goes on without it, and the reading
// says so; a workbook whose instructions sheet comes first is read from its data sheet.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openFreshApp, shot, dropFile, idle, ROOT } from './harness.mjs';

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
  assert.equal(await cell.inputValue(), '元宝山园区');
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
