//! The scheme's word for an evaluated unit (`unit_noun`, 评价对象) in the sentences the core
//! writes: the explanations, the reading, the engine's and the awards' notes, the gaps of
//! 提升空间 and 假设分析's sentence. An enterprise scheme (企业) says 企业 where Chifeng's says
//! 园区; Chifeng's wording is held by the golden files and the other tests, unchanged.
//!
//! The expected sentences are written out by hand.

use parkscore::analysis::{move_up, what_if};
use parkscore::dataset::{Dataset, ParkRecord};
use parkscore::import::merge::{merge, missing_by_department, Choices, Merged, Part};
use parkscore::import::{ValidateOptions, Validated};
use parkscore::scheme::presets;
use parkscore::{evaluate, import, IndicatorId, Method, MissingPolicy, Options, Scheme};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// One direct indicator worth 10, place awards 300/200/100 and a special award on its group;
/// here with `unit_noun = "企业"`.
fn enterprise_one() -> Scheme {
    let text = include_str!("data/one-indicator.toml").replacen(
        "id = \"one\"\n",
        "id = \"one\"\nunit_noun = \"企业\"\n",
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(scheme.unit_noun(), "企业");
    scheme
}

fn dataset(parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: Some(2024),
        source: Some("测试.csv".to_owned()),
        parks,
    }
}

fn firm(name: &str, x: Option<&str>, row: u32) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.source_row = Some(row);
    if let Some(x) = x {
        p.values.insert(IndicatorId::from("x"), d(x));
    }
    p
}

#[test]
fn a_shared_place_and_its_note_say_enterprises() {
    // Totals 10, 8, 8, 5: B and C share places 2 and 3, (200 + 100) ÷ 2 = 150 each.
    let scheme = enterprise_one();
    let data = dataset(vec![
        firm("D", Some("5"), 2),
        firm("C", Some("8"), 3),
        firm("A", Some("10"), 4),
        firm("B", Some("8"), 5),
    ]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    assert_eq!(e.reading.unit_noun(), "企业");
    assert_eq!(
        e.awards.places[1].explain_for(e.reading.unit_noun()),
        "第 2、3 名并列 2 个企业，(200 + 100) ÷ 2 = 150 万元"
    );
    // Without the evaluation at hand a place award still says 园区, as it always did.
    assert_eq!(
        e.awards.places[1].explain(),
        "第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元"
    );
    assert!(
        e.notes.iter().any(|n| n.message
            == "B、C 总分并列第 2 名，平分所占名次的奖励：第 2、3 名并列 2 个企业，(200 + 100) ÷ 2 = 150 万元"),
        "{:?}",
        e.notes
    );
    // The text table renders the award with the word too.
    let table = parkscore::export::table::evaluation_table(&scheme, &e, false);
    assert!(
        table.contains("B：150 万元（第 2、3 名并列 2 个企业，(200 + 100) ÷ 2 = 150 万元）"),
        "{table}"
    );
}

#[test]
fn the_reading_says_enterprises() {
    let scheme = enterprise_one();
    let data = dataset(vec![firm("A", Some("9"), 2), firm("B", Some("8"), 3)]);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let r = &e.reading.description_zh;
    assert!(r.contains(&"名次按竞争排名法确定：数值相同的企业并列同一名次，其后的名次顺延（如 1、2、2、4）；增速等指标允许负数。".to_owned()), "{r:?}");
    assert!(
        r.contains(
            &"缺失数值不会被当作 0：任何参评企业缺少指标数值时不予计分，并列出全部缺失项。"
                .to_owned()
        ),
        "{r:?}"
    );
    assert!(r.contains(&"发生事故的企业当年不予评价考核：不参与排名，也不计入参评企业数 N、最大值、最小值和第一名。".to_owned()), "{r:?}");
    assert!(r.contains(&"奖励：第 1 名 300 万元、第 2 名 200 万元、第 3 名 100 万元；总分并列的企业平分所占名次的奖励之和。".to_owned()), "{r:?}");
    assert!(r.iter().all(|s| !s.contains("园区")), "{r:?}");

    let rank_last = Options {
        missing: MissingPolicy::RankLast,
        ..Options::default()
    };
    let e = evaluate(&scheme, &data, &rank_last).unwrap();
    assert!(e.reading.description_zh.contains(&"缺失数值按“缺失排最后”处理：缺失企业并列排在所有有数值的企业之后，按该名次计分（按比值、按极差折算的指标和非排序法指标得 0 分）；N 仍计入该企业。".to_owned()));
}

#[test]
fn a_rank_explanation_and_the_method_sentence_say_enterprises() {
    // The override makes x a 排序法 indicator: one unit alone gets the full points.
    let scheme = enterprise_one();
    let options = Options {
        ranking_method: Some(Method::RankLinear),
        ..Options::default()
    };
    let text = include_str!("data/one-indicator.toml")
        .replacen("id = \"one\"\n", "id = \"one\"\nunit_noun = \"企业\"\n", 1)
        .replacen(
            "method = \"direct\"\nmax = 10\n",
            "method = \"rank_linear\"\n",
            1,
        );
    let ranked = Scheme::from_toml(&text).unwrap();
    let e = evaluate(&ranked, &dataset(vec![firm("A", Some("9"), 2)]), &options).unwrap();
    let a = e.park("A").unwrap();
    assert_eq!(
        a.indicator("x").unwrap().explain(),
        "名次 1/1：仅 1 个参评企业，得满分 = 10.00"
    );
    assert!(e.reading.description_zh.contains(&"排序法指标按名次线性折算：得分 = 满分 × (N − 名次) ÷ (N − 1)，N 为参评企业数；第一名得满分，最后一名得 0 分（“分数减完为止”），仅 1 个参评企业时得满分。（此方法为本次评分指定，替换了方案中的排序法方法。）".to_owned()), "{:?}", e.reading.description_zh);

    // 按极差折算 with every value equal.
    let options = Options {
        ranking_method: Some(Method::MinMax),
        ..Options::default()
    };
    let data = dataset(vec![firm("A", Some("7"), 2), firm("B", Some("7"), 3)]);
    let e = evaluate(&ranked, &data, &options).unwrap();
    assert_eq!(
        e.park("B").unwrap().indicator("x").unwrap().explain(),
        "全部参评企业数值相同（7）：均得满分 = 10.00"
    );
    drop(scheme);
}

#[test]
fn the_engines_notes_and_errors_say_enterprises() {
    let scheme = enterprise_one();
    let e = evaluate(&scheme, &dataset(Vec::new()), &Options::default()).unwrap();
    let messages: Vec<&str> = e.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(
        messages.contains(&"没有参评企业（数据为空，或全部企业不予评价考核），排名为空"),
        "{messages:?}"
    );
    assert_eq!(e.awards.special[0].explain, "没有参评企业，无法提名");

    let err = evaluate(
        &scheme,
        &dataset(vec![
            firm("甲", Some("1"), 2),
            firm("甲", Some("2"), 5),
            firm(" ", Some("3"), 6),
        ]),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err[0].message,
        "企业名称重复：与前面（第 2 行）的「甲」相同"
    );
    assert_eq!(err[0].expected.as_deref(), Some("每个企业只占一行"));
    assert_eq!(err[0].location.column.as_deref(), Some("企业名称"));
    assert_eq!(err[1].message, "企业名称为空");

    // 25 units without a value under 缺失计 0 分: 20 notes one by one, then one for the rest.
    let parks: Vec<ParkRecord> = (0..25)
        .map(|i| firm(&format!("企{i:02}"), None, i + 2))
        .collect();
    let zero = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let e = evaluate(&scheme, &dataset(parks), &zero).unwrap();
    assert!(
        e.notes.iter().any(|n| n.message
            == "另有 5 个企业缺失数值，已按“缺失计 0 分”计分：企20、企21、企22、企23、企24"),
        "{:?}",
        e.notes
    );
}

#[test]
fn the_gaps_and_the_what_if_say_enterprises() {
    // Twelve units tied first, one behind: its gap names ten of them and 等 12 个企业.
    let scheme = enterprise_one();
    let mut parks: Vec<ParkRecord> = (0..12)
        .map(|i| firm(&format!("企{i:02}"), Some("9"), i + 2))
        .collect();
    parks.push(firm("末", Some("5"), 20));
    let data = dataset(parks);
    let e = evaluate(&scheme, &data, &Options::default()).unwrap();
    let gaps = move_up::gaps(&e);
    let last = gaps.iter().find(|g| g.name.as_str() == "末").unwrap();
    assert_eq!(
        last.gap_zh_for(2, e.reading.unit_noun()),
        "距第 1 名 企00、企01、企02、企03、企04、企05、企06、企07、企08、企09等 12 个企业 差 4.00 分"
    );

    // 末 from 5 to 6: nobody else moves.
    let w = what_if::what_if(
        &scheme,
        &data,
        &Options::default(),
        "末",
        &[(IndicatorId::from("x"), Some(d("6")))],
    )
    .unwrap();
    assert_eq!(
        w.summary_zh(),
        "若 末 的 得分 由 5 改为 6：总分 5.00 → 6.00，名次仍为第 13 名；其他企业名次不变"
    );
    let missing =
        what_if::what_if(&scheme, &data, &Options::default(), "无此企业", &[]).unwrap_err();
    assert!(
        missing[0].message.starts_with("没有这个参评企业"),
        "{}",
        missing[0].message
    );
}

#[test]
fn the_huaian_sample_reads_with_enterprises() {
    let preset = presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();
    let table = import::read(preset.sample, preset.sample_name, None, &scheme).unwrap();
    let validated = import::validate(&table, &scheme);
    let e = evaluate(&scheme, &validated.dataset, &Options::default()).unwrap();
    assert_eq!(e.reading.unit_noun(), "企业");
    assert!(e.reading.description_zh.contains(&"名次按竞争排名法确定：数值相同的企业并列同一名次，其后的名次顺延（如 1、2、2、4）；增速等指标允许负数。".to_owned()));
    assert!(e
        .reading
        .description_zh
        .iter()
        .chain(e.notes.iter().map(|n| &n.message))
        .all(|s| !s.contains("园区")));
}

#[test]
fn the_import_names_a_rows_unit_by_the_schemes_word() {
    let preset = presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();
    let csv =
        "企业名称,亩均税收（万元/亩）,亩均销售收入（万元/亩）,单位能耗税收（万元/吨标准煤）\n\
               甲公司,30,600,6\n\
               甲公司,31,610,6\n\
               ,32,620,6\n";
    let table = import::read(csv.as_bytes(), "企业.csv", None, &scheme).unwrap();
    let validated = import::validate(&table, &scheme);
    let messages: Vec<(&str, Option<&str>)> = validated
        .issues
        .iter()
        .map(|i| (i.message.as_str(), i.expected.as_deref()))
        .collect();
    assert!(
        messages.contains(&(
            "企业名称重复：与第 2 行相同，这一行未读取",
            Some("每个企业只占一行")
        )),
        "{messages:?}"
    );
    assert!(
        messages.contains(&("这一行有数据，但企业名称为空", Some("企业名称"))),
        "{messages:?}"
    );
    assert!(
        validated.issues.iter().all(|i| !i.message.contains("园区")),
        "{messages:?}"
    );
}

// ===== The analyses (年度对比, 口径对比, 名次稳定性, 提升空间) and the reports' tables =====

/// Two 排序法 indicators, x (6 points) and y (4 points), both 按名次线性折算; here with
/// `unit_noun = "企业"`.
fn enterprise_two() -> Scheme {
    let text = include_str!("data/two-indicators.toml").replacen(
        "id = \"two\"\n",
        "id = \"two\"\nunit_noun = \"企业\"\n",
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(scheme.unit_noun(), "企业");
    scheme
}

fn firm2(name: &str, x: &str, y: &str, row: u32) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    p.source_row = Some(row);
    p.values.insert(IndicatorId::from("x"), d(x));
    p.values.insert(IndicatorId::from("y"), d(y));
    p
}

fn in_year(year: u16, parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: Some(year),
        source: Some(format!("{year}.csv")),
        parks,
    }
}

#[test]
fn year_over_year_says_enterprises() {
    use parkscore::analysis::compare::compare;
    let scheme = enterprise_two();
    let options = Options::default();
    // 2023: A (10, 10) 6 + 4 = 10, B (5, 5) 3 + 2 = 5, C (1, 1) 0: A 1st, B 2nd, C 3rd.
    // 2024: B 1st, A 2nd, D 3rd. A ↓1, B ↑1; D is new, C gone.
    let last = in_year(
        2023,
        vec![
            firm2("A", "10", "10", 2),
            firm2("B", "5", "5", 3),
            firm2("C", "1", "1", 4),
        ],
    );
    let this = in_year(
        2024,
        vec![
            firm2("B", "10", "10", 2),
            firm2("A", "5", "5", 3),
            firm2("D", "1", "1", 4),
        ],
    );
    let a = evaluate(&scheme, &last, &options).unwrap();
    let b = evaluate(&scheme, &this, &options).unwrap();
    let c = compare(&scheme, &last, &a, &this, &b);
    assert_eq!(c.unit_noun(), "企业");
    assert_eq!(
        c.summary_zh(),
        "2 个企业两年均参评：1 个名次上升，1 个下降，0 个不变；上升最多的是B（↑1）；\
         下降最多的是A（↓1）；新参评 1 个：D；未参评 1 个：C；\
         排序法得分是相对的，名次变化比分数变化更说明问题"
    );
    let table = c.table();
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("企业") && l.contains("状态") && l.contains("2023年名次")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("企业") && l.contains("指标") && l.contains("增长率")),
        "{table}"
    );
    let csv = c.csv();
    assert!(
        csv.starts_with("企业,状态,项目,单位,2023年,2024年,变化,增长率（%）,说明\n"),
        "{csv}"
    );
    for text in [&c.summary_zh(), &table, &csv] {
        assert!(!text.contains("园区"), "{text}");
    }
    // The JSON names the word, so that the page and a reader of the JSON have it.
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["unit_noun"], "企业");

    // No unit in both years.
    let only_c = in_year(2023, vec![firm2("C", "1", "1", 2)]);
    let only_d = in_year(2024, vec![firm2("D", "1", "1", 2)]);
    let a = evaluate(&scheme, &only_c, &options).unwrap();
    let b = evaluate(&scheme, &only_d, &options).unwrap();
    let c = compare(&scheme, &only_c, &a, &only_d, &b);
    let messages: Vec<&str> = c.issues.iter().map(|i| i.message.as_str()).collect();
    assert!(
        messages.contains(&"两年没有共同的企业（按正式名称对照），无法比较名次"),
        "{messages:?}"
    );
    assert!(
        c.summary_zh().starts_with("没有两年均参评的企业；"),
        "{}",
        c.summary_zh()
    );
}

#[test]
fn the_readings_side_by_side_say_enterprises() {
    use parkscore::analysis::readings::readings;
    let scheme = enterprise_two();
    // A, B, C far apart: the same ranks and awards under every reading.
    let data = dataset(vec![
        firm2("A", "10", "10", 2),
        firm2("B", "5", "5", 3),
        firm2("C", "1", "1", 4),
    ]);
    let r = readings(&scheme, &data, MissingPolicy::Error, d("0.5")).unwrap();
    assert_eq!(r.unit_noun(), "企业");
    assert_eq!(
        r.summary_zh,
        "第 1、2、3 名在全部 8 种口径下均为A、B、C；全部 3 个企业的名次和奖励在 8 种口径下均相同"
    );
    let table = r.table();
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("企业") && l.contains("[1] 名次/总分/奖励")),
        "{table}"
    );
    let csv = r.csv();
    assert!(
        csv.starts_with(
            "企业,口径,计分方法,附加分,默认口径,名次,总分,奖励（万元）,名次有变化,奖励有变化\n"
        ),
        "{csv}"
    );
    for text in [&r.summary_zh, &table, &csv] {
        assert!(!text.contains("园区"), "{text}");
    }
    let none = readings(
        &scheme,
        &dataset(Vec::new()),
        MissingPolicy::Error,
        d("0.5"),
    )
    .unwrap();
    assert_eq!(none.summary_zh, "没有参评企业");
}

#[test]
fn the_rank_stability_says_enterprises() {
    use parkscore::analysis::stability::{stability, StabilityParams};
    let scheme = enterprise_two();
    let params = StabilityParams {
        samples: 200,
        ..StabilityParams::default()
    };
    let data = dataset(vec![
        firm2("A", "10", "10", 2),
        firm2("B", "5", "5", 3),
        firm2("C", "1", "1", 4),
    ]);
    let s = stability(&scheme, &data, &Options::default(), params).unwrap();
    assert_eq!(s.unit_noun(), "企业");
    let table = s.table();
    assert!(
        table.contains("\n相邻企业 P(上者排在下者之前)：\n"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("名次") && l.split_whitespace().nth(1) == Some("企业")),
        "{table}"
    );
    assert!(!table.contains("园区"), "{table}");

    // Past the limit of 2000 units the error names them too.
    let many: Vec<ParkRecord> = (0..2001)
        .map(|i| firm2(&format!("企{i:04}"), &i.to_string(), "1", i + 2))
        .collect();
    let err = stability(&scheme, &dataset(many), &Options::default(), params).unwrap_err();
    assert_eq!(err[0].message, "参评企业 2001 个，超过稳定性分析的上限");
    assert_eq!(err[0].expected.as_deref(), Some("不超过 2000 个企业"));
}

#[test]
fn the_room_to_move_up_says_enterprises() {
    let scheme = enterprise_two();
    let options = Options::default();
    let data = dataset(vec![
        firm2("A", "10", "10", 2),
        firm2("B", "5", "5", 3),
        firm2("C", "1", "1", 4),
    ]);
    let e = evaluate(&scheme, &data, &options).unwrap();
    let noun = e.reading.unit_noun();
    let gaps = move_up::gaps(&e);
    let csv = move_up::gaps_csv(&gaps, 2, noun);
    assert!(
        csv.starts_with("名次,企业,总分,上一名次,上一名次的企业,差距（分）,并列\n"),
        "{csv}"
    );
    let table = move_up::gaps_table(&gaps, 2, noun);
    assert!(
        table.lines().next().unwrap().split_whitespace().nth(1) == Some("企业"),
        "{table}"
    );

    let t = move_up::targets(&scheme, &data, &options, "C").unwrap();
    assert_eq!(t.unit_noun(), "企业");
    let text = t.table();
    assert!(
        text.contains("各排序法指标提升一个名次所需的数值（达到相邻较优企业的数值即与其并列）"),
        "{text}"
    );
    let csv = t.csv(None);
    assert!(csv.starts_with("企业,指标,指标代码,现值,单位,"), "{csv}");
    for text in [&text, &csv, &t.summary_zh()] {
        assert!(!text.contains("园区"), "{text}");
    }

    // Twelve units tied first, one behind: the lists are cut as 等 12 个企业.
    let scheme = enterprise_one();
    let mut parks: Vec<ParkRecord> = (0..12)
        .map(|i| firm(&format!("企{i:02}"), Some("9"), i + 2))
        .collect();
    parks.push(firm("末", Some("5"), 20));
    let e = evaluate(&scheme, &dataset(parks), &options).unwrap();
    let gaps = move_up::gaps(&e);
    let cut = "企00、企01、企02、企03、企04、企05、企06、企07、企08、企09等 12 个企业";
    let csv = move_up::gaps_csv(&gaps, 2, e.reading.unit_noun());
    assert!(
        csv.contains(&format!("\n13,末,5.00,1,{cut},4.00,否\n")),
        "{csv}"
    );
    let last = gaps.last().unwrap();
    assert_eq!(
        last.sentence_zh_for(2, e.reading.unit_noun()),
        format!("末 第 13 名（5.00 分），距第 1 名 {cut} 差 4.00 分")
    );
}

// ===== The import's header messages =====

fn issues_of(csv: &str, scheme: &Scheme) -> Vec<parkscore::Issue> {
    let table = import::read(csv.as_bytes(), "数据.csv", None, scheme).unwrap();
    import::validate(&table, scheme).issues
}

#[test]
fn the_imports_header_messages_name_the_schemes_word() {
    let preset = presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();

    // A header row (three indicators) without a name column.
    let issues = issues_of(
        "公司,亩均税收（万元/亩）,亩均销售收入（万元/亩）,单位能耗税收（万元/吨标准煤）\n\
         甲公司,30,600,6\n",
        &scheme,
    );
    let missing = issues
        .iter()
        .find(|i| i.message.starts_with("缺少必需的列"))
        .expect("the name column is missing");
    assert_eq!(missing.message, "缺少必需的列「企业名称」");
    assert_eq!(
        missing.expected.as_deref(),
        Some("表头「企业名称」（或 名称、单位名称）")
    );
    assert_eq!(missing.location.column.as_deref(), Some("企业名称"));

    // No header row at all.
    let issues = issues_of("甲,乙\n1,2\n", &scheme);
    let none = issues.iter().find(|i| i.is_error()).unwrap();
    assert!(
        none.message.starts_with("在前 ")
            && none
                .message
                .ends_with("行中没有找到表头行（没有一行同时含有企业名称和指标列名）"),
        "{}",
        none.message
    );
    assert!(
        none.expected
            .as_deref()
            .unwrap()
            .starts_with("一行表头，例如「企业名称」「"),
        "{:?}",
        none.expected
    );

    // A total row below the firms.
    let issues = issues_of(
        "企业名称,亩均税收（万元/亩）,亩均销售收入（万元/亩）,单位能耗税收（万元/吨标准煤）\n\
         甲公司,30,600,6\n\
         合计,30,600,6\n",
        &scheme,
    );
    assert!(
        issues
            .iter()
            .any(|i| i.message == "合计/平均/小计行，已忽略（不是企业，不参与评分）"),
        "{issues:?}"
    );
    assert!(issues
        .iter()
        .all(|i| !i.message.contains("园区")
            && !i.expected.as_deref().unwrap_or("").contains("园区")));
}

/// A word whose `…名称` is not a header the import knows (学校名称): the messages ask for one it
/// does know, 单位名称, which reads.
#[test]
fn the_import_asks_for_a_name_header_it_accepts() {
    let text = include_str!("data/two-indicators.toml").replacen(
        "id = \"two\"\n",
        "id = \"two\"\nunit_noun = \"学校\"\n",
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    let issues = issues_of("学校名称,甲指标,乙指标\nA,1,2\nB,2,1\n", &scheme);
    let missing = issues
        .iter()
        .find(|i| i.message.starts_with("缺少必需的列"))
        .expect("学校名称 is not a name header");
    assert_eq!(missing.message, "缺少必需的列「单位名称」");
    assert_eq!(
        missing.expected.as_deref(),
        Some("表头「单位名称」（或 名称）")
    );
    let issues = issues_of("单位名称,甲指标,乙指标\nA,1,2\nB,2,1\n", &scheme);
    assert!(issues.iter().all(|i| !i.is_error()), "{issues:?}");
}

/// Chifeng's wording of the same messages, unchanged.
#[test]
fn chifengs_import_header_messages_are_unchanged() {
    let scheme = Scheme::chifeng_2020();
    let issues = issues_of(
        "名字,新增工业总产值,工业总产值增速\n东山园区,1,2\n",
        &scheme,
    );
    let missing = issues
        .iter()
        .find(|i| i.message.starts_with("缺少必需的列「园区"))
        .expect("the name column is missing");
    assert_eq!(missing.message, "缺少必需的列「园区名称」");
    assert_eq!(
        missing.expected.as_deref(),
        Some("表头「园区名称」（或 园区、单位名称）")
    );
    let issues = issues_of("甲,乙\n1,2\n", &scheme);
    let none = issues.iter().find(|i| i.is_error()).unwrap();
    assert!(
        none.message
            .ends_with("行中没有找到表头行（没有一行同时含有园区名称和指标列名）"),
        "{}",
        none.message
    );
    assert!(none
        .expected
        .as_deref()
        .unwrap()
        .starts_with("一行表头，例如「园区名称」「"));
    let issues = issues_of(
        "园区名称,新增工业总产值,工业总产值增速\n东山园区,1,2\n合计,1,2\n",
        &scheme,
    );
    assert!(
        issues
            .iter()
            .any(|i| i.message == "合计/平均/小计行，已忽略（不是园区，不参与评分）"),
        "{issues:?}"
    );
}

// ===== The issues' places (`Location`: 园区「…」, 企业「…」) =====

#[test]
fn an_issues_place_names_the_unit_by_the_schemes_word() {
    // The import: a cell that is not a number.
    let preset = presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();
    let issues = issues_of(
        "企业名称,亩均税收（万元/亩）,亩均销售收入（万元/亩）,单位能耗税收（万元/吨标准煤）\n\
         甲公司,abc,600,6\n",
        &scheme,
    );
    let bad = issues.iter().find(|i| i.message == "不是数字").unwrap();
    assert_eq!(
        bad.location.to_string(),
        "文件 数据.csv，第 2 行，列「亩均税收（万元/亩）」，企业「甲公司」"
    );
    assert!(
        bad.to_string()
            .starts_with("错误：文件 数据.csv，第 2 行，列「亩均税收（万元/亩）」，企业「甲公司」：不是数字（原文「abc」"),
        "{bad}"
    );
    // The word travels with the issue (a saved session, the worker's answer).
    let json = serde_json::to_string(bad).unwrap();
    assert!(json.contains(r#""park":"甲公司","noun":"企业""#), "{json}");
    let back: parkscore::Issue = serde_json::from_str(&json).unwrap();
    assert_eq!(back.to_string(), bad.to_string());
    assert!(
        issues.iter().all(|i| !i.to_string().contains("园区")),
        "{issues:?}"
    );

    // The engine: a direct score beyond its maximum, and missing values under 缺失计 0 分.
    let scheme = enterprise_one();
    let err = evaluate(
        &scheme,
        &dataset(vec![firm("甲", Some("12"), 2), firm("乙", Some("3"), 3)]),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err[0].location.to_string(),
        "文件 测试.csv，第 2 行，列「得分」，企业「甲」"
    );
    assert!(
        err.iter().all(|i| !i.to_string().contains("园区")),
        "{err:?}"
    );
    let zero = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let e = evaluate(
        &scheme,
        &dataset(vec![firm("甲", None, 2), firm("乙", Some("3"), 3)]),
        &zero,
    )
    .unwrap();
    let note = e
        .notes
        .iter()
        .find(|n| n.message.starts_with("缺失数值"))
        .unwrap();
    assert_eq!(
        note.to_string(),
        "警告：文件 测试.csv，第 2 行，列「得分」，企业「甲」：缺失数值，已按“缺失计 0 分”计分"
    );
    let err = evaluate(
        &scheme,
        &dataset(vec![firm("甲", Some("1"), 2), firm("甲", Some("2"), 5)]),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(
        err[0].location.to_string(),
        "文件 测试.csv，第 5 行，列「企业名称」，企业「甲」"
    );

    // The analyses: 假设分析 and 提升空间 on a unit they do not know.
    let data = dataset(vec![firm("甲", Some("9"), 2), firm("乙", Some("5"), 3)]);
    let err = what_if::what_if(
        &scheme,
        &data,
        &Options::default(),
        "乙",
        &[(IndicatorId::from("nope"), Some(d("6")))],
    )
    .unwrap_err();
    assert_eq!(err[0].location.to_string(), "企业「乙」");
    let err = what_if::what_if(&scheme, &data, &Options::default(), "丙", &[]).unwrap_err();
    assert_eq!(err[0].location.to_string(), "企业「丙」");
    let err = move_up::targets(&scheme, &data, &Options::default(), "丙").unwrap_err();
    assert_eq!(err[0].location.to_string(), "企业「丙」");
}

/// Chifeng's places say 园区 and carry no word: its issues serialize as they always have.
#[test]
fn chifengs_issue_places_are_unchanged() {
    let scheme = Scheme::chifeng_2020();
    let issues = issues_of(
        "园区名称,新增工业总产值,工业总产值增速\n东山园区,abc,2\n",
        &scheme,
    );
    let bad = issues.iter().find(|i| i.message == "不是数字").unwrap();
    assert_eq!(
        bad.location.to_string(),
        "文件 数据.csv，第 2 行，列「新增工业总产值」，园区「东山园区」"
    );
    assert_eq!(bad.location.noun, None);
    assert_eq!(
        serde_json::to_string(&bad.location).unwrap(),
        r#"{"file":"数据.csv","sheet":null,"row":2,"column":"新增工业总产值","park":"东山园区"}"#
    );
    let sample = include_str!("../data/sample-2020.csv");
    let table = import::read(sample.as_bytes(), "sample.csv", None, &scheme).unwrap();
    let data = import::validate(&table, &scheme).dataset;
    let err = what_if::what_if(&scheme, &data, &Options::default(), "西山园区", &[]).unwrap_err();
    assert_eq!(err[0].location.to_string(), "园区「西山园区」");
    assert!(!serde_json::to_string(&err[0]).unwrap().contains("noun"));
}

// ===== The merge of several files (合并) =====

/// Reads and validates each `(name, text)` as a part under `scheme`, then merges them.
fn merged(
    scheme: &Scheme,
    files: &[(&str, String)],
    choices: &Choices,
    options: &ValidateOptions,
) -> Merged {
    let tables: Vec<_> = files
        .iter()
        .map(|(name, text)| import::read(text.as_bytes(), name, None, scheme).unwrap())
        .collect();
    let validated: Vec<Validated> = tables
        .iter()
        .map(|t| import::validate_part(t, scheme, options))
        .collect();
    let parts: Vec<Part<'_>> = files
        .iter()
        .zip(&tables)
        .zip(&validated)
        .map(|(((name, _), table), v)| Part {
            name,
            sheet: None,
            table,
            validated: v,
        })
        .collect();
    merge(scheme, &parts, choices, options)
}

/// Two files of 23 units (`{prefix}00` …) that differ on every one in `x` (header `x`);
/// the second also gives `y` (header `y`), for the first unit only.
fn two_files(name_header: &str, prefix: &str, x: &str, y: &str) -> Vec<(&'static str, String)> {
    let one: String = (0..23).map(|i| format!("{prefix}{i:02},{i}\n")).collect();
    let two: String = (0..23)
        .map(|i| {
            let y = if i == 0 { "1" } else { "" };
            format!("{prefix}{i:02},{},{y}\n", i + 100)
        })
        .collect();
    vec![
        ("a.csv", format!("{name_header},{x}\n{one}")),
        ("b.csv", format!("{name_header},{x},{y}\n{two}")),
    ]
}

fn merge_options(allow_missing_units: bool) -> ValidateOptions {
    ValidateOptions {
        allow_missing_units,
        allow_unlisted: true,
        missing: Some(MissingPolicy::Zero),
    }
}

fn messages(m: &Merged) -> Vec<String> {
    m.issues.iter().map(|i| i.message.clone()).collect()
}

#[test]
fn the_merges_messages_say_enterprises() {
    // The two-indicator scheme of enterprises, with a unit list: 23 firms and one absent.
    let mut units: Vec<String> = (0..23).map(|i| format!("\"F{i:02}\"")).collect();
    units.push("\"缺席公司\"".to_owned());
    let text = include_str!("data/two-indicators.toml").replacen(
        "id = \"two\"\n",
        &format!(
            "id = \"two\"\nunit_noun = \"企业\"\nunits = [{}]\n",
            units.join(", ")
        ),
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(scheme.unit_noun(), "企业");
    let files = two_files("企业名称", "F", "甲指标", "乙指标");

    let m = merged(&scheme, &files, &Choices::default(), &merge_options(false));
    let all = messages(&m);
    let conflict = m
        .issues
        .iter()
        .find(|i| i.message.starts_with("各文件的数值不一致"))
        .unwrap();
    assert_eq!(conflict.location.to_string(), "列「甲指标」，企业「F00」");
    assert!(
        all.contains(&"「甲指标」另有 3 个企业的数值各文件不一致（逐个说明从略）".to_owned()),
        "{all:?}"
    );
    let absent = m
        .issues
        .iter()
        .find(|i| i.location.park.as_deref() == Some("缺席公司"))
        .unwrap();
    assert_eq!(
        absent.to_string().split("（应为").next().unwrap(),
        "错误：企业「缺席公司」：方案名单中的参评单位「缺席公司」不在任何一个合并的文件中：缺少它会改变每个企业排序法得分的 N"
    );
    assert!(
        all.contains(
            &"（方案未注明负责单位） 尚未提供：乙指标（22 个企业：F01、F02、F03、F04、F05、F06、F07、F08、F09、F10等 22 个企业）"
                .to_owned()
        ),
        "{all:?}"
    );
    let missing = missing_by_department(&scheme, &m.missing);
    assert_eq!(missing.len(), 1);
    assert!(missing[0].1.ends_with("等 22 个企业）"), "{missing:?}");

    // A preference settles the conflicts; the absent firm is let go.
    let prefer = Choices {
        prefer: vec!["a.csv".to_owned()],
        ..Choices::default()
    };
    let m = merged(&scheme, &files, &prefer, &merge_options(true));
    let all = messages(&m);
    assert!(
        all.contains(&"「甲指标」另有 3 个企业的数值各文件不一致，已按选定或文件优先顺序取值（逐个说明从略）".to_owned()),
        "{all:?}"
    );
    assert!(
        all.contains(&"方案名单中的 1 个单位不在任何文件中：缺席公司；按所选口径继续评分，它们不参加评分，参评企业数 N 不含它们".to_owned()),
        "{all:?}"
    );

    // The first file alone: nobody has 乙指标.
    let m = merged(
        &scheme,
        &files[..1],
        &Choices::default(),
        &merge_options(true),
    );
    let all = messages(&m);
    assert!(
        all.contains(&"（方案未注明负责单位） 尚未提供：乙指标（23 个企业）".to_owned()),
        "{all:?}"
    );
    for m in [
        merged(&scheme, &files, &Choices::default(), &merge_options(false)),
        merged(&scheme, &files, &prefer, &merge_options(true)),
    ] {
        assert!(
            m.issues.iter().all(|i| !i.to_string().contains("园区")),
            "{:?}",
            m.issues
        );
    }
}

/// Chifeng's merge messages, unchanged.
#[test]
fn chifengs_merge_messages_are_unchanged() {
    let scheme = Scheme::chifeng_2020();
    let files = two_files(
        "园区名称",
        "园区",
        "新增工业总产值（亿元）",
        "上缴税金总额（万元）",
    );
    let m = merged(&scheme, &files, &Choices::default(), &merge_options(false));
    let all = messages(&m);
    let conflict = m
        .issues
        .iter()
        .find(|i| i.message.starts_with("各文件的数值不一致"))
        .unwrap();
    assert_eq!(
        conflict.location.to_string(),
        "列「新增工业总产值」，园区「园区00」"
    );
    assert!(
        all.contains(
            &"「新增工业总产值」另有 3 个园区的数值各文件不一致（逐个说明从略）".to_owned()
        ),
        "{all:?}"
    );
    assert!(
        all.contains(&"方案名单中的参评单位「东山园区」不在任何一个合并的文件中：缺少它会改变每个园区排序法得分的 N".to_owned()),
        "{all:?}"
    );
    assert!(
        all.iter().any(|s| s.contains(
            "上缴税金总额（22 个园区：园区01、园区02、园区03、园区04、园区05、园区06、园区07、园区08、园区09、园区10等 22 个园区）"
        )),
        "{all:?}"
    );
    let prefer = Choices {
        prefer: vec!["a.csv".to_owned()],
        ..Choices::default()
    };
    let m = merged(&scheme, &files, &prefer, &merge_options(true));
    let all = messages(&m);
    assert!(
        all.contains(&"「新增工业总产值」另有 3 个园区的数值各文件不一致，已按选定或文件优先顺序取值（逐个说明从略）".to_owned()),
        "{all:?}"
    );
    assert!(
        all.iter().any(
            |s| s.starts_with("方案名单中的 14 个单位不在任何文件中：东山园区、")
                && s.ends_with("；按所选口径继续评分，它们不参加评分，参评园区数 N 不含它们")
        ),
        "{all:?}"
    );
    assert!(all.iter().any(|s| s.contains("（23 个园区）")), "{all:?}");
}

// ===== The import's refusals of a file too large, and the other sheet that fits =====

/// A workbook of two sheets with the same header row (`header`) and one row under it.
fn two_sheets(header: &[&str], row: &[&str]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in ["2024年", "2023年"] {
        let sheet = wb.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The refusals of a file, a table and a cell too large, and the note on a second sheet
/// that fits, under `scheme` (word `noun`): the whole messages, by hand.
fn refusals(scheme: &Scheme, header: &[&str], row: &[&str]) -> Vec<String> {
    let big = vec![b'a'; import::MAX_FILE_BYTES + 1];
    let file = import::read(&big, "大.csv", None, scheme).unwrap_err();
    let rows: String = std::iter::once(header.join(","))
        .chain((0..import::MAX_ROWS + 60).map(|i| format!("单位{i},1,2,3")))
        .collect::<Vec<_>>()
        .join("\n");
    let many = import::read(rows.as_bytes(), "多.csv", None, scheme).unwrap_err();
    let long = format!(
        "{}\n{},{}\n",
        header.join(","),
        "长".repeat(import::MAX_CELL_CHARS + 1),
        row[1..].join(",")
    );
    let long = import::read(long.as_bytes(), "长.csv", None, scheme).unwrap_err();
    let book = two_sheets(header, row);
    let table = import::read(&book, "两年.xlsx", None, scheme).unwrap();
    let other = table
        .notes
        .iter()
        .find(|n| n.message.starts_with("工作表「2023年」"))
        .expect("the other sheet is named");
    vec![
        file.message,
        many.message,
        long.message,
        other.message.clone(),
    ]
}

#[test]
fn the_imports_refusals_name_the_schemes_word() {
    let preset = presets::preset("huaian-2024").unwrap();
    let scheme = preset.scheme().unwrap();
    let said = refusals(
        &scheme,
        &[
            "企业名称",
            "亩均税收（万元/亩）",
            "亩均销售收入（万元/亩）",
            "单位能耗税收（万元/吨标准煤）",
        ],
        &["甲公司", "30", "600", "6"],
    );
    assert_eq!(
        said,
        [
            "文件「大.csv」有 20.0 MB，超过上限 20 MB，未读取；请只保留企业数据后再导入",
            "表格超过 100000 行的上限，未读取；请只保留企业数据后再导入",
            "单元格内容超过 32767 个字符，未读取（可能不是企业数据表）",
            "工作表「2023年」也像是企业数据表；本次读取的是「2024年」",
        ]
    );
}

/// Chifeng's wording of the same refusals, unchanged.
#[test]
fn chifengs_import_refusals_are_unchanged() {
    let said = refusals(
        &Scheme::chifeng_2020(),
        &[
            "园区名称",
            "新增工业总产值",
            "工业总产值增速",
            "上缴税金总额",
        ],
        &["东山园区", "1", "2", "3"],
    );
    assert_eq!(
        said,
        [
            "文件「大.csv」有 20.0 MB，超过上限 20 MB，未读取；请只保留园区数据后再导入",
            "表格超过 100000 行的上限，未读取；请只保留园区数据后再导入",
            "单元格内容超过 32767 个字符，未读取（可能不是园区数据表）",
            "工作表「2023年」也像是园区数据表；本次读取的是「2024年」",
        ]
    );
}

// ===== The import templates (填报模板): the data sheet's notes and 填报说明 =====

/// Chifeng's scheme, calling its units 企业 (its veto, bonus and unit list kept).
fn chifeng_of_enterprises() -> Scheme {
    let text = presets::preset("chifeng-2020").unwrap().toml.replacen(
        "\nrounding_places = 2\n",
        "\nunit_noun = \"企业\"\nrounding_places = 2\n",
        1,
    );
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(scheme.unit_noun(), "企业");
    scheme
}

/// The full .xlsx template's 填报说明 (every cell, one string) and its data sheet's notes (the
/// comments' XML).
fn template_texts(scheme: &Scheme) -> (String, String) {
    use parkscore::export::template::{template_bytes, TemplateFor, TemplateFormat, GUIDE_SHEET};
    use std::io::Read;
    let bytes = template_bytes(scheme, TemplateFor::All, TemplateFormat::Xlsx).unwrap();
    let guide = import::read(&bytes, "t.xlsx", Some(GUIDE_SHEET), scheme).unwrap();
    let guide: Vec<String> = guide
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .collect();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut comments = String::new();
    zip.by_name("xl/comments1.xml")
        .unwrap()
        .read_to_string(&mut comments)
        .unwrap();
    (guide.join("\n"), comments)
}

#[test]
fn the_templates_notes_say_the_schemes_word() {
    // 淮安: no unit list, no veto, no bonus.
    let huaian = presets::preset("huaian-2024").unwrap().scheme().unwrap();
    let (guide, comments) = template_texts(&huaian);
    assert!(
        guide.contains("在「数据」工作表中每行填写一个企业；表头请勿修改"),
        "{guide}"
    );
    assert!(
        comments.contains("每行一个企业；名称须唯一。"),
        "{comments}"
    );
    assert!(!guide.contains("园区"), "{guide}");
    assert!(!comments.contains("园区"), "{comments}");

    // Chifeng's rules for enterprises: the veto's notes too; its kinds of recognition
    // (绿色园区 …) are its document's and stay.
    let (guide, comments) = template_texts(&chifeng_of_enterprises());
    assert!(
        guide.contains("在「数据」工作表中每行填写一个企业；"),
        "{guide}"
    );
    assert!(
        guide.contains(
            "一票否决：发生重特大安全生产事故或环境污染事件的企业填「是」，并在「否决原因」中写明。"
        ),
        "{guide}"
    );
    assert!(guide.contains("绿色园区、智慧园区、循环经济园区等认定项数"));
    assert!(
        comments.contains("每行一个企业；名称须唯一。已列出方案中的 14 个参评单位。"),
        "{comments}"
    );
    assert!(
        comments.contains(
            "发生重特大安全生产事故或环境污染事件的企业填「是」，并在「否决原因」中写明：当年不予评价考核。"
        ),
        "{comments}"
    );
    assert!(
        !guide.contains("的园区") && !guide.contains("一个园区"),
        "{guide}"
    );
    assert!(!comments.contains("园区填") && !comments.contains("一个园区"));
}

/// Chifeng's template notes, unchanged.
#[test]
fn chifengs_template_notes_are_unchanged() {
    let (guide, comments) = template_texts(&Scheme::chifeng_2020());
    assert!(guide.contains("在「数据」工作表中每行填写一个园区；表头请勿修改（列的顺序可以调整，单位写在括号中，如「（亿元）」；写「（万元）」时工具会自动换算为亿元）。"), "{guide}");
    assert!(guide.contains(
        "一票否决：发生重特大安全生产事故或环境污染事件的园区填「是」，并在「否决原因」中写明。"
    ));
    assert!(guide.contains("省级认定数、国家级认定数填本年度获得的绿色园区、智慧园区、循环经济园区等认定项数，没有填 0 或留空。"));
    assert!(comments.contains("每行一个园区；名称须唯一。已列出方案中的 14 个参评单位。"));
    assert!(comments.contains(
        "发生重特大安全生产事故或环境污染事件的园区填「是」，并在「否决原因」中写明：当年不予评价考核。"
    ));
}

// ===== A scheme's own errors: neutral words (a scheme that fails to load has no word) =====

#[test]
fn a_schemes_errors_about_units_read_for_any_word() {
    // A unit listed twice, in a scheme of enterprises and in Chifeng's.
    let firms = include_str!("data/one-indicator.toml").replacen(
        "id = \"one\"\n",
        "id = \"one\"\nunit_noun = \"企业\"\nunits = [\"甲公司\", \"甲公司\"]\n",
        1,
    );
    let e = Scheme::from_toml(&firms).unwrap_err().to_string();
    assert!(
        e.starts_with("参评单位「甲公司」在 units 中重复列出"),
        "{e}"
    );
    assert!(!e.contains("园区"), "{e}");
    let chifeng = presets::preset("chifeng-2020").unwrap().toml.replacen(
        r#""东山园区", "红山园区""#,
        r#""东山园区", "东山园区""#,
        1,
    );
    let e = Scheme::from_toml(&chifeng).unwrap_err().to_string();
    assert!(
        e.starts_with("参评单位「东山园区」在 units 中重复列出"),
        "{e}"
    );

    // lower_is_better on a method that compares nothing.
    let firms = include_str!("data/one-indicator.toml")
        .replacen("id = \"one\"\n", "id = \"one\"\nunit_noun = \"企业\"\n", 1)
        .replacen(
            "bureau = \"局\"",
            "direction = \"lower_is_better\"\nbureau = \"局\"",
            1,
        );
    let e = Scheme::from_toml(&firms).unwrap_err().to_string();
    assert!(
        e.starts_with("指标 x 使用 direct 方法，不比较参评单位之间的数值，不能设置 direction = \"lower_is_better\""),
        "{e}"
    );
    assert!(!e.contains("园区"), "{e}");
}

#[test]
fn a_templates_name_column_is_headed_by_the_schemes_word_and_reads_back() {
    use parkscore::export::template::{template_bytes, Template, TemplateFor, TemplateFormat};
    let chifeng = Scheme::chifeng_2020();
    let headers = Template::new(&chifeng, TemplateFor::All).unwrap().headers();
    assert_eq!(headers[0], "园区名称");
    let huaian = presets::preset("huaian-2024").unwrap().scheme().unwrap();
    let headers = Template::new(&huaian, TemplateFor::All).unwrap().headers();
    assert_eq!(headers[0], "企业名称");
    assert!(headers.iter().all(|h| !h.contains("园区")), "{headers:?}");
    // The empty template reads back with its name column found (no 缺少必需的列).
    let bytes = template_bytes(&huaian, TemplateFor::All, TemplateFormat::Xlsx).unwrap();
    let table = import::read(&bytes, "t.xlsx", None, &huaian).unwrap();
    let validated = import::validate(&table, &huaian);
    assert!(
        validated
            .issues
            .iter()
            .all(|i| !i.message.contains("缺少必需的列")),
        "{:?}",
        validated.issues
    );
    assert!(validated.header_row.is_some());
}

#[test]
fn a_json_file_that_is_no_table_is_shown_the_shape_with_the_schemes_name_header() {
    let not_a_table = br#"{"a": 1}"#;
    let huaian = presets::preset("huaian-2024").unwrap().scheme().unwrap();
    let issue = import::read(not_a_table, "x.json", None, &huaian).unwrap_err();
    assert_eq!(
        issue.expected.as_deref(),
        Some(r#"对象数组 [{"企业名称": "…", …}]，或 {"columns": […], "rows": [[…]]}"#)
    );
    let issue = import::read(not_a_table, "x.json", None, &Scheme::chifeng_2020()).unwrap_err();
    assert_eq!(
        issue.expected.as_deref(),
        Some(r#"对象数组 [{"园区名称": "东山园区", …}]，或 {"columns": […], "rows": [[…]]}"#)
    );
}
