// End-to-end tests of the data grid (issue 15 §1): columns titled by indicator, the keys of
// Excel (arrows, typing over, Enter, F2, Esc), paste of a block copied from Excel and copy of a
// selection through the clipboard events, rows inserted and deleted with undo, an issue of a
// derived indicator landing on its source figure, the cells' accessible labels, and a
// screenshot of the grid at 1280×720 (target/e2e/grid-1280x720.png). The cells are text and
// one editor (an <input>) sits in the active cell (issue 14): every test drives the grid as a
// user does — a click on a cell, the keys typed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, openFreshApp, idle, ROOT, SHOTS,
  activeCell, waitActiveCell, cellText, waitCellText, clickCell, typeInCell,
} from './harness.mjs';

const SAMPLE = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'), 'utf8');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const active = activeCell;
const value = cellText;
/** The accessible name of the focused element (the editor's: the cell's label). */
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));

async function screenTotals(page) {
  return page.$$eval('[data-testid="rank-row"]', (rows) => Object.fromEntries(
    rows.map((r) => [r.dataset.park, r.querySelector('[data-testid="total"]').textContent.trim()]),
  ));
}

async function sampleGrid(page) {
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  await page.click('[data-testid="tab-data"]');
  await page.waitForSelector('[data-testid="cell-2-1"]');
}

/** Pastes `text` on the focused element as a browser does on Ctrl+V (a paste event). */
async function paste(page, text) {
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** What Ctrl+C on the focused element puts on the clipboard (a copy event's data). */
async function copy(page) {
  return page.evaluate(() => {
    const dt = new DataTransfer();
    document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
}

test('the columns are titled by indicator and the title row and park names stay while scrolling', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await sampleGrid(page);
  const title = (c) => page.textContent(`[data-testid="col-${c}"]`);
  assert.equal(await title(0), '园区名称');
  assert.equal(await title(1), '新增工业总产值（亿元）');
  assert.equal(await title(19), '园区规划体系（分）');
  // A long name is cut on screen, whole in its tooltip (with the column letter).
  assert.equal(await page.getAttribute('[data-testid="col-18"]', 'title'),
    '项目涉及重点污染物排放达标情况及总量控制指标完成情况（分）（S 列）');
  const clamped = await page.$eval('[data-testid="col-18"] .col-text', (e) => e.scrollHeight > e.clientHeight);
  assert.ok(clamped, 'the long title is shortened on screen');
  // Each cell's label names the park and the indicator (the editor carries it to the cell
  // with the focus); its tooltip the file and address (written when the pointer comes to it).
  await clickCell(page, 'cell-3-1');
  assert.equal(await focusedLabel(page), '红山园区 · 新增工业总产值（亿元）');
  await clickCell(page, 'cell-1-1');
  assert.equal(await focusedLabel(page), '第 2 行 · 新增工业总产值（亿元）');
  await page.hover('[data-testid="cell-3-1"]');
  assert.match(await page.getAttribute('[data-testid="cell-3-1"]', 'title'), /示例数据-2020\.csv B4$/);
  await page.hover('[data-testid="cell-4-2"]');
  assert.match(await page.getAttribute('[data-testid="cell-4-2"]', 'title'), /示例数据-2020\.csv C5$/);
  assert.equal(await page.getAttribute('.data-grid', 'role'), 'grid');
  // Scrolled right and down: the park names and the titles stay where they were.
  const at = () => page.evaluate(() => ({
    name: document.querySelector('[data-testid="cell-9-0"]').getBoundingClientRect().left,
    head: document.querySelector('[data-testid="col-5"]').getBoundingClientRect().top,
  }));
  const before = await at();
  await page.$eval('.grid-scroll', (s) => { s.scrollLeft = 900; s.scrollTop = 200; });
  const after = await at();
  assert.equal(after.name, before.name, 'the park-name column stays');
  assert.equal(after.head, before.head, 'the title row stays');
  await page.$eval('.grid-scroll', (s) => { s.scrollLeft = 0; s.scrollTop = 0; });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.$eval('.grid-section', (s) => s.scrollIntoView());
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'grid-1280x720.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page is text cells with one editor, which follows the cursor and commits through itself', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await sampleGrid(page);
  const width = await page.locator('.data-grid thead [data-testid^="col-"]').count();
  const rows = await page.locator('.data-grid tbody tr').count();
  assert.equal(rows, 16);
  assert.equal(await page.locator('.data-grid tbody td').count(), rows * width);
  // One <input> — the editor — in the first cell: the grid's one stop in the Tab order.
  const editorCell = () => page.$$eval('.data-grid input', (inputs) => inputs.map((i) => i.closest('.data-grid td').dataset.testid));
  assert.deepEqual(await editorCell(), ['cell-0-0']);
  assert.equal(await page.locator('.data-grid [tabindex]').count(), 1);
  assert.equal(await page.getAttribute('.data-grid input', 'tabindex'), '0');
  // No other cell carries a label or a tooltip of its own before it is pointed at.
  assert.equal(await page.locator('.data-grid td[aria-label], .data-grid td[title]').count(), 0);
  assert.equal(await page.textContent('[data-testid="cell-3-1"]'), '12.3');
  // A click moves the editor to the cell, its text selected: typing replaces it.
  await clickCell(page, 'cell-2-1');
  assert.deepEqual(await editorCell(), ['cell-2-1']);
  assert.equal(await page.textContent('[data-testid="cell-0-0"]'), '2020年度赤峰市工业园区考核数据（示例数据，非真实统计）');
  await page.keyboard.type('41');
  await page.keyboard.press('Tab');
  await waitActiveCell(page, 'cell-2-2');
  // The edit is committed through the editor: the cell shows it as text, marked, and logged.
  assert.deepEqual(await editorCell(), ['cell-2-2']);
  assert.equal(await page.textContent('[data-testid="cell-2-1"]'), '41');
  assert.match(await page.getAttribute('[data-testid="cell-2-1"]', 'class'), /edited/);
  await page.waitForSelector('[data-testid="change-log"]');
  assert.match(await page.textContent('[data-testid="change-log"]'), /东山园区新增工业总产值（亿元）38\.641/);
  // A double click edits in place: the arrows move the caret, Esc takes the text back.
  await page.dblclick('[data-testid="cell-4-1"]');
  await waitActiveCell(page, 'cell-4-1');
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  assert.equal(await cellText(page, 'cell-4-1'), '6.85');
  assert.match(await page.getAttribute('[data-testid="cell-4-1"] input', 'class'), /editing/);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(page), 'cell-4-1');
  await page.keyboard.press('Escape');
  assert.equal(await cellText(page, 'cell-4-1'), '6.8');
  // Shift+arrows select a block: aria-selected on each of its cells; Delete clears them all.
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await page.locator('.data-grid td[aria-selected="true"]').count(), 4);
  assert.deepEqual(await editorCell(), ['cell-5-2']);
  await page.keyboard.press('Delete');
  await waitCellText(page, 'cell-4-1', '');
  for (const id of ['cell-4-2', 'cell-5-1', 'cell-5-2']) assert.equal(await cellText(page, id), '', id);
  assert.equal(await page.locator('.data-grid input').count(), 1);
  // Keys pressed faster than the editor moves all count, and a character typed meanwhile goes
  // to the cell it was typed on (宁城经济开发区 · 工业总产值增速, 13.2).
  await clickCell(page, 'cell-6-1');
  await Promise.all([
    page.keyboard.press('ArrowDown'), page.keyboard.press('ArrowDown'),
    page.keyboard.press('ArrowRight'), page.keyboard.type('7'),
  ]);
  await waitActiveCell(page, 'cell-8-2');
  await waitCellText(page, 'cell-8-2', '7');
  await page.keyboard.press('Escape');
  await waitCellText(page, 'cell-8-2', '13.2');
  assert.equal(await cellText(page, 'cell-6-1'), '9.4');
  // Typed and then Enter, both before the editor came: the text is the cell's it was typed on,
  // and Enter ends that edit and moves on (nothing lands in the cell below).
  const [seven, eight] = [await cellText(page, 'cell-7-1'), await cellText(page, 'cell-8-1')];
  await clickCell(page, 'cell-6-1');
  // (Presses started together send their keydowns in this order; a `type` would send its
  // second key after the next press's.)
  await Promise.all([
    page.keyboard.press('ArrowDown'), page.keyboard.press('1'), page.keyboard.press('2'),
    page.keyboard.press('Enter'),
  ]);
  await waitActiveCell(page, 'cell-8-1');
  await waitCellText(page, 'cell-7-1', '12');
  assert.equal(await cellText(page, 'cell-8-1'), eight);
  // Typed and then Esc before the editor came: the cell has its text back.
  await clickCell(page, 'cell-6-1');
  await Promise.all([
    page.keyboard.press('ArrowDown'), page.keyboard.press('5'), page.keyboard.press('Escape'),
  ]);
  await waitActiveCell(page, 'cell-7-1');
  await waitCellText(page, 'cell-7-1', '12');
  assert.notEqual(seven, '12', 'the cell had another text before');
  // The cells that held the focus meanwhile are out of the Tab order again: one stop.
  assert.equal(await page.locator('.data-grid [tabindex]:not([tabindex="-1"])').count(), 1);
  assert.equal(await page.locator('.data-grid td[tabindex]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Chromium's accessibility tree: a grid of titled columns, each cell named by its park's row and its column, the editor by its label", async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await sampleGrid(page);
  // 红山园区 · 新增工业总产值（亿元） and the cell right of it selected, the focus on the first.
  await clickCell(page, 'cell-3-2');
  await page.keyboard.press('Shift+ArrowLeft');
  await waitActiveCell(page, 'cell-3-1');
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const role = (n) => n?.role?.value;
  const name = (n) => n?.name?.value ?? '';
  const prop = (n, p) => n.properties?.find((x) => x.name === p)?.value?.value;
  // The children of a node that count (ignored wrappers looked through).
  const kids = (n) => (n.childIds ?? []).flatMap((id) => {
    const k = byId.get(id);
    return !k ? [] : k.ignored || role(k) === 'rowgroup' || role(k) === 'generic' || role(k) === 'none' ? kids(k) : [k];
  });
  const grid = nodes.find((n) => role(n) === 'grid');
  assert.match(name(grid), /数据表/);
  const rows = kids(grid).filter((n) => role(n) === 'row');
  assert.equal(rows.length, 17, 'the title row and 16 rows');
  const headers = kids(rows[0]);
  assert.ok(headers.every((h) => role(h) === 'columnheader'));
  const column = headers.findIndex((h) => name(h) === '新增工业总产值（亿元）');
  assert.equal(column, 2, 'after 行 and 园区名称');
  // 红山园区's row: its header names the park; the next cell of the column is its text.
  const red = kids(rows[4]);
  assert.equal(role(red[0]), 'rowheader');
  assert.equal(name(red[0]), '红山园区（第 4 行）');
  assert.equal(name(headers[3]), '工业总产值增速（%）');
  assert.equal(role(red[3]), 'gridcell');
  assert.equal(name(red[3]), '9.8');
  assert.equal(prop(red[3], 'selected'), true, 'in the selection');
  assert.equal(prop(kids(rows[5])[3], 'selected'), false);
  // The cell with the focus holds the editor, named by the cell's label.
  const cell = red[column];
  assert.equal(role(cell), 'gridcell');
  const editor = kids(cell).find((n) => role(n) === 'textbox');
  assert.ok(editor, 'the editor is in the cell');
  assert.equal(name(editor), '红山园区 · 新增工业总产值（亿元）');
  assert.equal(prop(editor, 'focused'), true);
  assert.equal(await page.getByRole('textbox', { name: '红山园区 · 新增工业总产值（亿元）' }).inputValue(), '12.3');
  assert.equal(await page.getByRole('gridcell', { name: '428.9', exact: true }).getAttribute('data-testid'), 'cell-3-6');
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only: arrows, typing over, Enter, F2, Esc and Tab as in Excel', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await sampleGrid(page);
  // Tab into the grid: it is one stop, its first cell.
  let reached = null;
  for (let i = 0; i < 80 && !reached?.startsWith('cell-'); i++) {
    await page.keyboard.press('Tab');
    reached = await active(page);
  }
  assert.equal(reached, 'cell-0-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'cell-2-1'); // 东山园区 · 新增工业总产值
  // Typing replaces the text; Enter ends the edit and goes down.
  await page.keyboard.type('40');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'cell-3-1');
  assert.equal(await value(page, 'cell-2-1'), '40');
  assert.match(await page.getAttribute('[data-testid="cell-2-1"]', 'class'), /edited/);
  const log = () => page.$$eval('[data-testid="change-log"] tbody tr', (rows) => rows.map((r) => r.textContent));
  assert.equal((await log()).length, 1);
  assert.match((await log())[0], /东山园区新增工业总产值（亿元）38\.640/);
  // F2 edits in place: the caret at the end; Esc restores the text, no change logged.
  await page.keyboard.press('F2');
  await page.keyboard.type('5');
  assert.equal(await value(page, 'cell-3-1'), '12.35');
  await page.keyboard.press('ArrowLeft'); // the caret, not the cell
  assert.equal(await active(page), 'cell-3-1');
  await page.keyboard.press('Escape');
  assert.equal(await value(page, 'cell-3-1'), '12.3');
  assert.equal(await active(page), 'cell-3-1');
  // Typed over, then Esc: back too.
  await page.keyboard.type('99');
  assert.equal(await value(page, 'cell-3-1'), '99');
  await page.keyboard.press('Escape');
  assert.equal(await value(page, 'cell-3-1'), '12.3');
  await idle(page);
  assert.equal((await log()).length, 1, 'a cancelled edit leaves nothing in the log');
  assert.doesNotMatch(await page.getAttribute('[data-testid="cell-3-1"]', 'class'), /edited/);
  // In an edit begun by typing, an arrow ends it and moves; Shift+Tab, Tab, Shift+Enter move.
  await page.keyboard.type('9');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'cell-3-2');
  assert.equal(await value(page, 'cell-3-1'), '9');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await active(page), 'cell-3-1');
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'cell-3-2');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await active(page), 'cell-2-2');
  // Ctrl+Z takes the last change back (红山园区's 9) and shows its cell.
  await page.keyboard.press('Control+z');
  await waitCellText(page, 'cell-3-1', '12.3');
  assert.equal((await log()).length, 1);
  await waitActiveCell(page, 'cell-3-1');
  // Chinese typed with an input method: the pinyin being composed is not yet an edit; the
  // composed text is, when the composition ends.
  const changes = async () => (await page.$('[data-testid="change-log"]')) ? (await log()).length : 0;
  await clickCell(page, 'cell-5-0');
  await page.$eval('[data-testid="cell-5-0"] input', (el) => {
    el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    el.value = 'anqing';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: 'anqing' }));
  });
  await page.waitForTimeout(100);
  assert.equal(await changes(), 1, 'no change while composing');
  await page.$eval('[data-testid="cell-5-0"] input', (el) => {
    el.value = '安庆工业园区';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, inputType: 'insertCompositionText', data: '安庆工业园区' }));
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '安庆工业园区' }));
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="change-log"] tbody tr').length === 2);
  assert.match((await log())[1], /安庆园区安庆工业园区/);
  await page.keyboard.press('Escape');
  await waitCellText(page, 'cell-5-0', '安庆园区');
  await clickCell(page, 'cell-3-1');
  // Keys an input method sends while composing are not commands.
  await page.$eval('[data-testid="cell-3-1"] input', (el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true })));
  assert.equal(await active(page), 'cell-3-1');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 3×2 block pasted from Excel re-scores, and one Ctrl+Z takes it all back; a selection copies out as TSV', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await page.click('[data-testid="load-sample"]');
  await page.waitForSelector('[data-testid="ranking-table"]');
  const before = await screenTotals(page);
  await page.click('[data-testid="tab-data"]');
  // 园区规划体系 (T, max 3) and 管理机构设置 (U, max 1), direct scores: loaded 东山 3 / 1,
  // 红山 2.8 / 1, 元宝山 2.5 / 1.
  await clickCell(page, 'cell-2-19');
  await paste(page, '2.5\t0.5\r\n2\t1\r\n2\t0.5\r\n');
  const block = async () => [
    await value(page, 'cell-2-19'), await value(page, 'cell-2-20'),
    await value(page, 'cell-3-19'), await value(page, 'cell-3-20'),
    await value(page, 'cell-4-19'), await value(page, 'cell-4-20'),
  ];
  assert.deepEqual(await block(), ['2.5', '0.5', '2', '1', '2', '0.5']);
  await idle(page);
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="rank-row"]');
  const after = await screenTotals(page);
  const drop = (park) => (Number(before[park]) - Number(after[park])).toFixed(2);
  assert.equal(drop('东山园区'), '1.00');
  assert.equal(drop('红山园区'), '0.80');
  assert.equal(drop('元宝山园区'), '1.00');
  assert.equal(drop('安庆园区'), '0.00');
  // One Ctrl+Z: the whole paste is gone.
  await page.click('[data-testid="tab-data"]');
  await clickCell(page, 'cell-2-19');
  await page.keyboard.press('Control+z');
  await waitCellText(page, 'cell-4-20', '1');
  assert.deepEqual(await block(), ['3', '1', '2.8', '1', '2.5', '1']);
  await idle(page);
  assert.equal(await page.$('[data-testid="change-log"]'), null, 'the log is empty again');
  await page.click('[data-testid="tab-ranking"]');
  await page.waitForSelector('[data-testid="rank-row"]');
  assert.deepEqual(await screenTotals(page), before);
  // Copy: Shift+arrows select 2×2 from B3; Ctrl+C writes it as Excel does.
  await page.click('[data-testid="tab-data"]');
  await clickCell(page, 'cell-2-1');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  assert.equal(await page.locator('.data-grid td.selected').count(), 4);
  assert.equal(await copy(page), '38.6\t12.4\r\n12.3\t9.8\r\n');
  // A paste past the table's edge is refused with a message.
  await page.keyboard.press('Escape');
  await clickCell(page, 'cell-15-0');
  await paste(page, 'a\nb\n');
  assert.match(await page.textContent('body'), /超出了表格/);
  assert.equal(await value(page, 'cell-15-0'), '红山绿色食品产业园区');
  assert.deepEqual(errors, []);
  await page.close();
});

test('rows are inserted and deleted from the keyboard, traced in the log and undone', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  await sampleGrid(page);
  await clickCell(page, 'cell-3-0'); // 红山园区
  await page.keyboard.press('Control+Shift+Equal'); // Ctrl++ as in Excel
  await waitCellText(page, 'cell-4-0', '红山园区');
  assert.equal(await value(page, 'cell-3-0'), '');
  assert.equal(await active(page), 'cell-3-0');
  const log = () => page.textContent('[data-testid="change-log"]');
  assert.match(await log(), /插入第 4 行/);
  await idle(page);
  // The button, reached with the keyboard, deletes the row of the cell last selected.
  await clickCell(page, 'cell-4-0');
  await page.focus('[data-testid="row-delete"]');
  await page.keyboard.press('Enter');
  await waitCellText(page, 'cell-4-0', '元宝山园区');
  assert.match(await log(), /删除第 5 行/);
  assert.match(await page.textContent('[data-testid="change-summary"]'), /删除第 5 行（红山园区）/);
  await idle(page);
  assert.match(await page.textContent('[data-testid="issues"]'), /红山园区/);
  // Ctrl+Z twice: 红山园区 back, then the inserted row gone.
  await clickCell(page, 'cell-2-0');
  await page.keyboard.press('Control+z');
  await waitCellText(page, 'cell-4-0', '红山园区');
  await page.keyboard.press('Control+z');
  await waitCellText(page, 'cell-3-0', '红山园区');
  await idle(page);
  assert.equal(await page.$('[data-testid="change-log"]'), null);
  await page.click('[data-testid="tab-ranking"]');
  assert.equal(await page.locator('[data-testid="rank-row"]').count(), 14);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an issue of a derived indicator takes the user to the figure it comes from', async () => {
  const { page, errors } = await openFreshApp(browser.context);
  // 新增工业总产值 and 工业总产值增速 derived from 本年 / 上年 figures; 东山园区's 上年 is empty.
  const lines = SAMPLE.split('\n').map((line, i) => {
    const cells = line.split(',');
    if (cells.length < 3 || i === 0) return line;
    if (i === 1) { cells[1] = '工业总产值本年（亿元）'; cells[2] = '工业总产值上年（亿元）'; }
    else if (i === 2) { cells[1] = '100'; cells[2] = ''; }
    else { cells[1] = String(100 + i); cells[2] = '90'; }
    return cells.join(',');
  });
  await page.setInputFiles('#file-input', { name: '原始数据.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n'), 'utf8') });
  await page.waitForSelector('[data-testid="issues"] .issue-link');
  await idle(page);
  const link = page.locator('[data-testid="issues"] .issue-link', { hasText: '工业总产值增速' })
    .filter({ hasText: '东山园区' }).filter({ hasText: '缺少数值' }).first();
  await link.click();
  // 上年 of 东山园区 (row 3, column C), not its name.
  await waitActiveCell(page, 'cell-2-2');
  assert.equal(await focusedLabel(page), '东山园区 · 工业总产值上年（亿元）');
  assert.equal(await page.getAttribute('[data-testid="col-2"]', 'title'), '工业总产值上年（亿元）（C 列）');
  const inView = await page.$eval('[data-testid="cell-2-2"]', (el) => {
    const r = el.getBoundingClientRect();
    const s = el.closest('.grid-scroll').getBoundingClientRect();
    return r.top >= s.top && r.bottom <= s.bottom && r.left >= s.left && r.right <= s.right;
  });
  assert.ok(inView, 'the cell is scrolled into view');
  // Typing the figure fixes it.
  await page.keyboard.type('90');
  await page.keyboard.press('Enter');
  await idle(page);
  assert.equal(await value(page, 'cell-2-2'), '90');
  const missing = page.locator('[data-testid="issues"] .issue-link', { hasText: '缺少数值' }).filter({ hasText: '东山园区' });
  assert.equal(await missing.count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
