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
