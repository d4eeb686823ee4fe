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

/// A scratch path unique to this test process (its directory made).
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parkscore-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}
