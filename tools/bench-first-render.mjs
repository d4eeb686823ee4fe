// Benchmark (not a pass/fail test): opens dist/parkscore.html from file:// in headless Chromium
// N times, each in a fresh page, and prints the median time from navigation start to the app's
// first render (the moment [data-testid="app-root"] is in the DOM).
//
//   node tools/bench-first-render.mjs [dist/parkscore.html] [N]

import { launch, openApp } from '../tests/e2e/harness.mjs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = resolve(process.argv[2] ?? 'dist/parkscore.html');
const runs = Number(process.argv[3] ?? 15);
const url = pathToFileURL(file).href;

const browser = await launch();
// Installed before any of the page's own scripts: records performance.now() (milliseconds since
// navigation start) the moment the app's root element enters the DOM.
await browser.context.addInitScript(() => {
  new MutationObserver((_, obs) => {
    if (document.querySelector('[data-testid="app-root"]')) {
      window.__parkscoreFirstRender = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
});
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const { page } = await openApp(browser.context, url);
    times.push(await page.evaluate(() => window.__parkscoreFirstRender));
    await page.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const fmt = (x) => `${x.toFixed(0)} ms`;
console.log(`first render of ${file} from file:// over ${runs} runs: median ${fmt(median)} (min ${fmt(times[0])}, max ${fmt(times[times.length - 1])})`);
