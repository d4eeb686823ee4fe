//! Determinism (issue 9): the same input gives byte-identical JSON however the engine is
//! reached. The golden file `tests/data/golden/sample-2020.json` is what the native command
//! line prints for the built-in sample; `tests/wasm.rs` (at the workspace root) computes the
//! same JSON with the engine compiled to WebAssembly, in Chromium, and compares it with this
//! very file.
//!
//! The golden's numbers are not checked here (they are the hand-computed goldens' job,
//! `golden_chifeng.rs`); it pins *sameness*: between runs, between native and wasm, between
//! the CLI and the library. To refresh it after an intended change of the JSON, run
//! `PARKSCORE_BLESS=1 cargo test -p parkscore --test determinism` and review the diff.

use parkscore::export::json::evaluation_json_string;
use parkscore::{evaluate, import, Options, Scheme};
use std::path::Path;
use std::process::Command;

const GOLDEN: &str = "tests/data/golden/sample-2020.json";

fn library_json() -> String {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(
        parkscore::sample::sample_csv(),
        parkscore::sample::SAMPLE_FILE_NAME,
        None,
        &scheme,
    )
    .expect("the sample reads");
    let validated = import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    let evaluation = evaluate(&scheme, &validated.dataset, &Options::default()).expect("scores");
    evaluation_json_string(
        &scheme,
        &evaluation,
        parkscore::export::json::Prose::Explained,
    )
}

#[test]
fn the_cli_and_the_library_print_the_golden_json_byte_for_byte() {
    let golden_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(GOLDEN);
    // The sample under the name the library gives it, so that the source line is the same.
    let dir = std::env::temp_dir().join(format!("parkscore-determinism-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let name = parkscore::sample::SAMPLE_FILE_NAME;
    std::fs::write(dir.join(name), parkscore::sample::sample_csv()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_parkscore"))
        .current_dir(&dir)
        .args(["score", name, "--format", "json", "--detail"])
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cli = String::from_utf8(out.stdout).expect("UTF-8");
    if std::env::var_os("PARKSCORE_BLESS").is_some() {
        std::fs::write(&golden_path, &cli).expect("golden written");
    }
    let golden = std::fs::read_to_string(&golden_path).expect("the golden file");
    assert_eq!(cli, golden, "the CLI's JSON differs from {GOLDEN}");
    // Twice through the library: the same bytes again (no map iteration order, no clock).
    assert_eq!(library_json(), golden);
    assert_eq!(library_json(), golden);
}
