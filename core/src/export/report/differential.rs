//! The differential test of parkscore's own .xlsx writer (`crate::export::xlsx`) against
//! rust_xlsxwriter, the writer it replaces: every workbook the core makes — the import
//! templates (full and per department, every preset), the 公示版, the 内部版 (one file with
//! edits and notes; a merged round), the 园区得分明细单 (all parks with the 目录 and its links;
//! one park), the analyses' workbook (each sheet, all of them, none) — and so every workbook
//! the app's export buttons download (they call these functions with the round's context), is
//! written twice from the same inputs: by the reports' code as compiled in the crate, and by
//! the very same source compiled over rust_xlsxwriter (`oracle.rs`). The two files must hold
//! the same parts, in the same order, with the same bytes — every element, attribute, style
//! index, shared string and note anchor. Only the zip's compressed bytes may differ.
//!
//! A workbook made without a creation time is the one exception: rust_xlsxwriter then reads
//! the clock, this writer records [`DocProperties::NO_TIME`]; there the two `dcterms` dates
//! in `docProps/core.xml` are compared as "some date" (and a test pins ours).
//!
//! Some inputs are hostile (control characters, `&<>"'`, `_x0041_`, leading spaces, emoji,
//! long text) to hold the escaping to rust_xlsxwriter's.

#![allow(dead_code)]

use super::oracle;
use super::tests::{facts, Round};
use super::*;
use crate::analysis::compare::compare;
use crate::analysis::move_up::{gaps, targets};
use crate::analysis::readings::readings;
use crate::analysis::stability::{stability, StabilityParams};
use crate::export::template::{Template, TemplateFor};
use crate::export::xlsx::DocProperties;
use crate::import::{RawTable, ValidateOptions};
use crate::round::{AwardDecision, ChangeKind};
use crate::{MissingPolicy, Options};
use rust_decimal::Decimal;
use std::io::{Cursor, Read};

#[path = "../../../tests/years/mod.rs"]
mod years;

/// A time both writers record: 2021-03-24 09:30:15 UTC.
const AT: i64 = 1_616_578_215;

/// The parts of an .xlsx, in the zip's order.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut part = zip.by_index(i).expect("a part");
            let mut text = String::new();
            part.read_to_string(&mut text).expect("UTF-8 XML");
            (part.name().unwrap_or_default().to_string(), text)
        })
        .collect()
}

/// `docProps/core.xml` with its two dates blanked (a workbook made without a time).
fn undated(core: &str) -> String {
    let mut out = String::new();
    let mut rest = core;
    while let Some(at) = rest.find("W3CDTF\">") {
        let (head, tail) = rest.split_at(at + 8);
        out.push_str(head);
        let close = tail.find('<').unwrap_or(tail.len());
        out.push_str("DATE");
        rest = &tail[close..];
    }
    out.push_str(rest);
    out
}

/// Asserts that `ours` and `theirs` hold the same parts with the same bytes.
fn assert_same(what: &str, ours: &[u8], theirs: &[u8], dated: bool) {
    let (ours, theirs) = (parts(ours), parts(theirs));
    let names = |p: &[(String, String)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "{what}: the parts");
    // Content types, two relationships, theme, styles, workbook, a sheet, core, app at least.
    assert!(ours.len() >= 9, "{what}: {:?}", names(&ours));
    for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
        let (a, b) = if name == "docProps/core.xml" && !dated {
            (undated(a), undated(b))
        } else {
            (a.clone(), b.clone())
        };
        if a != b {
            let at = a
                .bytes()
                .zip(b.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            let from = at.saturating_sub(200);
            let context = |s: &str| {
                let start = (0..=from)
                    .rev()
                    .find(|i| s.is_char_boundary(*i))
                    .unwrap_or(0);
                let end = (at + 200).min(s.len());
                let end = (end..=s.len())
                    .find(|i| s.is_char_boundary(*i))
                    .unwrap_or(s.len());
                s[start..end].to_owned()
            };
            panic!(
                "{what}: {name} differs at byte {at}\n ours:   …{}…\n theirs: …{}…",
                context(&a),
                context(&b)
            );
        }
    }
}

// ------------------------------------------------------------------------------ fixtures

fn round_of(scheme: Scheme, bytes: &[u8], name: &str, edits: &[(u32, usize, &str)]) -> Round {
    let mut table = crate::import::read(bytes, name, None, &scheme).expect("the file reads");
    for (number, col, text) in edits {
        if let Some(row) = table.rows.iter_mut().find(|r| r.number == *number) {
            row.cells.set(*col, text);
        }
    }
    let options = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        missing: Some(MissingPolicy::Zero),
    };
    let validated = crate::import::validate_with(&table, &scheme, &options);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    let evaluation = crate::evaluate(
        &scheme,
        &validated.dataset,
        &Options {
            missing: MissingPolicy::Zero,
            ..Options::default()
        },
    )
    .expect("it scores");
    Round {
        provenance: Provenance::single(name, None, &validated),
        year: validated.dataset.year,
        scheme,
        table,
        evaluation,
    }
}

fn sample_round(edits: &[(u32, usize, &str)]) -> Round {
    round_of(
        Scheme::chifeng_2020(),
        crate::sample::sample_csv(),
        "sample-2020.csv",
        edits,
    )
}

/// The sample with hostile park names and texts: markup, control characters, an escape-like
/// `_x0041_`, spaces at the ends, an emoji, a very long name.
fn hostile_round() -> Round {
    let text = String::from_utf8(crate::sample::sample_csv().to_vec()).unwrap();
    let long = "很长的园区名称".repeat(12);
    let text = text
        .replacen("东山园区,", "东山<&>\"'园区\u{1}\u{7}_x0041_,", 1)
        .replacen("红山园区,", " 红山 园区🏭 ,", 1)
        .replacen("元宝山园区,", &format!("{long},"), 1)
        .replacen("安庆园区,", "A1,", 1);
    round_of(Scheme::chifeng_2020(), text.as_bytes(), "怪 名&<>.csv", &[])
}

fn change(cell: &str, park: &str, before: &str, after: &str, reason: Option<&str>) -> Change {
    Change {
        kind: ChangeKind::Cell,
        file: "sample-2020.csv".into(),
        cell: cell.into(),
        park: Some(park.into()),
        column: "新增工业总产值（亿元）".into(),
        before: before.into(),
        after: after.into(),
        at: "2021-03-20 14:05".into(),
        reason: reason.map(str::to_owned),
    }
}

/// [`super::tests::context`] with a creation time.
fn context<'a>(
    r: &'a Round,
    facts: &'a RoundFacts,
    tables: &'a [&'a RawTable],
    changes: &'a [Change],
    decisions: &'a [AwardDecision],
    created_at: Option<i64>,
) -> ReportContext<'a> {
    ReportContext {
        created_at,
        ..super::tests::context(r, facts, tables, changes, decisions)
    }
}

/// The three reports of `ctx`, all park sheets and one park's, in both writers.
fn assert_reports_same(what: &str, ctx: &ReportContext<'_>) {
    let dated = ctx.created_at.is_some();
    if let (Ok(a), Ok(b)) = (
        publicity::publicity_xlsx(ctx),
        oracle::publicity::publicity_xlsx(ctx),
    ) {
        assert_same(&format!("{what} 公示版"), &a, &b, dated);
    }
    let a = internal::internal_xlsx(ctx).expect("the 内部版");
    let b = oracle::internal::internal_xlsx(ctx).expect("the 内部版 (oracle)");
    assert_same(&format!("{what} 内部版"), &a, &b, dated);
    let a = park_sheets::park_sheets_xlsx(ctx, park_sheets::ParkSelection::All).unwrap();
    let b = oracle::park_sheets::park_sheets_xlsx(ctx, oracle::park_sheets::ParkSelection::All)
        .unwrap();
    assert_same(&format!("{what} 园区得分明细单"), &a, &b, dated);
    let first = ctx.evaluation.parks[0].name.to_string();
    let a = park_sheets::park_sheets_xlsx(ctx, park_sheets::ParkSelection::One(&first)).unwrap();
    let b =
        oracle::park_sheets::park_sheets_xlsx(ctx, oracle::park_sheets::ParkSelection::One(&first))
            .unwrap();
    assert_same(&format!("{what} 园区得分明细单（{first}）"), &a, &b, dated);
}

// ------------------------------------------------------------------------------ the tests

#[test]
fn the_templates_are_the_same() {
    for preset in crate::scheme::presets::PRESETS {
        let scheme = preset.scheme().unwrap();
        let mut which = vec![TemplateFor::All];
        which.extend(
            scheme
                .departments()
                .into_iter()
                .map(TemplateFor::Department),
        );
        for w in which {
            let ours = Template::new(&scheme, w).unwrap().xlsx().unwrap();
            let w2 = match w {
                TemplateFor::All => oracle::template::TemplateFor::All,
                TemplateFor::Department(d) => oracle::template::TemplateFor::Department(d),
            };
            let theirs = oracle::template::Template::new(&scheme, w2)
                .unwrap()
                .xlsx()
                .unwrap();
            assert_same(&format!("{} {w:?}", preset.id), &ours, &theirs, true);
        }
    }
}

#[test]
fn a_template_of_hostile_units_is_the_same() {
    let mut scheme = Scheme::chifeng_2020();
    scheme.units = vec![
        "甲<&>\"'\u{1}".into(),
        " 乙 ".into(),
        "_x0041_🏭".into(),
        "丙\n丁".into(),
    ];
    scheme.document = "赤政发〔2020〕172号 & <附件>".into();
    let ours = Template::new(&scheme, TemplateFor::All)
        .unwrap()
        .xlsx()
        .unwrap();
    let theirs = oracle::template::Template::new(&scheme, oracle::template::TemplateFor::All)
        .unwrap()
        .xlsx()
        .unwrap();
    assert_same("hostile template", &ours, &theirs, true);
}

#[test]
fn the_sample_reports_are_the_same() {
    let r = sample_round(&[(4, 1, "40"), (5, 2, "4.5"), (3, 40, "后加")]);
    let f = facts();
    let tables = [&r.table];
    let changes = vec![
        change("B4", "红山园区", "12.3", "40", Some("复核调整")),
        change("C5", "元宝山园区", "4.2", "4.5", None),
        change("AO3", "东山园区", "", "后加", Some(" ")),
    ];
    let decisions = [AwardDecision {
        award: "园区公共服务平台".into(),
        park: "安庆园区".into(),
        note: "会议 & 决定".into(),
    }];
    let ctx = context(&r, &f, &tables, &changes, &decisions, Some(AT));
    assert_reports_same("sample", &ctx);
    // With the sample's notice, and without facts (no 公示版) or decisions.
    let blank = RoundFacts {
        year: Some(2020),
        ..RoundFacts::default()
    };
    let ctx = ReportContext {
        notice: Some(crate::sample::SAMPLE_NOTICE),
        facts: &blank,
        decisions: &[],
        ..ctx
    };
    assert_reports_same("sample with its notice", &ctx);
}

#[test]
fn a_workbook_without_a_time_differs_only_in_its_dates() {
    let r = sample_round(&[]);
    let f = facts();
    let tables = [&r.table];
    let ctx = context(&r, &f, &tables, &[], &[], None);
    assert_reports_same("undated", &ctx);
    let bytes = publicity::publicity_xlsx(&ctx).unwrap();
    let core = parts(&bytes)
        .into_iter()
        .find(|(n, _)| n == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(core.contains(&format!(">{}</dcterms:created>", DocProperties::NO_TIME)));
    let dated = publicity::publicity_xlsx(&ReportContext {
        created_at: Some(AT),
        ..ctx
    })
    .unwrap();
    let core = parts(&dated)
        .into_iter()
        .find(|(n, _)| n == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(
        core.contains(">2021-03-24T09:30:15Z</dcterms:modified>"),
        "{core}"
    );
}

#[test]
fn hostile_names_are_written_the_same() {
    let r = hostile_round();
    let f = facts();
    let tables = [&r.table];
    let changes = vec![Change {
        file: "怪 名&<>.csv".into(),
        ..change(
            "B4",
            "红山<园区>",
            "1\u{2}2",
            "x_x0042_\r\n",
            Some("<原因>&\"'"),
        )
    }];
    let ctx = context(&r, &f, &tables, &changes, &[], Some(AT));
    assert_reports_same("hostile", &ctx);
}

#[test]
fn a_merged_round_is_the_same() {
    // 科技局.csv also gives column B, one value differently: a conflict left unsettled.
    let (scheme, tables, merged, evaluation) =
        super::tests::split_round(&|i| i == 0 || i == 1 || (13..24).contains(&i), &|text| {
            text.replacen("38.6", "38.7", 1)
        });
    assert!(
        !merged.conflicts.is_empty(),
        "the conflict sheet is compared too"
    );
    let f = facts();
    let refs: Vec<&RawTable> = tables.iter().collect();
    let ctx = ReportContext {
        scheme: &scheme,
        evaluation: &evaluation,
        facts: &f,
        files_year: merged.dataset.year,
        tables: &refs,
        provenance: Some(&merged.provenance),
        changes: &[],
        decisions: &[],
        conflicts: &merged.conflicts,
        generated_on: None,
        created_at: Some(AT),
        notice: None,
    };
    assert_reports_same("merged", &ctx);
}

#[test]
fn the_presets_reports_are_the_same() {
    for preset in crate::scheme::presets::PRESETS {
        let r = round_of(
            preset.scheme().unwrap(),
            preset.sample,
            preset.sample_name,
            &[],
        );
        let f = RoundFacts {
            year: Some(2024),
            ..facts()
        };
        let tables = [&r.table];
        let ctx = context(&r, &f, &tables, &[], &[], Some(AT));
        assert_reports_same(preset.id, &ctx);
    }
}

#[test]
fn the_analyses_workbooks_are_the_same() {
    let scheme = Scheme::chifeng_2020();
    let read = |name: &str, text: &str| {
        let table = crate::import::read(text.as_bytes(), name, None, &scheme).unwrap();
        crate::import::validate_with(
            &table,
            &scheme,
            &ValidateOptions {
                allow_missing_units: true,
                allow_unlisted: true,
                missing: Some(MissingPolicy::Zero),
            },
        )
        .dataset
    };
    let last = read("2019.csv", &years::sample_2019());
    let this = read("2020.csv", &years::sample_csv());
    let options = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let a = crate::evaluate(&scheme, &last, &options).unwrap();
    let b = crate::evaluate(&scheme, &this, &options).unwrap();
    let comparison = compare(&scheme, &last, &a, &this, &b);
    let r = readings(&scheme, &this, MissingPolicy::Zero, Decimal::new(5, 1)).unwrap();
    let st = stability(
        &scheme,
        &this,
        &options,
        StabilityParams {
            samples: 200,
            spread: 0.2,
            seed: 7,
        },
    )
    .unwrap();
    let g = gaps(&b);
    let t = vec![
        targets(&scheme, &this, &options, "东山园区").unwrap(),
        targets(&scheme, &this, &options, "红山园区").unwrap(),
    ];
    let cases: Vec<(&str, analyses::Analyses<'_>)> = vec![
        ("none", analyses::Analyses::default()),
        (
            "readings and stability",
            analyses::Analyses {
                year: this.year,
                readings: Some(&r),
                stability: Some(&st),
                created_at: Some(AT),
                ..Default::default()
            },
        ),
        (
            "everything",
            analyses::Analyses {
                year: this.year,
                readings: Some(&r),
                stability: Some(&st),
                comparison: Some(&comparison),
                gaps: &g,
                targets: &t,
                notice: Some(crate::sample::SAMPLE_NOTICE),
                created_at: Some(AT),
            },
        ),
        (
            "comparison",
            analyses::Analyses {
                comparison: Some(&comparison),
                created_at: Some(AT),
                ..Default::default()
            },
        ),
    ];
    for (what, ours) in cases {
        let theirs = oracle::analyses::Analyses {
            year: ours.year,
            readings: ours.readings,
            stability: ours.stability,
            comparison: ours.comparison,
            gaps: ours.gaps,
            targets: ours.targets,
            notice: ours.notice,
            created_at: ours.created_at,
        };
        let a = analyses::analyses_xlsx(&scheme, &ours).unwrap();
        let b = oracle::analyses::analyses_xlsx(&scheme, &theirs).unwrap();
        assert_same(what, &a, &b, ours.created_at.is_some());
    }
}

/// The writer's API as the reports do not use it but may (edge cases): the same calls made on
/// both writers by one macro body.
mod api {
    pub(super) mod ours {
        pub(crate) use crate::export::xlsx::*;
    }
    pub(super) mod theirs {
        pub(crate) use rust_xlsxwriter::*;
    }

    macro_rules! edge_book {
        ($m:ident) => {{
            use $m::*;
            let mut wb = Workbook::new();
            let bold = Format::new()
                .set_bold()
                .set_underline(FormatUnderline::Single)
                .set_font_color(Color::RGB(0x12_3456))
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::White)
                .set_num_format("0.000");
            let ws = wb.add_worksheet();
            ws.write_number(0, 0, f64::NAN).unwrap();
            ws.write_number(0, 1, f64::INFINITY).unwrap();
            ws.write_number_with_format(0, 2, f64::NEG_INFINITY, &bold)
                .unwrap();
            ws.write_number(1, 0, 1e-7).unwrap();
            ws.write_number(1, 1, 123_456_789.125).unwrap();
            ws.write_number(1, 2, -0.0).unwrap();
            ws.write_string(1, 3, "").unwrap();
            ws.write_string_with_format(1, 4, "", &bold).unwrap();
            ws.write_string(40, 300, " 空格 ").unwrap();
            ws.set_row_height(5, 0).unwrap();
            ws.set_row_height(2, 30.5).unwrap();
            ws.set_row_height(70, 12).unwrap();
            ws.set_column_width(3, 0).unwrap();
            ws.set_column_width(4, 0.5).unwrap();
            ws.set_column_width(5, 300).unwrap();
            ws.set_column_width(6, 8.43).unwrap();
            ws.set_column_width(7, 8.43).unwrap();
            assert!(ws.merge_range(3, 0, 3, 0, "x", &bold).is_err());
            ws.merge_range(3, 0, 4, 1, "合并", &bold).unwrap();
            assert!(ws.merge_range(4, 1, 4, 2, "x", &bold).is_err());
            assert!(ws.set_name("a/b").is_err());
            assert!(ws.set_name("'a").is_err());
            assert!(ws.set_name("").is_err());
            ws.set_name("边界 A1").unwrap();
            ws.set_freeze_panes(3, 2).unwrap();
            ws.set_header("");
            ws.set_footer("&C&[Page] / &[Pages]");
            ws.set_print_area(0, 0, 10, 16_383).unwrap();
            ws.set_repeat_rows(1, 2).unwrap();
            ws.set_margins(-1.0, 0.25, -1.0, 1.0, 0.0, -1.0);
            let any = DataValidation::new()
                .set_error_message("只有出错信息")
                .unwrap();
            ws.add_data_validation(10, 0, 12, 0, &any).unwrap();
            ws.add_data_validation(10, 1, 12, 1, &DataValidation::new())
                .unwrap();
            let list = DataValidation::new()
                .allow_list_strings(&["\"是\"", "否&<>"])
                .unwrap();
            ws.add_data_validation(10, 26, 12, 26, &list).unwrap();
            let scale = ConditionalFormat2ColorScale::new();
            ws.add_conditional_format(1, 0, 2, 2, &scale).unwrap();
            ws.add_conditional_format(1, 0, 2, 2, &scale).unwrap();
            ws.write_url_with_format(20, 0, Url::new("internal:'边界 A1'!B2"), &bold)
                .unwrap();

            let ws = wb.add_worksheet();
            ws.set_freeze_panes(0, 2).unwrap();
            ws.set_column_width(1, 30).unwrap();
            for i in 0..1_030u32 {
                let note = Note::new(format!("第 {i} 条\n")).set_author(if i % 2 == 0 {
                    "甲"
                } else {
                    "乙 "
                });
                ws.insert_note(i % 300, (i / 300) as u16, &note).unwrap();
            }
            ws.insert_note(1_048_575, 16_383, &Note::new("角落"))
                .unwrap();
            ws.insert_note(1_048_573, 16_381, &Note::new("角落 2"))
                .unwrap();
            let ws = wb.add_worksheet();
            ws.insert_note(0, 0, &Note::new("唯一").add_author_prefix(false))
                .unwrap();
            ws.set_row_height(0, 40).unwrap();
            wb.save_to_buffer().unwrap()
        }};
    }

    #[test]
    fn the_edges_of_the_api_are_the_same() {
        let a = edge_book!(ours);
        let b = edge_book!(theirs);
        super::assert_same("edges", &a, &b, false);
    }
}

/// LibreOffice opens what the writer writes: each kind of workbook converted to CSV (its first
/// sheet) by `soffice --headless`. Ignored by default — `make test` does not install LibreOffice,
/// and a test that passes without looking is no test; run it where LibreOffice is installed
/// (`apt-get install -y libreoffice-calc-nogui`) with
/// `cargo test -p parkscore --lib libreoffice -- --ignored`, where it fails if soffice is missing.
#[test]
#[ignore = "needs LibreOffice (soffice); run with --ignored"]
fn libreoffice_reads_the_workbooks() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice (soffice) is installed");
    let r = sample_round(&[(4, 1, "40")]);
    let f = facts();
    let tables = [&r.table];
    let changes = [change("B4", "红山园区", "12.3", "40", Some("复核调整"))];
    let ctx = context(&r, &f, &tables, &changes, &[], Some(AT));
    let template = Template::new(&r.scheme, TemplateFor::All)
        .unwrap()
        .xlsx()
        .unwrap();
    let books: [(&str, Vec<u8>, &str); 4] = [
        (
            "publicity",
            publicity::publicity_xlsx(&ctx).unwrap(),
            "东山园区",
        ),
        (
            "internal",
            internal::internal_xlsx(&ctx).unwrap(),
            "东山园区",
        ),
        (
            "sheets",
            park_sheets::park_sheets_xlsx(&ctx, park_sheets::ParkSelection::All).unwrap(),
            "东山园区",
        ),
        ("template", template, "园区名称"),
    ];
    let dir = std::env::temp_dir().join(format!("parkscore-lo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<std::path::PathBuf> = books
        .iter()
        .map(|(name, bytes, _)| {
            let path = dir.join(format!("{name}.xlsx"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let status = std::process::Command::new(soffice)
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
        ])
        .arg("--outdir")
        .arg(&dir)
        .args(&files)
        .env("HOME", &dir)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    for (name, _, expected) in &books {
        let csv = std::fs::read_to_string(dir.join(format!("{name}.csv")))
            .unwrap_or_else(|e| panic!("{name}: LibreOffice wrote no CSV ({e}): {status:?}"));
        assert!(csv.contains(expected), "{name}: {csv}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
