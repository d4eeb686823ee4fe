//! The columnar road (`import::validate_columnar` then `evaluate_columnar`, the road of the
//! page's worker) against the rows' road (`import::validate_with` then `evaluate_owned`):
//! on every fixture file the suite keeps and on generated tables with the rows the import
//! skips (totals, notes, blank rows), vetoed and unlisted parks, missing and unreadable
//! values, the validation (with the columns given back to the rows) and the evaluation are
//! the same, under every missing-value policy and the scheme's presets.

use parkscore::import::{self, ValidateOptions};
use parkscore::{MissingPolicy, Options, Scheme, ValueColumns};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Validates and scores `bytes` both ways and asserts the results are equal; returns
/// whether the file was read (some fixtures are meant to be refused).
fn same_both_ways(name: &str, bytes: &[u8], scheme: &Scheme, validate: &ValidateOptions) -> bool {
    let Ok(table) = import::read(bytes, name, None, scheme) else {
        return false;
    };
    let rows = import::validate_with(&table, scheme, validate);
    let (mut columnar, values) = import::validate_columnar(&table, scheme, validate);
    assert_eq!(
        values.rows(),
        columnar.dataset.parks.len(),
        "{name}: a cell per park"
    );
    assert!(
        columnar.dataset.parks.iter().all(|p| p.values.is_empty()),
        "{name}: the values are in the columns only"
    );
    // The engine under the import's missing-value policy, as the page and the CLI run them.
    let options = Options {
        missing: validate.missing.unwrap_or_default(),
        ..Options::default()
    };
    let evaluated =
        parkscore::evaluate_columnar(scheme, columnar.dataset.clone(), values.clone(), &options);
    values.give_back(&mut columnar.dataset.parks);
    assert_eq!(columnar, rows, "{name}: the validation");
    let expected = parkscore::evaluate_owned(scheme, rows.dataset, &options);
    assert_eq!(evaluated, expected, "{name}: the evaluation");
    true
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if !path
            .extension()
            .is_some_and(|e| e == "md" || e == "py" || e == "toml")
        {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_gives_the_same_validation_and_evaluation_both_ways() {
    let mut paths = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        &mut paths,
    );
    paths.sort();
    let mut schemes = vec![Scheme::chifeng_2020()];
    schemes.extend(
        parkscore::scheme::presets::PRESETS
            .iter()
            .map(|p| p.scheme().expect("a preset parses")),
    );
    let policies = [
        ValidateOptions::default(),
        ValidateOptions::LENIENT,
        ValidateOptions {
            missing: Some(MissingPolicy::Error),
            ..ValidateOptions::default()
        },
        ValidateOptions {
            missing: Some(MissingPolicy::RankLast),
            allow_unlisted: true,
            allow_missing_units: true,
        },
    ];
    let mut read = 0;
    for path in &paths {
        let bytes = std::fs::read(path).expect("a fixture");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        for scheme in &schemes {
            for validate in &policies {
                if same_both_ways(name, &bytes, scheme, validate) {
                    read += 1;
                }
            }
        }
    }
    // The suite's fixtures are many, most of them readable: the comparison ran on them.
    assert!(read > 100, "only {read} readings compared");
}

/// A table of the sample's header and `rows`, each a park or a row the import skips.
fn table_csv(rows: &[Row]) -> String {
    let sample = String::from_utf8_lossy(parkscore::sample::sample_csv()).into_owned();
    // A title row, the header, then the 14 parks.
    let mut lines = sample.lines().skip(1);
    let header = lines.next().expect("the sample's header");
    let parks: Vec<&str> = lines.filter(|l| !l.trim_matches(',').is_empty()).collect();
    let width = header.split(',').count();
    let mut out = format!("{header}\n");
    for (k, row) in rows.iter().enumerate() {
        let line = match row {
            Row::Park {
                from,
                blank_every,
                vetoed,
                bad,
                again,
            } => {
                let mut cells: Vec<String> = parks[*from % parks.len()]
                    .split(',')
                    .map(str::to_owned)
                    .collect();
                cells.resize(width, String::new());
                // A name of its own, or the name of the first row made from the same park
                // (a park twice in the file).
                let first = rows
                    .iter()
                    .position(|r| matches!(r, Row::Park { from: f, .. } if f == from));
                let k = if *again { first.unwrap_or(k) } else { k };
                cells[0] = format!("{}{k}", cells[0]);
                // The values (not the recognitions and the veto, the last four columns).
                for (i, cell) in cells.iter_mut().enumerate().take(width - 4).skip(1) {
                    if *blank_every > 0 && i % blank_every == 0 {
                        cell.clear();
                    }
                }
                if *bad {
                    cells[3] = "不详".to_owned();
                }
                if *vetoed {
                    cells[width - 2] = "是".to_owned();
                    cells[width - 1] = "重大安全事故".to_owned();
                }
                cells.join(",")
            }
            Row::Total => format!("合计{}", ",1".repeat(width - 1)),
            Row::Blank => ",".repeat(width - 1),
            Row::Note => format!("注：第{k}行是说明{}", ",".repeat(width - 1)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[derive(Clone, Debug)]
enum Row {
    Park {
        from: usize,
        blank_every: usize,
        vetoed: bool,
        bad: bool,
        again: bool,
    },
    Total,
    Blank,
    Note,
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        6 => (
            0usize..14,
            prop_oneof![Just(0usize), 2usize..9],
            prop::bool::weighted(0.15),
            prop::bool::weighted(0.1),
            prop::bool::weighted(0.05),
        )
            .prop_map(|(from, blank_every, vetoed, bad, again)| Row::Park { from, blank_every, vetoed, bad, again }),
        1 => Just(Row::Total),
        1 => Just(Row::Blank),
        1 => Just(Row::Note),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_tables_give_the_same_results_both_ways(
        rows in prop::collection::vec(row(), 0..24),
        policy in 0usize..3,
    ) {
        let csv = table_csv(&rows);
        let validate = ValidateOptions {
            missing: [MissingPolicy::Error, MissingPolicy::Zero, MissingPolicy::RankLast].get(policy).copied(),
            allow_unlisted: true,
            allow_missing_units: true,
        };
        prop_assert!(same_both_ways("generated.csv", csv.as_bytes(), &Scheme::chifeng_2020(), &validate));
    }
}

#[test]
fn an_empty_file_of_only_a_header_gives_empty_columns() {
    let scheme = Scheme::chifeng_2020();
    let csv = table_csv(&[]);
    let table = import::read(csv.as_bytes(), "empty.csv", None, &scheme).expect("read");
    let (validated, values): (_, ValueColumns) =
        import::validate_columnar(&table, &scheme, &ValidateOptions::LENIENT);
    assert!(validated.dataset.parks.is_empty());
    assert_eq!(values.rows(), 0);
}

#[test]
fn columns_that_do_not_fit_the_parks_or_the_scheme_are_refused_not_scored() {
    let scheme = Scheme::chifeng_2020();
    let table = import::read(parkscore::sample::sample_csv(), "sample.csv", None, &scheme)
        .expect("the sample reads");
    let (validated, values) =
        import::validate_columnar(&table, &scheme, &ValidateOptions::default());
    assert_eq!(validated.dataset.parks.len(), 14);
    let refused = |result: Result<parkscore::Evaluation, Vec<parkscore::Issue>>| {
        let issues = result.expect_err("refused");
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0].message.contains("内部错误：数值列与数据不一致"),
            "{issues:?}"
        );
    };
    // A park fewer than the columns have rows.
    let mut fewer = validated.dataset.clone();
    fewer.parks.pop();
    refused(parkscore::evaluate_columnar(
        &scheme,
        fewer,
        values.clone(),
        &Options::default(),
    ));
    // Columns of another scheme's indicators.
    let other = parkscore::scheme::presets::PRESETS
        .iter()
        .map(|p| p.scheme().expect("a preset parses"))
        .find(|s| s.indicators().count() != scheme.indicators().count())
        .expect("a preset of other indicators");
    let mut parks = validated.dataset.parks.clone();
    let foreign = ValueColumns::take_from(&other, &mut parks);
    refused(parkscore::evaluate_columnar(
        &scheme,
        validated.dataset.clone(),
        foreign,
        &Options::default(),
    ));
    // The columns that fit score.
    assert!(
        parkscore::evaluate_columnar(&scheme, validated.dataset, values, &Options::default())
            .is_ok()
    );
}
