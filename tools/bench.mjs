// Benchmark (measures, asserts nothing): `make bench`. Prints ONE table of what a file costs in
// the page and in the command line, for synthetic files of 14, 1,000, 10,000 and 100,000 parks
// (csv and xlsx, random distinct values, the import template's columns) and the many-ties file
// (100,000 rows copied from the sample; hundreds of parks tie). The files are written by
// core/examples/make_bench_data.rs (fixed seed) into target/bench-data/ when missing; delete
// that directory after changing the generator.
//
// Above the table: dist/parkscore.html's size raw and gzipped, and its median first render
// (navigation start → the app's root element in the DOM, from file://, 15 fresh pages).
//
// Per file, in dist/parkscore.html from file:// (headless Debian Chromium, one fresh browser
// per run; files of parks the scheme does not list after ticking 允许缺少名单中的单位 and
// 包括名单外的园区, which loads the sample first, as a user would; the file set as soon as the
// app is on screen, while the worker still warms up, and the 14-park CSV once more on a page
// that has settled, "random-14.csv, settled": the worker's warm-ups answered, then 500 ms):
//   ranking      the file set on the input (its change event) → the first ranking row of the
//                file's parks on screen (median of the runs)
//   longest task the longest main-thread task meanwhile (Long Tasks API; the tab can neither
//                paint nor react during it; "—" = none over 50 ms) (median)
//   views        the longest main-thread task on switching to each other view and back
//                (last run only)
//   worker wasm  the compute worker's wasm memory after the job: wasm memory only grows, so
//                this is its peak (the `mem` field tools/inline.mjs's worker adds to a reply)
//   JS heap      the page's performance.memory.usedJSHeapSize, sampled every 100 ms and at the
//                end (--enable-precise-memory-info); the largest sample
//   tab RSS      peak resident memory (VmHWM) of the tab's renderer process: page, worker, both
//                wasm memories and JS heaps together (Linux /proc; largest over the runs)
// and the command line `parkscore score FILE --format json` (release build; the list options
// for unlisted parks): wall time (median), peak RSS (getrusage of the child, via python3),
// and the size of the JSON it prints.
//
// Runs: 5 for 14 and 1,000 parks, 3 for 10,000, 1 for 100,000. A run longer than the timeout
// (120 s) is stopped and shows "> 120 s"; the file's further runs are skipped. The command line
// runs within an address-space limit (12 GiB), past which it aborts ("out of memory").
//
//   node tools/bench.mjs [--only SUBSTR,…] [--timeout SECONDS] [--no-page] [--no-cli]
//                        [--cli-mem-gib N] [--runs N]
//
// Needs dist/parkscore.html (`make dist`) and the CLI's release build
// (`cargo build --release -p parkscore --bin parkscore`; $CARGO_TARGET_DIR is honoured).

import { launch, openApp, allowAnyParks, ROOT, APP_URL, DIST_HTML } from '../tests/e2e/harness.mjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const flag = (name) => argv.includes(name);
const TIMEOUT_S = Number(opt('--timeout', 120));
const ONLY = opt('--only', '').split(',').filter(Boolean);
const CLI_MEM = Number(opt('--cli-mem-gib', 12)) * 2 ** 30;
const RUNS = opt('--runs', null);
const DATA = join(ROOT, 'target', 'bench-data');
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
const CLI = join(TARGET, 'release', 'parkscore');

const SIZES = [14, 1_000, 10_000, 100_000];
const runsFor = (n) => Number(RUNS ?? (n <= 1_000 ? 5 : n <= 10_000 ? 3 : 1));
// The 14-park files name the scheme's own units: no list choice, as in real use.
// Each file is set on a fresh page as soon as the app is on screen (while the worker warms
// up); the 14-park CSV once more on a page that has settled (the worker's two warm-ups
// answered, then 500 ms): a user takes longer than that to pick a file. Its command line
// figures are the row above's.
const FILES = [
  ...SIZES.flatMap((n) => ['csv', 'xlsx'].flatMap((ext) => [
    { name: `random-${n}.${ext}`, label: `random-${n}.${ext}`, rows: n, listed: n === 14 },
    ...(n === 14 && ext === 'csv'
      ? [{ name: 'random-14.csv', label: 'random-14.csv, settled', rows: n, listed: true, settled: true }]
      : []),
  ])),
  { name: 'ties-100000.csv', label: 'ties-100000.csv', rows: 100_000, listed: false },
].filter((f) => ONLY.length === 0 || ONLY.some((s) => f.label.includes(s)));

// The sample's parks: the ranking shown before a file of unlisted parks is set.
const SAMPLE_PARKS = readFileSync(join(ROOT, 'core', 'data', 'sample-2020.csv'), 'utf8')
  .split(/\r?\n/).slice(2).map((l) => l.split(',')[0]).filter(Boolean);

// ------------------------------------------------------------------ formatting

const ms = (x) => (x < 1000 ? `${x.toFixed(0)} ms` : `${(x / 1000).toFixed(x < 10_000 ? 2 : 1)} s`);
const bytes = (n) => {
  if (n == null) return '—';
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(0)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
};
const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const max = (xs) => {
  const s = xs.filter((x) => x != null);
  return s.length ? Math.max(...s) : null;
};
const log = (...a) => console.error(...a);

class Timeout extends Error {}
const within = (promise, seconds) => {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, no) => { timer = setTimeout(() => no(new Timeout()), seconds * 1000); }),
  ]).finally(() => clearTimeout(timer));
};

// ------------------------------------------------------------------ inputs

function ensureData() {
  const missing = FILES.filter((f) => !existsSync(join(DATA, f.name)));
  if (missing.length === 0) return;
  log(`writing the benchmark files into ${DATA} (missing: ${missing.map((f) => f.name).join(', ')})`);
  execFileSync('cargo', ['run', '--release', '--locked', '--quiet', '-p', 'parkscore', '--example', 'make_bench_data', '--', DATA],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

// ------------------------------------------------------------------ the page

// Linux only: the tab's renderer processes among the browser's descendants (the browser is the
// process whose command line names the profile directory); their peak resident set.
function rendererPeakRss(profile) {
  if (!existsSync('/proc/self/status')) return null;
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // Joined: Chromium's child processes rewrite their argv into one string.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      procs.set(Number(pid), { cmd, ppid });
    } catch { /* gone meanwhile */ }
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profile} `) && !p.cmd.includes('--type='));
  const family = new Set(roots.map(([pid]) => pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of procs) if (!family.has(pid) && family.has(p.ppid)) { family.add(pid); grew = true; }
  }
  let peak = null;
  for (const pid of family) {
    if (!procs.get(pid).cmd.includes('--type=renderer')) continue;
    try {
      const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (kib) peak = Math.max(peak ?? 0, Number(kib[1]) * 1024);
    } catch { /* gone */ }
  }
  return peak;
}

// Installed in the page before the file is set: observers for the run, results in window.__bench.
function installProbe(skip) {
  const sample = new Set(skip);
  const b = { start: null, end: null, longest: 0, heap: null, error: null };
  window.__bench = b;
  const heap = () => {
    if (performance.memory) b.heap = Math.max(b.heap ?? 0, performance.memory.usedJSHeapSize);
  };
  b.sampleHeap = heap;
  const timer = setInterval(heap, 100);
  const tasks = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (b.start !== null && e.startTime + e.duration > b.start) b.longest = Math.max(b.longest, e.duration);
    }
  });
  tasks.observe({ type: 'longtask' });
  // The capture phase: before the app's own handler reads the file.
  document.addEventListener('change', (e) => {
    if (b.start === null && e.target && e.target.id === 'file-input') b.start = performance.now();
  }, true);
  b.done = new Promise((ok) => {
    const check = () => {
      const error = document.querySelector('[data-testid="load-error"]');
      if (error) { b.error = error.textContent; return true; }
      for (const row of document.querySelectorAll('[data-testid="rank-row"]')) {
        if (!sample.has(row.dataset.park)) { b.end = performance.now(); return true; }
      }
      return false;
    };
    new MutationObserver((_, o) => {
      if (b.start !== null && check()) { o.disconnect(); ok(); }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-park'] });
  }).then(() => new Promise((ok) => setTimeout(ok, 300))) // the last long task reported
    .then(() => { heap(); clearInterval(timer); tasks.disconnect(); });
}

// The longest main-thread task of switching to each other view, then back to the ranking.
async function viewSwitches(page) {
  await page.evaluate(() => {
    window.__benchLongest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongest = Math.max(window.__benchLongest, e.duration);
    }).observe({ type: 'longtask' });
  });
  let longest = 0;
  const each = [];
  for (const [tab, sel] of [['detail', 'park-detail'], ['awards', 'awards'], ['data', 'table.data-grid'], ['ranking', 'ranking-table']]) {
    await page.evaluate(() => { window.__benchLongest = 0; });
    await page.click(`[data-testid="tab-${tab}"]`);
    await page.waitForSelector(sel.includes('.') ? sel : `[data-testid="${sel}"]`, { timeout: TIMEOUT_S * 1000 });
    await page.waitForTimeout(300);
    const t = await page.evaluate(() => window.__benchLongest);
    each.push(`${tab} ${Math.round(t)} ms`);
    longest = Math.max(longest, t);
  }
  // Which view costs what, for the log (the table keeps the longest).
  log(`  views: ${each.join(', ')}`);
  return longest;
}

// Installed before the page's own scripts: worker replies carry `mem` (tools/inline.mjs); the
// largest seen is the worker's peak wasm memory (a worker started anew is watched too).
function watchWorkers() {
  window.__benchMem = null;
  window.__benchWarmUps = 0;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (e.data && typeof e.data.mem === 'number') window.__benchMem = Math.max(window.__benchMem ?? 0, e.data.mem);
        // The warm-up jobs' number is 2^64 − 1 (services/worker.rs, WARM_UP_SEQ).
        if (e.data && e.data.seq > 1e18) window.__benchWarmUps += 1;
      });
    }
  };
}

// One run in a fresh browser: {ranking, longest, heap, wasm, rss, views?} or {timeout} or {error}.
async function pageRun(file, last) {
  const browser = await launch(['--enable-precise-memory-info']);
  await browser.context.addInitScript(watchWorkers);
  const r = {};
  let crash;
  const crashed = new Promise((_, no) => { crash = () => no(new Error('the tab crashed')); });
  crashed.catch(() => {});
  try {
    // A fresh profile: no session saved by an earlier run.
    const { page } = await openApp(browser.context, APP_URL);
    page.on('crash', () => crash());
    if (!file.listed) await allowAnyParks(page);
    if (file.settled) {
      await page.waitForFunction(() => window.__benchWarmUps >= 2, null, { timeout: TIMEOUT_S * 1000 });
      await page.waitForTimeout(500);
    }
    await page.evaluate(installProbe, file.listed ? [] : SAMPLE_PARKS);
    await page.setInputFiles('[data-testid="file-input"]', join(DATA, file.name));
    // The measured interval: only this wait has the timeout.
    await within(Promise.race([page.evaluate(() => window.__bench.done), crashed]), TIMEOUT_S);
    const b = await page.evaluate(() => ({ start: window.__bench.start, end: window.__bench.end, longest: window.__bench.longest, heap: window.__bench.heap, error: window.__bench.error, mem: window.__benchMem }));
    if (b.error) throw new Error(`load error: ${b.error}`);
    Object.assign(r, { ranking: b.end - b.start, longest: b.longest, heap: b.heap, wasm: b.mem });
    if (last) {
      try {
        r.views = await within(Promise.race([viewSwitches(page), crashed]), TIMEOUT_S);
      } catch (e) {
        r.viewsFailed = e instanceof Timeout ? `> ${TIMEOUT_S} s` : 'error';
        log(`  views: ${e?.message ?? e}`);
      }
    }
  } catch (e) {
    if (e instanceof Timeout) r.timeout = true;
    else r.error = String(e?.message ?? e).split('\n')[0].slice(0, 60);
  } finally {
    r.rss = rendererPeakRss(browser.profile);
    // A page still working is abandoned with its browser.
    await within(browser.close(), 30).catch(() => log('  (the browser did not close within 30 s)'));
  }
  return r;
}

// ------------------------------------------------------------------ the command line

// python3 (Debian's standard): the child's wall time, its peak RSS (getrusage of the waited
// child: ru_maxrss, KiB on Linux), the bytes it printed; an address-space limit and a timeout.
const PY = String.raw`
import json, resource, subprocess, sys, threading, time
limit, timeout, cmd = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
def pre():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=pre)
out, err = [0], [b'']
def drain_out():
    while chunk := p.stdout.read1(1 << 20): out[0] += len(chunk)
def drain_err():
    while chunk := p.stderr.read1(1 << 16): err[0] = (err[0] + chunk)[-2000:]
threads = [threading.Thread(target=f) for f in (drain_out, drain_err)]
for t in threads: t.start()
try:
    rc, timed_out = p.wait(timeout=timeout), False
except subprocess.TimeoutExpired:
    p.kill(); rc, timed_out = p.wait(), True
seconds = time.monotonic() - start
for t in threads: t.join()
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({'seconds': seconds, 'rc': rc, 'timeout': timed_out, 'rss': rss, 'out': out[0],
                  'stderr': err[0].decode('utf-8', 'replace')}))
`;

function cliRun(file) {
  const args = ['score', join(DATA, file.name), '--format', 'json'];
  if (!file.listed) args.push('--allow-unlisted', '--allow-missing-units');
  const p = spawnSync('python3', ['-c', PY, String(CLI_MEM), String(TIMEOUT_S), CLI, ...args], { encoding: 'utf8' });
  if (p.status !== 0) return { error: `python3: ${p.error?.message ?? p.stderr.trim().split('\n').pop()}` };
  const j = JSON.parse(p.stdout);
  const r = { ms: j.seconds * 1000, rss: j.rss, out: j.out };
  if (j.timeout) r.timeout = true;
  else if (j.rc !== 0) {
    const oom = /memory allocation|out of memory/i.test(j.stderr) || j.rc === -6;
    r.error = oom ? `out of memory (> ${bytes(CLI_MEM)})` : `exit ${j.rc}: ${j.stderr.trim().split('\n').pop()}`;
  }
  return r;
}

// ------------------------------------------------------------------ first render

async function firstRender(runs) {
  const browser = await launch();
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
      const { page } = await openApp(browser.context, APP_URL);
      times.push(await page.evaluate(() => window.__parkscoreFirstRender));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return { median: median(times), min: times[0], max: times[times.length - 1], runs };
}

// ------------------------------------------------------------------ analyses

/** 结果分析 on the sample (issue 12): tab chosen → the stability figures on screen (the 8
 *  readings and 10,000 Monte Carlo samples × 14 parks, run in the worker). */
async function analysisRun(runs) {
  const browser = await launch();
  // Each page as new: the last page's autosaved session would be restored (a ranking on
  // screen before the sample's, and the sample's arriving after the tab was changed).
  await browser.context.addInitScript(() => localStorage.clear());
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const { page } = await openApp(browser.context, APP_URL);
      await page.click('[data-testid="load-sample"]');
      await page.waitForSelector('[data-testid="ranking-table"]');
      const t0 = await page.evaluate(() => performance.now());
      await page.click('[data-testid="tab-analysis"]');
      await page.waitForFunction(() => {
        const a = document.querySelector('#view [data-testid="analysis"]');
        return a && !a.classList.contains('stale') && a.querySelector('[data-testid="stability-summary"]') && !a.getAttribute('aria-busy');
      }, null, { timeout: TIMEOUT_S * 1000 });
      times.push((await page.evaluate(() => performance.now())) - t0);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return { median: median(times), min: times[0], max: times[times.length - 1], runs };
}

/** The CLI's `stability` on the sample: wall time, median of `runs`. */
function cliStability(runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    execFileSync(CLI, ['stability', join(ROOT, 'core', 'data', 'sample-2020.csv')], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times.sort((a, b) => a - b));
}

// ------------------------------------------------------------------ main

if (!flag('--no-page') && !existsSync(DIST_HTML)) throw new Error(`${DIST_HTML} is missing: run 'make dist' first`);
if (!flag('--no-cli') && !existsSync(CLI)) throw new Error(`${CLI} is missing: cargo build --release -p parkscore --bin parkscore`);
ensureData();

const html = readFileSync(DIST_HTML);
// The machine's load: other work on the same cores slows every number here.
const loads = [loadavg()[0]];
const fr = flag('--no-page') ? null : await firstRender(15);
const an = flag('--no-page') ? null : await analysisRun(5);
const cs = flag('--no-cli') ? null : cliStability(5);
const rows = [];
for (const file of FILES) {
  const data = readFileSync(join(DATA, file.name));
  const row = { file, size: data.length, gz: gzipSync(data, { level: 6 }).length, page: [], cli: [] };
  const n = runsFor(file.rows);
  if (!flag('--no-page')) {
    for (let i = 0; i < n; i++) {
      const r = await pageRun(file, i === n - 1);
      row.page.push(r);
      log(`page ${file.label} run ${i + 1}/${n}: ${r.timeout ? `> ${TIMEOUT_S} s` : r.error ?? `ranking ${ms(r.ranking)}, longest task ${ms(r.longest)}, worker wasm ${bytes(r.wasm)}, JS heap ${bytes(r.heap)}, tab RSS ${bytes(r.rss)}${r.views != null ? `, views ${ms(r.views)}` : ''}`}`);
      if (r.timeout || r.error) break;
    }
  }
  if (!flag('--no-cli') && !file.settled) {
    for (let i = 0; i < n; i++) {
      const r = cliRun(file);
      row.cli.push(r);
      log(`cli  ${file.label} run ${i + 1}/${n}: ${r.timeout ? `> ${TIMEOUT_S} s` : r.error ?? `${ms(r.ms)}, peak RSS ${bytes(r.rss)}, JSON ${bytes(r.out)}`}`);
      if (r.timeout || r.error) break;
    }
  }
  rows.push(row);
  loads.push(loadavg()[0]);
}

// One cell: the median (or the largest) over the runs that finished, or why none did.
const cell = (runs, key, show, agg = median) => {
  if (runs.length === 0) return '';
  const bad = runs.find((r) => r.timeout || r.error);
  const good = runs.filter((r) => !r.timeout && !r.error);
  if (good.length === 0) {
    if (!['ranking', 'ms'].includes(key)) return '—';
    return bad.timeout ? `> ${TIMEOUT_S} s` : bad.error;
  }
  const v = agg(good.map((r) => r[key]));
  return v == null ? '—' : show(v);
};
const task = (x) => (x === 0 ? '—' : ms(x));
const views = (last) => (!last || last.timeout || last.error ? '' : last.viewsFailed ?? task(last.views));
const table = [
  ['file', 'size', 'gzip', 'runs', 'page: ranking', 'longest task', 'views', 'worker wasm', 'JS heap', 'tab RSS', 'CLI time', 'CLI RSS', 'CLI JSON'],
  ...rows.map((r) => [
    r.file.label, bytes(r.size), bytes(r.gz), String(runsFor(r.file.rows)),
    cell(r.page, 'ranking', ms), cell(r.page, 'longest', task), views(r.page.at(-1)),
    cell(r.page, 'wasm', bytes, max), cell(r.page, 'heap', bytes, max), cell(r.page, 'rss', bytes, max),
    cell(r.cli, 'ms', ms), cell(r.cli, 'rss', bytes, max), cell(r.cli, 'out', bytes, max),
  ]),
];
// Memory of a run that timed out is still telling (how far it got).
for (const [i, r] of rows.entries()) {
  const t = r.page.find((x) => x.timeout);
  if (t?.rss) table[i + 1][9] = `≥ ${bytes(t.rss)}`;
  const c = r.cli.find((x) => x.timeout || x.error);
  if (c?.rss && r.cli.every((x) => x.timeout || x.error)) table[i + 1][11] = `≥ ${bytes(c.rss)}`;
}

const width = table[0].map((_, c) => Math.max(...table.map((row) => [...row[c]].length)));
const right = (c) => c > 0;
const line = (row) => `| ${row.map((v, c) => (right(c) ? v.padStart(width[c]) : v.padEnd(width[c]))).join(' | ')} |`;
const chromium = (() => { try { return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'chromium ?'; } })();
console.log();
console.log(`parkscore bench — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}, ${chromium}`);
console.log(`load average (1 min) at the start and after each file: ${loads.map((l) => l.toFixed(1)).join(', ')}${Math.max(...loads) > cpus().length ? ` (above ${cpus().length}: other work shared the cores)` : ''}`);
console.log(`${DIST_HTML}: ${html.length} bytes (${bytes(html.length)}), gzipped ${gzipSync(html, { level: 9 }).length} bytes (${bytes(gzipSync(html, { level: 9 }).length)})`);
if (fr) console.log(`first render from file://, ${fr.runs} fresh pages: median ${ms(fr.median)} (min ${ms(fr.min)}, max ${ms(fr.max)})`);
if (an) console.log(`结果分析 of the sample in the page (8 readings + stability, 10,000 samples × 14 parks, in the worker), tab → figures, ${an.runs} runs: median ${ms(an.median)} (min ${ms(an.min)}, max ${ms(an.max)})`);
if (cs != null) console.log(`CLI stability of the sample (10,000 samples × 14 parks): median ${ms(cs)} wall, process start included`);
console.log();
console.log(line(table[0]));
console.log(`|${width.map((w, c) => (right(c) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));
console.log();
console.log(`page: file set on the input → first ranking row (median); longest main-thread task meanwhile (median; — none over 50 ms); views: longest task switching views (last run); worker wasm: its peak memory; JS heap: the page's peak sampled; tab RSS: the renderer's peak. CLI: score --format json, wall time (median), peak RSS, output size. Timeout ${TIMEOUT_S} s per run.`);
