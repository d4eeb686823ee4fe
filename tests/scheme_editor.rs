//! The scheme editor's draft and its actions (issue 13 §1), natively: a draft of the built-in
//! scheme builds back to it; a wrong field gets its message on that field, a wrong sum its
//! message in words; applied, the round is scored under the edited rules as a copy that never
//! passes for the built-in scheme.

use parkscore::scheme::ClassBasis;
use parkscore::{Direction, Scheme};
use parkscore_app::state::scheme_draft::{Field, IndicatorField, SchemeDraft};
use parkscore_app::state::{builtin_scheme, Action, AppState, DraftEdit};
use rust_decimal::Decimal;

mod common;
use common::apply;

fn edit(state: &AppState, edit: DraftEdit) -> AppState {
    apply(state, Action::SchemeDraft { edit })
}

fn typed(state: &AppState, field: Field, text: &str) -> AppState {
    edit(
        state,
        DraftEdit::Typed {
            field,
            text: text.into(),
        },
    )
}

fn total_of(state: &AppState, park: &str) -> Decimal {
    let eval = state.evaluation.as_deref().expect("an evaluation");
    eval.parks
        .iter()
        .find(|p| p.name.as_str() == park)
        .expect("ranked")
        .total
        .value()
}

#[test]
fn a_draft_of_the_built_in_scheme_builds_back_to_it() {
    let draft = SchemeDraft::of(builtin_scheme(), true);
    let check = draft.check();
    assert_eq!(check.count(), 0, "{check:?}");
    assert_eq!(check.scheme.as_ref(), Some(&*builtin_scheme()));
    assert_eq!(draft.groups.len(), 7);
    assert_eq!(draft.text(Field::GroupWeight(0)), "30");
    assert_eq!(draft.text(Field::Places), "300、200、100");
}

#[test]
fn wrong_fields_and_sums_are_named_where_they_are() {
    let mut draft = SchemeDraft::of(builtin_scheme(), true);
    // 总量指标 30 → 25: its indicators still sum to 30, and the groups to 95.
    draft.set(Field::GroupWeight(0), "25".into());
    let check = draft.check();
    assert!(check.scheme.is_none());
    assert_eq!(
        check.general,
        [
            "分组「总量指标」各指标满分之和为 30，应等于分组分值 25",
            "各分组分值之和为 95，应等于方案总分 100"
        ]
    );
    // Text where a number goes: the message is on that field, in the field's words.
    draft.set(Field::GroupWeight(0), "30".into());
    let full = Field::Indicator(0, 1, IndicatorField::Full);
    draft.set(full, "六".into());
    let check = draft.check();
    assert_eq!(
        check.fields.get(&full).map(String::as_str),
        Some("满分应为数字，例如 5（现为「六」）")
    );
    draft.set(full, "6".into());
    // A name used twice, an empty name.
    let second = draft.groups[0].indicators[1].name.clone();
    draft.set(Field::Indicator(0, 0, IndicatorField::Name), second.clone());
    draft.set(Field::GroupName(1), " ".into());
    let check = draft.check();
    assert_eq!(
        check
            .fields
            .get(&Field::Indicator(0, 1, IndicatorField::Name)),
        Some(&format!("指标名称「{second}」重复"))
    );
    assert_eq!(
        check.fields.get(&Field::GroupName(1)).map(String::as_str),
        Some("分组名称不能为空")
    );
    // A method's parameter missing: 每降一名扣分 without its step.
    let mut draft = SchemeDraft::of(builtin_scheme(), true);
    assert!(draft.choose_method(0, 0, "rank_step"));
    let step = Field::Indicator(0, 0, IndicatorField::Param0);
    assert_eq!(
        draft.check().fields.get(&step).map(String::as_str),
        Some("每降一名扣分应为数字，例如 5（现为「」）")
    );
    draft.set(step, "0".into());
    assert_eq!(
        draft.check().fields.get(&step).map(String::as_str),
        Some("每降一名扣分应大于 0（现为「0」）")
    );
    draft.set(step, "0.5".into());
    let scheme = draft.check().scheme.expect("valid");
    assert_eq!(
        scheme.groups[0].indicators[0].method,
        parkscore::Method::RankStep {
            step: Decimal::new(5, 1)
        }
    );
    assert_eq!(
        scheme.id, "chifeng-2020-edited",
        "a changed built-in is a copy"
    );
    assert_eq!(
        scheme.name,
        "赤峰市工业园区综合发展评价考核指标体系（修改稿）"
    );
}

#[test]
fn an_indicator_added_and_one_removed_keep_the_sums_and_get_a_fresh_id() {
    let mut draft = SchemeDraft::of(builtin_scheme(), false);
    // 总量指标: five indicators of 6 points; remove the last, add one of 6 points, lower is better.
    let before = draft.groups[0].indicators.len();
    assert!(draft.remove_indicator(0, before - 1));
    assert!(draft.add_indicator(0));
    let new = before - 1;
    let f = |which| Field::Indicator(0, new, which);
    // An empty new indicator: its name and full marks are asked for.
    let check = draft.check();
    assert_eq!(
        check
            .fields
            .get(&f(IndicatorField::Name))
            .map(String::as_str),
        Some("指标名称不能为空")
    );
    draft.set(f(IndicatorField::Name), "单位产值能耗".into());
    draft.set(f(IndicatorField::Unit), "吨标煤/万元".into());
    draft.set(f(IndicatorField::Full), "6".into());
    assert!(draft.choose_direction(0, new, Direction::LowerIsBetter));
    let scheme = draft.check().scheme.expect("valid");
    let added = &scheme.groups[0].indicators[new];
    assert_eq!(added.id.as_str(), "ind_1");
    assert_eq!(added.direction, Direction::LowerIsBetter);
    assert_eq!(
        scheme.id, "chifeng-2020",
        "not opened from the built-in: the id stays"
    );
}

#[test]
fn applied_the_round_is_scored_under_the_edited_rules_and_the_editor_closes() {
    let s = apply(&AppState::default(), Action::SampleRequested);
    let s = edit(&s, DraftEdit::Opened);
    assert!(s.scheme_draft.is_some());
    assert!(
        s.apply(Action::SchemeDraft {
            edit: DraftEdit::Opened
        })
        .is_none(),
        "an open draft stays as typed"
    );
    // A wrong value: 使用此方案 changes nothing.
    let bad = typed(&s, Field::Provincial, "三");
    assert!(bad
        .apply(Action::SchemeDraft {
            edit: DraftEdit::Applied
        })
        .is_none());
    // The provincial recognition worth 3 points: worked by hand, 东山园区 94.80 → 92.80.
    let s = typed(&s, Field::Provincial, "3");
    let s = edit(&s, DraftEdit::Applied);
    assert!(s.scheme_draft.is_none());
    assert_eq!(s.scheme.id, "chifeng-2020-edited");
    assert_eq!(
        s.scheme.name,
        "赤峰市工业园区综合发展评价考核指标体系（修改稿）"
    );
    assert_eq!(total_of(&s, "东山园区"), Decimal::new(9280, 2));
    assert_eq!(total_of(&s, "红山园区"), Decimal::new(9518, 2));
    assert!(!s.scheme_is_builtin());
    // Closed without applying: nothing changes.
    let s2 = edit(&s, DraftEdit::Opened);
    let s2 = typed(&s2, Field::National, "20");
    let s2 = edit(&s2, DraftEdit::Closed);
    assert!(s2.scheme_draft.is_none());
    assert_eq!(total_of(&s2, "红山园区"), Decimal::new(9518, 2));
}

/// The presets of issue 13 open in the editor (their methods' parameters and classes as
/// fields) and build back to themselves, fingerprint and all: nothing of a loaded scheme is
/// lost by the draft.
#[test]
fn a_presets_draft_builds_back_to_the_preset() {
    for preset in &parkscore::scheme::presets::PRESETS {
        let scheme = std::rc::Rc::new(preset.scheme().expect("a valid preset"));
        let draft = SchemeDraft::of(scheme.clone(), false);
        let check = draft.check();
        assert_eq!(check.count(), 0, "{}: {check:?}", preset.id);
        assert_eq!(check.scheme.as_ref(), Some(&*scheme), "{}", preset.id);
        assert_eq!(
            check.scheme.as_ref().map(Scheme::fingerprint),
            Some(scheme.fingerprint()),
            "{}",
            preset.id
        );
    }
    // The 淮安式 preset's fields: the benchmark, the shares, the T list, 评价对象.
    let huaian = std::rc::Rc::new(preset("huaian-2024"));
    let draft = SchemeDraft::of(huaian, false);
    assert_eq!(draft.text(ind(0, 0, IndicatorField::Param0)), "30");
    assert_eq!(draft.groups[0].indicators[0].method, "ratio_to_benchmark");
    assert!(!draft.groups[0].indicators[0].capped);
    assert_eq!(draft.classes_by, Some(ClassBasis::Share));
    assert_eq!(draft.text(Field::GradeName(1)), "B");
    assert_eq!(draft.text(Field::GradeValue(1)), "40");
    assert_eq!(
        draft.text(Field::NotRated),
        "淮安示例水务有限公司\n淮安示例新材料有限公司"
    );
    assert_eq!(draft.text(Field::UnitNoun), "企业");
}

fn preset(id: &str) -> Scheme {
    parkscore::scheme::presets::preset(id)
        .expect("a preset")
        .scheme()
        .expect("valid")
}

fn ind(g: usize, i: usize, which: IndicatorField) -> Field {
    Field::Indicator(g, i, which)
}

fn message(draft: &SchemeDraft, field: Field) -> Option<String> {
    draft.check().fields.get(&field).cloned()
}

/// Loaded in the page, opened, applied unchanged: the same rules (nothing to re-score).
#[test]
fn a_preset_opened_and_applied_unchanged_is_the_preset() {
    let s = apply(
        &AppState::default(),
        Action::PresetChosen {
            id: "huangyan-2022".into(),
        },
    );
    let before = s.scheme.fingerprint();
    let s = edit(&s, DraftEdit::Opened);
    let s = edit(&s, DraftEdit::Applied);
    assert!(s.scheme_draft.is_none());
    assert_eq!(s.scheme.fingerprint(), before);
    assert_eq!(s.preset_in_use().map(|p| p.id), Some("huangyan-2022"));
}

#[test]
fn the_newer_methods_parameters_are_checked_on_their_fields() {
    let mut draft = SchemeDraft::of(std::rc::Rc::new(preset("huaian-2024")), false);
    // ratio_to_benchmark: the benchmark must be above 0; 不超过满分 is a switch.
    let b = ind(0, 0, IndicatorField::Param0);
    draft.set(b, "0".into());
    assert_eq!(
        message(&draft, b).as_deref(),
        Some("基准值应大于 0（现为「0」）")
    );
    draft.set(b, "三十".into());
    assert_eq!(
        message(&draft, b).as_deref(),
        Some("基准值应为数字，例如 5（现为「三十」）")
    );
    draft.set(b, "40".into());
    // Lower is better has no meaning for a benchmark: said beside the direction, in words.
    assert!(draft.choose_direction(0, 0, Direction::LowerIsBetter));
    assert_eq!(
        message(&draft, ind(0, 0, IndicatorField::Direction)).as_deref(),
        Some("比值法不比较数值高低，方向应为越高越好：越低越好的数值请换成其倒数的形式（如 税收 ÷ 能耗）")
    );
    assert!(draft.choose_direction(0, 0, Direction::HigherIsBetter));
    assert!(draft.toggle_cap(0, 0));
    let scheme = draft.check().scheme.expect("valid");
    assert_eq!(
        scheme.groups[0].indicators[0].method,
        parkscore::Method::RatioToBenchmark {
            benchmark: Decimal::from(40),
            cap: true
        }
    );
    assert!(!draft.toggle_cap(0, 5), "no such indicator");

    // min_max_floor: a share of full between 0 and 1.
    assert!(draft.choose_method(0, 1, "min_max_floor"));
    let a = ind(0, 1, IndicatorField::Param0);
    assert_eq!(
        message(&draft, a).as_deref(),
        Some("最后一名得满分的比例应为 0 到 1 之间的数，例如 0.2（现为「」）")
    );
    draft.set(a, "1.2".into());
    assert!(message(&draft, a).is_some());
    draft.set(a, "0.2".into());
    assert_eq!(message(&draft, a), None);

    // deduction (满分 20): 每项扣分 above 0, 最低得分 empty (0) or in [0, 20).
    assert!(draft.choose_method(0, 2, "deduction"));
    let (per, min) = (
        ind(0, 2, IndicatorField::Param0),
        ind(0, 2, IndicatorField::Param1),
    );
    draft.set(per, "0.3".into());
    assert_eq!(message(&draft, min), None, "empty is 0");
    draft.set(min, "20".into());
    assert_eq!(
        message(&draft, min).as_deref(),
        Some("最低得分应不小于 0、小于满分 20（现为「20」）")
    );
    draft.set(min, "5".into());
    let scheme = draft.check().scheme.expect("valid");
    assert_eq!(
        scheme.groups[0].indicators[1].method,
        parkscore::Method::MinMaxFloor {
            floor: Decimal::new(2, 1)
        }
    );
    assert_eq!(
        scheme.groups[0].indicators[2].method,
        parkscore::Method::Deduction {
            per: Decimal::new(3, 1),
            minimum: Decimal::from(5)
        }
    );
}

#[test]
fn a_thresholds_table_is_typed_one_level_a_line() {
    let mut draft = SchemeDraft::of(std::rc::Rc::new(preset("huaian-2024")), false);
    // 单位能耗税收 (满分 20) by levels.
    assert!(draft.choose_method(0, 2, "thresholds"));
    let (levels, otherwise) = (
        ind(0, 2, IndicatorField::Param0),
        ind(0, 2, IndicatorField::Param1),
    );
    assert_eq!(
        message(&draft, levels).as_deref(),
        Some("至少写一档，例如「≥ 10 得 5 分」")
    );
    for (text, said) in [
        (
            "≥ 10 得 20 分\n≥ 五 得 10 分",
            "第 2 行应写成「≥ 10 得 5 分」：界限和得分两个数（现为「≥ 五 得 10 分」）",
        ),
        (
            "≤ 10 得 20 分",
            "第 1 行：指标方向为越高越好，每档写「≥ 10 得 5 分」（现为「≤ 10 得 20 分」）",
        ),
        ("≥ 10 得 25 分", "第 1 行的得分 25 应在 0 到满分 20 之间"),
        (
            "≥ 5 得 10 分\n≥ 10 得 5 分",
            "第 2 行的界限 10 应比上一档的 5 差（从最好到最差排列，依次变小）",
        ),
        (
            "≥ 10 得 10 分\n≥ 5 得 15 分",
            "第 2 行的得分 15 不应高于上一档的 10",
        ),
    ] {
        draft.set(levels, text.into());
        assert_eq!(message(&draft, levels).as_deref(), Some(said), "{text}");
    }
    // A line without ≥ takes the direction; blank lines are skipped.
    draft.set(levels, "≥ 10 得 20 分\n\n6 10".into());
    draft.set(otherwise, "12".into());
    assert_eq!(
        message(&draft, otherwise).as_deref(),
        Some("未达任何一档的得分应在 0 到最后一档的得分 10 之间（现为「12」）")
    );
    draft.set(otherwise, "2".into());
    let scheme = draft.check().scheme.expect("valid");
    let method = &scheme.groups[0].indicators[2].method;
    assert_eq!(
        method.name_zh(),
        "分档计分（≥ 10 得 20 分，≥ 6 得 10 分，其余 2 分）"
    );
    // Built and reopened, the table reads as it is printed.
    let reopened = SchemeDraft::of(std::rc::Rc::new(scheme.clone()), false);
    assert_eq!(reopened.text(levels), "≥ 10 得 20 分\n≥ 6 得 10 分");
    assert_eq!(reopened.check().scheme.as_ref(), Some(&scheme));
}

#[test]
fn the_classes_are_edited_and_checked_as_typed() {
    let mut draft = SchemeDraft::of(std::rc::Rc::new(preset("huaian-2024")), false);
    // A share changed: the sum is said in words.
    draft.set(Field::GradeValue(0), "25".into());
    assert_eq!(
        draft.check().general,
        ["各等级所占比例之和为 105%，应为 100%"]
    );
    draft.set(Field::GradeValue(1), "三十五".into());
    assert_eq!(
        message(&draft, Field::GradeValue(1)).as_deref(),
        Some("所占比例应为大于 0 的百分数，例如 20（现为「三十五」）")
    );
    draft.set(Field::GradeValue(1), "35".into());
    assert_eq!(draft.check().count(), 0);
    // Names: T is the not-rated class's, a name once.
    draft.set(Field::GradeName(3), "T".into());
    assert_eq!(
        message(&draft, Field::GradeName(3)).as_deref(),
        Some("T 留给不参评单位，请另取名称")
    );
    draft.set(Field::GradeName(3), "A".into());
    assert_eq!(
        message(&draft, Field::GradeName(3)).as_deref(),
        Some("等级名称「A」重复")
    );
    draft.set(Field::GradeName(3), "D".into());
    // By score: the values start empty; least totals falling, the last without one.
    assert!(draft.choose_classes(Some(ClassBasis::Score)));
    assert_eq!(draft.text(Field::GradeValue(0)), "");
    for (k, v) in [(0, "120"), (1, "80"), (2, "90")] {
        draft.set(Field::GradeValue(k), v.into());
    }
    assert_eq!(
        message(&draft, Field::GradeValue(2)).as_deref(),
        Some("最低总分应低于上一等级的 80（现为「90」）")
    );
    draft.set(Field::GradeValue(2), "50".into());
    draft.set(Field::GradeValue(3), "10".into());
    assert_eq!(
        message(&draft, Field::GradeValue(3)).as_deref(),
        Some("最后一个等级包括其余全部单位，不填最低总分")
    );
    draft.set(Field::GradeValue(3), String::new());
    let scheme = draft.check().scheme.expect("valid");
    let classes = scheme.classes.as_ref().expect("classes");
    assert_eq!(classes.by, ClassBasis::Score);
    assert_eq!(classes.grades[1].at_least, Some(Decimal::from(80)));
    assert_eq!(classes.grades[3].at_least, None);
    assert_eq!(classes.not_rated.len(), 2);
    // A grade removed, one added; two at least.
    assert!(draft.remove_grade(3));
    assert!(draft.remove_grade(2));
    assert!(draft.remove_grade(1));
    assert_eq!(
        draft.check().general,
        ["等级至少要有两个（现有 1 个），例如 A、B、C、D"]
    );
    assert!(draft.add_grade());
    draft.set(Field::GradeName(1), "B".into());
    assert!(draft.check().scheme.is_some());
    // No classes: the scheme grades nobody.
    assert!(draft.choose_classes(None));
    assert_eq!(draft.check().scheme.expect("valid").classes, None);
}

#[test]
fn units_not_rated_must_be_on_the_list_and_named_once() {
    // The built-in scheme lists its 14 parks: a T unit must be one of them.
    let mut draft = SchemeDraft::of(builtin_scheme(), true);
    assert!(draft.choose_classes(Some(ClassBasis::Share)));
    assert_eq!(draft.grades.len(), 4, "A, B, C, D to begin with");
    for (k, v) in ["20", "40", "35", "5"].into_iter().enumerate() {
        draft.set(Field::GradeValue(k), v.into());
    }
    draft.set(Field::NotRated, "不存在园区".into());
    assert_eq!(
        message(&draft, Field::NotRated).as_deref(),
        Some("不参评单位「不存在园区」不在参评单位名单中")
    );
    draft.set(Field::NotRated, "东山园区\n东山园区".into());
    assert_eq!(
        message(&draft, Field::NotRated).as_deref(),
        Some("不参评单位「东山园区」重复")
    );
    draft.set(Field::NotRated, "东山园区".into());
    let scheme = draft.check().scheme.expect("valid");
    assert_eq!(scheme.id, "chifeng-2020-edited");
    assert_eq!(
        scheme.classes.expect("classes").not_rated,
        ["东山园区".to_owned()]
    );
}

#[test]
fn the_unit_noun_is_a_short_word() {
    let mut draft = SchemeDraft::of(builtin_scheme(), true);
    assert_eq!(draft.text(Field::UnitNoun), "");
    draft.set(Field::UnitNoun, "企业1".into());
    assert_eq!(
        message(&draft, Field::UnitNoun).as_deref(),
        Some("评价对象应为 1 到 10 个字，不含空格、数字和标点，例如 企业（现为「企业1」）")
    );
    draft.set(Field::UnitNoun, " 企业 ".into());
    let scheme = draft.check().scheme.expect("valid");
    assert_eq!(scheme.unit_noun(), "企业");
    draft.set(Field::UnitNoun, String::new());
    assert_eq!(draft.check().scheme.expect("valid"), *builtin_scheme());
}

/// Applied with other shares, the round is graded under them. By hand: the 淮安式 sample has
/// 22 ranked firms (24 less 2 T). With A 25 %, B 35 %: A takes ⌊22 × 25 ÷ 100⌋ = ⌊5.5⌋ = 5
/// places (was ⌊22 × 20 ÷ 100⌋ = 4), A+B ⌊22 × 60 ÷ 100⌋ = 13 as before. 5th is 仪器
/// (33.4, 560, 8.8: 50.1 + 32.6667 + 29.3333 = 112.10; above it 医药 175.95, 电子 163.50,
/// 化工 120.08, 酿造 115.63), so 仪器 goes from B to A; 光伏 (6th, 111.93) stays B.
#[test]
fn applied_the_round_is_graded_under_the_shares_typed() {
    let s = apply(
        &AppState::default(),
        Action::PresetChosen {
            id: "huaian-2024".into(),
        },
    );
    let s = apply(&s, Action::SampleRequested);
    assert_eq!(class_of(&s, "淮安示例仪器有限公司"), "B");
    let s = edit(&s, DraftEdit::Opened);
    let s = typed(&s, Field::GradeValue(0), "25");
    let s = typed(&s, Field::GradeValue(1), "35");
    let s = edit(&s, DraftEdit::Applied);
    assert!(s.scheme_draft.is_none());
    assert_eq!(total_of(&s, "淮安示例仪器有限公司"), Decimal::new(11210, 2));
    assert_eq!(class_of(&s, "淮安示例仪器有限公司"), "A");
    assert_eq!(class_of(&s, "淮安示例光伏有限公司"), "B");
    assert_eq!(class_of(&s, "淮安示例纺织有限公司"), "B");
    // The page's heading is the scheme's name less 指标体系; the built-in's as it always was.
    assert_eq!(
        s.page_title(),
        "工业企业亩均效益综合评价（淮安式，示例方案）"
    );
    assert_eq!(
        AppState::default().page_title(),
        "赤峰市工业园区综合发展评价考核"
    );
    assert_eq!(
        parkscore_app::state::Tab::Detail.label_for(s.scheme.unit_noun()),
        "企业详情"
    );
    // The status says the unit's word and the grade of the first.
    assert!(
        s.status_zh()
            .contains("已计分：22 个企业参评，第 1 名 淮安示例医药有限公司（175.95 分，等级 A），2 个企业不参评"),
        "{}",
        s.status_zh()
    );
}

fn class_of(state: &AppState, park: &str) -> String {
    let eval = state.evaluation.as_deref().expect("an evaluation");
    let row = eval.row(park).expect("ranked");
    eval.class_of(row).expect("graded").to_owned()
}
