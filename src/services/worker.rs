//! Runs the core's jobs ([`crate::compute`]) off the main thread, so that reading and scoring a
//! big file never freezes the tab.
//!
//! The single-file build (tools/inline.mjs) defines `globalThis.parkscoreStartWorker()`, which
//! starts a classic Web Worker from a blob of the page's own glue code and hands it the page's
//! compiled WebAssembly module: the same code, nothing fetched (CSP `worker-src blob:`, and the
//! worker inherits `connect-src 'none'`). The worker answers each `{seq, request, bytes}` with
//! `{seq, parts}` (the outcome packed into byte arrays, transferred rather than copied, see
//! [`crate::compute::Outcome::pack`]) or `{seq, error}`;
//! the parts are read here one slice at a time, yielding to the event loop in between.
//!
//! Once the worker is ready and idle it gets two warm-up jobs (the built-in sample, then a
//! workbook; outcomes dropped; see `WARM_UP_SEQ`), so that the first file a user drops does
//! not pay for compiling the code it runs.
//!
//! Where no worker can be started (a `trunk serve` build, a browser without workers, or a
//! worker that dies before it says `{ready}`), jobs run on the main thread instead, after a
//! pause that lets the progress message paint.
//!
//! A worker that was ready and dies on a job (the browser ran out of memory), or whose wasm
//! trapped (`{fatal}`), does not take the page with it: that job fails with a message — the
//! reducer keeps the previous work on screen — and a new worker is started for later jobs.
//! The job is not retried on the page, where it could kill the tab.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::compute::{Outcome, Ran, Request, Unpacker};

/// A job's end: its sequence number, where it ran, and its outcome or why it failed.
pub type Finished = (u64, Ran, Result<Outcome, String>);

/// The name of the page's worker factory, set by the single-file build's loader.
const FACTORY: &str = "parkscoreStartWorker";

/// The sequence number of the two warm-up jobs ([`Request::warm_up`]): the built-in sample
/// read, scored and packed by the worker as soon as it is ready, and unpacked here, its outcome
/// dropped; then, when the worker is idle again, an .xlsx workbook read (its outcome dropped
/// unread).
///
/// Why: the browser compiles the wasm lazily, each function on its first call (V8's lazy
/// compilation, on by default), and the page and the worker share one compiled module. Without
/// a warm-up, the first file a user drops pays for compiling the whole import, scoring and
/// transport road on the way (measured: 14 parks took 150 ms from the drop to the ranking, 80 ms
/// with the module compiled eagerly). The warm-up pays it in the worker, off the main thread,
/// in the first moments after the page is on screen. It is posted once per page: a worker
/// restarted after a job killed it is not warmed again (a warm-up that killed it must not loop).
/// A user's job posted meanwhile waits behind the warm-up being run, and no later one is posted
/// until the worker is idle.
///
/// Measured and not taken (`make bench`, files set as soon as the page is on screen): one
/// warm-up (the workbook and the sample in one job), or the workbook's a second later, made
/// the 14-park drop 47–52 ms instead of 70 (it no longer waits behind the second warm-up), but
/// 10,000 rows 215 and 318–328 ms (csv, xlsx) instead of 187 and 249: the second run of the
/// sample's road is what has the browser tier its hot code up (V8 replaces a function's
/// baseline code at its next call), so a big file right after it runs optimised code. Three
/// warm-ups (the sample, the sample again, the workbook alone) kept 10,000 rows at 179 and
/// 252 ms and gave the 14-park drop 50 ms in one run and 70 in the next: on a fresh page that
/// figure is where the drop lands among the warm-ups, not the code.
/// Jobs never get this number (the reducer counts up from 1).
const WARM_UP_SEQ: u64 = u64::MAX;

/// Main-thread runs of jobs above this many bytes wait a little longer first, so that the
/// progress message is surely painted; a file up to this size is read without showing
/// 正在读取… first (`app::load_file`).
pub const BIG_JOB_BYTES: usize = 256 * 1024;

/// A job posted to the worker, kept to run it here if the worker dies.
struct InFlight {
    seq: u64,
    request: Request,
    bytes: Rc<Vec<u8>>,
}

struct Inner {
    worker: Option<Worker>,
    /// The worker said it is ready: a death from now on is a job's fault, not the worker's.
    ready: bool,
    /// A worker failed (or none could be started): jobs run on the main thread from now on.
    broken: bool,
    /// How many of the warm-up jobs were posted (once per runner, see [`WARM_UP_SEQ`]).
    warm_ups_posted: u8,
    /// The warm-up job is posted and not answered yet: a death meanwhile is its fault.
    warming: bool,
    /// The jobs posted and not answered yet, oldest first (the scoring and the analyses can
    /// both be waiting; the worker answers them in order).
    in_flight: Vec<InFlight>,
    // The worker's handlers, kept as long as the runner (see `stop`).
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
    /// Handlers of workers that were replaced: a new worker is started from inside the old
    /// one's handler, which must not be dropped while it runs. One pair per dead worker.
    _retired: Vec<Handlers>,
}

/// A worker's two event handlers.
type Handlers = (
    Option<Closure<dyn FnMut(MessageEvent)>>,
    Option<Closure<dyn FnMut(web_sys::Event)>>,
);

/// A [`Runner`] held weakly, by the worker's event handlers.
struct WeakRunner {
    inner: std::rc::Weak<RefCell<Inner>>,
    done: Callback<Finished>,
}

impl WeakRunner {
    fn upgrade(&self) -> Option<Runner> {
        Some(Runner {
            inner: self.inner.upgrade()?,
            done: self.done.clone(),
        })
    }
}

/// Where jobs run: a worker when one could be started, else the main thread.
#[derive(Clone)]
pub struct Runner {
    inner: Rc<RefCell<Inner>>,
    done: Callback<Finished>,
}

impl Runner {
    /// A runner that reports every finished job to `done`. The worker starts with
    /// [`Runner::warm_up`] or the first job.
    pub fn new(done: Callback<Finished>) -> Runner {
        Runner {
            inner: Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                broken: false,
                warm_ups_posted: 0,
                warming: false,
                in_flight: Vec::new(),
                _on_message: None,
                _on_error: None,
                _retired: Vec::new(),
            })),
            done,
        }
    }

    fn downgrade(&self) -> WeakRunner {
        WeakRunner {
            inner: Rc::downgrade(&self.inner),
            done: self.done.clone(),
        }
    }

    /// Starts the worker now, so that it is ready (its module instantiated) when the first
    /// file arrives.
    pub fn warm_up(&self) {
        let start = {
            let inner = self.inner.borrow();
            inner.worker.is_none() && !inner.broken
        };
        if start {
            self.start();
        }
    }

    /// Posts the next warm-up job ([`WARM_UP_SEQ`]) when the worker is ready and idle: the
    /// sample first, the workbook after it — never ahead of a user's job, so that a file
    /// dropped at once waits for one short warm-up at most.
    fn warm_up_code(&self) {
        let mut inner = self.inner.borrow_mut();
        let step = inner.warm_ups_posted;
        let Some(worker) = inner.worker.clone() else {
            return;
        };
        if step >= 2 || !inner.ready || inner.warming || !inner.in_flight.is_empty() {
            return;
        }
        inner.warm_ups_posted += 1;
        match post(&worker, WARM_UP_SEQ, &Request::warm_up(step == 1), &[]) {
            Ok(()) => inner.warming = true,
            Err(e) => web_sys::console::warn_1(&e),
        }
    }

    /// Runs job `seq`.
    pub fn submit(&self, seq: u64, request: Request, bytes: Rc<Vec<u8>>) {
        self.warm_up();
        let posted = {
            let inner = self.inner.borrow();
            inner
                .worker
                .as_ref()
                .map(|worker| post(worker, seq, &request, &bytes))
        };
        match posted {
            Some(Ok(())) => {
                self.inner.borrow_mut().in_flight.push(InFlight {
                    seq,
                    request,
                    bytes,
                });
            }
            Some(Err(e)) => {
                web_sys::console::warn_1(&e);
                self.stop();
                run_here(self.done.clone(), seq, request, bytes);
            }
            None => run_here(self.done.clone(), seq, request, bytes),
        }
    }

    /// Starts the worker, if the page can; if it cannot, jobs run on the main thread.
    fn start(&self) {
        let worker = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(FACTORY))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&JsValue::NULL).ok())
            .and_then(|w| w.dyn_into::<Worker>().ok());
        let Some(worker) = worker else {
            self.inner.borrow_mut().broken = true;
            return;
        };
        // The handlers hold the runner weakly: the runner owns them, not the other way round.
        let on_message = {
            let runner = self.downgrade();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(runner) = runner.upgrade() {
                    runner.on_message(&event.data());
                }
            })
        };
        let on_error = {
            let runner = self.downgrade();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                event.prevent_default();
                if let Some(runner) = runner.upgrade() {
                    runner.on_worker_died();
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut inner = self.inner.borrow_mut();
        inner.worker = Some(worker);
        inner.ready = false;
        let old = (
            inner._on_message.replace(on_message),
            inner._on_error.replace(on_error),
        );
        if old.0.is_some() || old.1.is_some() {
            inner._retired.push(old);
        }
    }

    /// Stops the worker; later jobs run on the main thread.
    fn stop(&self) {
        self.terminate();
        // A runner that lost its worker does not start another.
        self.inner.borrow_mut().broken = true;
    }

    /// Ends the worker (its handlers detached) without deciding what runs later jobs.
    fn terminate(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(worker) = inner.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        // The handlers stay alive (stop may run inside one of them; dropping a closure while it
        // runs is not allowed); they are detached and are freed with the runner.
        inner.ready = false;
        inner.warming = false;
    }

    /// The scheme's word for a unit (`Scheme::unit_noun`) in job `seq`'s request; 园区 when no
    /// such job is in flight.
    fn noun_of(&self, seq: Option<u64>) -> String {
        self.inner
            .borrow()
            .in_flight
            .iter()
            .find(|j| Some(j.seq) == seq)
            .map_or(parkscore::scheme::DEFAULT_UNIT_NOUN, |j| {
                j.request.scheme.unit_noun()
            })
            .to_owned()
    }

    /// Job `seq` killed the worker: it fails with `why`, and a new worker is started. The jobs
    /// queued behind it are posted to the new worker.
    fn job_killed_worker(&self, seq: Option<u64>, why: &str) {
        let queued: Vec<InFlight> = std::mem::take(&mut self.inner.borrow_mut().in_flight)
            .into_iter()
            .filter(|j| Some(j.seq) != seq)
            .collect();
        self.terminate();
        self.start();
        if let Some(seq) = seq {
            self.done.emit((seq, Ran::Worker, Err(why.to_owned())));
        }
        for job in queued {
            self.submit(job.seq, job.request, job.bytes);
        }
    }

    fn on_message(&self, data: &JsValue) {
        let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
        if field("ready").is_some_and(|v| v.is_truthy()) {
            self.inner.borrow_mut().ready = true;
            self.warm_up_code();
            return;
        }
        let Some(seq) = field("seq").and_then(|v| v.as_f64()) else {
            return;
        };
        // A job number is a small integer that JS carried as a number (the warm-up's, u64::MAX,
        // comes back as 2^64, which `as` saturates to u64::MAX again).
        let seq = seq as u64;
        if seq == WARM_UP_SEQ {
            self.inner.borrow_mut().warming = false;
            if field("fatal").is_some_and(|v| v.is_truthy()) {
                // Its wasm trapped: the jobs queued behind it go to a new worker.
                self.job_killed_worker(None, "");
                return;
            }
            // The first one's outcome is unpacked (that code warms up too) and dropped; the
            // workbook's is the sample again, not worth the main thread's time (some 10 ms at
            // the page's start). A failure of the warm-up is nobody's business but the console's.
            let first = self.inner.borrow().warm_ups_posted == 1;
            if let Some(parts) = field("parts")
                .filter(|_| first)
                .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
            {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = unpack(parts).await {
                        web_sys::console::warn_1(&JsValue::from_str(&e));
                    }
                });
            }
            self.warm_up_code();
            return;
        }
        let noun = self.noun_of(Some(seq));
        {
            self.inner.borrow_mut().in_flight.retain(|j| j.seq != seq);
        }
        let parts = field("parts").and_then(|v| v.dyn_into::<js_sys::Array>().ok());
        let error = field("error").and_then(|v| v.as_string());
        if field("fatal").is_some_and(|v| v.is_truthy()) {
            // The wasm trapped: its memory cannot be trusted for another job (nor a warm-up).
            self.job_killed_worker(Some(seq), &killed_message(error.as_deref(), &noun));
            return;
        }
        self.warm_up_code();
        let done = self.done.clone();
        match (parts, error) {
            (Some(parts), _) => wasm_bindgen_futures::spawn_local(async move {
                done.emit((seq, Ran::Worker, unpack(parts).await));
            }),
            (None, Some(error)) => done.emit((seq, Ran::Worker, Err(error))),
            (None, None) => done.emit((seq, Ran::Worker, Err("计算线程没有返回结果".to_owned()))),
        }
    }

    /// The worker died. Before it was ready, it could not start: the job it had runs here, and
    /// so do later ones. After, the job in flight killed it (most likely out of memory).
    fn on_worker_died(&self) {
        if std::mem::take(&mut self.inner.borrow_mut().warming) {
            // The warm-up killed it, not a job: the jobs queued behind it go to a new worker.
            self.job_killed_worker(None, "");
            return;
        }
        if self.inner.borrow().ready {
            // The worker answers in order: the oldest job unanswered is the one it died on.
            let seq = self.inner.borrow().in_flight.first().map(|j| j.seq);
            let noun = self.noun_of(seq);
            self.job_killed_worker(seq, &killed_message(None, &noun));
            return;
        }
        let in_flight = std::mem::take(&mut self.inner.borrow_mut().in_flight);
        self.stop();
        for job in in_flight {
            run_here(self.done.clone(), job.seq, job.request, job.bytes);
        }
    }
}

/// What the user reads when a job killed the worker; `noun` is the job's scheme's word for a
/// unit (`Scheme::unit_noun`: 只保留园区数据).
pub fn killed_message(detail: Option<&str>, noun: &str) -> String {
    let mut message = format!("计算线程在处理时停止了（可能是内存不足，或文件内容异常），这一次的结果未能得出；之前的工作已保留，计算线程已重新启动。请检查文件（或只保留{noun}数据）后再试");
    if let Some(detail) = detail {
        message.push_str(&format!("（技术细节：{detail}）"));
    }
    message
}

/// Bytes read between two yields to the event loop (a few milliseconds of work).
const BYTES_PER_SLICE: usize = 4 << 20;

/// Reads the packed outcome's `parts`, letting the page paint and react between parts.
async fn unpack(parts: js_sys::Array) -> Result<Outcome, String> {
    let mut unpacker: Option<Unpacker> = None;
    let mut since_yield = 0;
    for part in parts.iter() {
        let bytes = part
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| "计算结果无法读取：部分不是字节".to_owned())?
            .to_vec();
        since_yield += bytes.len();
        match unpacker.as_mut() {
            None => unpacker = Some(Unpacker::new(&bytes)?),
            Some(u) => u.add(&bytes)?,
        }
        if since_yield > BYTES_PER_SLICE {
            since_yield = 0;
            TimeoutFuture::new(0).await;
        }
    }
    unpacker.ok_or_else(|| "计算结果为空".to_owned())?.finish()
}

/// Posts job `seq` to `worker`, the bytes transferred rather than copied twice.
fn post(worker: &Worker, seq: u64, request: &Request, bytes: &[u8]) -> Result<(), JsValue> {
    let json = serde_json::to_string(request)
        .map_err(|e| JsValue::from_str(&format!("计算请求无法写出：{e}")))?;
    let message = js_sys::Object::new();
    let array = js_sys::Uint8Array::from(bytes);
    js_sys::Reflect::set(&message, &"seq".into(), &JsValue::from_f64(seq as f64))?;
    js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(&json))?;
    js_sys::Reflect::set(&message, &"bytes".into(), &array)?;
    let transfer = js_sys::Array::of1(&array.buffer());
    worker.post_message_with_transfer(&message, &transfer)
}

/// Runs job `seq` on the main thread, after letting the page paint.
fn run_here(done: Callback<Finished>, seq: u64, request: Request, bytes: Rc<Vec<u8>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let pause = if bytes.len() > BIG_JOB_BYTES { 50 } else { 0 };
        TimeoutFuture::new(pause).await;
        let outcome = request.run(&bytes);
        done.emit((seq, Ran::Page, Ok(outcome)));
    });
}
