//! Native tests of views, rendered to HTML by Yew's server-side renderer: the bounds that keep
//! a big file from freezing the page (a page of the ranking, the first bars of the chart, a
//! page of the grid, a capped list of tied place awards), checked on files made for the
//! purpose from the sample's rows; and the file bar's template picker.

use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use parkscore::import::RawTable;
use parkscore::{Evaluation, Options, Scheme};
use parkscore_app::components::awards::{AwardsProps, AwardsView, MAX_PLACE_ROWS};
use parkscore_app::components::data_grid::{DataGrid, DataGridProps};
use parkscore_app::components::file_bar::{FileBar, FileBarProps};
use parkscore_app::components::ranking_table::{RankingTable, RankingTableProps, PAGE_ROWS};
use parkscore_app::components::totals_chart::{TotalsChart, TotalsChartProps, CHART_BARS};
use parkscore_app::compute::{self, Job, Outcome};
use parkscore_app::state::Sort;
use yew::{AttrValue, BaseComponent, Callback, LocalServerRenderer};

/// Polls `future` to the end on this thread. Rendering components without suspense never
/// waits on anything, so a future still pending after many polls is a bug, not a slow test.
fn block_on<F: Future>(future: F) -> F::Output {
    fn noop(_: *const ()) {}
    fn clone(data: *const ()) -> RawWaker {
        RawWaker::new(data, &VTABLE)
    }
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    // SAFETY: every function of the vtable ignores the (null) data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    for _ in 0..10_000 {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("rendering did not finish");
}

fn render<C: BaseComponent>(props: C::Properties) -> String {
    block_on(LocalServerRenderer::<C>::with_props(props).render())
}

/// A CSV of `parks` parks made from the sample's 14 data rows in turn, each renamed
/// `<name><i>`; with `same_values`, every park has the first sample row's values.
fn parks_csv(parks: usize, same_values: bool) -> Vec<u8> {
    let sample = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
    let mut lines = sample.lines();
    let mut csv: Vec<String> = lines.by_ref().take(2).map(str::to_owned).collect();
    let data: Vec<&str> = lines.filter(|l| !l.starts_with(',')).collect();
    for i in 0..parks {
        let row = if same_values {
            data[0]
        } else {
            data[i % data.len()]
        };
        let (name, rest) = row.split_once(',').expect("a name column");
        csv.push(format!("{name}{i},{rest}"));
    }
    csv.join("\n").into_bytes()
}

fn scored(parks: usize, same_values: bool) -> (Rc<RawTable>, Rc<Evaluation>) {
    let job = Job::read("many.csv", Rc::new(parks_csv(parks, same_values)), None);
    match compute::run(
        &Scheme::chifeng_2020(),
        &Options::default(),
        // Renamed parks, none of the scheme's units: both choices made.
        &parkscore::import::ValidateOptions::LENIENT,
        &job,
    ) {
        Outcome::Scored {
            loaded: Some((_, table)),
            evaluation: Some(Ok(evaluation)),
            ..
        } => (Rc::new(table), Rc::new(evaluation)),
        other => panic!("the file scores: {other:?}"),
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn the_ranking_shows_a_page_on_screen_and_all_up_to_200_in_print() {
    let (_, evaluation) = scored(150, false);
    let screen = render::<RankingTable>(RankingTableProps {
        evaluation: Rc::clone(&evaluation),
        sort: Sort::default(),
        on_sort: Callback::noop(),
        on_select: Callback::noop(),
        interactive: true,
        unit_noun: "园区".into(),
    });
    assert_eq!(PAGE_ROWS, 100);
    assert_eq!(count(&screen, "data-testid=\"rank-row\""), 100);
    assert!(
        screen.contains("共 150 个园区，已显示 100 个。"),
        "{screen}"
    );
    assert!(screen.contains("再显示 50 个"));
    let print = render::<RankingTable>(RankingTableProps {
        evaluation,
        sort: Sort::default(),
        on_sort: Callback::noop(),
        on_select: Callback::noop(),
        interactive: false,
        unit_noun: "园区".into(),
    });
    assert_eq!(count(&print, "<tr data-park="), 150);
    assert!(!print.contains("只打印前"));
}

#[test]
fn the_chart_draws_the_first_50_and_says_so() {
    let (_, evaluation) = scored(80, false);
    let first = evaluation.parks[0].name.to_string();
    let last = evaluation.parks[79].name.to_string();
    let html = render::<TotalsChart>(TotalsChartProps {
        evaluation,
        unit_noun: "园区".into(),
    });
    assert_eq!(CHART_BARS, 50);
    assert_eq!(count(&html, "class=\"bar\""), 50);
    assert!(html.contains(&format!("1. {first}")));
    assert!(
        !html.contains(&format!(". {last}<")),
        "the 80th park is not drawn"
    );
    assert!(html.contains("仅画出前 50 名，共 80 个园区"));
    // Chifeng's 14: every bar, no remark.
    let (_, fourteen) = scored(14, false);
    let html = render::<TotalsChart>(TotalsChartProps {
        evaluation: fourteen,
        unit_noun: "园区".into(),
    });
    assert_eq!(count(&html, "class=\"bar\""), 14);
    assert!(!html.contains("仅画出"));
}

#[test]
fn a_tie_of_120_parks_for_first_place_lists_100_and_says_how_many() {
    // Every park has the same values: all 120 tie for first place and share the three
    // place awards (300 + 200 + 100 万元) equally.
    let (_, evaluation) = scored(120, true);
    assert_eq!(evaluation.awards.places.len(), 120);
    let html = render::<AwardsView>(AwardsProps {
        evaluation,
        decisions: Rc::default(),
        on_decide: Callback::noop(),
        on_note: Callback::noop(),
        unit_noun: "园区".into(),
    });
    assert_eq!(MAX_PLACE_ROWS, 100);
    assert!(html.contains("名次并列的获奖园区共 120 个，此处列出前 100 个"));
    // A scheme of enterprises says 企业 in the table's header and the note.
    let (_, evaluation) = scored(120, true);
    let html = render::<AwardsView>(AwardsProps {
        evaluation,
        decisions: Rc::default(),
        on_decide: Callback::noop(),
        on_note: Callback::noop(),
        unit_noun: "企业".into(),
    });
    assert!(html.contains("名次并列的获奖企业共 120 个，此处列出前 100 个"));
    assert!(html.contains("<th scope=\"col\">企业</th>"));
    assert_eq!(count(&html, "<td class=\"num\">1</td>"), 100);
}

#[test]
fn the_grid_shows_the_page_asked_for() {
    // 250 parks + title + header = 252 rows; page 1 is rows 100–199 (Excel rows 101–200).
    let (table, _) = scored(250, false);
    let name = parkscore::import::ColumnMatch {
        index: 0,
        header: "园区名称".into(),
        target: "name".into(),
    };
    let columns = parkscore_app::state::grid::columns(
        table.width(),
        &table,
        Some(1),
        &[name],
        &Scheme::chifeng_2020(),
    );
    let park = table.rows[100].cells[0].to_owned();
    let next_park = table.rows[101].cells[0].to_owned();
    let html = render::<DataGrid>(DataGridProps {
        table,
        file_name: yew::AttrValue::from("many.csv"),
        columns: Rc::new(columns),
        name_col: Some(0),
        edited: Rc::default(),
        faulty: Rc::default(),
        header_row: Some(1),
        on_edit: Callback::noop(),
        on_leave: Callback::noop(),
        on_cancel: Callback::noop(),
        on_paste: Callback::noop(),
        on_clear: Callback::noop(),
        on_insert_row: Callback::noop(),
        on_delete_row: Callback::noop(),
        focus: None,
        page: 1,
        on_page: Callback::noop(),
    });
    // The grid's semantics: a grid, its title row first, the park-name column fixed.
    assert!(html.contains("role=\"grid\""));
    assert!(html.contains("aria-rowcount=\"253\""));
    assert!(
        html.contains(&format!("aria-label=\"{park} · 园区名称\"")),
        "{park}"
    );
    assert!(html.contains("class=\"col-title name-col\""));
    assert!(
        html.contains("第 101–200 行（共 252 行，第 2/3 页）"),
        "{html}"
    );
    assert!(html.contains("data-testid=\"cell-100-0\""));
    assert!(html.contains("data-testid=\"cell-199-0\""));
    assert!(!html.contains("data-testid=\"cell-99-0\""));
    assert!(!html.contains("data-testid=\"cell-200-0\""));
    // Cheap at any size (issue 14): the page's cells are text, and one editor — the grid's one
    // stop in the Tab order, with the cell's label — is on the page's first cell (the cursor's
    // cell is on another page).
    let width = table_width(&html);
    assert_eq!(count(&html, "<td"), 100 * width);
    assert_eq!(count(&html, "<input"), 1, "one editor");
    assert_eq!(count(&html, "tabindex="), 1, "one stop in the Tab order");
    let editor = &html[html.find("<input").expect("the editor")..];
    let editor = &editor[..editor.find('>').expect("its end")];
    assert!(editor.contains("tabindex=\"0\""), "{editor}");
    assert!(
        editor.contains(&format!("aria-label=\"{park} · 园区名称\"")),
        "{editor}"
    );
    assert!(editor.contains(&format!("value=\"{park}\"")), "{editor}");
    let editor_cell = &html[..html.find("<input").expect("the editor")];
    assert!(
        editor_cell[editor_cell.rfind("<td").expect("its cell")..]
            .contains("data-testid=\"cell-100-0\""),
        "the editor is in the page's first cell"
    );
    // Every other cell shows its text, and is named by its row's header (the park) and its
    // column's title; no cell but the editor carries a label or a tooltip of its own.
    assert!(html.contains(&format!(">{next_park}</td>")), "{next_park}");
    assert!(html.contains(&format!("aria-label=\"{next_park}（第 102 行）\"")));
    assert_eq!(count(&html, "· 园区名称\""), 1);
    assert_eq!(count(&html, "many.csv A"), 1, "the editor's tooltip only");
}

/// The grid's width: its column titles (`col-C` test ids).
fn table_width(html: &str) -> usize {
    count(html, "data-testid=\"col-")
}

#[test]
fn a_committee_decision_is_shown_as_decided_with_its_note() {
    // The sample scores one of each special award; 园区公共服务平台 has no measuring group.
    let job = Job::read(
        parkscore::sample::SAMPLE_FILE_NAME,
        Rc::new(parkscore::sample::sample_csv().to_vec()),
        None,
    );
    let Outcome::Scored {
        evaluation: Some(Ok(evaluation)),
        ..
    } = compute::run(
        &Scheme::chifeng_2020(),
        &Options::default(),
        &parkscore::import::ValidateOptions::default(),
        &job,
    )
    else {
        panic!("the sample scores");
    };
    let undecided = render::<AwardsView>(AwardsProps {
        evaluation: Rc::new(evaluation.clone()),
        decisions: Rc::default(),
        on_decide: Callback::noop(),
        on_note: Callback::noop(),
        unit_noun: "园区".into(),
    });
    assert!(!undecided.contains("platform-note"));
    assert_eq!(count(&undecided, ">决定<"), 0);
    // The money in total: places 300 + 200 + 100 = 600, the four special awards 100 each
    // (附件2: 园区公共服务平台, 科技创新, 绿色发展, 管理水平) = 400, 1,000 in all; the same sum
    // the reports print.
    assert!(
        undecided.contains("奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。"),
        "{undecided}"
    );
    let html = render::<AwardsView>(AwardsProps {
        evaluation: Rc::new(evaluation),
        decisions: Rc::new(vec![parkscore::round::AwardDecision {
            award: "园区公共服务平台".into(),
            park: parkscore::ParkName::from("红山园区"),
            note: "3月25日考核小组会议".into(),
        }]),
        on_decide: Callback::noop(),
        on_note: Callback::noop(),
        unit_noun: "园区".into(),
    });
    assert_eq!(count(&html, ">决定<"), 1);
    assert!(html.contains("value=\"3月25日考核小组会议\""), "{html}");
    assert!(html.contains("data-testid=\"platform-note\""));
}

fn file_bar(departments: Vec<AttrValue>) -> String {
    render::<FileBar>(FileBarProps {
        on_file: Callback::noop(),
        on_sample: Callback::noop(),
        on_template: Callback::noop(),
        on_open_session: Callback::noop(),
        on_save_session: Callback::noop(),
        on_clear: Callback::noop(),
        has_data: false,
        departments,
    })
}

// ---------------------------------------------------------------- the report printouts

use parkscore::export::report::Bounds;
use parkscore::import::merge::Provenance;
use parkscore::round::{AwardDecision, Change, Date, RoundFacts};
use parkscore_app::components::print_internal::{PrintInternal, PrintInternalProps};
use parkscore_app::components::print_park_sheets::{PrintParkSheets, PrintParkSheetsProps};
use parkscore_app::components::print_publicity::{PrintPublicity, PrintPublicityProps};

/// The sample scored, with the provenance of its one file.
fn sample_round() -> (Rc<Scheme>, Rc<Evaluation>, Rc<Provenance>, Option<u16>) {
    let scheme = Scheme::chifeng_2020();
    let table = parkscore::import::read(
        parkscore::sample::sample_csv(),
        "sample-2020.csv",
        None,
        &scheme,
    )
    .expect("the sample reads");
    let validated = parkscore::import::validate(&table, &scheme);
    let evaluation = parkscore::evaluate(&scheme, &validated.dataset, &Options::default())
        .expect("the sample scores");
    let provenance = Provenance::single("sample-2020.csv", None, &validated);
    (
        Rc::new(scheme),
        Rc::new(evaluation),
        Rc::new(provenance),
        validated.dataset.year,
    )
}

fn ready_facts() -> Rc<RoundFacts> {
    Rc::new(RoundFacts {
        year: None,
        issuer: "赤峰市加快工业园区建设工作领导小组办公室".into(),
        publicity_from: Date::new(2021, 3, 25),
        publicity_to: Date::new(2021, 4, 1),
        contact: "张三".into(),
        phone: "0476-8888888".into(),
        signed_on: Date::new(2021, 3, 24),
    })
}

#[test]
fn the_template_picker_offers_the_full_template_and_each_department() {
    let departments: Vec<AttrValue> = Scheme::chifeng_2020()
        .departments()
        .into_iter()
        .map(|d| AttrValue::from(d.to_owned()))
        .collect();
    let html = file_bar(departments);
    // A labelled native select (keyboard operable), 全部指标 chosen, then the 7 departments of
    // chifeng-2020.toml in the scheme's order.
    assert!(
        html.contains("<label for=\"template-for\" class=\"template-for\">下载模板：</label>"),
        "{html}"
    );
    assert!(html.contains("<select id=\"template-for\" data-testid=\"template-for\""));
    assert_eq!(count(&html, "data-testid=\"template-for\""), 1);
    assert_eq!(count(&html, "<option "), 8);
    assert!(
        html.contains("<option value=\"\" selected=\"selected\">全部指标</option>"),
        "{html}"
    );
    let order = [
        "全部指标",
        "市工信局",
        "市统计局",
        "市自然资源局",
        "市区域经济合作局",
        "市科技局",
        "市生态环境局",
        "市应急管理局",
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|d| html.find(&format!(">{d}</option>")).expect(d))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(
        html.contains("<option value=\"市科技局\">市科技局</option>"),
        "{html}"
    );
    // The two buttons stay.
    assert_eq!(count(&html, "data-testid=\"template-xlsx\""), 1);
    assert_eq!(count(&html, "data-testid=\"template-csv\""), 1);
    // A scheme without departments: no picker, the full template only.
    let html = file_bar(Vec::new());
    assert!(!html.contains("template-for"), "{html}");
    assert_eq!(count(&html, "data-testid=\"template-xlsx\""), 1);
}

#[test]
fn the_publicity_printout_has_no_raw_figure_and_no_method_id() {
    let (scheme, evaluation, _, year) = sample_round();
    let decisions = Rc::new(vec![AwardDecision {
        award: "园区公共服务平台".into(),
        park: "安庆园区".into(),
        note: "会议纪要第 3 号".into(),
    }]);
    let html = render::<PrintPublicity>(PrintPublicityProps {
        scheme: Rc::clone(&scheme),
        evaluation: Rc::clone(&evaluation),
        facts: ready_facts(),
        files_year: year,
        decisions,
        notice: None,
    });
    assert!(html.contains("data-testid=\"print-publicity\""));
    assert!(html.contains("<h1>关于2020年度赤峰市工业园区综合发展评价考核结果的公示</h1>"));
    // Raw figures of the sample (东山园区's 38.6 and 612.5), method and scheme ids: none.
    for absent in ["38.6", "612.5", "rank_linear", "chifeng-2020", "会议纪要"] {
        assert!(!html.contains(absent), "{absent}");
    }
    for indicator in scheme.indicators() {
        assert!(!html.contains(&indicator.name), "{}", indicator.name);
    }
    // The ranking (14 rows, park names unwrapped), the decision, the notice, the 落款.
    assert_eq!(count(&html, "<td class=\"park short\">"), 14 + 4);
    assert!(html.contains("<td class=\"park short\">红山园区</td>"));
    assert!(html.contains("<td class=\"short\">决定</td>"));
    assert!(html.contains("<li>公示期：2021年3月25日至2021年4月1日。</li>"));
    assert!(html.contains("<li>联系人：张三　联系电话：0476-8888888</li>"));
    assert!(html.contains("<div class=\"stamp-area\">（盖章）</div>"));
    assert!(html.contains("<p class=\"issuer\">赤峰市加快工业园区建设工作领导小组办公室</p>"));
    assert!(html.contains("<p class=\"signed-on\">2021年3月24日</p>"));
    assert!(html.contains("<thead>"), "headers repeat on every page");
    assert!(html.contains("奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。"));

    // Without the round's facts: what is missing, not the notice.
    let html = render::<PrintPublicity>(PrintPublicityProps {
        scheme,
        evaluation,
        facts: Rc::new(RoundFacts::default()),
        files_year: year,
        decisions: Rc::default(),
        notice: None,
    });
    assert!(html.contains("data-testid=\"print-publicity-blocked\""));
    assert!(html.contains("公示版还不能生成：请先填写制表单位、公示期、联系人、联系电话、落款日期"));
    assert!(!html.contains("print-publicity\""));
}

#[test]
fn the_internal_printout_traces_values_and_changes() {
    let (scheme, evaluation, provenance, year) = sample_round();
    let changes = Rc::new(vec![Change {
        kind: parkscore::round::ChangeKind::Cell,
        file: "sample-2020.csv".into(),
        cell: "B4".into(),
        park: Some("红山园区".into()),
        column: "新增工业总产值（亿元）".into(),
        before: "12.3".into(),
        after: "40".into(),
        at: "2021-03-20 14:05".into(),
        reason: Some("复核调整".into()),
    }]);
    let html = render::<PrintInternal>(PrintInternalProps {
        scheme,
        evaluation,
        facts: ready_facts(),
        files_year: year,
        provenance: Some(provenance),
        changes,
        decisions: Rc::default(),
        conflicts: Rc::default(),
        generated_on: Date::new(2021, 3, 24),
        notice: Some(parkscore::sample::SAMPLE_NOTICE),
    });
    assert!(html.contains("data-testid=\"print-internal\""));
    // The sample's results say so in the title.
    assert!(html.contains(
        "<h1>赤峰市工业园区综合发展评价考核结果（2020年度）（示例数据，非真实统计）</h1>"
    ));
    // The value with its file and cell.
    assert!(html.contains(
        "<td class=\"num short\">38.6</td><td class=\"short\">亿元</td><td class=\"short\">sample-2020.csv B3</td>"
    ));
    // The awards' total, computed.
    assert!(html.contains(
        "<td class=\"short\">合计</td><td class=\"park short\"></td><td class=\"num short\">1,000</td>"
    ));
    // The change log and its summary.
    assert!(
        html.contains("共修改 1 处：红山园区 新增工业总产值（亿元） 12.3 → 40（原因：复核调整）")
    );
    assert!(html.contains(
        "<td class=\"short\">2021-03-20 14:05</td><td class=\"short\">sample-2020.csv</td><td class=\"short\">B4</td>"
    ));
    // The print shows the first 20 parks' explanations: all 14 here, no note.
    assert_eq!(Bounds::PRINT.explained_parks, 20);
    assert!(!html.contains("完整内容见 Excel 文件"));
}

#[test]
fn the_park_sheets_print_one_page_a_park_with_its_explanations() {
    let (scheme, evaluation, _, year) = sample_round();
    let all = render::<PrintParkSheets>(PrintParkSheetsProps {
        scheme: Rc::clone(&scheme),
        evaluation: Rc::clone(&evaluation),
        facts: ready_facts(),
        files_year: year,
        park: None,
        notice: None,
    });
    assert_eq!(count(&all, "class=\"print-park-sheet\""), 14);
    let one = render::<PrintParkSheets>(PrintParkSheetsProps {
        scheme: Rc::clone(&scheme),
        evaluation: Rc::clone(&evaluation),
        facts: ready_facts(),
        files_year: year,
        park: Some("东山园区".into()),
        notice: None,
    });
    assert_eq!(count(&one, "class=\"print-park-sheet\""), 1);
    assert!(one.contains("<h1>东山园区得分明细单</h1>"));
    assert!(one.contains("<li>名次：第 2 名（共 14 个参评园区）</li>"));
    let park = evaluation.park("东山园区").expect("ranked");
    let explanation = park
        .indicator("new_output_value")
        .expect("the indicator")
        .explain();
    assert!(
        one.contains(&format!("<td>{explanation}</td>")),
        "{explanation}"
    );
    assert!(
        one.contains("<td class=\"short\">新增工业总产值</td><td class=\"num short\">38.6</td>")
    );
    assert!(one.contains(&format!("<td>{}</td>", park.bonus_explain())));
    // A park not in the ranking: said so.
    let none = render::<PrintParkSheets>(PrintParkSheetsProps {
        scheme,
        evaluation,
        facts: ready_facts(),
        files_year: year,
        park: Some("不存在园区".into()),
        notice: None,
    });
    assert!(none.contains("不存在园区 不在本次排名中，无法生成得分明细单"));
}

#[test]
fn the_landing_and_the_start_failure_message_name_the_same_browsers() {
    // index.html's message is shown when the app cannot start (no Rust runs then), so it
    // carries the sentence as text; it must be the landing page's, word for word.
    let index = include_str!("../index.html");
    assert!(index.contains(parkscore_app::BROWSERS_ZH), "index.html");
    assert!(parkscore_app::BROWSERS_ZH.contains("97"));
    let html = render::<parkscore_app::components::landing::Landing>(
        parkscore_app::components::landing::LandingProps {
            on_sample: Callback::noop(),
        },
    );
    assert!(html.contains(parkscore_app::BROWSERS_ZH));
    // The document's title, exactly as 赤政发〔2020〕172号 gives it.
    assert!(html
        .contains("《赤峰市人民政府关于促进工业园区高质量发展的若干意见》（赤政发〔2020〕172号）"));
}

// ---------------------------------------------------------------- classes, T units, the unit's word

use parkscore_app::components::not_rated_list::{NotRatedList, NotRatedListProps};
use parkscore_app::components::park_detail::{ParkDetail, ParkDetailProps};
use parkscore_app::components::print_report::{PrintReport, PrintReportProps};

/// The 淮安式 preset's sample scored under it (24 firms, 2 of them T).
fn huaian_round() -> (Rc<Scheme>, Rc<Evaluation>, Option<u16>) {
    let preset = parkscore::scheme::presets::PRESETS
        .iter()
        .find(|p| p.id == "huaian-2024")
        .expect("the preset");
    let scheme = preset.scheme().expect("a valid preset");
    let table = parkscore::import::read(preset.sample, preset.sample_name, None, &scheme)
        .expect("the sample reads");
    let validated = parkscore::import::validate(&table, &scheme);
    let evaluation = parkscore::evaluate(&scheme, &validated.dataset, &Options::default())
        .expect("the sample scores");
    (Rc::new(scheme), Rc::new(evaluation), validated.dataset.year)
}

/// The `<tr>` of `park` in a rendered table.
fn row_of<'a>(html: &'a str, park: &str) -> &'a str {
    let start = html
        .find(&format!("data-park=\"{park}\""))
        .unwrap_or_else(|| panic!("{park} listed"));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

// The grades, worked by hand. 24 firms less the 2 T firms: N = 22 ranked. Shares 20/40/35/5:
// A ⌊22 × 20 ÷ 100⌋ = ⌊4.4⌋ = 4 places, A+B ⌊22 × 60 ÷ 100⌋ = ⌊13.2⌋ = 13, A+B+C
// ⌊22 × 95 ÷ 100⌋ = ⌊20.9⌋ = 20, D the last 2.
// Totals (Σ x ÷ b × w, b = 30, 600, 6; w = 45, 35, 20):
//   电子 48, 1020, 9.6: 72 + 59.5 + 32 = 163.50, 2nd (only 医药 175.95 above) → A;
//   机械 30, 600, 6: 45 + 35 + 20 = 100.00, 8th (医药, 电子, 化工 120.08, 酿造 115.63,
//        仪器 112.10, 光伏 111.93, 电缆 105.45 above) → B;
//   纺织 15, 450, 3: 22.5 + 26.25 + 10 = 58.75, 13th → B (the last place of B);
//   塑料 14.2, 410, 2.7: 21.3 + 23.9167 + 9 = 54.22, 14th → C;
//   包装 0, 210, 0: 0 + 12.25 + 0 = 12.25, 22nd → D.
#[test]
fn the_ranking_shows_the_grades_and_names_the_units_by_the_schemes_word() {
    let (scheme, evaluation, _) = huaian_round();
    assert_eq!(scheme.unit_noun(), "企业");
    assert_eq!(evaluation.parks.len(), 22);
    let html = render::<RankingTable>(RankingTableProps {
        evaluation: Rc::clone(&evaluation),
        sort: Sort::default(),
        on_sort: Callback::noop(),
        on_select: Callback::noop(),
        interactive: true,
        unit_noun: scheme.unit_noun().to_owned().into(),
    });
    assert!(html.contains("各企业得分与排名"), "{html}");
    assert!(html.contains("<th scope=\"col\" title=\"按方案的等级规则，在排名之后评定\">等级</th>"));
    assert!(
        !html.contains("园区"),
        "an enterprise scheme says 企业: {html}"
    );
    for (firm, total, class) in [
        ("淮安示例电子有限公司", "163.50", "A"),
        ("淮安示例机械有限公司", "100.00", "B"),
        ("淮安示例纺织有限公司", "58.75", "B"),
        ("淮安示例塑料有限公司", "54.22", "C"),
        ("淮安示例包装有限公司", "12.25", "D"),
    ] {
        let row = row_of(&html, firm);
        assert!(row.contains(&format!(">{total}</td>")), "{firm}: {row}");
        assert!(
            row.contains(&format!(
                "data-testid=\"class\" class=\"class\">{class}</td>"
            )),
            "{firm}: {row}"
        );
    }
    // The T firms are not in the ranking, but listed below it.
    assert!(!html.contains("淮安示例水务有限公司"));
    let list = render::<NotRatedList>(NotRatedListProps {
        units: evaluation.not_rated.clone(),
        unit_noun: "企业".into(),
        interactive: true,
    });
    assert!(list.contains("不参评的企业（T 类，不评分、不排名，不计入参评数）"));
    assert!(list.contains("<strong>淮安示例水务有限公司</strong>：不参评"));
    assert!(list.contains("<strong>淮安示例新材料有限公司</strong>：不参评"));

    // The built-in scheme grades nobody: no 等级 column, 园区 as before.
    let (_, chifeng) = scored(14, false);
    let html = render::<RankingTable>(RankingTableProps {
        evaluation: chifeng,
        sort: Sort::default(),
        on_sort: Callback::noop(),
        on_select: Callback::noop(),
        interactive: true,
        unit_noun: "园区".into(),
    });
    assert!(!html.contains("等级"));
    assert!(html.contains("各园区得分与排名"));
    let empty = render::<NotRatedList>(NotRatedListProps {
        units: Vec::new(),
        unit_noun: "园区".into(),
        interactive: true,
    });
    assert!(empty.is_empty() || !empty.contains("不参评"), "{empty}");
}

#[test]
fn the_park_detail_shows_the_grade() {
    let (scheme, evaluation, _) = huaian_round();
    let html = render::<ParkDetail>(ParkDetailProps {
        focus_heading: false,
        scheme,
        evaluation,
        park: Some("淮安示例纺织有限公司".into()),
        provenance: None,
        on_select: Callback::noop(),
        analysis: None,
        analysis_current: false,
        analysis_running: false,
        analysis_error: None,
        what_if_inputs: Rc::default(),
        on_what_if: Callback::noop(),
        on_what_if_reset: Callback::noop(),
    });
    // 58.75, 13th of 22: B (worked above).
    assert!(
        html.contains("淮安示例纺织有限公司：第 13 名，总分 58.75<span data-testid=\"park-class\">，等级 B</span>"),
        "{html}"
    );
    assert!(html.contains("企业 <select"), "{html}");
}

#[test]
fn the_results_printout_names_the_scheme_with_its_fingerprint_and_lists_the_grades() {
    let (scheme, evaluation, year) = huaian_round();
    let html = render::<PrintReport>(PrintReportProps {
        scheme: Rc::clone(&scheme),
        evaluation,
        year,
        date: "2026年11月30日".into(),
        source: "示例数据-淮安-2024.csv".into(),
        edits: 0,
        decisions: Rc::default(),
    });
    assert_eq!(year, Some(2024));
    assert!(
        html.contains("<h1>工业企业亩均效益综合评价结果（示例方案）（2024年度）</h1>"),
        "{html}"
    );
    let fingerprint = scheme.fingerprint();
    assert_eq!(fingerprint.len(), 8);
    assert!(html.contains(&format!(
        "评分方案：工业企业亩均效益综合评价（淮安式，示例方案）（指纹 {fingerprint}）"
    )));
    assert!(html.contains(">等级</th>"));
    assert!(row_of(&html, "淮安示例纺织有限公司").contains("<td class=\"class\">B</td>"));
    assert!(html.contains("<strong>淮安示例水务有限公司</strong>：不参评"));
    assert!(
        !html.contains("data-testid=\"not-rated\""),
        "the printout repeats no test id"
    );

    // The built-in scheme: the title as it always was, and its fingerprint.
    let (scheme, evaluation, _, year) = sample_round();
    let html = render::<PrintReport>(PrintReportProps {
        scheme: Rc::clone(&scheme),
        evaluation,
        year,
        date: "2026年11月30日".into(),
        source: "sample-2020.csv".into(),
        edits: 0,
        decisions: Rc::default(),
    });
    assert!(html.contains("<h1>赤峰市工业园区综合发展评价考核结果（2020年度）</h1>"));
    assert!(html.contains(&format!(
        "评分方案：赤峰市工业园区综合发展评价考核指标体系（指纹 {}）",
        scheme.fingerprint()
    )));
    assert!(!html.contains("等级"));
}

#[test]
fn the_park_sheets_printout_names_the_scheme_and_the_grade() {
    let (scheme, evaluation, year) = huaian_round();
    let html = render::<PrintParkSheets>(PrintParkSheetsProps {
        scheme: Rc::clone(&scheme),
        evaluation,
        facts: Rc::new(RoundFacts::default()),
        files_year: year,
        park: Some("淮安示例机械有限公司".into()),
        notice: None,
    });
    // 100.00, 8th of 22: B (worked above).
    assert!(
        html.contains("<li>名次：第 8 名（共 22 个参评企业）</li>"),
        "{html}"
    );
    assert!(html.contains("<li>等级：B</li>"));
    assert!(html.contains(&format!(
        "<li>评分方案：{}</li>",
        scheme.title_with_fingerprint()
    )));
}

// ---------------------------------------------------------------- the scheme's word and own text

use parkscore_app::components::landing::{
    Landing, LandingProps, SchemeLanding, SchemeLandingProps,
};
use parkscore_app::components::settings::{SettingsPanel, SettingsProps};
use parkscore_app::components::what_if_panel::outcome;

#[test]
fn the_landing_keeps_the_builtin_text_and_names_another_schemes_title_and_document() {
    let builtin = render::<Landing>(LandingProps {
        on_sample: Callback::noop(),
    });
    // The built-in scheme through the scheme-aware landing: the same page, byte for byte.
    let same = render::<SchemeLanding>(SchemeLandingProps {
        on_sample: Callback::noop(),
        scheme: parkscore_app::state::builtin_scheme(),
        builtin: true,
    });
    // (Yew's server renderer marks each component by name in a comment; the page is the rest.)
    let page = |html: &str, name: &str| {
        html.replace(
            &format!("<!--<[parkscore_app::components::landing::{name}]>-->"),
            "",
        )
        .replace(
            &format!("<!--</[parkscore_app::components::landing::{name}]>-->"),
            "",
        )
    };
    assert_eq!(page(&same, "SchemeLanding"), page(&builtin, "Landing"));
    assert!(page(&same, "SchemeLanding").starts_with("<section"));
    assert!(builtin.contains("本工具按《赤峰市人民政府关于促进工业园区高质量发展的若干意见》（赤政发〔2020〕172号）附件1、附件2，对各工业园区的年度数据计算 7 类一级指标、23 项二级指标得分、附加分、总分与排名，列出一票否决园区、奖励资金和专项奖励建议，每个分数都附有计算过程，可导出 Excel、CSV、JSON 并打印。数据只在这台电脑的浏览器中处理，不会上传到任何地方。"));

    let (scheme, _, _) = huaian_round();
    let html = render::<SchemeLanding>(SchemeLandingProps {
        on_sample: Callback::noop(),
        scheme,
        builtin: false,
    });
    // 淮安式: one group, three indicators, no bonus, no veto, no awards, classes A–D.
    assert!(
        html.contains("本工具按评分方案《工业企业亩均效益综合评价（淮安式，示例方案）》（示例方案：仿淮安市2024年度工业企业亩均效益评价办法（基准值为示例）），对各企业的年度数据计算 1 类一级指标、3 项指标得分、总分与排名和等级，每个分数都附有计算过程，可导出 Excel、CSV、JSON 并打印。数据只在这台电脑的浏览器中处理，不会上传到任何地方。"),
        "{html}"
    );
    assert!(!html.contains("赤峰"), "{html}");
    assert!(html.contains(parkscore_app::BROWSERS_ZH));
}

fn settings(show_bonus: bool) -> String {
    render::<SettingsPanel>(SettingsProps {
        method: parkscore_app::state::RankingMethod::RankLinear,
        step_text: AttrValue::from("0.5"),
        step_error: None,
        cumulative_bonus: false,
        show_bonus,
        missing: parkscore::MissingPolicy::Error,
        allow_missing_units: false,
        allow_unlisted: false,
        has_unit_list: false,
        changed: Default::default(),
        on_reset: Callback::noop(),
        on_method: Callback::noop(),
        on_step: Callback::noop(),
        on_bonus: Callback::noop(),
        on_missing: Callback::noop(),
        on_allow_missing: Callback::noop(),
        on_allow_unlisted: Callback::noop(),
        unit_noun: AttrValue::from("企业"),
    })
}

#[test]
fn the_settings_offer_the_bonus_only_when_the_scheme_has_one() {
    let with = settings(true);
    assert!(with.contains("data-testid=\"bonus-cumulative\""));
    assert!(with.contains(" 附加分累加（不勾选：同一企业只取最高一项）"));
    let without = settings(false);
    assert!(!without.contains("bonus-cumulative"), "{without}");
    assert!(!without.contains("附加分"), "{without}");
}

#[derive(yew::Properties, PartialEq)]
struct WhatIfOutcomeProps {
    w: Rc<parkscore::analysis::what_if::WhatIf>,
}

#[yew::function_component(WhatIfOutcome)]
fn what_if_outcome(props: &WhatIfOutcomeProps) -> yew::Html {
    outcome(&props.w)
}

#[test]
fn the_what_if_outcome_names_the_other_units_by_the_schemes_word() {
    let preset = parkscore::scheme::presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();
    let table = parkscore::import::read(preset.sample, preset.sample_name, None, &scheme).unwrap();
    let data = parkscore::import::validate(&table, &scheme).dataset;
    let run = |changes: &[(parkscore::IndicatorId, Option<rust_decimal::Decimal>)]| {
        let w = parkscore::analysis::what_if::what_if(
            &scheme,
            &data,
            &Options::default(),
            "淮安示例机械有限公司",
            changes,
        )
        .expect("the what-if runs");
        render::<WhatIfOutcome>(WhatIfOutcomeProps { w: Rc::new(w) })
    };
    let unchanged = run(&[]);
    assert!(unchanged.contains("其他企业名次不变。"), "{unchanged}");
    assert!(!unchanged.contains("园区"), "{unchanged}");
    // 机械 亩均税收 30 → 35: 45 × 35 ÷ 30 = 52.5, total 107.50 — above 电缆 (105.45), below
    // 光伏 (111.93): 8th → 7th, 电缆 7th → 8th.
    let moved = run(&[(
        parkscore::IndicatorId::from("mu_tax"),
        Some(rust_decimal::Decimal::new(35, 0)),
    )]);
    assert!(moved.contains("名次变化的其他企业（1 个）"), "{moved}");
    assert!(moved.contains("<th scope=\"col\">企业</th>"), "{moved}");
    assert!(
        moved.contains("名次变化的其他企业：淮安示例电缆有限公司 第 7 → 8 名"),
        "{moved}"
    );
}

/// The built-in sample's dataset under `scheme`.
fn sample_dataset(scheme: &Scheme) -> parkscore::Dataset {
    let table = parkscore::import::read(
        parkscore::sample::sample_csv(),
        parkscore::sample::SAMPLE_FILE_NAME,
        None,
        scheme,
    )
    .expect("the sample reads");
    parkscore::import::validate(&table, scheme).dataset
}

/// Chifeng's scheme, its units called 企业.
fn enterprises() -> Scheme {
    let mut scheme = Scheme::chifeng_2020();
    scheme.unit_noun = Some("企业".into());
    scheme
}

/// The analyses' panels (口径对比, 名次稳定性) title the unit column by the scheme's word, taken
/// from the analysis's result: 园区 for Chifeng's, 企业 for a scheme of enterprises.
#[test]
fn the_readings_and_stability_panels_use_the_schemes_word() {
    use parkscore::analysis::readings::readings;
    use parkscore::analysis::stability::{stability, StabilityParams};
    use parkscore_app::components::readings_table::{ReadingsTable, ReadingsTableProps};
    use parkscore_app::components::stability_map::{StabilityMap, StabilityMapProps};
    let params = StabilityParams {
        samples: 50,
        ..StabilityParams::default()
    };
    for (scheme, noun) in [(Scheme::chifeng_2020(), "园区"), (enterprises(), "企业")] {
        let data = sample_dataset(&scheme);
        let r = readings(
            &scheme,
            &data,
            parkscore::MissingPolicy::Error,
            "0.5".parse().unwrap(),
        )
        .unwrap();
        let html = render::<ReadingsTable>(ReadingsTableProps {
            readings: Rc::new(r),
        });
        assert!(
            html.contains(&format!("<th scope=\"col\" rowspan=\"2\">{noun}</th>")),
            "{html}"
        );
        let s = stability(&scheme, &data, &Options::default(), params).unwrap();
        let html = render::<StabilityMap>(StabilityMapProps {
            stability: Rc::new(s),
        });
        assert!(
            html.contains(&format!("<th scope=\"col\">{noun}</th>")),
            "{html}"
        );
        assert!(html.contains(&format!("相邻{noun}：上者排在下者之前的抽样比例")));
        assert!(html.contains(&format!("行是{noun}（按正式名次）")));
    }
}

/// The change log's unit column and the files' heading say the scheme's word.
#[test]
fn the_change_log_and_the_files_use_the_schemes_word() {
    use parkscore::round::{Change, ChangeKind};
    use parkscore_app::components::change_log::{ChangeLog, ChangeLogProps};
    use parkscore_app::components::files_panel::{FileRow, FilesPanel, FilesPanelProps};
    use parkscore_app::state::FileId;
    for noun in ["园区", "企业"] {
        let change = Change {
            kind: ChangeKind::Cell,
            file: "a.csv".into(),
            cell: "B3".into(),
            park: Some("甲".into()),
            column: "新增工业总产值（亿元）".into(),
            before: "1".into(),
            after: "2".into(),
            at: "2021-03-20 14:05".into(),
            reason: None,
        };
        let html = render::<ChangeLog>(ChangeLogProps {
            changes: Rc::new(vec![change]),
            can_undo: true,
            can_redo: false,
            on_undo: Callback::noop(),
            on_redo: Callback::noop(),
            on_reason: Callback::noop(),
            unit_noun: AttrValue::from(noun),
        });
        assert!(
            html.contains(&format!(
                "<th scope=\"col\">单元格</th><th scope=\"col\">{noun}</th>"
            )),
            "{html}"
        );
        let row = |id: u32| FileRow {
            id: FileId(id),
            line: format!("{id}.csv"),
            edits: 0,
        };
        let html = render::<FilesPanel>(FilesPanelProps {
            files: Rc::new(vec![row(1), row(2)]),
            active: None,
            on_show: Callback::noop(),
            on_remove: Callback::noop(),
            unit_noun: AttrValue::from(noun),
        });
        assert!(
            html.contains(&format!("本轮数据文件（2 个，按{noun}和指标合并）")),
            "{html}"
        );
    }
}

/// The reports panel names the park sheets by the scheme's word: 园区得分明细单 for Chifeng's
/// (the default), 企业得分明细单 for a scheme of enterprises.
#[test]
fn the_reports_panel_names_the_park_sheets_by_the_schemes_word() {
    use parkscore::export::report::Version;
    use parkscore_app::components::reports_panel::{ReportsPanel, ReportsPanelProps};
    use parkscore_app::state::ReportChoice;
    let panel = |noun: &'static str| {
        render::<ReportsPanel>(ReportsPanelProps {
            choice: ReportChoice {
                version: Version::ParkSheets,
                park: None,
            },
            parks: Rc::new(Vec::new()),
            enabled: true,
            on_choose: Callback::noop(),
            on_print: Callback::noop(),
            on_download: Callback::noop(),
            unit_noun: AttrValue::Static(noun),
        })
    };
    let chifeng = panel("园区");
    assert_eq!(chifeng.matches("园区得分明细单").count(), 3, "{chifeng}");
    assert!(chifeng.contains("打印园区得分明细单"), "{chifeng}");
    assert!(chifeng.contains("下载园区得分明细单（Excel）"), "{chifeng}");
    let firms = panel("企业");
    assert!(firms.contains("打印企业得分明细单"), "{firms}");
    assert!(firms.contains("下载企业得分明细单（Excel）"), "{firms}");
    assert_eq!(firms.matches("企业得分明细单").count(), 3, "{firms}");
    assert!(!firms.contains("园区"), "{firms}");
}

#[test]
fn a_special_award_tied_among_hundreds_offers_200_and_names_ten() {
    // 450 parks with the same values: the three special awards with a measuring group are
    // tied among all 450 (open: the committee decides), 园区公共服务平台 is open as always.
    let (_, evaluation) = scored(450, true);
    let tied: Vec<&parkscore::scoring::SpecialProposal> = evaluation
        .awards
        .special
        .iter()
        .filter(|s| s.basis.is_some())
        .collect();
    assert_eq!(tied.len(), 3);
    assert!(tied.iter().all(|s| s.tie && s.candidates.len() == 450));
    let chosen = tied[0].candidates[299].clone();
    let award = tied[0].name.clone();
    let html = render::<AwardsView>(AwardsProps {
        evaluation: Rc::clone(&evaluation),
        decisions: Rc::new(vec![parkscore::round::AwardDecision {
            award,
            park: chosen.clone(),
            note: String::new(),
        }]),
        on_decide: Callback::noop(),
        on_note: Callback::noop(),
        unit_noun: "园区".into(),
    });
    // Four drop-downs of a placeholder and 200 parks each, and the decided park (the 300th
    // tied one) added to its award's list, selected: 4 × 201 + 1.
    assert_eq!(count(&html, "<option"), 4 * 201 + 1, "{html}");
    assert!(
        html.contains(&format!("value=\"{chosen}\" selected")),
        "{html}"
    );
    assert_eq!(
        count(&html, "并列的 450 个园区中，下拉列表列出前 200 个"),
        3,
        "{html}"
    );
    // The tied parks are named ten at a time, then counted (beside the badge; the engine's
    // explanation in the last column says the same in its own words).
    assert_eq!(
        count(&html, "东山园区106等 450 个园区<span class=\"badge\">并列"),
        3
    );
    assert!(!html.contains("东山园区107、"));
}
