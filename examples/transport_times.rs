//! Native timing of what the compute worker does for one file, phase by phase: the job
//! (read, validate, evaluate), packing the outcome into parts (a JSON head, binary rows), and
//! reading the parts back as the page does. A measuring aid for `make bench`'s page figures, not a test.
//!
//!     cargo run --release --example transport_times -- FILE
//!     cargo run --release --example transport_times -- FILE --request   (the worker's request as JSON)
use parkscore::import::ValidateOptions;
use parkscore::{Options, Scheme};
use parkscore_app::compute::{run, Job, Unpacker};
use std::alloc::{GlobalAlloc, Layout, System};
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes live and their peak: the worker's wasm memory
/// grows to about the peak of what the job holds at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Prints the bytes live now and the peak since the last call, and resets the peak.
fn memory(phase: &str) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    println!(
        "  {phase}: peak {} MB, live after {} MB",
        peak / 1_000_000,
        live / 1_000_000
    );
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: transport_times FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let scheme = Scheme::chifeng_2020();
    let job = Job::read(path.clone(), Rc::new(bytes), None);
    let validate = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        ..ValidateOptions::default()
    };
    if std::env::args().nth(2).as_deref() == Some("--request") {
        // The worker's request for this job, for tools/wasm-times.mjs.
        let (request, _) =
            parkscore_app::compute::Request::split(&scheme, &Options::default(), &validate, &job);
        println!(
            "{}",
            serde_json::to_string(&request).expect("a request serialises")
        );
        return;
    }
    memory("the file read into memory");
    let t = Instant::now();
    let outcome = run(&scheme, &Options::default(), &validate, &job);
    let t_job = t.elapsed();
    memory("the job");
    let t = Instant::now();
    let parts = outcome.pack();
    let t_pack = t.elapsed();
    memory("packing (the outcome and its parts)");
    let size: usize = parts.iter().map(Vec::len).sum();
    let rows: usize = parts
        .iter()
        .filter(|p| p.first() == Some(&parkscore_app::wire::TABLE_ROWS))
        .map(Vec::len)
        .sum();
    println!("table rows: {} MB", rows / 1_000_000);
    println!(
        "head (JSON: issues, reading, provenance…): {} KB",
        parts.first().map_or(0, Vec::len) / 1000
    );
    let t = Instant::now();
    let back = Unpacker::unpack(&parts).expect("the parts read back");
    let t_unpack = t.elapsed();
    drop(back);
    memory("unpacking (the parts and the outcome read back)");
    println!(
        "{path}: job {t_job:?}, pack {t_pack:?} ({} parts, {} MB), unpack {t_unpack:?}",
        parts.len(),
        size / 1_000_000
    );
}
