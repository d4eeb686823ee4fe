//! Year over year (issue 12 §4): two years compared, expected values worked out by hand in the
//! comments; and the analyses' workbook read back cell by cell.

use calamine::{Data, Reader, Xlsx};
use parkscore::analysis::compare::{
    compare, Comparison, Growth, Movement, NoGrowth, ParkComparison, Status,
};
use parkscore::analysis::readings::readings;
use parkscore::analysis::stability::{stability, StabilityParams};
use parkscore::dataset::{Dataset, ParkRecord, Veto};
use parkscore::export::report::{analyses_xlsx, Analyses};
use parkscore::{evaluate, import, IndicatorId, MissingPolicy, Options, Scheme, Score};
use rust_decimal::Decimal;
use std::io::{Cursor, Read};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

const TWO: &str = include_str!("data/two-indicators.toml");

/// A park of the two-indicator scheme (x worth 6, y worth 4, both rank_linear; one group g).
fn park(name: &str, x: Option<&str>, y: Option<&str>) -> ParkRecord {
    let mut p = ParkRecord::new(name);
    if let Some(x) = x {
        p.values.insert(IndicatorId::from("x"), d(x));
    }
    if let Some(y) = y {
        p.values.insert(IndicatorId::from("y"), d(y));
    }
    p
}

fn vetoed(mut p: ParkRecord) -> ParkRecord {
    p.veto = Some(Veto {
        reason: Some("事故".to_owned()),
    });
    p
}

fn year(y: Option<u16>, parks: Vec<ParkRecord>) -> Dataset {
    Dataset {
        year: y,
        source: None,
        parks,
    }
}

/// 2019: A x 10 y 1; B x 5 y 5; C x 3 y 0; D x 1 y 2; W x 2 y 3; V vetoed (x 100, y −4).
/// N = 5. rank_linear: x 6 × (5 − r) ÷ 4, y 4 × (5 − r) ÷ 4 = 5 − r.
///   x ranks A 1, B 2, C 3, W 4, D 5 → 6, 4.5, 3, 1.5, 0
///   y ranks B 1 (5), W 2 (3), D 3 (2), A 4 (1), C 5 (0) → 4, 3, 2, 1, 0
///   totals A 7, B 8.5, C 3, W 4.5, D 2 → B 1st, A 2nd, W 3rd, C 4th, D 5th.
fn last_year() -> Dataset {
    year(
        Some(2019),
        vec![
            park("A", Some("10"), Some("1")),
            park("B", Some("5"), Some("5")),
            park("C", Some("3"), Some("0")),
            park("D", Some("1"), Some("2")),
            park("W", Some("2"), Some("3")),
            vetoed(park("V", Some("100"), Some("-4"))),
        ],
    )
}

/// 2020: D gone, E new, V back, W vetoed (its y missing). C has a provincial recognition (+5).
/// N = 5 (A, B, C, E, V).
///   x: A 12 r1, V 9 r2, E 8 r3, B 5 r4, C −2 r5 → 6, 4.5, 3, 1.5, 0
///   y: A 6 r1, E 4 r2, C 3 r3, V 1 r4, B 0 r5 → 4, 3, 2, 1, 0
///   subtotals A 10, V 5.5, E 6, B 1.5, C 2; totals the same but C 2 + 5 = 7
///   → A 1st (10), C 2nd (7), E 3rd (6), V 4th (5.5), B 5th (1.5).
fn this_year() -> Dataset {
    let mut c = park("C", Some("-2"), Some("3"));
    c.provincial_recognitions = 1;
    year(
        Some(2020),
        vec![
            park("A", Some("12"), Some("6")),
            park("B", Some("5"), Some("0")),
            c,
            park("E", Some("8"), Some("4")),
            park("V", Some("9"), Some("1")),
            vetoed(park("W", Some("3"), None)),
        ],
    )
}

fn compared(last: &Dataset, this: &Dataset) -> Comparison {
    let scheme = Scheme::from_toml(TWO).unwrap();
    let options = Options::default();
    let a = evaluate(&scheme, last, &options).unwrap();
    let b = evaluate(&scheme, this, &options).unwrap();
    compare(&scheme, last, &a, this, &b)
}

fn at<'a>(c: &'a Comparison, name: &str) -> &'a ParkComparison {
    c.parks
        .iter()
        .find(|p| p.name.as_str() == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

fn score(s: &str) -> Option<Score> {
    Some(Score(d(s)))
}

#[test]
fn ranks_move_by_hand() {
    let c = compared(&last_year(), &this_year());
    // This year's ranking, then this year's vetoed park, then the park only last year had.
    let names: Vec<&str> = c.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["A", "C", "E", "V", "B", "W", "D"]);
    let moves: Vec<(Status, Movement)> = c.parks.iter().map(|p| (p.status, p.movement)).collect();
    assert_eq!(
        moves,
        [
            (Status::Both, Movement::Up(1)),    // A 2 → 1
            (Status::Both, Movement::Up(2)),    // C 4 → 2
            (Status::New, Movement::New),       // E
            (Status::Both, Movement::Unranked), // V vetoed in 2019, 4th now
            (Status::Both, Movement::Down(4)),  // B 1 → 5
            (Status::Both, Movement::Unranked), // W 3rd in 2019, vetoed now
            (Status::Gone, Movement::Gone),     // D
        ]
    );
    let labels: Vec<String> = c.parks.iter().map(|p| p.movement.label_zh()).collect();
    assert_eq!(labels, ["↑1", "↑2", "新参评", "—", "↓4", "—", "未参评"]);

    let a = at(&c, "A");
    assert_eq!(a.last.as_ref().unwrap().rank, Some(2));
    assert_eq!(a.this.as_ref().unwrap().rank, Some(1));
    // 7 → 10: +3; awards 200 → 300.
    assert_eq!(a.total.change, score("3"));
    assert_eq!(a.last.as_ref().unwrap().award_wan, Some(d("200")));
    assert_eq!(a.this.as_ref().unwrap().award_wan, Some(d("300")));
    // C: total 3 → 7 (+4) with the bonus, its group g 3 → 2 (−1).
    let c_ = at(&c, "C");
    assert_eq!(c_.total.last, score("3"));
    assert_eq!(c_.total.this, score("7"));
    assert_eq!(c_.total.change, score("4"));
    assert_eq!(c_.groups.len(), 1);
    assert_eq!(c_.groups[0].change, score("-1"));
    // B: 8.5 → 1.5.
    assert_eq!(at(&c, "B").total.change, score("-7"));
    // Vetoed: no rank, the veto said; no total change.
    let v = at(&c, "V");
    assert_eq!(v.last.as_ref().unwrap().rank, None);
    assert!(v.last.as_ref().unwrap().veto.is_some());
    assert_eq!(v.this.as_ref().unwrap().rank, Some(4));
    assert_eq!(v.total.change, None);
    assert_eq!(v.vetoed(), (true, false));
    let w = at(&c, "W");
    assert_eq!(w.vetoed(), (false, true));
    assert_eq!(w.last.as_ref().unwrap().rank, Some(3));
    assert_eq!(w.this.as_ref().unwrap().rank, None);
    // New and gone.
    assert_eq!(at(&c, "E").last, None);
    assert_eq!(at(&c, "E").this.as_ref().unwrap().rank, Some(3));
    assert_eq!(at(&c, "D").this, None);
    assert_eq!(at(&c, "D").last.as_ref().unwrap().rank, Some(5));
    assert_eq!((c.last_ranked, c.this_ranked), (5, 5));
    assert!(c.issues.is_empty(), "{:?}", c.issues);
}

#[test]
fn growth_by_hand() {
    let c = compared(&last_year(), &this_year());
    let x = |name: &str| at(&c, name).values[0];
    let y = |name: &str| at(&c, name).values[1];
    // A x 10 → 12: +2, 2 ÷ 10 = 20 %; y 1 → 6: +5, 500 %.
    assert_eq!(x("A").change, Some(d("2")));
    assert_eq!(x("A").growth, Growth::Percent(d("20")));
    assert_eq!(y("A").growth, Growth::Percent(d("500")));
    // C x 3 → −2: −5, −5 ÷ 3 = −166.666… → −166.67 % (half away from zero).
    assert_eq!(x("C").change, Some(d("-5")));
    assert_eq!(x("C").growth, Growth::Percent(d("-166.67")));
    assert_eq!(x("C").growth_text(2), "-166.67 %");
    // C y 0 → 3: +3, no growth from 0.
    assert_eq!(y("C").change, Some(d("3")));
    assert_eq!(y("C").growth, Growth::Undefined(NoGrowth::LastZero));
    assert_eq!(y("C").growth_text(2), "—");
    assert_eq!(y("C").reason_zh(), Some("上年为 0，增长率无意义"));
    // B x 5 → 5: 0 %; y 5 → 0: −100 %.
    assert_eq!(x("B").growth, Growth::Percent(d("0")));
    assert_eq!(x("B").growth_text(2), "0.00 %");
    assert_eq!(y("B").growth_text(2), "-100.00 %");
    // V y −4 → 1: +5 ÷ |−4| = +125 % (a negative value rising grows).
    assert_eq!(y("V").change, Some(d("5")));
    assert_eq!(y("V").growth, Growth::Percent(d("125")));
    assert_eq!(y("V").growth_text(2), "+125.00 %");
    assert_eq!(y("V").change_text(), "+5");
    // V x 100 → 9: −91 %.
    assert_eq!(x("V").growth_text(2), "-91.00 %");
    // W y missing this year.
    assert_eq!(y("W").last, Some(d("3")));
    assert_eq!(y("W").this, None);
    assert_eq!(y("W").change, None);
    assert_eq!(y("W").growth, Growth::Undefined(NoGrowth::ThisMissing));
    // New and gone parks have one side only.
    assert_eq!(x("E").this, Some(d("8")));
    assert_eq!(x("E").growth, Growth::Undefined(NoGrowth::NewPark));
    assert_eq!(x("D").last, Some(d("1")));
    assert_eq!(x("D").growth, Growth::Undefined(NoGrowth::GonePark));
}

#[test]
fn a_missing_last_value_and_huge_values_give_no_growth() {
    use parkscore::analysis::compare::ValueChange;
    let g = |last: Option<&str>, this: Option<&str>| {
        ValueChange::of(Status::Both, last.map(d), this.map(d), 2).growth
    };
    assert_eq!(g(None, Some("3")), Growth::Undefined(NoGrowth::LastMissing));
    assert_eq!(g(None, None), Growth::Undefined(NoGrowth::LastMissing));
    // 1 → 1.00005: 0.005 % → 0.01 % (half away from zero); −0.00005 % → −0.00.
    assert_eq!(g(Some("1"), Some("1.00005")), Growth::Percent(d("0.01")));
    assert_eq!(g(Some("-8"), Some("-2")), Growth::Percent(d("75")));
    // Overflow: the change itself, or × 100.
    let max = Decimal::MAX.to_string();
    let min = Decimal::MIN.to_string();
    let v = ValueChange::of(Status::Both, Some(d(&min)), Some(d(&max)), 2);
    assert_eq!(v.change, None);
    assert_eq!(v.growth, Growth::Undefined(NoGrowth::Overflow));
    assert_eq!(v.change_text(), "—");
    assert_eq!(
        g(Some("1"), Some(&max)),
        Growth::Undefined(NoGrowth::Overflow)
    );
}

#[test]
fn sentences_by_hand() {
    let c = compared(&last_year(), &this_year());
    assert_eq!(
        c.summary_zh(),
        "3 个园区两年均参评：2 个名次上升，1 个下降，0 个不变；上升最多的是C（↑2）；\
         下降最多的是B（↓4）；新参评 1 个：E；未参评 1 个：D；\
         2019年一票否决（不予排名）：V；2020年一票否决（不予排名）：W；\
         排序法得分是相对的，名次变化比分数变化更说明问题"
    );
    let s = |name: &str| c.sentence_zh(at(&c, name));
    assert_eq!(
        s("A"),
        "A：第 2 名 → 第 1 名（↑1），总分 7.00 → 10.00（+3.00），奖励 200 → 300 万元"
    );
    assert_eq!(
        s("B"),
        "B：第 1 名 → 第 5 名（↓4），总分 8.50 → 1.50（-7.00），奖励 300 → 0 万元"
    );
    assert_eq!(s("E"), "E：新参评，2020年第 3 名，总分 6.00");
    assert_eq!(s("D"), "D：未参评（2019年第 5 名，总分 2.00）");
    assert_eq!(
        s("V"),
        "V：2019年一票否决（事故），不予排名；2020年第 4 名，总分 5.50"
    );
    assert_eq!(
        s("W"),
        "W：2020年一票否决（事故），不予排名；2019年第 3 名，总分 4.50"
    );
    assert_eq!(c.veto_note(at(&c, "W")), "2020年一票否决（事故）");
    // The tables carry the same facts.
    let t = c.table();
    assert!(t.starts_with("年度对比：2019年 → 2020年\n"), "{t}");
    let line: Vec<&str> = t
        .lines()
        .find(|l| l.starts_with("B "))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        line,
        [
            "B",
            "两年均参评",
            "1",
            "5",
            "↓4",
            "8.50",
            "1.50",
            "-7.00",
            "-7.00"
        ]
    );
    let csv = c.csv();
    assert!(csv.starts_with("园区,状态,项目,单位,2019年,2020年,变化,增长率（%）,说明\n"));
    assert!(csv.contains("\nA,两年均参评,名次,,2,1,↑1,,\n"), "{csv}");
    assert!(
        csv.contains("\nC,两年均参评,甲指标,,3,-2,-5,-166.67,\n"),
        "{csv}"
    );
    assert!(csv.contains("\nC,两年均参评,乙指标,,0,3,3,,上年为 0，增长率无意义\n"));
    assert!(
        csv.contains("\nW,两年均参评,名次,,3,,,,2020年一票否决（事故）\n"),
        "{csv}"
    );
    assert!(
        csv.contains("\nC,两年均参评,总分,分,3.00,7.00,4.00,,\n"),
        "{csv}"
    );
}

#[test]
fn years_are_checked() {
    let scheme = Scheme::from_toml(TWO).unwrap();
    let run = |a: Option<u16>, b: Option<u16>| {
        let mut last = last_year();
        let mut this = this_year();
        last.year = a;
        this.year = b;
        let o = Options::default();
        let (ea, eb) = (
            evaluate(&scheme, &last, &o).unwrap(),
            evaluate(&scheme, &this, &o).unwrap(),
        );
        compare(&scheme, &last, &ea, &this, &eb)
    };
    let same = run(Some(2020), Some(2020));
    assert_eq!(same.issues.len(), 1);
    assert!(same.issues[0]
        .to_string()
        .starts_with("警告：上年和本年的数据年度相同（均为 2020 年度）"));
    let reversed = run(Some(2021), Some(2020));
    assert_eq!(reversed.issues.len(), 1);
    assert!(reversed.issues[0]
        .message
        .contains("上年数据的年度（2021 年度）晚于本年数据（2020 年度）"));
    let unknown = run(None, Some(2020));
    assert_eq!(unknown.issues.len(), 1);
    assert!(!unknown.issues[0].is_error());
    assert!(unknown.issues[0]
        .message
        .starts_with("上年数据的标题中没有年度"));
    // Unknown years are labelled 上年 / 本年.
    let neither = run(None, None);
    assert_eq!(neither.issues.len(), 2);
    assert!(neither
        .summary_zh()
        .contains("上年一票否决（不予排名）：V；本年一票否决"));
    assert!(neither.table().starts_with("年度对比：上年 → 本年"));
    assert!(run(Some(2019), Some(2020)).issues.is_empty());
}

#[test]
fn different_readings_and_no_common_park_are_flagged() {
    let scheme = Scheme::from_toml(TWO).unwrap();
    let (last, this) = (last_year(), this_year());
    let a = evaluate(&scheme, &last, &Options::default()).unwrap();
    let b = evaluate(
        &scheme,
        &this,
        &Options {
            cumulative_bonus: Some(true),
            ..Options::default()
        },
    )
    .unwrap();
    let c = compare(&scheme, &last, &a, &this, &b);
    assert!(c
        .issues
        .iter()
        .any(|i| i.message.starts_with("两年的计分口径不同")));

    let other = year(Some(2020), vec![park("Z", Some("1"), Some("1"))]);
    let e = evaluate(&scheme, &other, &Options::default()).unwrap();
    let c = compare(&scheme, &last, &a, &other, &e);
    assert!(c
        .issues
        .iter()
        .any(|i| i.message.contains("两年没有共同的园区")));
    assert!(c
        .summary_zh()
        .starts_with("没有两年均参评的园区；新参评 1 个：Z；未参评 6 个："));
}

#[test]
fn empty_and_mismatched_inputs_do_not_panic() {
    let scheme = Scheme::from_toml(TWO).unwrap();
    let empty = year(None, Vec::new());
    let e = evaluate(&scheme, &empty, &Options::default()).unwrap();
    let c = compare(&scheme, &empty, &e, &empty, &e);
    assert!(c.parks.is_empty());
    assert_eq!(
        c.summary_zh(),
        "没有两年均参评的园区；排序法得分是相对的，名次变化比分数变化更说明问题"
    );
    let _ = c.table();
    let _ = c.csv();
    // An evaluation that is not of the dataset: parks of either are compared, nothing breaks.
    let (last, this) = (last_year(), this_year());
    let ea = evaluate(&scheme, &last, &Options::default()).unwrap();
    let c = compare(&scheme, &last, &e, &this, &ea);
    assert!(!c.parks.is_empty());
    let _ = c.summary_zh();
    for p in &c.parks {
        let _ = c.sentence_zh(p);
    }
    let bytes = analyses_xlsx(
        &scheme,
        &Analyses {
            comparison: Some(&c),
            ..Analyses::default()
        },
    )
    .unwrap();
    assert!(!bytes.is_empty());
}

// ------------------------------------------------------------------ the sample, two years

mod years;
use years::{sample_2019, sample_csv};

fn read(scheme: &Scheme, name: &str, text: &str) -> Dataset {
    let table = import::read(text.as_bytes(), name, None, scheme).unwrap();
    let v = import::validate_with(
        &table,
        scheme,
        &import::ValidateOptions {
            allow_missing_units: true,
            allow_unlisted: true,
            missing: Some(MissingPolicy::Zero),
        },
    );
    assert!(!v.issues.iter().any(|i| i.is_error()), "{:?}", v.issues);
    v.dataset
}

struct Sample {
    scheme: Scheme,
    last: Dataset,
    this: Dataset,
    comparison: Comparison,
    this_ranks: Vec<(String, u32)>,
    last_ranks: Vec<(String, u32)>,
}

fn sample_years() -> Sample {
    let scheme = Scheme::chifeng_2020();
    let last = read(&scheme, "2019.csv", &sample_2019());
    let this = read(&scheme, "2020.csv", &sample_csv());
    let options = Options {
        missing: MissingPolicy::Zero,
        ..Options::default()
    };
    let a = evaluate(&scheme, &last, &options).unwrap();
    let b = evaluate(&scheme, &this, &options).unwrap();
    let ranks = |e: &parkscore::Evaluation| {
        e.parks
            .iter()
            .map(|p| (p.name.to_string(), p.rank))
            .collect::<Vec<_>>()
    };
    let comparison = compare(&scheme, &last, &a, &this, &b);
    Sample {
        this_ranks: ranks(&b),
        last_ranks: ranks(&a),
        scheme,
        last,
        this,
        comparison,
    }
}

#[test]
fn the_sample_over_two_years() {
    let s = sample_years();
    let c = &s.comparison;
    assert_eq!((c.last_year, c.this_year), (Some(2019), Some(2020)));
    assert!(c.issues.is_empty(), "{:?}", c.issues);
    assert_eq!(s.last.parks.len(), 14);
    assert_eq!(s.this.parks.len(), 14);
    // 14 parks this year (the sample's ranking: 红山园区 1st, 东山园区 2nd, 赤峰玉龙 3rd) and
    // 测试园区 only last year: 15.
    assert_eq!(c.parks.len(), 15);
    let names: Vec<&str> = c.parks.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(&names[..3], ["红山园区", "东山园区", "赤峰玉龙工业园区"]);
    assert_eq!(names[14], "测试园区");
    // Matched by official name: 林西工业园区 (2019) is 内蒙古林西工业园区.
    let linxi = at(c, "内蒙古林西工业园区");
    assert_eq!(linxi.status, Status::Both);
    assert!(!names.contains(&"林西工业园区"));
    assert_eq!(at(c, "巴林右旗工业园区").status, Status::New);
    assert_eq!(at(c, "测试园区").status, Status::Gone);
    let ybs = at(c, "元宝山园区");
    assert_eq!(ybs.movement, Movement::Unranked);
    assert_eq!(ybs.vetoed(), (true, false));
    assert_eq!(
        c.sentence_zh(ybs).split('；').next().unwrap(),
        "元宝山园区：2019年一票否决（重特大安全生产事故），不予排名"
    );

    // Ranks: the movement is last year's rank − this year's, from each year's own evaluation.
    for p in &c.parks {
        let last = s.last_ranks.iter().find(|(n, _)| n == p.name.as_str());
        let this = s.this_ranks.iter().find(|(n, _)| n == p.name.as_str());
        let expected = match (p.status, last, this) {
            (Status::New, _, _) => Movement::New,
            (Status::Gone, _, _) => Movement::Gone,
            (_, Some((_, a)), Some((_, b))) if a > b => Movement::Up(a - b),
            (_, Some((_, a)), Some((_, b))) if a < b => Movement::Down(b - a),
            (_, Some(_), Some(_)) => Movement::Same,
            _ => Movement::Unranked,
        };
        assert_eq!(p.movement, expected, "{}", p.name);
    }

    // Values, by hand. 新增工业总产值 is the first indicator, 上缴税金增速 the fourth.
    let v = |park: &str, i: usize| at(c, park).values[i];
    // 东山园区 30 → 38.6: +8.6, 8.6 ÷ 30 = 28.666… % → 28.67 %.
    assert_eq!(v("东山园区", 0).change, Some(d("8.6")));
    assert_eq!(v("东山园区", 0).growth, Growth::Percent(d("28.67")));
    // 东山园区 上缴税金增速 0 → 8.7: no growth.
    assert_eq!(v("东山园区", 3).change, Some(d("8.7")));
    assert_eq!(
        v("东山园区", 3).growth,
        Growth::Undefined(NoGrowth::LastZero)
    );
    // 阿鲁科尔沁旗 −4 → −1.8: +2.2 ÷ 4 = +55 %.
    assert_eq!(
        v("阿鲁科尔沁旗工业园区", 0).growth,
        Growth::Percent(d("55"))
    );
    // 安庆园区 blank → 3.2.
    assert_eq!(v("安庆园区", 0).last, None);
    assert_eq!(
        v("安庆园区", 0).growth,
        Growth::Undefined(NoGrowth::LastMissing)
    );
    // An unchanged value: 红山园区 12.3 → 12.3, 0 %.
    assert_eq!(v("红山园区", 0).growth, Growth::Percent(d("0")));
    let summary = c.summary_zh();
    assert!(
        summary.contains("新参评 1 个：巴林右旗工业园区；未参评 1 个：测试园区"),
        "{summary}"
    );
    assert!(
        summary.contains("2019年一票否决（不予排名）：元宝山园区"),
        "{summary}"
    );
    assert!(summary.ends_with("排序法得分是相对的，名次变化比分数变化更说明问题"));
}

// ------------------------------------------------------------------ the workbook read back

/// Every cell of sheet `name` as text (numbers by their shortest form), without the line
/// breaks the writer puts in long headers.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut book = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let range = book.worksheet_range(name).expect("the sheet");
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = vec![Vec::new(); top];
    for row in range.rows() {
        let mut cells = vec![String::new(); left];
        cells.extend(row.iter().map(|c| match c {
            Data::Empty => String::new(),
            Data::String(s) => s.replace('\n', ""),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            other => other.to_string(),
        }));
        rows.push(cells);
    }
    rows
}

fn row<'a>(rows: &'a [Vec<String>], first: &[&str]) -> &'a [String] {
    rows.iter()
        .find(|r| r.len() >= first.len() && r[..first.len()] == *first)
        .unwrap_or_else(|| panic!("no row starting {first:?}"))
}

fn xml(bytes: &[u8], path: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut file = zip.by_name(path).unwrap_or_else(|_| panic!("no {path}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

#[test]
fn the_comparison_sheet_reads_back() {
    let s = sample_years();
    let bytes = analyses_xlsx(
        &s.scheme,
        &Analyses {
            year: s.this.year,
            comparison: Some(&s.comparison),
            ..Analyses::default()
        },
    )
    .unwrap();
    let book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["年度对比"]);
    let rows = sheet(&bytes, "年度对比");
    assert_eq!(rows[0][0], "赤峰市工业园区综合发展评价考核结果（2020年度）");
    assert_eq!(rows[1][0], "年度对比：2019年 → 2020年");
    // Every sheet names the scheme with its fingerprint under its title.
    assert_eq!(
        rows[2][0],
        format!("评分方案：{}", s.scheme.title_with_fingerprint())
    );
    let header = row(&rows, &["园区", "状态", "2019年名次"]);
    assert_eq!(header[3], "2020年名次");
    assert_eq!(header[4], "名次变化");
    assert_eq!(header[8], "总量指标变化");
    let last = header.len() - 1;
    assert_eq!(header[last], "说明");
    let new = row(&rows, &["巴林右旗工业园区", "新参评", "—"]);
    assert_eq!(new[4], "新参评");
    let gone = row(&rows, &["测试园区", "未参评"]);
    assert_eq!(gone[3], "—");
    assert_eq!(gone[4], "未参评");
    let ybs = row(&rows, &["元宝山园区", "两年均参评", "—"]);
    assert_eq!(ybs[4], "—");
    assert_eq!(ybs[last], "2019年一票否决（重特大安全生产事故）");
    // 红山园区: this year 1st with 95.18 (the sample's official result).
    let hs = row(&rows, &["红山园区", "两年均参评"]);
    assert_eq!(hs[3], "1");
    assert_eq!(hs[6], "95.18");
    // Movement arrows: the sample's movers.
    for p in &s.comparison.parks {
        if let Movement::Up(n) | Movement::Down(n) = p.movement {
            let r = row(&rows, &[p.name.as_str(), "两年均参评"]);
            assert!(r[4] == format!("↑{n}") || r[4] == format!("↓{n}"), "{r:?}");
        }
    }
    // Values: 东山园区 新增工业总产值 30 → 38.6, +8.6, 28.67 % stored as 0.2867.
    // The values table is narrower than the ranking's: its columns span merged cells, so its
    // rows are read without the empty cells.
    let values: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().filter(|c| !c.is_empty()).cloned().collect())
        .collect();
    assert_eq!(
        row(&values, &["园区", "指标"]),
        [
            "园区",
            "指标",
            "单位",
            "2019年",
            "2020年",
            "变化",
            "增长率",
            "说明"
        ]
    );
    // 东山园区 新增工业总产值 30 → 38.6, +8.6, 28.67 % stored as 0.2867.
    let ds = row(&values, &["东山园区", "新增工业总产值"]);
    assert_eq!(ds[2..], ["亿元", "30", "38.6", "8.6", "0.2867"]);
    let zero = row(&values, &["东山园区", "上缴税金增速"]);
    assert_eq!(
        zero[2..],
        ["%", "0", "8.7", "8.7", "—", "上年为 0，增长率无意义"]
    );
    let missing = row(&values, &["安庆园区", "新增工业总产值"]);
    assert_eq!(missing[2..], ["亿元", "—", "3.2", "—", "—", "上年数值缺失"]);
    let negative = row(&values, &["阿鲁科尔沁旗工业园区", "新增工业总产值"]);
    assert_eq!(negative[2..], ["亿元", "-4", "-1.8", "2.2", "0.55"]);
    // The percent cells print as percentages; A4 landscape; the header repeated.
    let sheet_xml = xml(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains("orientation=\"landscape\""),
        "{sheet_xml}"
    );
    assert!(sheet_xml.contains("paperSize=\"9\""));
    assert!(xml(&bytes, "xl/styles.xml").contains("formatCode=\"0.00%\""));
    assert!(xml(&bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
}

#[test]
fn the_stability_and_readings_sheets_read_back() {
    let scheme = Scheme::chifeng_2020();
    let this = read(&scheme, "2020.csv", &sample_csv());
    let params = StabilityParams {
        samples: 200,
        spread: 0.0,
        seed: 7,
    };
    // With s = 0 every sample is the official ranking: b(r) is 100 % at the park's own rank.
    let st = stability(&scheme, &this, &Options::default(), params).unwrap();
    let r = readings(&scheme, &this, MissingPolicy::Error, d("0.5")).unwrap();
    let bytes = analyses_xlsx(
        &scheme,
        &Analyses {
            year: this.year,
            readings: Some(&r),
            stability: Some(&st),
            comparison: None,
            ..Default::default()
        },
    )
    .unwrap();
    let book = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["口径对比", "稳定性分析"]);

    let rows = sheet(&bytes, "稳定性分析");
    assert_eq!(rows[0][0], "赤峰市工业园区综合发展评价考核结果（2020年度）");
    assert_eq!(
        rows[2][0],
        "满分扰动幅度 s = 0，抽样次数 N = 200，随机种子 = 7"
    );
    let header = row(&rows, &["名次", "园区"]);
    assert_eq!(header[2], "获奖（前 3 名）概率");
    assert_eq!(header[5], "第 1 名");
    assert_eq!(header[18], "第 14 名");
    let first = row(&rows, &["1", "红山园区"]);
    // Award 100 % (1), median 1, band 1–1, b(1) = 1, b(2) blank.
    assert_eq!(first[2..7], ["1", "1", "1–1", "1", ""]);
    let third = row(&rows, &["3", "赤峰玉龙工业园区"]);
    assert_eq!(third[5..8], ["", "", "1"]);
    let fourth = row(&rows, &["4"]);
    assert_eq!(fourth[2], "0", "no award place at rank 4: {fourth:?}");
    assert_eq!(fourth[5..8], ["", "", ""]);
    assert_eq!(fourth[8], "1");
    // The colour scale over the matrix: F to S, the 14 parks' rows.
    let sheet_xml = xml(&bytes, "xl/worksheets/sheet2.xml");
    let header_row = rows
        .iter()
        .position(|r| r.first().map(String::as_str) == Some("名次"))
        .unwrap();
    let range = format!("F{}:S{}", header_row + 2, header_row + 15);
    assert!(
        sheet_xml.contains(&format!("<conditionalFormatting sqref=\"{range}\">")),
        "{range}: {sheet_xml}"
    );
    assert!(sheet_xml.contains("<colorScale>"));

    let rows = sheet(&bytes, "口径对比");
    assert_eq!(rows[0][0], "赤峰市工业园区综合发展评价考核结果（2020年度）");
    let header = row(&rows, &["园区", "按名次线性折算、附加分不累加（默认）"]);
    assert_eq!(header[9], "有变化");
    // 红山园区 1st under the default reading, 2nd under ratio_to_top (readings_cli's sample).
    let hs = row(&rows, &["红山园区"]);
    assert_eq!(hs[1], "1");
    assert_eq!(hs[5], "2");
    assert_eq!(hs[9], "名次、奖励");
    assert!(rows
        .iter()
        .any(|r| r.first().map(String::as_str) == Some("二、各口径下的名次")));
}

#[test]
fn no_analysis_gives_a_sheet_saying_so() {
    let scheme = Scheme::chifeng_2020();
    let bytes = analyses_xlsx(&scheme, &Analyses::default()).unwrap();
    let rows = sheet(&bytes, "说明");
    assert_eq!(rows[0][0], "赤峰市工业园区综合发展评价考核结果");
    // The scheme with its fingerprint under the title, as on every output.
    assert_eq!(
        rows[1][0],
        format!(
            "评分方案：赤峰市工业园区综合发展评价考核指标体系（指纹 {}）",
            scheme.fingerprint()
        )
    );
    assert!(rows[2][0].starts_with("没有要写出的分析"));
}
