//! Helpers shared by the command-line test binaries (`mod cli;` in each): run the `parkscore`
//! binary, read what it printed.

// Each test binary compiles this module on its own and uses a subset of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `parkscore` with `args`.
pub fn parkscore(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What it printed to standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// What it printed to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// A scratch path unique to this test (its directory made): per process and per thread, as
/// tests run side by side and several write a file of the same name (one test read another's
/// half-written `2019.csv` as empty).
pub fn scratch(name: &str) -> PathBuf {
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let dir = std::env::temp_dir().join(format!("parkscore-cli-{}-{thread}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}
