//! Native timing of what the compute worker does for one file, phase by phase: the job
//! (read, validate, evaluate), packing the outcome into parts (a JSON head, binary rows), and
//! reading the parts back as the page does. A measuring aid for `make bench`'s page figures, not a test.
//!
//!     cargo run --release --example transport_times -- FILE
//!     cargo run --release --example transport_times -- FILE --request   (the worker's request as JSON)
use parkscore::import::ValidateOptions;
use parkscore::{Options, Scheme};
use parkscore_app::compute::{run, Job, Unpacker};
use std::rc::Rc;
use std::time::Instant;

#[path = "../core/examples/common/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

/// Prints what the phase held: its peak and what it kept (see `counting::memory`).
fn memory(phase: &str) {
    println!("  {phase}: {}", counting::memory());
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
    // As the worker runs it: the bytes given away, each part copied out and freed at once
    // (`worker_run`); only the parts' count and size are kept.
    let (request, bytes) =
        parkscore_app::compute::Request::split(&scheme, &Options::default(), &validate, &job);
    let request = serde_json::to_string(&request).expect("a request serialises");
    let own = bytes.to_vec();
    drop((job, bytes));
    memory("the worker's own copy of the file");
    let (mut count, mut size) = (0, 0);
    let t = Instant::now();
    parkscore_app::compute::run_json_into(&request, own.into(), &mut |_, p| {
        count += 1;
        size += p.len();
    })
    .expect("the request parses");
    println!(
        "  worker_run {:?}: {count} parts, {} MB",
        t.elapsed(),
        size / 1_000_000
    );
    memory("the worker's job and its packing, part by part");

    // Again, the job and its parts kept, to read them back as the page does.
    let job = Job::read(
        path.clone(),
        Rc::new(std::fs::read(&path).expect("readable file")),
        None,
    );
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
