// Writes a large synthetic input for the big-file benchmark: the 14-park sample's title and
// header, then N data rows made from the sample's rows, each park renamed `<name>-<i>` and every
// decimal cell nudged by a small, deterministic amount (so that the ranking is not one big tie).
// Not real data; only for measuring how the app copes with a big file.
//
//   node tools/make-big-csv.mjs <parks> <out.csv>

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [count, out] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(count) || count < 1 || !out) {
  console.error('usage: node tools/make-big-csv.mjs <parks> <out.csv>');
  process.exit(2);
}

const lines = readFileSync(join(import.meta.dirname, '..', 'core', 'data', 'sample-2020.csv'), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.length > 0);
const [title, header, ...rows] = lines;
const data = rows.filter((l) => !l.startsWith(',')).map((l) => l.split(','));

const nudge = (cell, i) => {
  const m = /^(-?)(\d+)\.(\d+)$/.exec(cell);
  if (!m) return cell;
  // Within ±0.5 % of the sample's value, to the sample's decimal places: a bureau score
  // stays within its full marks (or is rounded back to it).
  const places = m[3].length;
  const value = Number(cell);
  const nudged = value * (1 + (((i * 7919) % 97) - 48) / 10000);
  return (Math.abs(nudged) > Math.abs(value) ? value : nudged).toFixed(places);
};

const outLines = [title, header];
for (let i = 0; i < count; i++) {
  const base = data[i % data.length];
  const k = Math.floor(i / data.length);
  outLines.push(base.map((cell, c) => (c === 0 ? `${cell}-${k + 1}` : nudge(cell, i))).join(','));
}
writeFileSync(out, outLines.join('\r\n') + '\r\n');
console.log(`${out}: ${count} parks, ${outLines.length} lines`);
