//! Prints how long each phase takes on one input file — read, validate, evaluate — and the
//! memory it holds: the peak of the bytes allocated at once during the phase and what stays
//! allocated after it (a counting allocator; the worker's wasm memory grows to about the
//! largest peak).
//!
//!     cargo run --release -p parkscore --example phase_times -- FILE
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes live and their peak.
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

/// "peak P MB, then L MB": the peak since the last call (reset), and the bytes live now.
fn memory() -> String {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    format!("peak {} MB, then {} MB", peak / 1_000_000, live / 1_000_000)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: phase_times FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let scheme = parkscore::Scheme::chifeng_2020();
    let m_file = memory();
    let t = Instant::now();
    let table = parkscore::import::read(&bytes, &path, None, &parkscore::Scheme::chifeng_2020())
        .expect("a table");
    let t_read = t.elapsed();
    let m_read = memory();
    let t = Instant::now();
    // As the bench runs it: the generated parks are not the scheme's 14 units.
    let options = parkscore::import::ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        ..Default::default()
    };
    let validated = parkscore::import::validate_with(&table, &scheme, &options);
    let t_validate = t.elapsed();
    let m_validate = memory();
    let t = Instant::now();
    let evaluation = parkscore::evaluate(&scheme, &validated.dataset, &Default::default());
    let t_eval = t.elapsed();
    let m_eval = memory();
    println!(
        "{path}: {} rows; read {t_read:?}, validate {t_validate:?}, evaluate {t_eval:?} ({} parks ranked)",
        table.rows.len(),
        evaluation.as_ref().map(|e| e.parks.len()).unwrap_or(0)
    );
    println!(
        "memory: file {m_file}; read {m_read}; validate {m_validate}; evaluate {m_eval}; {} issues",
        validated.issues.len()
    );
}
