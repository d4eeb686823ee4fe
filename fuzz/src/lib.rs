//! What the fuzz targets run: the same calls as `parkscore score FILE --format json`
//! (core/src/bin/parkscore.rs), the scheme loader, and the app's session restore.
//!
//! Every function here returns nothing and ignores results: the only failures libFuzzer sees
//! are panics, aborts (an allocation too big), timeouts (`-timeout`) and memory over
//! `-rss_limit_mb` / `-malloc_limit_mb`. The import path is called through [`read`] only, so
//! that a change of `import::read`'s signature changes one line.

use parkscore::export::{csv, json, table, template};
use parkscore::import::{self, RawTable};
use parkscore::{evaluate, Evaluation, Method, MissingPolicy, Options, Scheme};
use parkscore_app::compute::{self, Ran};
use parkscore_app::session::Session;
use parkscore_app::state::{Action, AppState};
use rust_decimal::Decimal;
use std::rc::Rc;
use std::sync::OnceLock;

/// The built-in scheme, parsed once per process.
pub fn builtin_scheme() -> &'static Scheme {
    static SCHEME: OnceLock<Scheme> = OnceLock::new();
    SCHEME.get_or_init(Scheme::chifeng_2020)
}

/// Phase 1 of the import, as the CLI calls it (no `--sheet`).
///
/// The one place that calls `import::read` (the scheme picks the sheet).
pub fn read(data: &[u8], file_name: &str, scheme: &Scheme) -> Result<RawTable, parkscore::Issue> {
    import::read(data, file_name, None, scheme)
}

/// The CLI's default options (no `--method`, `--step`, `--bonus`, `--missing`).
pub fn default_options() -> Options {
    Options {
        ranking_method: None,
        cumulative_bonus: None,
        missing: MissingPolicy::Error,
    }
}

/// A second reading, picked by the input's length (so a crash reproduces from its file alone):
/// the other missing-value policies and methods reach scoring code that the default reading
/// (missing = error) stops before.
fn variant_options(len: usize) -> Options {
    let step = Decimal::new(5, 1);
    let methods = [
        None,
        Some(Method::RankLinear),
        Some(Method::RankStep { step }),
        Some(Method::RatioToTop),
        Some(Method::MinMax),
    ];
    Options {
        ranking_method: methods[len % methods.len()].clone(),
        cumulative_bonus: Some(len % 2 == 0),
        missing: [MissingPolicy::Zero, MissingPolicy::RankLast][(len / 5) % 2],
    }
}

/// What the CLI prints for an evaluation (`--format json`, with and without `--detail`, so
/// every explanation is rendered), plus the other text outputs.
fn export(scheme: &Scheme, evaluation: &Evaluation) {
    let _ = json::evaluation_json_string(scheme, evaluation, json::Prose::Facts);
    let _ = json::evaluation_json_string(scheme, evaluation, json::Prose::Explained);
    let _ = csv::evaluation_csv(scheme, evaluation);
    let _ = table::evaluation_table(scheme, evaluation, true);
    for note in &evaluation.notes {
        let _ = note.to_string();
    }
}

/// Validate and score `table` with `scheme`, as the CLI does after reading a file.
fn validate_and_score(table: &RawTable, scheme: &Scheme, variant: usize) {
    let validated = import::validate(table, scheme);
    // The CLI prints every issue (errors and warnings).
    for issue in &validated.issues {
        let _ = issue.to_string();
    }
    if validated.has_errors() {
        return;
    }
    match evaluate(scheme, &validated.dataset, &default_options()) {
        Ok(evaluation) => export(scheme, &evaluation),
        Err(issues) => {
            for issue in &issues {
                let _ = issue.to_string();
            }
        }
    }
    if let Ok(evaluation) = evaluate(scheme, &validated.dataset, &variant_options(variant)) {
        export(scheme, &evaluation);
    }
}

/// `parkscore score f.<ext> --format json` with the built-in scheme, on `data`.
pub fn score_file(data: &[u8], file_name: &str) {
    let scheme = builtin_scheme();
    // The CLI refuses bigger files before reading them.
    if data.len() > import::MAX_FILE_BYTES {
        return;
    }
    match read(data, file_name, scheme) {
        Ok(table) => validate_and_score(&table, scheme, data.len()),
        Err(issue) => {
            let _ = issue.to_string();
        }
    }
}

/// The sample's table, read once: what a fuzzed scheme is applied to.
fn sample_table() -> &'static RawTable {
    static TABLE: OnceLock<RawTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        read(
            parkscore::sample::sample_csv(),
            parkscore::sample::SAMPLE_FILE_NAME,
            builtin_scheme(),
        )
        .expect("the built-in sample reads")
    })
}

/// `parkscore score sample.csv --scheme FILE` and `parkscore scheme --scheme FILE`.
pub fn scheme_toml(data: &[u8]) {
    // The CLI refuses scheme files over 1 MB and text that is not UTF-8.
    if data.len() > 1024 * 1024 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // `parkscore scheme check FILE`: every error, each located in the text when it can be.
    let scheme = match Scheme::check(text) {
        Ok(scheme) => scheme,
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused scheme names its problem");
            for e in &errors {
                let _ = e.to_string();
                if let Some(line) = parkscore::scheme::locate(text, e) {
                    assert!(line >= 1 && line <= text.lines().count(), "line {line}");
                }
            }
            assert_eq!(Scheme::from_toml(text).err().as_ref(), errors.first());
            return;
        }
    };
    // `parkscore scheme --scheme FILE` prints it back; what it prints must load again, to the
    // same scheme and the same fingerprint.
    let again = scheme.to_toml();
    match Scheme::from_toml(&again) {
        Ok(reloaded) => {
            assert_eq!(reloaded, scheme, "to_toml → from_toml changed the scheme");
            assert_eq!(reloaded.fingerprint(), scheme.fingerprint());
        }
        Err(e) => panic!("a scheme's own to_toml does not load again: {e}\n{again}"),
    }
    let _ = scheme.title_with_fingerprint();
    // The presets' samples (enterprise names, not-rated units) under the fuzzed scheme.
    for preset in parkscore::scheme::presets::PRESETS.iter().skip(1) {
        if let Ok(table) = read(preset.sample, preset.sample_name, &scheme) {
            validate_and_score(&table, &scheme, data.len());
        }
    }
    let _ = template::template_csv(&scheme, template::TemplateFor::All);
    let _ = template::template_headers(&scheme);
    // Every department's template, and its name; a name the scheme lacks is an error.
    for department in scheme.departments() {
        let which = template::TemplateFor::Department(department);
        assert!(template::template_csv(&scheme, which).is_ok(), "{department}");
    }
    let stranger = template::TemplateFor::Department("\u{0}");
    if !scheme.departments().iter().any(|d| d.trim() == "\u{0}") {
        assert!(template::template_csv(&scheme, stranger).is_err());
    }
    validate_and_score(sample_table(), &scheme, data.len());
}

/// 打开会话: `Session::from_json`, the reducer's restore, the scoring job it asks for (run
/// here, its outcome packed and unpacked as between the worker and the page), the outcome
/// taken, and the session saved again.
pub fn session(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let session = match Session::from_json(text) {
        Ok(session) => session,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let _ = session.file_name();
    let state = AppState::new(Rc::new(builtin_scheme().clone()));
    let Some(state) = state.apply(Action::SessionRestored {
        session: Box::new(session),
    }) else {
        return;
    };
    let mut state = state;
    if let Some(pending) = state.pending.clone() {
        let outcome = compute::run(&state.scheme, &pending.options, &pending.validate, &pending.job);
        let parts = outcome.pack();
        let outcome = compute::Unpacker::unpack(&parts).expect("a packed outcome unpacks");
        if let Some(next) = state.apply(Action::JobDone {
            seq: pending.seq,
            ran: Ran::Page,
            outcome: Box::new(outcome),
        }) {
            state = next;
        }
    }
    let _ = state.issues().len();
    let _ = state.faulty_cells();
    if let Some(saved) = state.session() {
        let json = saved.to_json();
        Session::from_json(&json).expect("a saved session opens again");
    }
}
