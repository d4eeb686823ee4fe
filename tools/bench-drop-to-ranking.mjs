// Benchmark (not a pass/fail test): drops the 14-park sample CSV on dist/parkscore.html in
// headless Chromium N times, each on a fresh page with no saved session, and prints the median
// time from the drop event to the ranking table on screen.
//
//   node tools/bench-drop-to-ranking.mjs [dist/parkscore.html] [N]

import { launch, openFreshApp } from '../tests/e2e/harness.mjs';
import { pathToFileURL } from 'node:url';
import { resolve, join } from 'node:path';
import { readFileSync } from 'node:fs';

const file = resolve(process.argv[2] ?? 'dist/parkscore.html');
const runs = Number(process.argv[3] ?? 15);
const url = pathToFileURL(file).href;
const csv = readFileSync(join(import.meta.dirname, '..', 'core', 'data', 'sample-2020.csv'));

const browser = await launch();
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page } = await openFreshApp(browser.context, url);
    const ms = await page.evaluate(async (b64) => {
      const bin = atob(b64);
      const buf = new Uint8Array(bin.length);
      for (let j = 0; j < bin.length; j++) buf[j] = bin.charCodeAt(j);
      const dt = new DataTransfer();
      dt.items.add(new File([buf], 'sample.csv'));
      const shown = new Promise((ok) => {
        const check = () => document.querySelector('[data-testid="rank-row"]');
        new MutationObserver((_, obs) => { if (check()) { obs.disconnect(); ok(performance.now()); } })
          .observe(document, { subtree: true, childList: true });
      });
      const start = performance.now();
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      }
      return (await shown) - start;
    }, csv.toString('base64'));
    times.push(ms);
    await page.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
const fmt = (x) => `${x.toFixed(0)} ms`;
console.log(`drop of the 14-park sample to the ranking on screen, ${runs} runs: median ${fmt(times[Math.floor(times.length / 2)])} (min ${fmt(times[0])}, max ${fmt(times[times.length - 1])})`);
