//! Tests of the reports: the content, and the workbooks read back — cells with calamine, and
//! what calamine does not read (page setup, print titles, notes, fonts, widths) from the
//! workbook's XML. Expected values are the sample's, checked by hand against the CLI's table
//! (`parkscore score core/data/sample-2020.csv`).

use super::*;
use crate::import::merge::{Choices, Field, Part};
use crate::import::{RawTable, ValidateOptions, Validated};
use crate::scoring::Evaluation;
use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read};

// ------------------------------------------------------------------------------ fixtures

/// The sample as read (file name `sample-2020.csv`), with `edits` (Excel row, column index,
/// text) applied, validated and scored under the default reading.
/// One file's round scored: what a report is made from (shared with the writer's
/// differential test).
pub(super) struct Round {
    pub(super) scheme: Scheme,
    pub(super) table: RawTable,
    pub(super) provenance: Provenance,
    pub(super) evaluation: Evaluation,
    pub(super) year: Option<u16>,
}

fn round_with(edits: &[(u32, usize, &str)], csv: Option<String>) -> Round {
    let scheme = Scheme::chifeng_2020();
    let bytes = csv.map_or_else(|| crate::sample::sample_csv().to_vec(), String::into_bytes);
    let mut table =
        crate::import::read(&bytes, "sample-2020.csv", None, &scheme).expect("the sample reads");
    for (number, col, text) in edits {
        let row = table
            .rows
            .iter_mut()
            .find(|r| r.number == *number)
            .expect("the row");
        row.cells.set(*col, text);
    }
    let validated = crate::import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    let evaluation = crate::evaluate(&scheme, &validated.dataset, &crate::Options::default())
        .expect("the sample scores");
    let provenance = Provenance::single("sample-2020.csv", None, &validated);
    Round {
        year: validated.dataset.year,
        scheme,
        table,
        provenance,
        evaluation,
    }
}

fn sample() -> Round {
    round_with(&[], None)
}

/// The facts of a round ready to post.
pub(super) fn facts() -> RoundFacts {
    RoundFacts {
        year: None,
        issuer: "赤峰市加快工业园区建设工作领导小组办公室".into(),
        publicity_from: Date::new(2021, 3, 25),
        publicity_to: Date::new(2021, 4, 1),
        contact: "张三".into(),
        phone: "0476-8888888".into(),
        signed_on: Date::new(2021, 3, 24),
    }
}

fn decision(award: &str, park: &str, note: &str) -> AwardDecision {
    AwardDecision {
        award: award.into(),
        park: park.into(),
        note: note.into(),
    }
}

/// Two changes: 红山园区's 新增工业总产值 (B4) 12.3 → 40 with a reason, 元宝山园区's
/// 工业总产值增速 (C5) 4.2 → 4.5 without one.
fn changes() -> Vec<Change> {
    vec![
        Change {
            kind: crate::round::ChangeKind::Cell,
            file: "sample-2020.csv".into(),
            cell: "B4".into(),
            park: Some("红山园区".into()),
            column: "新增工业总产值（亿元）".into(),
            before: "12.3".into(),
            after: "40".into(),
            at: "2021-03-20 14:05".into(),
            reason: Some("复核调整".into()),
        },
        Change {
            kind: crate::round::ChangeKind::Cell,
            file: "sample-2020.csv".into(),
            cell: "C5".into(),
            park: Some("元宝山园区".into()),
            column: "工业总产值增速（%）".into(),
            before: "4.2".into(),
            after: "4.5".into(),
            at: "2021-03-20 14:10".into(),
            reason: None,
        },
    ]
}

fn edited() -> Round {
    round_with(&[(4, 1, "40"), (5, 2, "4.5")], None)
}

/// The reports' context for `r`, made on 2021-03-24, with no creation time.
pub(super) fn context<'a>(
    r: &'a Round,
    facts: &'a RoundFacts,
    tables: &'a [&'a RawTable],
    changes: &'a [Change],
    decisions: &'a [AwardDecision],
) -> ReportContext<'a> {
    ReportContext {
        scheme: &r.scheme,
        evaluation: &r.evaluation,
        facts,
        files_year: r.year,
        tables,
        provenance: Some(&r.provenance),
        changes,
        decisions,
        conflicts: &[],
        generated_on: Date::new(2021, 3, 24),
        created_at: None,
        notice: None,
    }
}

/// The built-in sample's notice in every report's titles: each sheet of the 内部版 and of the
/// 园区得分明细单, and the 公示版's title.
#[test]
fn the_samples_notice_is_in_every_reports_title() {
    let r = sample();
    let f = facts();
    let tables = [&r.table];
    let ctx = ReportContext {
        notice: Some(crate::sample::SAMPLE_NOTICE),
        ..context(&r, &f, &tables, &[], &[])
    };
    let marked = "赤峰市工业园区综合发展评价考核结果（2020年度）（示例数据，非真实统计）";
    let book = sheets(&internal_xlsx(&ctx).unwrap());
    for (name, rows) in book.iter().filter(|(n, _)| n != "原始数据") {
        assert_eq!(rows[0][0], marked, "{name}");
    }
    let doc = publicity(&ctx, Bounds::XLSX).unwrap();
    assert_eq!(
        doc.title,
        "关于2020年度赤峰市工业园区综合发展评价考核结果的公示（示例数据，非真实统计）"
    );
    let sheets = park_sheets(&ctx, ParkSelection::All, Bounds::XLSX).unwrap();
    assert!(sheets.sheets.iter().all(|s| s.subtitle == marked));
}

// ------------------------------------------------------------------------------ reading back

/// Every sheet of a workbook: its name and its cells as text (numbers by their shortest form).
fn sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("the sheet");
            let (top, left) = range
                .start()
                .map_or((0, 0), |(r, c)| (r as usize, c as usize));
            let mut rows = vec![Vec::new(); top];
            for row in range.rows() {
                let mut cells = vec![String::new(); left];
                cells.extend(row.iter().map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                }));
                rows.push(cells);
            }
            (name, rows)
        })
        .collect()
}

fn sheet<'a>(book: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a [Vec<String>] {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

fn all_cells(rows: &[Vec<String>]) -> impl Iterator<Item = &String> {
    rows.iter().flatten()
}

/// The row whose cells start with `first` (after empty cells).
fn row_starting<'a>(rows: &'a [Vec<String>], first: &[&str]) -> &'a [String] {
    rows.iter()
        .find(|r| {
            let cells: Vec<&str> = r.iter().map(String::as_str).collect();
            cells.len() >= first.len() && cells[..first.len()] == *first
        })
        .unwrap_or_else(|| panic!("no row starting {first:?}"))
}

/// A part of the workbook's zip, as text.
fn xml(bytes: &[u8], path: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut file = zip.by_name(path).unwrap_or_else(|_| panic!("no {path}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

/// The width Excel stores for column `col` (1-based) of a sheet's XML.
fn column_width(sheet_xml: &str, col: usize) -> f64 {
    let tag = format!("<col min=\"{col}\" max=\"{col}\" width=\"");
    let at = sheet_xml
        .find(&tag)
        .unwrap_or_else(|| panic!("no width of column {col}"));
    let rest = &sheet_xml[at + tag.len()..];
    rest[..rest.find('"').expect("a quote")]
        .parse()
        .expect("a number")
}

/// The page setup every sheet must have: A4 landscape, one page wide (`tall` pages tall: 0
/// for as many as it takes), the page number in the footer, a print area.
fn assert_page_setup(bytes: &[u8], sheet_xml: &str, tall: u32) {
    assert!(
        sheet_xml.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "fit to page"
    );
    assert!(sheet_xml.contains("<pageSetup paperSize=\"9\""), "A4");
    assert!(sheet_xml.contains("orientation=\"landscape\""), "landscape");
    if tall == 0 {
        assert!(sheet_xml.contains("fitToHeight=\"0\""), "one page wide");
    } else {
        assert!(
            !sheet_xml.contains("fitToHeight="),
            "one page (fitToHeight defaults to 1)"
        );
    }
    assert!(
        sheet_xml.contains("<oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter>"),
        "page numbers"
    );
    let workbook = xml(bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Area"), "print area");
}

/// The fonts: 宋体 (the default, and tables), never Calibri.
fn assert_official_fonts(bytes: &[u8]) {
    let styles = xml(bytes, "xl/styles.xml");
    assert!(styles.contains("<name val=\"宋体\"/>"), "宋体");
    assert!(styles.contains("<name val=\"黑体\"/>"), "黑体 titles");
    assert!(!styles.contains("Calibri"), "no Calibri: {styles}");
}

// ------------------------------------------------------------------------------ names

#[test]
fn titles_and_file_names_come_from_the_scheme() {
    let scheme = Scheme::chifeng_2020();
    assert_eq!(
        report_title(&scheme, 2020),
        "赤峰市工业园区综合发展评价考核结果（2020年度）"
    );
    assert_eq!(
        file_name(&scheme, 2020, Version::Publicity, None),
        "赤峰市工业园区评价结果-2020年度-公示版.xlsx"
    );
    assert_eq!(
        file_name(&scheme, 2020, Version::Internal, None),
        "赤峰市工业园区评价结果-2020年度-内部版.xlsx"
    );
    assert_eq!(
        file_name(&scheme, 2020, Version::ParkSheets, None),
        "赤峰市工业园区评价结果-2020年度-园区得分明细单.xlsx"
    );
    assert_eq!(
        file_name(&scheme, 2020, Version::ParkSheets, Some("东山园区")),
        "赤峰市工业园区评价结果-2020年度-园区得分明细单-东山园区.xlsx"
    );
    // A park name only for the park sheets; no character a file system refuses.
    assert_eq!(
        file_name(&scheme, 2021, Version::Internal, Some("东山园区")),
        "赤峰市工业园区评价结果-2021年度-内部版.xlsx"
    );
    assert_eq!(
        file_name(&scheme, 2020, Version::ParkSheets, Some("A/B:C")),
        "赤峰市工业园区评价结果-2020年度-园区得分明细单-A_B_C.xlsx"
    );
}

// ------------------------------------------------------------------------------ 公示版

#[test]
fn no_report_without_a_year_and_no_publicity_without_its_facts() {
    let mut r = sample();
    r.year = None;
    let empty = RoundFacts::default();
    let ctx = context(&r, &empty, &[], &[], &[]);
    assert!(matches!(ctx.year(), Err(ReportError::YearUnknown)));
    assert!(matches!(
        publicity(&ctx, Bounds::PRINT),
        Err(ReportError::NotReady { .. })
    ));
    assert!(matches!(
        internal(&ctx, Bounds::PRINT),
        Err(ReportError::YearUnknown)
    ));
    assert!(matches!(
        park_sheets(&ctx, ParkSelection::All, Bounds::PRINT),
        Err(ReportError::YearUnknown)
    ));
    assert!(matches!(internal_xlsx(&ctx), Err(ReportError::YearUnknown)));
    // Everything else entered, only the year missing: the year is what is asked for.
    let mut no_year = facts();
    no_year.year = None;
    let ctx = context(&r, &no_year, &[], &[], &[]);
    let e = publicity(&ctx, Bounds::PRINT).unwrap_err();
    assert!(matches!(e, ReportError::YearUnknown));
    assert_eq!(
        e.to_string(),
        "不知道考核年度：数据文件的标题中没有年度，请在「公示与报告」的本轮信息中填写年度"
    );
    // The year typed is used.
    let mut typed = facts();
    typed.year = Some(2020);
    let ctx = context(&r, &typed, &[], &[], &[]);
    assert_eq!(
        publicity(&ctx, Bounds::PRINT).unwrap().title,
        "关于2020年度赤峰市工业园区综合发展评价考核结果的公示"
    );

    // The year from the file, nothing else entered.
    let r = sample();
    assert_eq!(r.year, Some(2020));
    let ctx = context(&r, &empty, &[], &[], &[]);
    let e = publicity_xlsx(&ctx).unwrap_err();
    match &e {
        ReportError::NotReady { missing, problem } => {
            assert_eq!(
                missing,
                &["制表单位", "公示期", "联系人", "联系电话", "落款日期"]
            );
            assert_eq!(problem, &None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        e.to_string(),
        "公示版还不能生成：请先填写制表单位、公示期、联系人、联系电话、落款日期"
    );
    // A 公示期 that ends before it starts.
    let mut wrong = facts();
    wrong.publicity_to = Date::new(2021, 3, 1);
    let ctx = context(&r, &wrong, &[], &[], &[]);
    assert_eq!(
        publicity(&ctx, Bounds::PRINT).unwrap_err().to_string(),
        "公示版还不能生成：公示期的结束日期（2021年3月1日）早于开始日期（2021年3月25日）"
    );
}

#[test]
fn the_publicity_content_reads_as_a_notice() {
    let r = sample();
    let f = facts();
    let decisions = [decision(
        "园区公共服务平台",
        "安庆园区",
        "领导小组 3 月 20 日会议",
    )];
    let ctx = context(&r, &f, &[], &[], &decisions);
    let doc = publicity(&ctx, Bounds::PRINT).unwrap();
    assert_eq!(
        doc.title,
        "关于2020年度赤峰市工业园区综合发展评价考核结果的公示"
    );
    assert_eq!(
        doc.intro,
        "根据赤政发〔2020〕172号的规定，现将2020年度赤峰市工业园区综合发展评价考核结果公示如下。"
    );
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    // No vetoed park in the sample: no such section.
    assert_eq!(
        headings,
        [
            "一、考核结果排名",
            "二、专项奖励及奖励资金",
            "三、计分说明",
            "四、公示期及异议反映"
        ]
    );
    let Block::Table(ranking) = &doc.sections[0].blocks[0] else {
        panic!("the ranking")
    };
    assert_eq!(
        ranking.header,
        [
            "名次",
            "参评园区",
            "总量指标（30分）",
            "效益指标（12分）",
            "招商引资（30分）",
            "基础设施建设（7分）",
            "科技创新（7分）",
            "绿色发展（7分）",
            "管理水平（7分）",
            "附加分",
            "总分",
            "奖励（万元）"
        ]
    );
    let first: Vec<String> = ranking.rows[0].iter().map(Cell::text).collect();
    assert_eq!(
        first,
        [
            "1",
            "红山园区",
            "26.31",
            "10.76",
            "23.84",
            "5.07",
            "6.00",
            "6.50",
            "6.70",
            "10.00",
            "95.18",
            "300"
        ]
    );
    let fourth: Vec<String> = ranking.rows[3].iter().map(Cell::text).collect();
    assert_eq!(fourth[1], "宁城经济开发区");
    assert_eq!(fourth[11], "");
    assert_eq!(ranking.rows.len(), 14);

    let Block::Table(special) = &doc.sections[1].blocks[0] else {
        panic!("the special awards")
    };
    let rows: Vec<Vec<String>> = special
        .rows
        .iter()
        .map(|r| r.iter().map(Cell::text).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "创新发展",
                "100",
                "红山园区",
                "建议",
                "「科技创新」小计最高 6.00 分：红山园区"
            ],
            [
                "绿色发展",
                "100",
                "宁城经济开发区",
                "建议",
                "「绿色发展」小计最高 6.90 分：宁城经济开发区"
            ],
            // Decided: 决定, without the decision's note.
            [
                "园区公共服务平台",
                "100",
                "安庆园区",
                "决定",
                "考核小组决定"
            ],
            [
                "招商引资",
                "100",
                "东山园区",
                "建议",
                "「招商引资」小计最高 28.46 分：东山园区"
            ],
        ]
    );
    assert_eq!(
        doc.sections[1].blocks[1],
        Block::Paragraph(
            "奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。".into()
        )
    );
    let Block::Lines(objection) = &doc.sections[3].blocks[0] else {
        panic!("the objection")
    };
    assert_eq!(
        objection,
        &[
            "公示期：2021年3月25日至2021年4月1日。",
            "公示期内如对考核结果有异议，请向赤峰市加快工业园区建设工作领导小组办公室反映。",
            "联系人：张三　联系电话：0476-8888888",
        ]
    );
    assert_eq!(doc.issuer, "赤峰市加快工业园区建设工作领导小组办公室");
    assert_eq!(doc.signed_on, "2021年3月24日");
    assert_eq!(doc.stamp, "（盖章）");
    // Without the decision, the open award is left to the committee.
    let ctx = context(&r, &f, &[], &[], &[]);
    let doc = publicity(&ctx, Bounds::PRINT).unwrap();
    let Block::Table(special) = &doc.sections[1].blocks[0] else {
        panic!("the special awards")
    };
    let platform: Vec<String> = special.rows[2].iter().map(Cell::text).collect();
    assert_eq!(
        platform,
        [
            "园区公共服务平台",
            "100",
            "由考核小组确定",
            "待定",
            "方案未规定评分依据，由考核小组研究确定"
        ]
    );
}

/// Every text of a document, for looking for what must not be there.
fn publicity_texts(doc: &Publicity) -> Vec<String> {
    let mut out = vec![doc.title.clone(), doc.intro.clone(), doc.issuer.clone()];
    for s in &doc.sections {
        out.push(s.heading.clone());
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => out.push(p.clone()),
                Block::Lines(l) => out.extend(l.iter().cloned()),
                Block::Table(t) => {
                    out.extend(t.header.iter().cloned());
                    out.extend(t.rows.iter().flatten().map(Cell::text));
                }
            }
        }
    }
    out
}

#[test]
fn the_publicity_version_shows_no_figure_no_indicator_and_no_id() {
    let r = sample();
    let f = facts();
    for method in [
        crate::Method::RankLinear,
        crate::Method::RankStep {
            step: rust_decimal::Decimal::ONE,
        },
        crate::Method::RatioToTop,
        crate::Method::MinMax,
    ] {
        let table = r.table.clone();
        let validated = crate::import::validate(&table, &r.scheme);
        let options = crate::Options {
            ranking_method: Some(method.clone()),
            ..crate::Options::default()
        };
        let evaluation = crate::evaluate(&r.scheme, &validated.dataset, &options).unwrap();
        // The reading names the method in Chinese, never by its id.
        assert!(
            evaluation
                .reading
                .description_zh
                .iter()
                .all(|l| !l.contains(method.id())),
            "{}",
            method.id()
        );
        assert!(evaluation.reading.description_zh[0].contains(&method.name_zh()));
        let ctx = ReportContext {
            evaluation: &evaluation,
            ..context(&r, &f, &[], &[], &[])
        };
        let doc = publicity(&ctx, Bounds::XLSX).unwrap();
        for text in publicity_texts(&doc) {
            for id in [
                "rank_linear",
                "rank_step",
                "ratio_to_top",
                "min_max",
                "count_capped",
                "direct",
                "chifeng-2020",
            ] {
                assert!(!text.contains(id), "{id} in {text}");
            }
            for ind in r.scheme.indicators() {
                assert!(!text.contains(&ind.name), "{} in {text}", ind.name);
            }
        }
    }
}

#[test]
fn the_publicity_workbook_is_one_posted_sheet() {
    let r = sample();
    let f = facts();
    let decisions = [decision("园区公共服务平台", "安庆园区", "会议纪要第 3 号")];
    let ctx = context(&r, &f, &[], &[], &decisions);
    let bytes = publicity_xlsx(&ctx).unwrap();
    let book = sheets(&bytes);
    assert_eq!(book.len(), 1);
    assert_eq!(book[0].0, PUBLICITY_SHEET);
    let rows = sheet(&book, PUBLICITY_SHEET);
    assert_eq!(
        rows[0][0],
        "关于2020年度赤峰市工业园区综合发展评价考核结果的公示"
    );
    let texts: Vec<&String> = all_cells(rows).collect();
    // No raw figure: 东山园区's 新增工业总产值 is 38.6 (B3 of the sample), 红山园区's 12.3.
    // (12.3 as a whole cell: 元宝山园区's 招商引资 subtotal is 12.31.)
    for figure in ["38.6", "612.5"] {
        assert!(!texts.iter().any(|t| t.contains(figure)), "{figure}");
    }
    assert!(!texts.iter().any(|t| t.as_str() == "12.3"));
    for id in ["rank_linear", "chifeng-2020"] {
        assert!(!texts.iter().any(|t| t.contains(id)), "{id}");
    }
    // The decision's note is the committee's record, not posted.
    assert!(!texts.iter().any(|t| t.contains("会议纪要")));
    let has = |s: &str| texts.iter().any(|t| t.as_str() == s);
    assert!(has("公示期：2021年3月25日至2021年4月1日。"));
    assert!(has("联系人：张三　联系电话：0476-8888888"));
    assert!(has("赤峰市加快工业园区建设工作领导小组办公室"));
    assert!(has("2021年3月24日"));
    assert!(has("（盖章）"));
    assert!(has("决定"));
    assert!(has(
        "奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。"
    ));
    // The 落款 comes last: issuer, then date.
    let filled: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    let n = filled.len();
    assert_eq!(filled[n - 2][0], "赤峰市加快工业园区建设工作领导小组办公室");
    assert_eq!(filled[n - 1][0], "2021年3月24日");
    // The ranking: the first row, and its totals as numbers.
    let first = row_starting(rows, &["1", "红山园区"]);
    assert_eq!(first[10], "95.18");
    assert_eq!(first[11], "300");

    let sheet_xml = xml(&bytes, "xl/worksheets/sheet1.xml");
    assert_page_setup(&bytes, &sheet_xml, 0);
    // The ranking's header is repeated on every page.
    let workbook = xml(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    assert_official_fonts(&bytes);
    // The park column fits the longest name: 克什克腾循环经济开发区, 11 CJK characters = 22 units.
    let longest = r
        .evaluation
        .parks
        .iter()
        .map(|p| p.name.as_str().chars().count() * 2)
        .max()
        .unwrap();
    assert_eq!(longest, 22);
    let longest = longest as f64;
    assert!(column_width(&sheet_xml, 2) >= longest, "{sheet_xml}");
    // 仿宋 for the notice's sentences.
    assert!(xml(&bytes, "xl/styles.xml").contains("<name val=\"仿宋\"/>"));
}

#[test]
fn vetoed_parks_are_posted_and_a_decision_for_them_refused() {
    // 安庆园区 (row 6): vetoed for a safety accident.
    let r = round_with(&[(6, 26, "是"), (6, 27, "重特大安全生产事故")], None);
    let f = facts();
    let ctx = context(&r, &f, &[], &[], &[]);
    let doc = publicity(&ctx, Bounds::PRINT).unwrap();
    let vetoed = doc
        .sections
        .iter()
        .find(|s| s.heading.ends_with("不予评价考核的园区"))
        .expect("the vetoed section");
    assert_eq!(
        vetoed.blocks,
        [Block::Lines(vec![
            "安庆园区：重特大安全生产事故，当年不予评价考核。".into()
        ])]
    );
    // 13 parks ranked.
    let Block::Table(ranking) = &doc.sections[0].blocks[0] else {
        panic!()
    };
    assert_eq!(ranking.rows.len(), 13);
    // A decision for the vetoed park cannot be printed.
    let decisions = [decision("园区公共服务平台", "安庆园区", "")];
    let ctx = context(&r, &f, &[], &[], &decisions);
    let e = publicity(&ctx, Bounds::PRINT).unwrap_err();
    assert!(matches!(
        e,
        ReportError::Decision {
            problem: DecisionProblem::ParkNotRanked,
            ..
        }
    ));
    assert_eq!(
        e.to_string(),
        "记录的决定「园区公共服务平台：安庆园区」无法使用：安庆园区 不在本次排名中（不在数据中，或被一票否决），请重新确定"
    );
    // Nor one for an award the scheme does not have.
    let decisions = [decision("最佳园区", "东山园区", "")];
    let ctx = context(&r, &f, &[], &[], &decisions);
    assert!(matches!(
        internal(&ctx, Bounds::PRINT).unwrap_err(),
        ReportError::Decision {
            problem: DecisionProblem::UnknownAward,
            ..
        }
    ));
    // A decision for an award its group decides without a tie (创新发展: 红山园区 alone has the
    // best 科技创新 subtotal) has been overtaken by the data: refused, not printed.
    let decisions = [decision("创新发展", "东山园区", "")];
    let ctx = context(&r, &f, &[], &[], &decisions);
    assert!(matches!(
        special_awards(&ctx).unwrap_err(),
        ReportError::Decision {
            problem: DecisionProblem::NotOpen,
            ..
        }
    ));
    // Tied (as if 东山园区 had the same subtotal): the last decision for it counts and reads
    // 决定; a park outside the tie is refused.
    let mut tied = edited();
    let innovation = &mut tied.evaluation.awards.special[0];
    assert_eq!(innovation.name, "创新发展");
    innovation.tie = true;
    innovation.candidates = vec!["红山园区".into(), "东山园区".into()];
    let decisions = [
        decision("创新发展", "东山园区", ""),
        decision("创新发展", "红山园区", "复议"),
    ];
    let ctx = context(&tied, &f, &[], &[], &decisions);
    let lines = special_awards(&ctx).unwrap();
    assert_eq!(lines[0].recipients, "红山园区");
    assert_eq!(lines[0].status, AwardStatus::Decided);
    assert_eq!(lines[0].note, "复议");
    let decisions = [decision("创新发展", "元宝山园区", "")];
    let ctx = context(&tied, &f, &[], &[], &decisions);
    assert!(matches!(
        special_awards(&ctx).unwrap_err(),
        ReportError::Decision {
            problem: DecisionProblem::NotACandidate,
            ..
        }
    ));
}

// ------------------------------------------------------------------------------ 内部版

#[test]
fn the_internal_workbook_has_everything() {
    let r = edited();
    let f = facts();
    let log = changes();
    let decisions = [decision("园区公共服务平台", "安庆园区", "领导小组会议")];
    let tables = [&r.table];
    let ctx = context(&r, &f, &tables, &log, &decisions);
    let bytes = internal_xlsx(&ctx).unwrap();
    let book = sheets(&bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "总表",
            "奖励资金",
            "分项得分",
            "计算说明",
            "原始数据",
            "修改记录",
            "口径"
        ]
    );
    // No method or scheme id on any sheet but 原始数据 (the file's own cells).
    for (name, rows) in book.iter().filter(|(n, _)| n != "原始数据") {
        for id in ["rank_linear", "chifeng-2020", "parkscore"] {
            assert!(!all_cells(rows).any(|c| c.contains(id)), "{id} in {name}");
        }
    }
    // A title on every sheet but 原始数据 (which keeps the file's cells where they were).
    for (name, rows) in &book {
        if name != "原始数据" {
            assert_eq!(
                rows[0][0], "赤峰市工业园区综合发展评价考核结果（2020年度）",
                "{name}"
            );
        }
    }

    // 奖励资金: 300 + 200 + 100 + 4 × 100 = 1,000, computed.
    let awards = sheet(&book, "奖励资金");
    let total = row_starting(awards, &["合计"]);
    assert_eq!(total[2], "1000");
    assert_eq!(total[4], "名次奖励 600 万元，专项奖励 400 万元");
    assert!(all_cells(awards)
        .any(|t| t == "奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。"));
    let platform = row_starting(awards, &["专项：园区公共服务平台"]);
    assert_eq!(platform[1], "安庆园区");
    assert_eq!(platform[3], "决定");
    assert_eq!(
        platform[4],
        "考核小组决定（建议：方案未规定评分依据，由考核小组研究确定）；记录：领导小组会议"
    );
    // The number format shows the thousands separator.
    assert!(xml(&bytes, "xl/styles.xml").contains("formatCode=\"#,##0\""));

    // 计算说明: 东山园区's 新增工业总产值 38.6 from B3 of the file.
    let explain = sheet(&book, "计算说明");
    let row = row_starting(explain, &["东山园区", "总量指标", "新增工业总产值"]);
    assert_eq!(row[3], "38.6");
    assert_eq!(row[4], "亿元");
    assert_eq!(row[5], "sample-2020.csv B3");
    let dongshan = r.evaluation.park("东山园区").unwrap();
    let result = dongshan.indicator("new_output_value").unwrap();
    assert_eq!(row[9], result.explain());
    // 红山园区's value is the edited one.
    let row = row_starting(explain, &["红山园区", "总量指标", "新增工业总产值"]);
    assert_eq!(
        (row[3].as_str(), row[5].as_str()),
        ("40", "sample-2020.csv B4")
    );

    // 修改记录: both changes as made, then the net summary.
    let log_rows = sheet(&book, "修改记录");
    assert_eq!(
        row_starting(log_rows, &["序号"]),
        [
            "序号",
            "时间",
            "文件",
            "单元格",
            "参评园区",
            "列",
            "原值",
            "新值",
            "原因"
        ]
    );
    assert_eq!(
        row_starting(log_rows, &["1"]),
        [
            "1",
            "2021-03-20 14:05",
            "sample-2020.csv",
            "B4",
            "红山园区",
            "新增工业总产值（亿元）",
            "12.3",
            "40",
            "复核调整"
        ]
    );
    assert_eq!(
        row_starting(log_rows, &["2"]),
        [
            "2",
            "2021-03-20 14:10",
            "sample-2020.csv",
            "C5",
            "元宝山园区",
            "工业总产值增速（%）",
            "4.2",
            "4.5",
            ""
        ]
    );
    assert!(all_cells(log_rows).any(|t| t
        == "共修改 2 处：红山园区 新增工业总产值（亿元） 12.3 → 40（原因：复核调整）；元宝山园区 工业总产值增速（%） 4.2 → 4.5"));

    // 原始数据: the edited cells, yellow with a note giving the original.
    let raw = sheet(&book, "原始数据");
    assert_eq!(raw[3][1], "40");
    assert_eq!(raw[2][1], "38.6");
    let comments = xml(&bytes, "xl/comments1.xml");
    assert!(comments.contains("<comment ref=\"B4\""), "{comments}");
    assert!(comments.contains("<comment ref=\"C5\""), "{comments}");
    assert!(comments.contains("导入时为：12.3"), "{comments}");
    assert!(comments.contains("原因：复核调整"), "{comments}");
    assert!(!comments.contains("ref=\"B3\""));
    let styles = xml(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFFFF2CC"), "the edited fill");
    // The raw sheet is the fifth: B4's style is the one with the fill.
    let raw_xml = xml(&bytes, "xl/worksheets/sheet5.xml");
    let style_of = |cell: &str| -> String {
        let tag = format!("<c r=\"{cell}\" s=\"");
        let at = raw_xml.find(&tag).unwrap_or_else(|| panic!("no {cell}"));
        let rest = &raw_xml[at + tag.len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    assert_eq!(style_of("B4"), style_of("C5"));
    assert!(!raw_xml.contains("<c r=\"B3\" s=\""), "B3 is not marked");
    assert!(
        raw_xml.contains("原始数据：sample-2020.csv"),
        "the page header"
    );

    // 口径: the files, the round's facts, the reading (ids allowed here).
    let reading = sheet(&book, "口径");
    assert!(all_cells(reading).any(|t| t == "1. sample-2020.csv"));
    assert_eq!(
        row_starting(reading, &["制表单位"])[1],
        "赤峰市加快工业园区建设工作领导小组办公室"
    );
    assert_eq!(row_starting(reading, &["年度"])[1], "2020（数据文件）");
    assert_eq!(
        row_starting(reading, &["排序法指标的折算方法"])[1],
        "按名次线性折算"
    );
    assert_eq!(row_starting(reading, &["缺失值处理方式"])[1], "缺失即报错");

    // Page setup on every sheet; print titles; fonts.
    for i in 1..=book.len() {
        let sheet_xml = xml(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert_page_setup(&bytes, &sheet_xml, 0);
    }
    assert!(xml(&bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    assert_official_fonts(&bytes);
    // The park column of 总表 fits the longest name (22 units).
    assert!(column_width(&xml(&bytes, "xl/worksheets/sheet1.xml"), 2) >= 22.0);
}

#[test]
fn the_internal_workbook_reads_back_to_the_same_totals() {
    let r = edited();
    let f = facts();
    let log = changes();
    let tables = [&r.table];
    let ctx = context(&r, &f, &tables, &log, &[]);
    let bytes = internal_xlsx(&ctx).unwrap();
    let back = crate::import::read(&bytes, "内部版.xlsx", None, &r.scheme).expect("reads");
    // The others say 参评园区, not a park-name header: import picks 原始数据, and says nothing
    // of other sheets that look like data.
    assert_eq!(back.sheet.as_deref(), Some("原始数据"));
    assert!(
        !back
            .notes
            .iter()
            .any(|n| n.message.contains("也像是园区数据表")),
        "{:?}",
        back.notes
    );
    assert_eq!(back.rows.len(), r.table.rows.len());
    let validated = crate::import::validate(&back, &r.scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    assert_eq!(validated.dataset.year, Some(2020));
    let again = crate::evaluate(&r.scheme, &validated.dataset, &crate::Options::default())
        .expect("scores again");
    let totals = |e: &Evaluation| -> Vec<(String, String)> {
        e.parks
            .iter()
            .map(|p| (p.name.to_string(), p.total.to_string()))
            .collect()
    };
    assert_eq!(totals(&again), totals(&r.evaluation));
    // The edit is in: 红山园区 scores as with 40.
    assert_ne!(totals(&again), totals(&sample().evaluation));
}

/// The sample split in two department files: 工信局.csv (columns A–M and the recognitions and
/// veto, A and AA–AB… as in the sample) and 科技局.csv (the name and columns N–Z).
fn merged() -> (
    Scheme,
    Vec<RawTable>,
    crate::import::merge::Merged,
    Evaluation,
) {
    let round = split_round(&|i| i == 0 || (13..24).contains(&i), &|text| text);
    assert!(!round.2.has_errors(), "{:?}", round.2.issues);
    round
}

/// The sample split by column into 工信局.csv (A–M and from Y on) and 科技局.csv (the columns
/// `second` picks), 科技局's text passed through `edit`; each validated as a part, merged with no
/// choices, and scored. Shared with the writer's differential test, which makes a conflict.
pub(super) fn split_round(
    second: &dyn Fn(usize) -> bool,
    edit: &dyn Fn(String) -> String,
) -> (
    Scheme,
    Vec<RawTable>,
    crate::import::merge::Merged,
    Evaluation,
) {
    let scheme = Scheme::chifeng_2020();
    let csv = String::from_utf8(crate::sample::sample_csv().to_vec()).unwrap();
    let split = |cols: &dyn Fn(usize) -> bool| -> String {
        csv.lines()
            .map(|l| {
                l.split(',')
                    .enumerate()
                    .filter(|(i, _)| cols(*i))
                    .map(|(_, c)| c)
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let a = split(&|i| i <= 12 || i >= 24);
    let b = edit(split(second));
    let tables: Vec<RawTable> = [("工信局.csv", a), ("科技局.csv", b)]
        .into_iter()
        .map(|(name, text)| crate::import::read(text.as_bytes(), name, None, &scheme).unwrap())
        .collect();
    let options = ValidateOptions::default();
    let validated: Vec<Validated> = tables
        .iter()
        .map(|t| crate::import::validate_part(t, &scheme, &options))
        .collect();
    let parts: Vec<Part<'_>> = tables
        .iter()
        .zip(&validated)
        .map(|(t, v)| Part {
            name: &t.file_name,
            sheet: None,
            table: t,
            validated: v,
        })
        .collect();
    let merged = crate::import::merge::merge(&scheme, &parts, &Choices::default(), &options);
    let evaluation = crate::evaluate(&scheme, &merged.dataset, &crate::Options::default()).unwrap();
    (scheme, tables, merged, evaluation)
}

#[test]
fn a_merged_round_names_each_file_and_cell() {
    let (scheme, tables, merged, evaluation) = merged();
    // Same result as the whole sample.
    assert_eq!(
        evaluation.parks[0].total.to_string(),
        sample().evaluation.parks[0].total.to_string()
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
        conflicts: &[],
        generated_on: None,
        created_at: None,
        notice: None,
    };
    let bytes = internal_xlsx(&ctx).unwrap();
    let book = sheets(&bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "总表",
            "奖励资金",
            "分项得分",
            "计算说明",
            "原始数据1-工信局",
            "原始数据2-科技局",
            "修改记录",
            "口径"
        ]
    );
    let explain = sheet(&book, "计算说明");
    // 新增工业总产值 is column B of 工信局.csv; 园区内新增高新技术企业数 (the sample's column O)
    // is column C of 科技局.csv (B is 新增基础设施建设投资总额).
    assert_eq!(
        row_starting(explain, &["东山园区", "总量指标", "新增工业总产值"])[5],
        "工信局.csv B3"
    );
    assert_eq!(
        row_starting(
            explain,
            &["东山园区", "科技创新", "园区内新增高新技术企业数"]
        )[5],
        "科技局.csv C3"
    );
    let bonus = row_starting(explain, &["东山园区", "附加分"]);
    assert_eq!(bonus[5], "省级：工信局.csv N3；国家级：工信局.csv O3");
    let reading = sheet(&book, "口径");
    assert!(all_cells(reading).any(|t| t == "1. 工信局.csv"));
    assert!(all_cells(reading).any(|t| t == "2. 科技局.csv"));
    assert!(all_cells(reading).any(|t| t == "工作表「原始数据2-科技局」：科技局.csv"));
    assert!(all_cells(sheet(&book, "修改记录")).any(|t| t == "导入后未修改数据"));
    // Without provenance the 来源 column is empty, not wrong.
    let ctx = ReportContext {
        provenance: None,
        ..ctx
    };
    let doc = internal(&ctx, Bounds::PRINT).unwrap();
    let Some(Block::Table(t)) = doc
        .sections
        .iter()
        .find(|s| s.heading.ends_with("各项指标得分及计算过程"))
        .and_then(|s| s.blocks.first())
    else {
        panic!("the explanations")
    };
    assert!(t.rows.iter().all(|r| r[5] == Cell::Text(String::new())));
    let _ = Field::Veto;
}

// ------------------------------------------------------------------------------ 园区得分明细单

#[test]
fn each_park_gets_its_own_page() {
    let r = sample();
    let f = facts();
    let ctx = context(&r, &f, &[], &[], &[]);
    let bytes = park_sheets_xlsx(&ctx, ParkSelection::All).unwrap();
    let book = sheets(&bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    let mut expected = vec!["目录"];
    expected.extend(r.evaluation.parks.iter().map(|p| p.name.as_str()));
    assert_eq!(names, expected);
    assert_eq!(names[1], "红山园区");

    let dongshan = sheet(&book, "东山园区");
    assert_eq!(dongshan[0][0], "东山园区得分明细单");
    assert_eq!(
        dongshan[1][0],
        "赤峰市工业园区综合发展评价考核结果（2020年度）"
    );
    assert!(all_cells(dongshan).any(|t| t == "名次：第 2 名（共 14 个参评园区）"));
    assert!(all_cells(dongshan).any(|t| t == "总分：94.80 = 基础分 89.80 + 附加分 5.00"));
    assert!(all_cells(dongshan).any(|t| t == "名次奖励：第 2 名 = 200 万元"));
    let view = r.evaluation.park("东山园区").unwrap();
    let result = view.indicator("new_output_value").unwrap();
    let row = row_starting(dongshan, &["总量指标", "新增工业总产值"]);
    assert_eq!(row[2], "38.6");
    assert_eq!(row[3], "亿元");
    assert_eq!(row[4], result.rank.unwrap().to_string());
    assert_eq!(row[5], result.score.value().to_f64_string());
    assert_eq!(row[6], "6");
    assert_eq!(row[7], result.explain());
    let subtotal = row_starting(dongshan, &["总量指标", "小计"]);
    assert_eq!(subtotal[5], "24");
    assert_eq!(subtotal[6], "30");
    let bonus = row_starting(dongshan, &["附加分"]);
    assert_eq!(bonus[2], "省级 1，国家级 0");
    assert_eq!(bonus[5], "5");
    assert_eq!(bonus[7], view.bonus_explain());
    let total = row_starting(dongshan, &["总分"]);
    assert_eq!(total[4], "2");
    assert_eq!(total[5], "94.8");
    assert_eq!(total[7], "基础分 89.80 + 附加分 5.00 = 94.80");
    // No other park's name on it.
    for other in r
        .evaluation
        .parks
        .iter()
        .filter(|p| p.name.as_str() != "东山园区")
    {
        assert!(
            !all_cells(dongshan).any(|t| t.contains(other.name.as_str())),
            "{}",
            other.name
        );
    }
    // 目录 links to every sheet.
    let index = sheet(&book, "目录");
    assert_eq!(row_starting(index, &["2", "东山园区"])[3], "东山园区");
    assert!(xml(&bytes, "xl/worksheets/sheet1.xml").contains("location=\"'东山园区'!A1\""));
    // Each park's sheet is one page.
    let sheet_xml = xml(&bytes, "xl/worksheets/sheet3.xml");
    assert_page_setup(&bytes, &sheet_xml, 1);
    assert_official_fonts(&bytes);

    // One park: its sheet alone.
    let one = park_sheets_xlsx(&ctx, ParkSelection::One("东山园区")).unwrap();
    let book = sheets(&one);
    assert_eq!(book.len(), 1);
    assert_eq!(book[0].0, "东山园区");
    let e = park_sheets_xlsx(&ctx, ParkSelection::One("不存在园区")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "不存在园区 不在本次排名中，无法生成得分明细单"
    );
    // A bound: the first parks by rank, and a note.
    let few = park_sheets(
        &ctx,
        ParkSelection::All,
        Bounds {
            park_sheets: 3,
            ..Bounds::PRINT
        },
    )
    .unwrap();
    assert_eq!(few.sheets.len(), 3);
    assert_eq!(
        few.more.as_deref(),
        Some("共 14 个参评园区，这里列出前 3 名的得分明细单；其他园区请逐个生成")
    );
}

// ------------------------------------------------------------------------------ content

#[test]
fn long_tables_are_cut_with_a_note() {
    let r = sample();
    let f = facts();
    let ctx = context(&r, &f, &[], &[], &[]);
    let small = Bounds {
        rows: 5,
        explained_parks: 2,
        park_sheets: 1,
    };
    let t = ranking_table(&ctx, small);
    assert_eq!(t.rows.len(), 5);
    assert_eq!(
        t.more.as_deref(),
        Some("仅列出前 5 个（共 14 个参评园区），完整内容见 Excel 文件")
    );
    let t = explain_table(&ctx, small);
    // Two parks: 23 indicators and the bonus each.
    assert_eq!(t.rows.len(), 2 * 24);
    assert!(t.more.is_some());
    let log: Vec<Change> = (0..7).map(|_| changes()[0].clone()).collect();
    let t = change_table(&log, "参评园区", small);
    assert_eq!(t.rows.len(), 5);
    assert_eq!(
        t.more.as_deref(),
        Some("仅列出前 5 个（共 7 处修改），完整内容见 Excel 文件")
    );
}

/// A decimal as calamine reads the number xlsx stores (`24.00` → `24`).
trait F64String {
    fn to_f64_string(&self) -> String;
}

impl F64String for rust_decimal::Decimal {
    fn to_f64_string(&self) -> String {
        use rust_decimal::prelude::ToPrimitive;
        self.to_f64().unwrap().to_string()
    }
}

#[test]
fn the_internal_report_lists_the_merge_conflicts_and_what_was_taken() {
    use crate::import::merge::{Conflict, Field, Given, Offer};
    let r = edited();
    let f = facts();
    let a = RawTable {
        file_name: "工信局.csv".into(),
        ..r.table.clone()
    };
    let b = RawTable {
        file_name: "统计局.csv".into(),
        ..r.table.clone()
    };
    let tables = [&a, &b];
    let conflicts = [Conflict {
        park: "红山园区".into(),
        field: Field::Indicator("new_output_value".into()),
        offers: vec![
            Offer {
                part: 0,
                value: Given::Number(rust_decimal::Decimal::new(123, 1)),
            },
            Offer {
                part: 1,
                value: Given::Number(rust_decimal::Decimal::new(40, 0)),
            },
        ],
        chosen: Some(1),
        decided: true,
    }];
    let ctx = ReportContext {
        provenance: None,
        conflicts: &conflicts,
        ..context(&r, &f, &tables, &[], &[])
    };
    let doc = internal(&ctx, Bounds::PRINT).unwrap();
    let section = doc
        .sections
        .iter()
        .find(|s| s.heading.ends_with("合并时的数值冲突及取值"))
        .expect("a section of the conflicts");
    let Block::Lines(lines) = &section.blocks[0] else {
        panic!("lines")
    };
    assert_eq!(
        lines,
        &["1. 红山园区 · 新增工业总产值：工信局.csv 为 12.3 亿元；统计局.csv 为 40 亿元 → 取 统计局.csv（选定）"]
    );
    // Without conflicts, no such section.
    let ctx = context(&r, &f, &tables, &[], &[]);
    let doc = internal(&ctx, Bounds::PRINT).unwrap();
    assert!(!doc.sections.iter().any(|s| s.heading.contains("数值冲突")));
}

/// The round of preset `id`'s own sample, read, validated (without an error) and scored.
fn preset_round(id: &str) -> Round {
    let preset = crate::scheme::presets::preset(id).unwrap();
    let scheme = preset.scheme().unwrap();
    let table = crate::import::read(preset.sample, preset.sample_name, None, &scheme).unwrap();
    let validated = crate::import::validate(&table, &scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    let evaluation =
        crate::evaluate(&scheme, &validated.dataset, &crate::Options::default()).unwrap();
    Round {
        provenance: Provenance::single(preset.sample_name, None, &validated),
        year: validated.dataset.year,
        scheme,
        table,
        evaluation,
    }
}

/// A 亩均 preset's reports: the ranking's 等级 column (shared by the xlsx and the printouts),
/// the units not rated, and the scheme's fingerprint in the 公示版's 计分说明 and the 内部版's
/// 口径 sheet.
#[test]
fn classes_and_the_fingerprint_are_in_the_reports() {
    let r = preset_round("huaian-2024");
    let f = facts();
    let ctx = context(&r, &f, &[], &[], &[]);
    let fingerprint = r.scheme.fingerprint();

    let ranking = content::ranking_table(&ctx, Bounds::XLSX);
    let at = ranking.header.iter().position(|h| h == "等级").unwrap();
    assert_eq!(ranking.header[at + 1], "奖励（万元）");
    // Rank 2, 电子 (163.50, presets_cli.rs): A; rank 22, 包装: D.
    assert_eq!(ranking.rows[1][1].text(), "淮安示例电子有限公司");
    assert_eq!(ranking.rows[1][at].text(), "A");
    assert_eq!(ranking.rows[21][at].text(), "D");
    assert_eq!(ranking.rows.len(), 22);

    let doc = publicity(&ctx, Bounds::XLSX).unwrap();
    let texts = publicity_texts(&doc);
    assert!(
        texts.iter().any(|t| t.ends_with("、不参评单位")),
        "{texts:?}"
    );
    assert!(texts
        .iter()
        .any(|t| t.starts_with("T 类（不参评，不评分、不排名，不计入参评单位数）：淮安示例水务有限公司、淮安示例新材料有限公司")));
    assert!(texts.iter().any(|t| t.starts_with(&format!(
        "评分方案：工业企业亩均效益综合评价（淮安式，示例方案）（指纹 {fingerprint}）。"
    ))));

    let book = sheets(&internal_xlsx(&ctx).unwrap());
    let reading = sheet(&book, "口径");
    assert!(
        reading
            .iter()
            .any(|row| row.first().map(String::as_str) == Some("方案指纹")
                && row.get(1) == Some(&fingerprint)),
        "{reading:?}"
    );
    let ranking_sheet = sheet(&book, "总表");
    assert!(all_cells(ranking_sheet).any(|c| c == "等级"));
    // The 内部版 as printed: the same 计分口径 table, with the fingerprint.
    let printed = internal(&ctx, Bounds::PRINT).unwrap();
    let reading_rows: Vec<&Vec<Cell>> = printed
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.rows.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(reading_rows
        .iter()
        .any(|r| r[0].text() == "方案指纹" && r[1].text() == fingerprint));

    // 园区得分明细单: 机械 (30, 600, 6: 45 + 35 + 20 = 100.00) is 8th of 22 ranked (24 firms
    // less the 2 T firms); A+B take ⌊22 × 60 ÷ 100⌋ = 13 places, A ⌊22 × 20 ÷ 100⌋ = 4: B.
    // The unit's word is the scheme's (企业), and the sheet names the scheme with its fingerprint.
    let sheets_doc = park_sheets(
        &ctx,
        ParkSelection::One("淮安示例机械有限公司"),
        Bounds::PRINT,
    )
    .unwrap();
    let summary = &sheets_doc.sheets[0].summary;
    assert_eq!(summary[0], "名次：第 8 名（共 22 个参评企业）");
    assert_eq!(summary[1], "等级：B");
    assert_eq!(
        summary.last().unwrap(),
        &format!("评分方案：工业企业亩均效益综合评价（淮安式，示例方案）（指纹 {fingerprint}）")
    );
    let book = sheets(&park_sheets_xlsx(&ctx, ParkSelection::One("淮安示例机械有限公司")).unwrap());
    let cells: Vec<&String> = book.iter().flat_map(|(_, rows)| all_cells(rows)).collect();
    assert!(cells.iter().any(|c| c.as_str() == "等级：B"), "{cells:?}");
    assert!(cells.iter().any(|c| c.contains(&fingerprint)));
}

/// The built-in scheme's 园区得分明细单 names it with its fingerprint too, and grades nobody.
#[test]
fn a_park_sheet_names_the_scheme_and_no_grade_without_classes() {
    let r = sample();
    let f = facts();
    let ctx = context(&r, &f, &[], &[], &[]);
    let doc = park_sheets(&ctx, ParkSelection::One("东山园区"), Bounds::PRINT).unwrap();
    let summary = &doc.sheets[0].summary;
    assert_eq!(summary[0], "名次：第 2 名（共 14 个参评园区）");
    assert!(!summary.iter().any(|l| l.starts_with("等级")));
    assert_eq!(
        summary.last().unwrap(),
        &format!(
            "评分方案：赤峰市工业园区综合发展评价考核指标体系（指纹 {}）",
            r.scheme.fingerprint()
        )
    );
}

/// An enterprise scheme's reports head their unit column 参评企业 (the 公示版's ranking, the
/// 内部版's 总表 and 分项得分, the explanations, the 明细单's 目录), and its 内部版 still reads
/// back: import picks 原始数据 (the only sheet with a name header, 企业名称), says nothing of
/// the other sheets, and the file scores to the same totals.
#[test]
fn an_enterprise_internal_workbook_says_its_word_and_reads_back() {
    let r = preset_round("huaian-2024");
    let f = facts();
    let tables = [&r.table];
    let ctx = context(&r, &f, &tables, &[], &[]);

    let ranking = content::ranking_table(&ctx, Bounds::XLSX);
    assert_eq!(ranking.header[..2], ["名次", "参评企业"]);
    assert_eq!(
        content::explain_table(&ctx, Bounds::XLSX).header[0],
        "参评企业"
    );
    let cut = content::ranking_table(
        &ctx,
        Bounds {
            rows: 5,
            ..Bounds::PRINT
        },
    );
    assert_eq!(
        cut.more.as_deref(),
        Some("仅列出前 5 个（共 22 个参评企业），完整内容见 Excel 文件")
    );

    let bytes = internal_xlsx(&ctx).unwrap();
    let book = sheets(&bytes);
    assert!(sheet(&book, "总表")
        .iter()
        .any(|row| row.get(1).map(String::as_str) == Some("参评企业")));
    assert!(book
        .iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .all(|c| c != "参评园区"));

    let back = crate::import::read(&bytes, "内部版.xlsx", None, &r.scheme).expect("reads");
    assert_eq!(back.sheet.as_deref(), Some("原始数据"));
    assert!(
        !back
            .notes
            .iter()
            .any(|n| n.message.contains("也像是园区数据表")),
        "{:?}",
        back.notes
    );
    let validated = crate::import::validate(&back, &r.scheme);
    assert!(!validated.has_errors(), "{:?}", validated.issues);
    let again = crate::evaluate(&r.scheme, &validated.dataset, &crate::Options::default())
        .expect("scores again");
    let totals = |e: &Evaluation| -> Vec<(String, String)> {
        e.parks
            .iter()
            .map(|p| (p.name.to_string(), p.total.to_string()))
            .collect()
    };
    assert_eq!(totals(&again), totals(&r.evaluation));
    // 电子 (48, 1020, 9.6: 72 + 59.5 + 32 = 163.50) second, as in the sample.
    assert_eq!(again.parks[1].name.as_str(), "淮安示例电子有限公司");
    assert_eq!(again.parks[1].total.to_string(), "163.50");

    let index = park_sheets_xlsx(&ctx, ParkSelection::All).unwrap();
    assert_eq!(
        sheet(&sheets(&index), "目录")
            .iter()
            .find(|row| row.first().map(String::as_str) == Some("名次"))
            .map(|row| row[1].as_str()),
        Some("参评企业")
    );
}

/// Chifeng's sample under a scheme that calls its units 企业: the reports' other unit texts —
/// the 修改记录's unit column, the award tables' recipients, the vetoed units' heading — say
/// 企业 too (Chifeng's own wording is pinned by the tests above: 参评园区 in 修改记录,
/// 不予评价考核的园区).
#[test]
fn an_enterprise_schemes_change_log_awards_and_vetoed_say_its_word() {
    // 安庆园区 (row 6) vetoed, so that the vetoed heading is there.
    let mut r = round_with(&[(6, 26, "是"), (6, 27, "重特大安全生产事故")], None);
    r.scheme.unit_noun = Some("企业".into());
    let f = facts();
    let log = changes();
    let ctx = context(&r, &f, &[], &log, &[]);

    let t = content::change_table(&log, &content::unit_header(ctx.scheme), Bounds::XLSX);
    assert_eq!(
        t.header,
        [
            "序号",
            "时间",
            "文件",
            "单元格",
            "参评企业",
            "列",
            "原值",
            "新值",
            "原因"
        ]
    );
    let doc = internal(&ctx, Bounds::XLSX).unwrap();
    let headings: Vec<&str> = doc.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(
        headings.iter().any(|h| h.ends_with("不予评价考核的企业")),
        "{headings:?}"
    );
    assert!(headings.iter().all(|h| !h.contains("园区")), "{headings:?}");
    let bytes = internal_xlsx(&ctx).unwrap();
    let book = sheets(&bytes);
    assert_eq!(
        row_starting(sheet(&book, "修改记录"), &["序号"])[4],
        "参评企业"
    );
    let cells: Vec<&String> = book
        .iter()
        .flat_map(|(_, rows)| rows.iter().flatten())
        .collect();
    assert!(cells.iter().any(|c| c.as_str() == "获奖企业"));
    for old in ["参评园区", "获奖园区", "园区"] {
        assert!(cells.iter().all(|c| c.as_str() != old), "{old}");
    }

    let doc = publicity(&ctx, Bounds::PRINT).unwrap();
    assert!(
        doc.sections
            .iter()
            .any(|s| s.heading.ends_with("不予评价考核的企业")),
        "the vetoed section"
    );
}

/// A file name keeps its Chinese and loses what Windows refuses: / : * and the seven after 版
/// (? " < > | \\ and a line break) each become _.
#[test]
fn file_stems_lose_what_windows_refuses() {
    assert_eq!(
        super::safe_file_stem("赤峰/2020:公示*版?\"<>|\\\n"),
        "赤峰_2020_公示_版_______"
    );
}
