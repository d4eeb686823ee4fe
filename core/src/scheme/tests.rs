//! Unit tests of the scheme: the built-in file parses and validates, and every rule refuses
//! what it should.

use super::*;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn built_in_scheme_parses_and_validates() {
    let scheme = Scheme::from_toml(CHIFENG_2020_TOML).unwrap();
    scheme.validate().unwrap();
    assert_eq!(scheme, Scheme::chifeng_2020());
    assert_eq!(scheme.id, "chifeng-2020");
    assert_eq!(scheme.rounding_places, 2);
    assert_eq!(scheme.total, Some(dec("100")));
    // 7 groups, 23 indicators, weights 30 + 12 + 30 + 7 + 7 + 7 + 7 = 100 (附件2).
    let weights: Vec<Decimal> = scheme.groups.iter().map(|g| g.weight).collect();
    let expected: Vec<Decimal> = [30, 12, 30, 7, 7, 7, 7]
        .into_iter()
        .map(Decimal::from)
        .collect();
    assert_eq!(weights, expected);
    assert_eq!(scheme.indicators().count(), 23);
    assert!(!scheme.bonus.cumulative);
    assert_eq!(scheme.bonus.provincial, dec("5"));
    assert_eq!(scheme.bonus.national, dec("10"));
    assert_eq!(
        scheme.awards.places_wan,
        vec![dec("300"), dec("200"), dec("100")]
    );
    let special: Vec<(&str, Option<&str>)> = scheme
        .awards
        .special
        .iter()
        .map(|s| (s.name.as_str(), s.basis.as_ref().map(|b| b.0.as_str())))
        .collect();
    assert_eq!(
        special,
        vec![
            ("创新发展", Some("innovation")),
            ("绿色发展", Some("green")),
            ("园区公共服务平台", None),
            ("招商引资", Some("investment")),
        ]
    );
}

#[test]
fn built_in_ids_names_and_methods_are_those_of_the_document() {
    let scheme = Scheme::chifeng_2020();
    let rows: Vec<(&str, &str, &str, &str, String)> = scheme
        .groups
        .iter()
        .flat_map(|g| {
            g.indicators.iter().map(move |i| {
                (
                    g.id.0.as_str(),
                    i.id.as_str(),
                    i.name.as_str(),
                    i.unit.as_str(),
                    format!("{}:{}", i.method.id(), i.full),
                )
            })
        })
        .collect();
    let expected = [
        (
            "total",
            "new_output_value",
            "新增工业总产值",
            "亿元",
            "rank_linear:6",
        ),
        (
            "total",
            "output_growth",
            "工业总产值增速",
            "%",
            "rank_linear:6",
        ),
        (
            "total",
            "tax_total",
            "上缴税金总额",
            "亿元",
            "rank_linear:6",
        ),
        ("total", "tax_growth", "上缴税金增速", "%", "rank_linear:6"),
        (
            "total",
            "employment_growth",
            "就业人员增速",
            "%",
            "rank_linear:6",
        ),
        (
            "efficiency",
            "output_per_mu",
            "建成区亩均工业总产值",
            "万元/亩",
            "rank_linear:4",
        ),
        (
            "efficiency",
            "investment_per_mu",
            "建成区亩均固定资产投资",
            "万元/亩",
            "rank_linear:4",
        ),
        (
            "efficiency",
            "tax_per_mu",
            "建成区亩均税收",
            "万元/亩",
            "rank_linear:4",
        ),
        (
            "investment",
            "investment_projects",
            "当年招商引资项目数量",
            "亿元",
            "rank_linear:10",
        ),
        (
            "investment",
            "chain_extension",
            "园区主导产业的产业链延伸企业(项目)引入数",
            "户",
            "rank_linear:10",
        ),
        (
            "investment",
            "fixed_investment_growth",
            "工业固定资产投资增速",
            "%",
            "rank_linear:10",
        ),
        (
            "infrastructure",
            "infra_investment_growth",
            "基础设施建设投资增速",
            "%",
            "rank_linear:3",
        ),
        (
            "infrastructure",
            "new_infra_investment",
            "新增基础设施建设投资总额",
            "亿元",
            "rank_linear:4",
        ),
        (
            "innovation",
            "new_hightech_enterprises",
            "园区内新增高新技术企业数",
            "户",
            "count_capped:3",
        ),
        (
            "innovation",
            "new_rd_institutions",
            "园区内新增省级以上研发机构数",
            "户",
            "count_capped:4",
        ),
        (
            "green",
            "planning_eia",
            "园区规划环评执行情况",
            "—",
            "direct:3",
        ),
        (
            "green",
            "project_eia",
            "入驻项目环评、验收执行情况",
            "—",
            "direct:2",
        ),
        (
            "green",
            "pollutant_compliance",
            "项目涉及重点污染物排放达标情况及总量控制指标完成情况",
            "—",
            "direct:2",
        ),
        (
            "management",
            "planning_system",
            "园区规划体系",
            "—",
            "direct:3",
        ),
        (
            "management",
            "management_body",
            "管理机构设置",
            "—",
            "direct:1",
        ),
        (
            "management",
            "safety_supervision",
            "安全监管体系",
            "—",
            "direct:1",
        ),
        (
            "management",
            "environmental_monitoring",
            "环境监测体系健全",
            "—",
            "direct:1",
        ),
        (
            "management",
            "information_reporting",
            "信息报送及时准确",
            "—",
            "direct:1",
        ),
    ];
    let expected: Vec<(&str, &str, &str, &str, String)> = expected
        .iter()
        .map(|(g, i, n, u, m)| (*g, *i, *n, *u, (*m).to_owned()))
        .collect();
    assert_eq!(rows, expected);
    let caps: Vec<&Method> = scheme
        .groups
        .iter()
        .filter(|g| g.id.0 == "innovation")
        .flat_map(|g| g.indicators.iter().map(|i| &i.method))
        .collect();
    assert_eq!(
        caps,
        vec![
            &Method::CountCapped {
                per_unit: dec("1"),
                cap: dec("3")
            },
            &Method::CountCapped {
                per_unit: dec("1"),
                cap: dec("4")
            }
        ]
    );
}

#[test]
fn to_toml_reads_back_to_the_same_scheme() {
    let mut scheme = Scheme::chifeng_2020();
    // A fractional parameter must survive the round trip exactly.
    scheme.groups[0].indicators[0].method = Method::RankStep { step: dec("0.35") };
    let text = scheme.to_toml();
    assert_eq!(Scheme::from_toml(&text).unwrap(), scheme);
}

/// A small valid scheme to break in the tests below.
const SMALL: &str = r#"
id = "small"
name = "小方案"
document = "测试"
rounding_places = 2
total = 10

[bonus]
provincial = 5
national = 10

[veto]
events = ["事故"]

[awards]
places_wan = [3, 2, 1]

[[awards.special]]
name = "专项"
amount_wan = 1
basis = "a"

[[groups]]
id = "a"
name = "甲"
weight = 10

[[groups.indicators]]
id = "x"
name = "指标X"
unit = "%"
full = 6
method = "rank_step"
step = 0.5
bureau = "局"

[[groups.indicators]]
id = "y"
name = "指标Y"
unit = "户"
full = 4
method = "count_capped"
per_unit = "1"
cap = 4
direction = "higher_is_better"
bureau = "局"
"#;

fn broken(from: &str, to: &str) -> SchemeError {
    assert!(SMALL.contains(from), "{from}");
    Scheme::from_toml(&SMALL.replacen(from, to, 1)).unwrap_err()
}

#[test]
fn small_scheme_is_valid_and_reads_floats_and_strings_exactly() {
    let scheme = Scheme::from_toml(SMALL).unwrap();
    assert_eq!(
        scheme.groups[0].indicators[0].method,
        Method::RankStep { step: dec("0.5") }
    );
    assert_eq!(
        scheme.groups[0].indicators[1].method,
        Method::CountCapped {
            per_unit: dec("1"),
            cap: dec("4")
        }
    );
}

#[test]
fn total_is_optional_but_checked_when_declared() {
    assert!(Scheme::from_toml(&SMALL.replacen("total = 10\n", "", 1)).is_ok());
    let e = broken("total = 10", "total = 100");
    assert_eq!(
        e,
        SchemeError::TotalMismatch {
            total: dec("100"),
            sum: dec("10")
        }
    );
    assert!(e.to_string().contains("各分组权重之和为 10"));
}

#[test]
fn weight_must_equal_the_sum_of_full_points() {
    let e = broken("weight = 10", "weight = 11");
    assert_eq!(
        e,
        SchemeError::WeightMismatch {
            group: "a".into(),
            weight: dec("11"),
            sum: dec("10")
        }
    );
    assert_eq!(
        e.to_string(),
        "分组 a 的权重为 11，但其各项指标分值之和为 10：两者应相等"
    );
}

#[test]
fn unknown_method_is_refused() {
    let e = broken("method = \"rank_step\"", "method = \"rank_magic\"");
    assert_eq!(
        e,
        SchemeError::UnknownMethod {
            indicator: "x".into(),
            method: "rank_magic".into()
        }
    );
    assert!(e.to_string().contains("未知"));
}

#[test]
fn duplicate_ids_and_names_are_refused() {
    assert_eq!(
        broken("id = \"y\"", "id = \"x\""),
        SchemeError::DuplicateId { id: "x".into() }
    );
    assert_eq!(
        broken("id = \"y\"", "id = \"a\""),
        SchemeError::DuplicateId { id: "a".into() }
    );
    assert_eq!(
        broken("name = \"指标Y\"", "name = \"指标X\""),
        SchemeError::DuplicateName {
            name: "指标X".into()
        }
    );
    assert!(matches!(
        broken("id = \"y\"", "id = \"y z\""),
        SchemeError::BadId { .. }
    ));
}

#[test]
fn method_parameters_are_checked() {
    assert_eq!(
        broken("step = 0.5\n", ""),
        SchemeError::MissingParameter {
            indicator: "x".into(),
            method: "rank_step",
            parameter: "step"
        }
    );
    assert_eq!(
        broken("step = 0.5", "step = 0.5\ncap = 3"),
        SchemeError::UnexpectedParameter {
            indicator: "x".into(),
            method: "rank_step",
            parameter: "cap"
        }
    );
    assert!(matches!(
        broken("step = 0.5", "step = -1"),
        SchemeError::NotPositive { .. }
    ));
    assert_eq!(
        broken("cap = 4", "cap = 5"),
        SchemeError::CapAboveFull {
            indicator: "y".into(),
            cap: dec("5"),
            full: dec("4")
        }
    );
    assert!(matches!(
        broken("full = 6", "full = 0"),
        SchemeError::NotPositive { .. }
    ));
}

#[test]
fn lower_is_better_only_for_comparative_methods() {
    assert_eq!(
        broken(
            "direction = \"higher_is_better\"",
            "direction = \"lower_is_better\""
        ),
        SchemeError::DirectionNotComparative {
            indicator: "y".into(),
            method: "count_capped"
        }
    );
    let ok = SMALL.replacen(
        "bureau = \"局\"",
        "direction = \"lower_is_better\"\nbureau = \"局\"",
        1,
    );
    let scheme = Scheme::from_toml(&ok).unwrap();
    assert_eq!(
        scheme.groups[0].indicators[0].direction,
        Direction::LowerIsBetter
    );
}

#[test]
fn direct_max_must_equal_full() {
    let e = broken(
        "method = \"count_capped\"\nper_unit = \"1\"\ncap = 4",
        "method = \"direct\"\nmax = 3",
    );
    assert_eq!(
        e,
        SchemeError::DirectMaxMismatch {
            indicator: "y".into(),
            max: dec("3"),
            full: dec("4")
        }
    );
}

#[test]
fn syntax_errors_and_unknown_settings_are_reported() {
    assert!(matches!(
        Scheme::from_toml("id = "),
        Err(SchemeError::Syntax { .. })
    ));
    let e = broken("bureau = \"局\"", "bureau = \"局\"\nbureua = \"局\"");
    match e {
        SchemeError::Syntax { message } => assert!(message.contains("bureua"), "{message}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        broken("full = 6", "full = \"六\""),
        SchemeError::Syntax { .. }
    ));
}

#[test]
fn award_basis_and_amounts_are_checked() {
    assert_eq!(
        broken("basis = \"a\"", "basis = \"b\""),
        SchemeError::UnknownBasis {
            award: "专项".into(),
            basis: "b".into()
        }
    );
    assert!(matches!(
        broken("places_wan = [3, 2, 1]", "places_wan = [3, -2, 1]"),
        SchemeError::Negative { .. }
    ));
    assert!(matches!(
        broken("provincial = 5", "provincial = -5"),
        SchemeError::Negative { .. }
    ));
}

#[test]
fn comparative_methods_parse_from_ids() {
    assert_eq!(
        Method::comparative("rank_linear", None),
        Ok(Method::RankLinear)
    );
    assert_eq!(
        Method::comparative("rank_step", Some(dec("0.5"))),
        Ok(Method::RankStep { step: dec("0.5") })
    );
    assert!(Method::comparative("rank_step", None).is_err());
    assert!(Method::comparative("rank_step", Some(dec("0"))).is_err());
    assert!(Method::comparative("min_max", Some(dec("1"))).is_err());
    assert!(Method::comparative("direct", None).is_err());
    for id in Method::COMPARATIVE_IDS {
        let step = (id == "rank_step").then(|| dec("1"));
        assert_eq!(Method::comparative(id, step).unwrap().id(), id);
    }
}

#[test]
fn built_in_units_are_the_14_of_attachment_1() {
    let scheme = Scheme::chifeng_2020();
    // 附件1 一: 12 parks of 正文 (一), less 喀喇沁旗新材料产业园, with 赤峰高新区 as its 4 parks.
    assert_eq!(scheme.units.len(), 14);
    for park in [
        "东山园区",
        "红山园区",
        "元宝山园区",
        "安庆园区",
        "内蒙古林西工业园区",
    ] {
        assert!(scheme.units.iter().any(|u| u == park), "{park}");
    }
    assert!(!scheme.units.iter().any(|u| u.contains("喀喇沁")));
    assert!(!scheme.units.iter().any(|u| u.contains("高新")));
}

#[test]
fn a_unit_listed_twice_is_refused() {
    let toml =
        CHIFENG_2020_TOML.replacen(r#""东山园区", "红山园区""#, r#""东山园区", "东山园区""#, 1);
    assert_ne!(toml, CHIFENG_2020_TOML);
    let err = Scheme::from_toml(&toml).unwrap_err();
    assert_eq!(
        err,
        SchemeError::DuplicateUnit {
            name: "东山园区".to_owned()
        }
    );
}

#[test]
fn two_groups_with_one_name_are_refused() {
    let mut scheme = Scheme::chifeng_2020();
    scheme.groups[1].name = format!(" {} ", scheme.groups[0].name);
    let e = scheme.validate().unwrap_err();
    assert_eq!(
        e,
        SchemeError::DuplicateGroupName {
            name: format!(" {} ", scheme.groups[0].name)
        }
    );
    assert!(e.to_string().contains("分组名称"));
}

#[test]
fn departments_are_read_from_the_built_in_scheme_in_the_documents_order() {
    let scheme = Scheme::chifeng_2020();
    // 附件2's table lists, group by group: 总量 (市工信局、市统计局), 效益 (市自然资源局、…),
    // 招商 (市区域经济合作局、…), 基础设施 (市工信局), 科技 (市科技局), 绿色 (市生态环境局),
    // 管理 (市工信局、市应急管理局、市生态环境局); each name once, in first appearance.
    assert_eq!(
        scheme.departments(),
        [
            "市工信局",
            "市统计局",
            "市自然资源局",
            "市区域经济合作局",
            "市科技局",
            "市生态环境局",
            "市应急管理局",
        ]
    );
    let innovation = scheme.group(&GroupId("innovation".into())).unwrap();
    assert_eq!(innovation.departments, ["市科技局"]);
    let id = &innovation.indicators[0].id;
    assert_eq!(scheme.departments_of(id), ["市科技局"]);
    assert_eq!(
        scheme.group_of(id).map(|g| g.name.as_str()),
        Some("科技创新")
    );
    assert_eq!(scheme.bonus.departments, ["市工信局"]);
    assert_eq!(scheme.veto.departments, ["市应急管理局", "市生态环境局"]);
    // Written back and read again, the lists survive.
    let again = Scheme::from_toml(&scheme.to_toml()).unwrap();
    assert_eq!(again, scheme);
}

#[test]
fn an_empty_or_repeated_department_is_refused() {
    let mut scheme = Scheme::chifeng_2020();
    scheme.groups[0].departments = vec!["市工信局".into(), " 市工信局".into()];
    let e = scheme.validate().unwrap_err();
    assert_eq!(
        e.to_string(),
        "分组「总量指标」的负责单位 departments 中「 市工信局」重复"
    );
    let mut scheme = Scheme::chifeng_2020();
    scheme.veto.departments = vec![String::new()];
    assert_eq!(
        scheme.validate().unwrap_err().to_string(),
        "一票否决（veto）的负责单位 departments 中「」为空"
    );
    // A scheme without departments is valid: it simply offers no department templates.
    let mut scheme = Scheme::chifeng_2020();
    for g in &mut scheme.groups {
        g.departments.clear();
    }
    scheme.bonus.departments.clear();
    scheme.veto.departments.clear();
    scheme.validate().unwrap();
    assert!(scheme.departments().is_empty());
}

#[test]
fn report_titles_from_the_file_or_the_name() {
    let mut scheme = Scheme::chifeng_2020();
    assert_eq!(scheme.report_title(), "赤峰市工业园区综合发展评价考核结果");
    assert_eq!(scheme.file_title(), "赤峰市工业园区评价结果");
    // Written back and read again, the titles survive.
    assert_eq!(Scheme::from_toml(&scheme.to_toml()).unwrap(), scheme);
    // Without them (or blank): made from the name.
    scheme.title = Some("  ".into());
    scheme.short_title = None;
    assert_eq!(scheme.report_title(), "赤峰市工业园区综合发展评价考核结果");
    assert_eq!(scheme.file_title(), "赤峰市工业园区综合发展评价考核结果");
    scheme.name = "某市园区考核指标体系（评分标准）".into();
    assert_eq!(scheme.report_title(), "某市园区考核结果");
    scheme.name = "小方案".into();
    assert_eq!(scheme.report_title(), "小方案结果");
    let again = Scheme::from_toml(&scheme.to_toml()).unwrap();
    assert_eq!(again, scheme);
    // A small scheme without the keys reads as before.
    let small = Scheme::from_toml(SMALL).unwrap();
    assert_eq!((small.title, small.short_title), (None, None));
}

/// A scheme with every new method and classes (the syntax of issue 13).
const NEW: &str = r#"
id = "new"
name = "新方法方案"
document = "测试"
rounding_places = 2
total = 20

[bonus]
provincial = 0
national = 0

[veto]
events = []

[awards]

[classes]
by = "share"
not_rated = ["丁公司"]

[[classes.grades]]
name = "A"
share = 20

[[classes.grades]]
name = "B"
share = 80

[[groups]]
id = "g"
name = "分组"
weight = 20

[[groups.indicators]]
id = "ratio"
name = "亩均税收"
unit = "万元/亩"
full = 5
method = "ratio_to_benchmark"
benchmark = "24.097"
cap = true
bureau = "局"

[[groups.indicators]]
id = "floor"
name = "增加值"
unit = "万元"
full = 5
method = "min_max_floor"
floor = 0.2
bureau = "局"

[[groups.indicators]]
id = "levels"
name = "研发占比"
unit = "%"
full = 5
method = "thresholds"
levels = [{ at_least = 10, points = 5 }, { at_least = 5, points = 3 }]
otherwise = 1
bureau = "局"

[[groups.indicators]]
id = "findings"
name = "督察问题"
unit = "个"
full = 5
method = "deduction"
per = 0.3
minimum = 1
bureau = "局"
"#;

fn new_broken(from: &str, to: &str) -> Vec<SchemeError> {
    assert!(NEW.contains(from), "{from}");
    Scheme::check(&NEW.replacen(from, to, 1)).unwrap_err()
}

fn messages(errors: &[SchemeError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn the_new_methods_and_classes_are_read() {
    let scheme = Scheme::from_toml(NEW).unwrap();
    let methods: Vec<&Method> = scheme.indicators().map(|i| &i.method).collect();
    assert_eq!(
        methods[0],
        &Method::RatioToBenchmark {
            benchmark: dec("24.097"),
            cap: true
        }
    );
    assert_eq!(methods[1], &Method::MinMaxFloor { floor: dec("0.2") });
    assert_eq!(
        methods[2],
        &Method::Thresholds {
            levels: vec![
                Level {
                    bound: Bound::AtLeast(dec("10")),
                    points: dec("5")
                },
                Level {
                    bound: Bound::AtLeast(dec("5")),
                    points: dec("3")
                },
            ],
            otherwise: dec("1"),
        }
    );
    assert_eq!(
        methods[3],
        &Method::Deduction {
            per: dec("0.3"),
            minimum: dec("1")
        }
    );
    let classes = scheme.classes.as_ref().unwrap();
    assert_eq!(classes.by, ClassBasis::Share);
    assert_eq!(classes.not_rated, ["丁公司"]);
    assert_eq!(classes.grades[1].share, Some(dec("80")));
    // The canonical form reads back to an equal scheme.
    let again = Scheme::from_toml(&scheme.to_toml()).unwrap();
    assert_eq!(again, scheme);
    // cap defaults to false, otherwise and minimum to 0.
    let plain = Scheme::from_toml(
        &NEW.replacen("cap = true\n", "", 1)
            .replacen("otherwise = 1\n", "", 1)
            .replacen("minimum = 1\n", "", 1),
    )
    .unwrap();
    let m: Vec<&Method> = plain.indicators().map(|i| &i.method).collect();
    assert!(matches!(m[0], Method::RatioToBenchmark { cap: false, .. }));
    assert!(matches!(m[2], Method::Thresholds { otherwise, .. } if otherwise.is_zero()));
    assert!(matches!(m[3], Method::Deduction { minimum, .. } if minimum.is_zero()));
    assert_eq!(Scheme::from_toml(&plain.to_toml()).unwrap(), plain);
}

#[test]
fn the_new_parameters_are_checked() {
    // A missing benchmark, a non-positive one, a number for ratio_to_benchmark's cap.
    let e = new_broken("benchmark = \"24.097\"\n", "");
    assert_eq!(
        messages(&e),
        ["指标 ratio 使用 ratio_to_benchmark 方法，缺少参数 benchmark"]
    );
    let e = new_broken("benchmark = \"24.097\"", "benchmark = 0");
    assert_eq!(
        messages(&e),
        ["指标 ratio 的基准值 benchmark 为 0，应大于 0"]
    );
    let e = new_broken("cap = true", "cap = 5");
    assert!(
        messages(&e)[0].contains("参数 cap 有误：5；应为true 或 false"),
        "{e:?}"
    );
    // floor outside [0, 1].
    let e = new_broken("floor = 0.2", "floor = 20");
    assert_eq!(
        messages(&e),
        ["指标 floor 使用 min_max_floor 方法，参数 floor 有误：20；应为0 到 1 之间的比例，例如 0.2（最后一名得满分的 20%）"]
    );
    // Levels out of order, points above full, a level with both bounds, otherwise above the
    // last level's points.
    let e = new_broken("at_least = 5, points = 3", "at_least = 12, points = 3");
    assert!(
        messages(&e)[0].contains("第 1 档 ≥ 10、第 2 档 ≥ 12"),
        "{e:?}"
    );
    let e = new_broken("at_least = 10, points = 5", "at_least = 10, points = 6");
    let m = messages(&e);
    assert!(
        m[0].contains("第 1 档 6 分；应为每档得分在 0 到分值 5 之间"),
        "{m:?}"
    );
    let e = new_broken(
        "[{ at_least = 10, points = 5 }, { at_least = 5, points = 3 }]",
        "[{ at_least = 10, points = 3 }, { at_least = 5, points = 5 }]",
    );
    let m = messages(&e);
    assert!(
        m[0].contains("第 1 档 3 分、第 2 档 5 分；应为较差一档的得分不高于较好一档"),
        "{m:?}"
    );
    let e = new_broken(
        "{ at_least = 5, points = 3 }",
        "{ at_least = 5, at_most = 6, points = 3 }",
    );
    assert!(
        messages(&e)[0].contains("第 2 档同时写了 at_least 和 at_most"),
        "{e:?}"
    );
    let e = new_broken("otherwise = 1", "otherwise = 4");
    assert!(messages(&e)[0].contains("参数 otherwise 有误：4；应为0 到最后一档的得分 3 之间"));
    // An at_most table on a higher-is-better indicator.
    let e = new_broken(
        "[{ at_least = 10, points = 5 }, { at_least = 5, points = 3 }]",
        "[{ at_most = 10, points = 5 }]",
    );
    assert!(
        messages(&e)[0].contains("指标方向为越大越好，每档写 at_least"),
        "{e:?}"
    );
    // Deduction: per must be positive, minimum within [0, full).
    let e = new_broken("per = 0.3", "per = 0");
    assert_eq!(
        messages(&e),
        ["指标 findings 的每项扣分 per 为 0，应大于 0"]
    );
    let e = new_broken("minimum = 1", "minimum = 5");
    assert!(messages(&e)[0].contains("应为不小于 0、小于分值 5 的最低得分"));
    // A parameter of another method.
    let e = new_broken("per = 0.3", "per = 0.3\nstep = 1");
    assert_eq!(
        messages(&e),
        ["指标 findings 使用 deduction 方法，不应设置参数 step"]
    );
    // lower_is_better where it means nothing, with the hint.
    let e = new_broken("cap = true", "cap = true\ndirection = \"lower_is_better\"");
    assert!(messages(&e)[0].contains("应写成越大越好的形式"), "{e:?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    // Three independent mistakes: a group weight, a floor, a class share.
    let text = NEW
        .replacen("weight = 20", "weight = 21", 1)
        .replacen("floor = 0.2", "floor = 2", 1)
        .replacen("share = 80", "share = 70", 1);
    let errors = Scheme::check(&text).unwrap_err();
    let m = messages(&errors);
    assert_eq!(m.len(), 4, "{m:?}");
    assert!(m.iter().any(|e| e.contains("参数 floor 有误")));
    assert!(m.iter().any(|e| e.contains("分组 g 的权重为 21")));
    // total = 20 but the weights now add up to 21.
    assert!(m.iter().any(|e| e.contains("方案声明总分 total = 20")));
    assert!(m.iter().any(|e| e.contains("各等级 share 之和为 90")));
    // from_toml gives the first.
    assert_eq!(Scheme::from_toml(&text).unwrap_err(), errors[0]);
}

#[test]
fn classes_are_checked() {
    let e = new_broken("share = 80", "share = 70");
    assert_eq!(
        messages(&e),
        ["等级设置 [classes] 有误：各等级 share 之和为 90；应为各等级所占百分比之和为 100"]
    );
    let e = new_broken("name = \"B\"", "name = \"A\"");
    assert!(messages(&e)[0].contains("等级名称「A」重复"));
    let e = new_broken("name = \"B\"", "name = \"T\"");
    assert!(messages(&e)[0].contains("T 留给不参评单位"));
    let e = new_broken("by = \"share\"", "by = \"score\"");
    // By score every grade but the last needs at_least, and none takes a share.
    let m = messages(&e);
    assert!(
        m.iter().any(|e| e.contains("等级「A」缺少 at_least")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|e| e.contains("等级「A」设置了 share")),
        "{m:?}"
    );
    let e = new_broken(
        "not_rated = [\"丁公司\"]",
        "not_rated = [\"丁公司\", \"丁公司\"]",
    );
    assert!(messages(&e)[0].contains("不参评单位「丁公司」重复"));
    let e = new_broken("by = \"share\"", "by = \"rank\"");
    assert!(messages(&e)[0].starts_with("方案文件格式错误"), "{e:?}");
    // By score: falling least totals.
    let score = NEW
        .replacen("by = \"share\"", "by = \"score\"", 1)
        .replacen("share = 20", "at_least = 60", 1)
        .replacen("share = 80\n", "", 1);
    let scheme = Scheme::from_toml(&score).unwrap();
    assert_eq!(scheme.classes.unwrap().grades[0].at_least, Some(dec("60")));
}

#[test]
fn sizes_are_limited() {
    // Too many levels.
    let levels: Vec<String> = (0..=limits::LEVELS)
        .map(|i| format!("{{ at_least = {}, points = 1 }}", 100 - i))
        .collect();
    let text = NEW.replacen(
        "[{ at_least = 10, points = 5 }, { at_least = 5, points = 3 }]",
        &format!("[{}]", levels.join(", ")),
        1,
    );
    assert_eq!(
        messages(&Scheme::check(&text).unwrap_err()),
        ["指标 levels的分档 levels有 21 项，超过上限 20 项"]
    );
    // A name too long.
    let long = "长".repeat(limits::NAME_CHARS + 1);
    let text = NEW.replacen("name = \"增加值\"", &format!("name = \"{long}\""), 1);
    let m = messages(&Scheme::check(&text).unwrap_err());
    assert!(m[0].contains("长 201 个字符，超过上限 200 个字符"), "{m:?}");
    // A file too big is refused before it is parsed.
    let big = format!("{NEW}\n#{}", "x".repeat(limits::FILE_BYTES));
    assert_eq!(
        Scheme::check(&big).unwrap_err(),
        [SchemeError::TooBig { bytes: big.len() }]
    );
    // Too many units.
    let units: Vec<String> = (0..=limits::UNITS).map(|i| format!("\"u{i}\"")).collect();
    let text = NEW.replacen(
        "total = 20",
        &format!("total = 20\nunits = [{}]", units.join(",")),
        1,
    );
    assert!(messages(&Scheme::check(&text).unwrap_err())[0].contains("超过上限 20000 项"));
}

#[test]
fn errors_are_located_by_line() {
    let text = NEW.replacen("floor = 0.2", "floor = 2", 1);
    let errors = Scheme::check(&text).unwrap_err();
    let line = locate(&text, &errors[0]).unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap(), "floor = 2");
    let text = NEW.replacen("weight = 20", "weight = 21", 1);
    let errors = Scheme::check(&text).unwrap_err();
    let line = locate(&text, &errors[0]).unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap(), "weight = 21");
    // A duplicate id: the second one.
    let text = NEW.replacen("id = \"floor\"", "id = \"ratio\"", 1);
    let errors = Scheme::check(&text).unwrap_err();
    let line = locate(&text, &errors[0]).unwrap();
    let first = text.lines().position(|l| l == "id = \"ratio\"").unwrap() + 1;
    assert!(line > first, "{line} {first}");
    // The classes.
    let text = NEW.replacen("share = 80", "share = 70", 1);
    let errors = Scheme::check(&text).unwrap_err();
    let line = locate(&text, &errors[0]).unwrap();
    assert_eq!(text.lines().nth(line - 1).unwrap(), "[classes]");
    // A syntax error carries its own line in the message.
    let errors = Scheme::check("id = \n").unwrap_err();
    assert!(
        errors[0]
            .to_string()
            .starts_with("方案文件格式错误：第 1 行第 6 列：= 后缺少值"),
        "{errors:?}"
    );
    assert_eq!(locate("id = \n", &errors[0]), None);
}

#[test]
fn the_fingerprint_ignores_comments_spacing_order_and_number_spelling() {
    let scheme = Scheme::from_toml(NEW).unwrap();
    let fp = scheme.fingerprint();
    assert_eq!(fp.len(), 8);
    assert!(fp.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')));
    // Comments, blank lines and indentation.
    let commented = format!(
        "# 注释\n\n{}",
        NEW.replace("\nfull = 5", "\n  full = 5 # 分值")
    );
    assert_eq!(Scheme::from_toml(&commented).unwrap().fingerprint(), fp);
    // Key order inside a table, and 0.2 written as "0.20".
    let reordered = NEW
        .replacen(
            "id = \"new\"\nname = \"新方法方案\"",
            "name = \"新方法方案\"\nid = \"new\"",
            1,
        )
        .replacen("floor = 0.2", "floor = \"0.20\"", 1);
    assert_ne!(reordered, NEW);
    assert_eq!(Scheme::from_toml(&reordered).unwrap().fingerprint(), fp);
    // Any rule changes it.
    let changed = NEW.replacen("per = 0.3", "per = 0.4", 1);
    assert_ne!(Scheme::from_toml(&changed).unwrap().fingerprint(), fp);
    // The built-in's is stable and computed once.
    assert_eq!(builtin_fingerprint(), Scheme::chifeng_2020().fingerprint());
}

#[test]
fn sha256_of_the_canonical_text() {
    // The fingerprint is the SHA-256 of the canonical text: "abc" hashes to ba7816bf… (FIPS
    // 180-2's test vector), so the digest is the standard one.
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(b"abc");
    assert_eq!(
        digest
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
        "ba7816bf"
    );
}

#[test]
fn unit_noun_is_optional_checked_and_located() {
    // Not written: 园区, and the built-in scheme writes none (its fingerprint is unchanged).
    let chifeng = Scheme::chifeng_2020();
    assert_eq!(chifeng.unit_noun, None);
    assert_eq!(chifeng.unit_noun(), "园区");
    assert!(!chifeng.to_toml().contains("unit_noun"));
    // Written: read, printed back, read again.
    let text = NEW.replacen("id = \"new\"\n", "id = \"new\"\nunit_noun = \"企业\"\n", 1);
    let scheme = Scheme::from_toml(&text).unwrap();
    assert_eq!(scheme.unit_noun(), "企业");
    assert_eq!(Scheme::from_toml(&scheme.to_toml()).unwrap(), scheme);
    assert_ne!(
        scheme.fingerprint(),
        Scheme::from_toml(NEW).unwrap().fingerprint()
    );
    // A sentence, a number, an empty word: refused with its line.
    for bad in ["参评的企业。", "企业1", "", "很长很长很长很长的评价对象"] {
        let text = NEW.replacen(
            "id = \"new\"\n",
            &format!("id = \"new\"\nunit_noun = \"{bad}\"\n"),
            1,
        );
        let errors = Scheme::check(&text).unwrap_err();
        let message = errors[0].to_string();
        assert!(
            message.starts_with(&format!("评价对象 unit_noun =「{bad}」无效")),
            "{message}"
        );
        let line = locate(&text, &errors[0]).unwrap();
        assert!(text.lines().nth(line - 1).unwrap().starts_with("unit_noun"));
    }
    // The presets of enterprises say 企业.
    for id in ["huaian-2024", "huangyan-2022"] {
        let s = super::presets::preset(id).unwrap().scheme().unwrap();
        assert_eq!(s.unit_noun(), "企业", "{id}");
    }
}
