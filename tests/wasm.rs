//! Browser tests, compiled to wasm32 and run by wasm-bindgen-test-runner in headless Chromium
//! (`make test-wasm`): the core scores in WebAssembly exactly as the document says, and the app
//! mounts into a real DOM.
#![cfg(target_arch = "wasm32")]

use parkscore::dataset::{Dataset, ParkRecord};
use parkscore::scheme::{IndicatorId, Method, Scheme};
use parkscore::{evaluate, Options, Score};
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("a decimal literal")
}

/// Three parks A > B > C on every indicator. Comparative indicators (rank_linear, N = 3):
/// A full, B full × (3−2)/(3−1) = full/2, C 0. Counts and direct scores as set below.
fn three_parks(scheme: &Scheme) -> Dataset {
    let mut parks = vec![
        ParkRecord::new("甲园区"),
        ParkRecord::new("乙园区"),
        ParkRecord::new("丙园区"),
    ];
    for ind in scheme.indicators() {
        let (a, b, c) = match &ind.method {
            // 5 and 4 units reach the caps 3 and 4; B has 1 unit = 1 point; C none.
            Method::CountCapped { .. } => (d("5"), d("1"), d("0")),
            // A gets the maximum, B half of it, C zero.
            Method::Direct { max } => (*max, *max / d("2"), d("0")),
            _ => (d("30"), d("20"), d("10")),
        };
        parks[0].values.insert(ind.id.clone(), a);
        parks[1].values.insert(ind.id.clone(), b);
        parks[2].values.insert(ind.id.clone(), c);
    }
    parks[0].national_recognitions = 1;
    parks[1].provincial_recognitions = 1;
    Dataset {
        year: Some(2020),
        source: None,
        parks,
    }
}

#[wasm_bindgen_test]
fn scores_three_parks_as_computed_by_hand() {
    let scheme = Scheme::chifeng_2020();
    let eval = evaluate(&scheme, &three_parks(&scheme), &Options::default()).expect("valid data");
    let totals: Vec<(String, u32, String)> = eval
        .parks
        .iter()
        .map(|p| (p.name.to_string(), p.rank, p.total.to_string()))
        .collect();
    // A: 79 comparative + 7 counts (3 + 4) + 7 green + 7 management = 100, + national bonus 10.
    // B: comparative halves 3×5 + 2×3 + 5×3 + 1.5 + 2 = 39.5; counts 1 + 1 = 2;
    //    direct halves 3.5 (green) + 3.5 (management: 1.5 + 4 × 0.5) = 7; base 48.5; + 5 = 53.5.
    // C: 0.
    assert_eq!(
        totals,
        vec![
            ("甲园区".to_owned(), 1, "110.00".to_owned()),
            ("乙园区".to_owned(), 2, "53.50".to_owned()),
            ("丙园区".to_owned(), 3, "0.00".to_owned()),
        ]
    );
    let employment = IndicatorId::from("employment_growth");
    let ind = eval
        .indicator(1, employment.as_str())
        .expect("indicator present");
    assert_eq!(ind.score.to_string(), "3.00");
    assert_eq!(ind.rank, Some(2));
}

#[wasm_bindgen_test]
fn rounds_half_away_from_zero_in_wasm() {
    assert_eq!(Score(d("5.075")).round(2), Score(d("5.08")));
    // 6 × (14 − 3) / (14 − 1) = 5.0769… → 5.08
    assert_eq!(Score(d("6") * d("11") / d("13")).to_string(), "5.08");
}

/// The built-in sample read, validated and scored in WebAssembly with the default reading.
fn sample_evaluation(scheme: &Scheme) -> parkscore::Evaluation {
    let table = parkscore::import::read(
        parkscore::sample::sample_csv(),
        parkscore::sample::SAMPLE_FILE_NAME,
        None,
        scheme,
    )
    .expect("the sample reads");
    let validated = parkscore::import::validate(&table, scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    evaluate(scheme, &validated.dataset, &Options::default()).expect("scores")
}

#[wasm_bindgen_test]
fn the_built_in_sample_imports_and_ranks_all_14_units() {
    let eval = sample_evaluation(&Scheme::chifeng_2020());
    assert_eq!(eval.parks.len() + eval.vetoed.len(), 14);
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_its_file_input() {
    let document = gloo::utils::document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    yew::Renderer::<parkscore_app::app::App>::with_root(root.clone()).render();
    gloo::timers::future::TimeoutFuture::new(50).await;
    let html = root.inner_html();
    assert!(html.contains("data-testid=\"app-root\""), "{html}");
    assert!(html.contains("id=\"file-input\""), "{html}");
}

/// The engine in WebAssembly prints the very JSON the native command line printed into
/// `core/tests/data/golden/sample-2020.json` (`core/tests/determinism.rs`): byte for byte.
#[wasm_bindgen_test]
fn the_wasm_engine_prints_the_native_golden_json() {
    let scheme = Scheme::chifeng_2020();
    let eval = sample_evaluation(&scheme);
    let json = parkscore::export::json::evaluation_json_string(
        &scheme,
        &eval,
        parkscore::export::json::Prose::Explained,
    );
    assert_eq!(
        json,
        include_str!("../core/tests/data/golden/sample-2020.json"),
        "the wasm engine's JSON differs from the native golden"
    );
}
