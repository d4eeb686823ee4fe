//! Hostile input through the `parkscore` binary (issue 9): no input may crash, hang or
//! exhaust memory.
//!
//! Every case runs `parkscore score FILE --format json` as a child process, with an
//! address-space limit, and asserts:
//!
//! - it ends by itself with exit code 2 (refused) — or 0 where the file is valid — and never by
//!   a signal (an abort on a failed allocation is SIGABRT);
//! - standard error has no `panicked` and no `内部错误` (the CLI's panic hook), and when refused
//!   it says why in Chinese and names the file;
//! - when accepted, standard output is a JSON evaluation;
//! - it finished within [`WALL_LIMIT`] (the child is killed then);
//! - its peak resident memory (`VmHWM`, read when the traced child stops at its exit) is under
//!   baseline + max(64 MiB, 10 × the file's size), the baseline being the binary's own peak on
//!   the built-in sample CSV, measured once per run.
//!
//! The cases: every file of `tests/data/fuzz/` (the reproducers of `../shared/fuzz-findings`
//! and every later fuzz crash), every file of `tests/data/hostile/` (small hand-made files,
//! made by `tests/data/hostile/src/make-hostile.py`), and big generated inputs written to a
//! temporary directory: xlsx zip bombs, wide rows, huge headers, a many-keys JSON, a full-width
//! xlsx. A 100,000-row CSV that must be accepted is `#[ignore]`d (see its comment).
//!
//! Run just this file: `cargo test -p parkscore --test hostile` (add `--release` for the
//! release binary; the bounds are the same but the time limit is tighter).

#![cfg(target_os = "linux")]

use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

// ------------------------------------------------------------------------------------ bounds

/// Wall-clock limit per run. A debug binary is many times slower than the release one (and the
/// machine may be loaded with other builds): 20 s for debug; 5 s for release, where the issue
/// asks for "a couple of seconds". The child is killed (SIGKILL) when it is exceeded.
const WALL_LIMIT: Duration = if cfg!(debug_assertions) {
    Duration::from_secs(20)
} else {
    Duration::from_secs(5)
};

/// Memory allowed beyond the baseline: max(64 MiB, 10 × the file's size).
const MIN_EXTRA_RSS: u64 = 64 << 20;
const RSS_PER_INPUT_BYTE: u64 = 10;

/// Address-space limit of the child (RLIMIT_AS): a run that tries to take gigabytes fails at
/// once with an allocation error (SIGABRT) instead of taking the machine's memory. Well above
/// every RSS bound above.
const ADDRESS_SPACE_LIMIT: u64 = 1 << 30;

/// Bytes of standard output and error kept per run.
const MAX_CAPTURE: u64 = 16 << 20;

/// At most this many children at once per test (the machine has few cores; cargo runs the
/// tests of this file in parallel too).
const PARALLEL_RUNS: usize = 2;

// ------------------------------------------------------------------------------ the runner

/// How a run ended.
#[derive(Debug)]
struct Run {
    /// The exit code, when it exited.
    code: Option<i32>,
    /// The signal, when one ended it.
    signal: Option<i32>,
    /// Killed at the wall-clock limit.
    timed_out: bool,
    wall: Duration,
    /// User + system CPU time.
    cpu: Duration,
    /// Peak resident set size, bytes.
    max_rss: u64,
    stdout: String,
    stderr: String,
}

impl Run {
    fn summary(&self) -> String {
        let end = if self.timed_out {
            format!("killed after {:.1} s (time limit)", self.wall.as_secs_f64())
        } else if let Some(sig) = self.signal {
            format!("signal {sig}")
        } else {
            format!("exit {}", self.code.unwrap_or(-1))
        };
        format!(
            "{end}, wall {:.2} s, cpu {:.2} s, peak RSS {:.1} MiB",
            self.wall.as_secs_f64(),
            self.cpu.as_secs_f64(),
            mib(self.max_rss)
        )
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// The peak resident set size of process `pid` so far (`VmHWM` of /proc/PID/status), bytes;
/// 0 once it has exited.
///
/// Not `wait4`'s `ru_maxrss`: a forked child's `ru_maxrss` keeps the resident size of the
/// parent it was forked from (Linux records it at exec), and this test process holds the big
/// generated inputs.
fn peak_rss(pid: libc::pid_t) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .and_then(|kb| kb.trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// A scratch directory unique to this test process.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("parkscore-hostile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch directory");
        dir
    })
}

/// Runs `parkscore score FILE --format json` under the limits; `wall_limit` and
/// `address_space` are the limits for this run.
fn run_limited(file: &Path, wall_limit: Duration, address_space: u64) -> Run {
    run_limited_with(file, wall_limit, address_space, &[])
}

/// [`run_limited`] with more arguments after `--format json`.
fn run_limited_with(file: &Path, wall_limit: Duration, address_space: u64, extra: &[&str]) -> Run {
    static SEQ: Mutex<u64> = Mutex::new(0);
    let seq = {
        let mut s = SEQ.lock().unwrap_or_else(|e| e.into_inner());
        *s += 1;
        *s
    };
    // Files, not pipes: nothing to drain while we wait, and big outputs cannot block the child.
    let out_path = scratch().join(format!("run-{seq}.out"));
    let err_path = scratch().join(format!("run-{seq}.err"));
    let out = File::create(&out_path).expect("stdout file");
    let err = File::create(&err_path).expect("stderr file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_parkscore"));
    command
        .arg("score")
        .arg(file)
        .args(["--format", "json"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    // SAFETY: only async-signal-safe calls (setrlimit, ptrace) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let set = |resource, value: u64| {
                let limit = libc::rlimit {
                    rlim_cur: value as libc::rlim_t,
                    rlim_max: value as libc::rlim_t,
                };
                if libc::setrlimit(resource, &limit) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            };
            set(libc::RLIMIT_AS, address_space)?;
            // An abort must not write a core file of a gigabyte.
            set(libc::RLIMIT_CORE, 0)?;
            // Traced, the child stops just before it exits, when its peak RSS can be read
            // (see `peak_rss`). Where ptrace is not allowed this fails and the parent polls.
            let _ = libc::ptrace(
                libc::PTRACE_TRACEME,
                0 as libc::pid_t,
                std::ptr::null_mut::<libc::c_void>(),
                std::ptr::null_mut::<libc::c_void>(),
            );
            Ok(())
        });
    }
    let started = Instant::now();
    let child = command.spawn().expect("the parkscore binary starts");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    let mut traced = false;
    let mut max_rss = 0;
    let ptrace = |request, data: usize| {
        // SAFETY: `pid` is our stopped tracee; `data` is a signal number or option bits.
        unsafe {
            libc::ptrace(
                request,
                pid,
                std::ptr::null_mut::<libc::c_void>(),
                data as *mut libc::c_void,
            )
        }
    };
    loop {
        // SAFETY: pid is our child, not yet reaped (std's Child never waits unless asked).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid && libc::WIFSTOPPED(status) {
            let signal = libc::WSTOPSIG(status);
            if !traced {
                // The stop after exec: ask to stop again at the exit, and to be killed with
                // this process.
                traced = true;
                ptrace(
                    libc::PTRACE_SETOPTIONS,
                    (libc::PTRACE_O_TRACEEXIT | libc::PTRACE_O_EXITKILL) as usize,
                );
                ptrace(libc::PTRACE_CONT, 0);
            } else if signal == libc::SIGTRAP && status >> 16 == libc::PTRACE_EVENT_EXIT {
                max_rss = max_rss.max(peak_rss(pid));
                ptrace(libc::PTRACE_CONT, 0);
            } else {
                // A signal for the child (SIGABRT of an abort, …): deliver it.
                ptrace(libc::PTRACE_CONT, signal as usize);
            }
            continue;
        }
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if !traced {
            // Not traced (ptrace not allowed here): poll the high-water mark instead; a
            // peak in the last few milliseconds before the exit can be missed.
            max_rss = max_rss.max(peak_rss(pid));
        }
        if started.elapsed() > wall_limit && !timed_out {
            timed_out = true;
            // SAFETY: signalling our own, unreaped child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        thread::sleep(Duration::from_millis(2));
    }
    let wall = started.elapsed();
    drop(child);
    // At most 16 MiB of each stream is kept (the 100,000-row evaluation is a gigabyte of JSON).
    let read = |p: &Path| {
        let mut bytes = Vec::new();
        if let Ok(f) = File::open(p) {
            let _ =
                std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_CAPTURE), &mut bytes);
        }
        let _ = std::fs::remove_file(p);
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Run {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        timed_out,
        wall,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
        max_rss,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

/// The binary's own peak RSS on the built-in sample CSV (a valid 14-park file): the baseline
/// every bound is added to. Measured once per test process.
fn baseline_rss() -> u64 {
    static BASELINE: OnceLock<u64> = OnceLock::new();
    *BASELINE.get_or_init(|| {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-2020.csv");
        let run = run_limited(&sample, WALL_LIMIT, ADDRESS_SPACE_LIMIT);
        assert_eq!(
            run.code,
            Some(0),
            "the sample must score: {}\n{}",
            run.summary(),
            run.stderr
        );
        eprintln!("baseline (sample-2020.csv): {}", run.summary());
        run.max_rss
    })
}

/// What a case must end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Exit 2 with a located Chinese message.
    Refused,
    /// Exit 0 with a JSON evaluation.
    Accepted,
    /// Either of the two: a mutated file that may still hold a valid table once the reader
    /// is fixed (a lying `uniqueCount`, a stray far cell). Never a panic, signal, hang or
    /// unbounded memory.
    RefusedOrAccepted,
}

/// Checks one run against the contract; `Err` says everything that is wrong.
fn check(file: &Path, expect: Expect, run: &Run) -> Result<(), String> {
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let rss_bound = baseline_rss() + MIN_EXTRA_RSS.max(RSS_PER_INPUT_BYTE * size);
    let name = file
        .file_name()
        .and_then(OsStr::to_str)
        .unwrap_or_default()
        .to_owned();
    let mut wrong = Vec::new();
    if run.timed_out {
        wrong.push(format!("not finished within {} s", WALL_LIMIT.as_secs()));
    }
    if let Some(sig) = run.signal.filter(|_| !run.timed_out) {
        wrong.push(format!(
            "ended by signal {sig} (6 = abort, e.g. a failed allocation)"
        ));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("内部错误") {
        wrong.push("panicked".to_owned());
    }
    if run.stderr.contains("memory allocation of") {
        wrong.push("allocation failed (over the address-space limit)".to_owned());
    }
    if run.max_rss > rss_bound {
        wrong.push(format!(
            "peak RSS {:.1} MiB over the bound {:.1} MiB",
            mib(run.max_rss),
            mib(rss_bound)
        ));
    }
    match run.code {
        Some(2) if expect != Expect::Accepted => {
            if !run.stderr.chars().any(is_cjk) {
                wrong.push("refused without a Chinese message".to_owned());
            }
            if !run.stderr.contains(&name) {
                wrong.push("the message does not name the file".to_owned());
            }
        }
        Some(0) if expect != Expect::Refused && !is_json_evaluation(&run.stdout) => {
            wrong.push("exit 0 but standard output is not a JSON evaluation".to_owned());
        }
        Some(0) if expect != Expect::Refused => {}
        Some(code) => wrong.push(format!(
            "exit {code}, expected {}",
            match expect {
                Expect::Refused => "2",
                Expect::Accepted => "0",
                Expect::RefusedOrAccepted => "2 or 0",
            }
        )),
        None => {}
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        let stderr: String = run.stderr.chars().take(600).collect();
        Err(format!(
            "{name} ({size} bytes): {} — {}\n    stderr: {}",
            wrong.join("; "),
            run.summary(),
            stderr.trim_end().replace('\n', "\n            ")
        ))
    }
}

/// Standard output is a JSON object (only its start, when it was cut at [`MAX_CAPTURE`]).
fn is_json_evaluation(stdout: &str) -> bool {
    if stdout.len() as u64 >= MAX_CAPTURE {
        return stdout.trim_start().starts_with("{\n  \"scheme\"");
    }
    serde_json::from_str::<serde_json::Value>(stdout).is_ok_and(|v| v.is_object())
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Runs every case, [`PARALLEL_RUNS`] at a time, prints one line per case and fails with the
/// list of every case that broke the contract.
fn run_cases(cases: Vec<(PathBuf, Expect)>) {
    baseline_rss();
    let queue = Mutex::new(cases.into_iter());
    let failures = Mutex::new(Vec::new());
    thread::scope(|s| {
        for _ in 0..PARALLEL_RUNS {
            s.spawn(|| loop {
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                let Some((file, expect)) = next else { break };
                let run = run_limited(&file, WALL_LIMIT, ADDRESS_SPACE_LIMIT);
                let verdict = check(&file, expect, &run);
                eprintln!(
                    "{} {}: {}",
                    if verdict.is_ok() { "ok  " } else { "FAIL" },
                    file.file_name().and_then(OsStr::to_str).unwrap_or_default(),
                    run.summary()
                );
                if let Err(why) = verdict {
                    failures.lock().unwrap_or_else(|e| e.into_inner()).push(why);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} case(s) broke the contract (exit 2 or 0, no panic, within {} s and the memory bound):\n{}",
        failures.len(),
        WALL_LIMIT.as_secs(),
        failures.join("\n")
    );
}

fn data_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The files of a data directory (not README.md, not the `src/` of generators).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && p.file_name() != Some(OsStr::new("README.md")))
        .collect();
    files.sort();
    files
}

// ------------------------------------------------------------------------- the fixed corpus

/// Files of `tests/data/fuzz/` that must be refused: their numbers overflow, or they are too
/// small to hold a workbook. The others may be refused or, where the reader recovers a valid
/// table, scored.
const FUZZ_MUST_REFUSE: &[&str] = &[
    "csv-b5523e1e-min.csv",
    "csv-derive-growth-overflow.csv",
    "csv-derive-permu-overflow.csv",
    "csv-derive-sub-overflow.csv",
    "csv-unit-wanren-overflow.csv",
    "xls-3f6a9afa.xls",
    "xls-ae94d4d0.xls",
    "xlsx-3f6a9afa.xlsx",
    "xlsx-ae94d4d0.xlsx",
    "xlsx-b5523e1e.xlsx",
    "xlsx-percent-cell-1e27.xlsx",
];

/// Every reproducer of `tests/data/fuzz/` (a fuzz crash or a finding): exit 2, or exit 0 where
/// the file holds a valid table; within the time and memory bounds.
#[test]
fn fuzz_findings_are_refused_within_bounds() {
    let cases = files_in(&data_dir("fuzz"))
        .into_iter()
        .map(|f| {
            let name = f.file_name().and_then(OsStr::to_str).unwrap_or_default();
            let expect = if FUZZ_MUST_REFUSE.contains(&name) {
                Expect::Refused
            } else {
                Expect::RefusedOrAccepted
            };
            (f, expect)
        })
        .collect();
    run_cases(cases);
}

/// Every hand-made file of `tests/data/hostile/`: all refused (see its README.md).
#[test]
fn hostile_files_are_refused_within_bounds() {
    let cases = files_in(&data_dir("hostile"))
        .into_iter()
        .map(|f| (f, Expect::Refused))
        .collect();
    run_cases(cases);
}

// ----------------------------------------------------------------------- generated inputs

/// The sample's header and its 14 parks' rows (without the title line).
fn sample_rows() -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(parkscore::sample::sample_csv()).expect("UTF-8 sample");
    let mut lines = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>());
    let _title = lines.next();
    let header = lines.next().expect("the sample's header");
    let rows = lines.filter(|r| !r[0].is_empty()).collect::<Vec<_>>();
    assert_eq!(rows.len(), 14, "the sample has 14 parks");
    (header, rows)
}

fn write_case(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch().join(name);
    std::fs::write(&path, bytes).expect("write a generated case");
    path
}

fn run_one(path: PathBuf, expect: Expect) {
    run_cases(vec![(path, expect)]);
}

/// A spreadsheet column's letters: 0 → A, 16383 → XFD.
fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One row of `<c>` cells: numbers as numbers, other text as inline strings, empty cells left
/// out.
fn xml_row(r: usize, cells: &[String]) -> String {
    let mut xml = format!("<row r=\"{r}\">");
    for (c, text) in cells.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let at = format!("{}{r}", column_letters(c));
        if text.parse::<f64>().is_ok() {
            let _ = write!(xml, "<c r=\"{at}\"><v>{text}</v></c>");
        } else {
            let _ = write!(
                xml,
                "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                xml_escape(text)
            );
        }
    }
    xml.push_str("</row>");
    xml
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn sheet_head() -> String {
    format!("{XML_DECL}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheetData>")
}

const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// A deflate stream made of pieces, each compressed on its own and ended by a sync flush (so
/// each piece is byte-aligned and refers to nothing before it): a piece repeated a thousand
/// times costs a thousand copies of its compressed bytes, not a thousand compressions. This
/// is how the zip bombs are made in milliseconds, even by a debug build.
struct Deflated {
    bytes: Vec<u8>,
    crc: Crc,
}

impl Deflated {
    fn new() -> Deflated {
        Deflated {
            bytes: Vec::new(),
            crc: Crc::new(),
        }
    }

    /// Appends `data`, `times` times.
    fn push(&mut self, data: &[u8], times: usize) {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).expect("deflate");
        encoder.flush().expect("sync flush");
        let piece = std::mem::take(encoder.get_mut());
        let mut piece_crc = Crc::new();
        piece_crc.update(data);
        for _ in 0..times {
            self.bytes.extend_from_slice(&piece);
            self.crc.combine(&piece_crc);
        }
    }

    /// Appends a long run: `data` repeated `total` bytes' worth, in pieces of about 1 MiB.
    fn push_run(&mut self, unit: &[u8], total: usize) {
        let per_piece = ((1 << 20) / unit.len()).max(1);
        let piece: Vec<u8> = unit.repeat(per_piece);
        let pieces = total / piece.len();
        self.push(&piece, pieces);
        let rest = (total - pieces * piece.len()) / unit.len();
        if rest > 0 {
            self.push(&unit.repeat(rest), 1);
        }
    }

    /// The stream ended by an empty final block; (compressed bytes, CRC-32, inflated size).
    fn finish(mut self) -> (Vec<u8>, u32, u32) {
        // BFINAL = 1, BTYPE = 01 (fixed Huffman), then end-of-block (seven 0 bits).
        self.bytes.extend_from_slice(&[0x03, 0x00]);
        (self.bytes, self.crc.sum(), self.crc.amount())
    }
}

/// One entry of a zip archive: its name, method (0 stored, 8 deflated), CRC-32, sizes, data.
struct ZipEntry {
    name: String,
    method: u16,
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

impl ZipEntry {
    fn deflated(name: &str, d: Deflated) -> ZipEntry {
        let (data, crc, size) = d.finish();
        ZipEntry {
            name: name.to_owned(),
            method: 8,
            crc,
            size,
            data,
        }
    }

    fn text(name: &str, text: &str) -> ZipEntry {
        let mut d = Deflated::new();
        d.push(text.as_bytes(), 1);
        ZipEntry::deflated(name, d)
    }
}

/// A zip archive, written by hand (local headers, central directory, end record): the zip
/// crate's writer would have to compress the gigabyte itself.
fn zip(entries: &[ZipEntry]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let csize = u32::try_from(e.data.len()).expect("entry under 4 GiB");
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20); // version needed
        u16le(&mut out, 0x0800); // flags: UTF-8 names
        u16le(&mut out, e.method);
        u16le(&mut out, 0); // time
        u16le(&mut out, 0x21); // date: 1980-01-01
        u32le(&mut out, e.crc);
        u32le(&mut out, csize);
        u32le(&mut out, e.size);
        u16le(&mut out, e.name.len() as u16);
        u16le(&mut out, 0); // extra
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        // Central directory header.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, 20); // made by
        u16le(&mut central, 20); // needed
        u16le(&mut central, 0x0800);
        u16le(&mut central, e.method);
        u16le(&mut central, 0);
        u16le(&mut central, 0x21);
        u32le(&mut central, e.crc);
        u32le(&mut central, csize);
        u32le(&mut central, e.size);
        u16le(&mut central, e.name.len() as u16);
        u16le(&mut central, 0); // extra
        u16le(&mut central, 0); // comment
        u16le(&mut central, 0); // disk
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(e.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

/// A minimal .xlsx: one sheet (`sheet`, already deflated) and, when given, a shared-string
/// table.
fn xlsx(sheet: Deflated, shared_strings: Option<Deflated>) -> Vec<u8> {
    let sst_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";
    let content_types = format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>{}\
         </Types>",
        if shared_strings.is_some() {
            format!("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"{sst_type}\"/>")
        } else {
            String::new()
        }
    );
    let root_rels = format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\"><Relationship Id=\"rId1\" \
         Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let workbook = format!(
        "{XML_DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>\
         <sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let workbook_rels = format!(
        "{XML_DECL}<Relationships xmlns=\"{PKG_REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet1.xml\"/>{}\
         </Relationships>",
        if shared_strings.is_some() {
            format!(
                "<Relationship Id=\"rId2\" Type=\"{REL_NS}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            )
        } else {
            String::new()
        }
    );
    let mut entries = vec![
        ZipEntry::text("[Content_Types].xml", &content_types),
        ZipEntry::text("_rels/.rels", &root_rels),
        ZipEntry::text("xl/workbook.xml", &workbook),
        ZipEntry::text("xl/_rels/workbook.xml.rels", &workbook_rels),
        ZipEntry::deflated("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(sst) = shared_strings {
        entries.push(ZipEntry::deflated("xl/sharedStrings.xml", sst));
    }
    zip(&entries)
}

/// The sample as an .xlsx sheet: header on row 1, the 14 parks below. `between` is put after
/// the header row (inside `<sheetData>`), `first_name` replaces the first park's name cell.
fn sample_sheet(between: impl FnOnce(&mut Deflated), first_name: Option<&str>) -> Deflated {
    let (header, rows) = sample_rows();
    let mut d = Deflated::new();
    let mut head = sheet_head();
    head.push_str(&xml_row(1, &header));
    d.push(head.as_bytes(), 1);
    between(&mut d);
    let mut body = String::new();
    for (i, row) in rows.iter().enumerate() {
        if i == 0 {
            if let Some(cell) = first_name {
                let mut rest = row.clone();
                rest[0] = String::new();
                let xml = xml_row(i + 2, &rest);
                body.push_str(&xml.replacen('>', &format!(">{cell}"), 1));
                continue;
            }
        }
        body.push_str(&xml_row(i + 2, row));
    }
    body.push_str(SHEET_TAIL);
    d.push(body.as_bytes(), 1);
    d
}

/// 1 GiB, what each zip bomb inflates to.
const BOMB_BYTES: usize = 1 << 30;

/// The generator itself: the sample as an .xlsx made here is read and scored (else the bombs
/// below would be refused for a wrong reason).
#[test]
fn generated_sample_xlsx_is_accepted() {
    let bytes = xlsx(sample_sheet(|_| {}, None), None);
    run_one(
        write_case("generated-sample.xlsx", &bytes),
        Expect::Accepted,
    );
}

/// The sample with a gigabyte of spaces between its header row and its first park (1 MB file).
#[test]
fn xlsx_zip_bomb_whitespace_between_rows_is_refused() {
    let sheet = sample_sheet(|d| d.push_run(b" ", BOMB_BYTES), None);
    let bytes = xlsx(sheet, None);
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    run_one(write_case("bomb-whitespace.xlsx", &bytes), Expect::Refused);
}

/// The sample whose first park's name is a shared string of a gigabyte.
#[test]
fn xlsx_zip_bomb_one_huge_shared_string_is_refused() {
    let sheet = sample_sheet(|_| {}, Some("<c r=\"A2\" t=\"s\"><v>0</v></c>"));
    let mut sst = Deflated::new();
    sst.push(
        format!("{XML_DECL}<sst xmlns=\"{MAIN_NS}\" count=\"1\" uniqueCount=\"1\"><si><t>")
            .as_bytes(),
        1,
    );
    sst.push_run(b"A", BOMB_BYTES);
    sst.push(b"</t></si></sst>", 1);
    let bytes = xlsx(sheet, Some(sst));
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    run_one(
        write_case("bomb-shared-string.xlsx", &bytes),
        Expect::Refused,
    );
}

/// The sample whose first park's name is an inline string of a gigabyte.
#[test]
fn xlsx_zip_bomb_one_huge_inline_string_is_refused() {
    let (header, rows) = sample_rows();
    let mut d = Deflated::new();
    let mut head = sheet_head();
    head.push_str(&xml_row(1, &header));
    head.push_str("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>");
    d.push(head.as_bytes(), 1);
    d.push_run(b"A", BOMB_BYTES);
    let mut rest = rows[0].clone();
    rest[0] = String::new();
    let tail = xml_row(2, &rest).replacen("<row r=\"2\">", "</t></is></c>", 1);
    let mut body = tail;
    for (i, row) in rows.iter().enumerate().skip(1) {
        body.push_str(&xml_row(i + 2, row));
    }
    body.push_str(SHEET_TAIL);
    d.push(body.as_bytes(), 1);
    let bytes = xlsx(d, None);
    assert!(bytes.len() < 2 << 20, "{} bytes", bytes.len());
    run_one(
        write_case("bomb-inline-string.xlsx", &bytes),
        Expect::Refused,
    );
}

/// The sample with every row filled out to column XFD (16,384 columns, the sheet's limit).
#[test]
fn xlsx_filling_all_16384_columns_is_refused() {
    let (header, rows) = sample_rows();
    let mut xml = sheet_head();
    let widen = |row: &[String], fill: &dyn Fn(usize) -> String| {
        let mut row = row.to_vec();
        let width = row.len();
        row.extend((width..16_384).map(fill));
        row
    };
    xml.push_str(&xml_row(1, &widen(&header, &|c| format!("列{c}"))));
    for (i, row) in rows.iter().enumerate() {
        xml.push_str(&xml_row(i + 2, &widen(row, &|c| (c % 97).to_string())));
    }
    xml.push_str(SHEET_TAIL);
    let mut d = Deflated::new();
    d.push(xml.as_bytes(), 1);
    let bytes = xlsx(d, None);
    run_one(
        write_case("xlsx-16384-columns.xlsx", &bytes),
        Expect::Refused,
    );
}

/// The sample's rows as CSV lines (header first).
fn sample_csv_lines() -> Vec<String> {
    let (header, rows) = sample_rows();
    std::iter::once(header)
        .chain(rows)
        .map(|r| r.join(","))
        .collect()
}

/// A first line of 4 million empty cells, then the header and 200 short rows.
#[test]
fn csv_first_line_of_4_million_empty_cells_is_refused() {
    let lines = sample_csv_lines();
    let mut text = ",".repeat(4_000_000);
    text.push('\n');
    text.push_str(&lines[0]);
    text.push('\n');
    for i in 0..200 {
        let row = &lines[1 + i % 14];
        let (name, rest) = row.split_once(',').expect("a row");
        let _ = writeln!(text, "{name}-{i},{rest}");
    }
    run_one(
        write_case("csv-4m-empty-cells.csv", text.as_bytes()),
        Expect::Refused,
    );
}

/// The header with one more column whose name is 5 MB long.
#[test]
fn csv_5_mb_header_line_is_refused() {
    let lines = sample_csv_lines();
    let mut text = lines[0].clone();
    text.push(',');
    text.push_str(&"指标".repeat(5 * 1024 * 1024 / 6));
    text.push('\n');
    for row in &lines[1..] {
        text.push_str(row);
        text.push('\n');
    }
    assert!(text.len() >= 5 << 20);
    run_one(
        write_case("csv-5mb-header.csv", text.as_bytes()),
        Expect::Refused,
    );
}

/// A header of 100,000 columns (the sample's, then `列N`), and the sample's rows.
#[test]
fn csv_100000_column_header_is_refused() {
    let lines = sample_csv_lines();
    let mut text = lines[0].clone();
    let width = text.split(',').count();
    for c in width..100_000 {
        let _ = write!(text, ",列{c}");
    }
    text.push('\n');
    for row in &lines[1..] {
        text.push_str(row);
        text.push('\n');
    }
    run_one(
        write_case("csv-100000-columns.csv", text.as_bytes()),
        Expect::Refused,
    );
}

/// A JSON array of the sample's parks whose first object has 100,000 more keys.
#[test]
fn json_object_with_100000_keys_is_refused() {
    let (header, rows) = sample_rows();
    let mut objects = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut object = serde_json::Map::new();
        for (h, v) in header.iter().zip(row) {
            object.insert(h.clone(), serde_json::Value::String(v.clone()));
        }
        if i == 0 {
            for k in 0..100_000 {
                object.insert(format!("键{k}"), serde_json::Value::from(k));
            }
        }
        objects.push(serde_json::Value::Object(object));
    }
    let text = serde_json::to_string(&objects).expect("JSON");
    run_one(
        write_case("json-100000-keys.json", text.as_bytes()),
        Expect::Refused,
    );
}

/// An .xlsx whose first park's name is a shared string at `index`: -1, 2^64 and an index past
/// the end must be refused naming the cell, not read as another string (the finding: a park
/// named 园区名称, exit 0) nor as an empty workbook.
fn shared_string_index_case(file: &str, index: &str) {
    let (header, _) = sample_rows();
    let sheet = sample_sheet(
        |_| {},
        Some(&format!("<c r=\"A2\" t=\"s\"><v>{index}</v></c>")),
    );
    let mut sst = Deflated::new();
    let mut xml = format!("{XML_DECL}<sst xmlns=\"{MAIN_NS}\" count=\"2\" uniqueCount=\"2\">");
    for s in [&header[0], "东山园区"] {
        let _ = write!(xml, "<si><t>{}</t></si>", xml_escape(s));
    }
    xml.push_str("</sst>");
    sst.push(xml.as_bytes(), 1);
    let bytes = xlsx(sheet, Some(sst));
    run_one(write_case(file, &bytes), Expect::Refused);
}

/// Control for the three cases below: index 1 is 东山园区, a valid file.
#[test]
fn xlsx_shared_string_index_in_range_is_accepted() {
    let (header, _) = sample_rows();
    let sheet = sample_sheet(|_| {}, Some("<c r=\"A2\" t=\"s\"><v>1</v></c>"));
    let mut sst = Deflated::new();
    sst.push(
        format!(
            "{XML_DECL}<sst xmlns=\"{MAIN_NS}\" count=\"2\" uniqueCount=\"2\"><si><t>{}</t></si>\
             <si><t>东山园区</t></si></sst>",
            header[0]
        )
        .as_bytes(),
        1,
    );
    let bytes = xlsx(sheet, Some(sst));
    run_one(write_case("sst-index-1.xlsx", &bytes), Expect::Accepted);
}

#[test]
fn xlsx_shared_string_index_minus_1_is_refused() {
    shared_string_index_case("sst-index-minus-1.xlsx", "-1");
}

#[test]
fn xlsx_shared_string_index_2_pow_64_is_refused() {
    shared_string_index_case("sst-index-2pow64.xlsx", "18446744073709551616");
}

#[test]
fn xlsx_shared_string_index_past_the_end_is_refused() {
    shared_string_index_case("sst-index-999999.xlsx", "999999");
}

/// A CSV of exactly 100,000 parks (the row limit: it must be ACCEPTED), made like
/// tools/make-big-csv.mjs: the title, the header, the sample's rows with the parks renamed
/// `<name>-<k>`.
///
/// Ignored: today (release build, 2026-11-29) it takes 1 min 57 s (29 s user + 9 s system CPU)
/// and 7.4 GiB peak RSS, and prints 1.07 GB of JSON; making it cheap is the scale issue's work. Here it only has to end with exit 0 within 10 minutes and
/// 16 GiB of address space, and it prints what it cost. Run it alone:
/// `cargo test --release -p parkscore --test hostile -- --ignored --nocapture`.
#[test]
#[ignore = "the scale work: 7.4 GiB and 2 min today; run with --ignored to measure"]
fn csv_of_100000_valid_rows_is_accepted() {
    let lines = sample_csv_lines();
    let title = std::str::from_utf8(parkscore::sample::sample_csv())
        .expect("UTF-8")
        .lines()
        .next()
        .expect("title")
        .to_owned();
    let mut text = format!("{title}\r\n{}\r\n", lines[0]);
    for i in 0..100_000 {
        let row = &lines[1 + i % 14];
        let (name, rest) = row.split_once(',').expect("a row");
        let _ = write!(text, "{name}-{},{rest}\r\n", i / 14 + 1);
    }
    let path = write_case("csv-100000-rows.csv", text.as_bytes());
    let size = text.len() as u64;
    // The synthetic parks are not the scheme's units: both choices, as a user makes them.
    let run = run_limited_with(
        &path,
        Duration::from_secs(600),
        16 << 30,
        &["--allow-unlisted", "--allow-missing-units"],
    );
    eprintln!(
        "csv-100000-rows.csv ({:.1} MB): {} (baseline {:.1} MiB; the bound of the other cases would be {:.1} MiB)",
        size as f64 / 1e6,
        run.summary(),
        mib(baseline_rss()),
        mib(baseline_rss() + MIN_EXTRA_RSS.max(RSS_PER_INPUT_BYTE * size))
    );
    let stderr: String = run.stderr.chars().take(2000).collect();
    assert_eq!(run.code, Some(0), "{}\n{stderr}", run.summary());
    assert!(!run.stderr.contains("panicked"), "{stderr}");
    assert!(is_json_evaluation(&run.stdout), "not a JSON evaluation");
}

/// The zip-bomb generator's CRC arithmetic agrees with a direct CRC.
#[test]
fn deflated_pieces_inflate_to_what_they_claim() {
    let mut d = Deflated::new();
    d.push(b"<a>", 1);
    d.push_run(b" ", 3 << 20);
    d.push(b"</a>", 1);
    let (bytes, crc, size) = d.finish();
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(bytes.as_slice()),
        &mut inflated,
    )
    .expect("inflates");
    assert_eq!(inflated.len() as u32, size);
    let mut direct = Crc::new();
    direct.update(&inflated);
    assert_eq!(direct.sum(), crc);
    assert!(inflated.starts_with(b"<a>   ") && inflated.ends_with(b"   </a>"));
}
