//! 编辑评分方案: the scheme as a form a bureau fills in — basics (with 评价对象), the groups with
//! their indicators (every method's parameters: a thresholds table is a text area, one level a
//! line; 不超过满分 a check box), the bonus, the veto events, the award money, the evaluated
//! units, the classes (by share or by score, the grades, the units not rated) — checked as
//! typed ([`SchemeDraft::check`]): a field that is wrong says why beside it (and is marked
//! `aria-invalid`), a sum that is wrong says so above the form. 使用此方案 scores the round
//! under it; 保存为文件 writes its TOML; both only when nothing is wrong.

use parkscore::scheme::ClassBasis;
use parkscore::Direction;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::scheme_draft::{DraftCheck, Field, IndicatorField, SchemeDraft, METHODS};
use crate::state::DraftEdit;

/// Properties of [`SchemeEditor`].
#[derive(Properties, PartialEq)]
pub struct SchemeEditorProps {
    /// The draft.
    pub draft: Rc<SchemeDraft>,
    /// What an edit did.
    pub on_edit: Callback<DraftEdit>,
    /// 保存为文件 (only offered when the draft builds).
    pub on_save: Callback<()>,
}

/// `field-<n>`: the id of a field's input, for its label and its message.
fn field_id(field: Field) -> String {
    let code = match field {
        Field::Name => "name".to_owned(),
        Field::Document => "document".to_owned(),
        Field::Rounding => "rounding".to_owned(),
        Field::GroupName(g) => format!("g{g}-name"),
        Field::GroupWeight(g) => format!("g{g}-weight"),
        Field::GroupDepartments(g) => format!("g{g}-departments"),
        Field::Indicator(g, i, f) => format!(
            "g{g}-i{i}-{}",
            match f {
                IndicatorField::Name => "name",
                IndicatorField::Unit => "unit",
                IndicatorField::Full => "full",
                IndicatorField::Param0 => "param0",
                IndicatorField::Param1 => "param1",
                IndicatorField::Source => "source",
                IndicatorField::Direction => "direction",
            }
        ),
        Field::Provincial => "provincial".to_owned(),
        Field::National => "national".to_owned(),
        Field::Places => "places".to_owned(),
        Field::SpecialName(k) => format!("s{k}-name"),
        Field::SpecialAmount(k) => format!("s{k}-amount"),
        Field::VetoEvents => "veto".to_owned(),
        Field::Units => "units".to_owned(),
        Field::UnitNoun => "unit-noun".to_owned(),
        Field::GradeName(k) => format!("k{k}-name"),
        Field::GradeValue(k) => format!("k{k}-value"),
        Field::NotRated => "not-rated".to_owned(),
    };
    format!("scheme-{code}")
}

/// One text field: its input (or textarea), labelled, with its message.
fn text_field(
    draft: &SchemeDraft,
    check: &DraftCheck,
    on_edit: &Callback<DraftEdit>,
    field: Field,
    label: &str,
    class: &'static str,
    multiline: bool,
) -> Html {
    let id = field_id(field);
    let error = check.fields.get(&field);
    let error_id = format!("{id}-error");
    let cb = on_edit.clone();
    let value = draft.text(field).to_owned();
    let input = if multiline {
        let oninput = Callback::from(move |e: InputEvent| {
            let el: HtmlTextAreaElement = e.target_unchecked_into();
            cb.emit(DraftEdit::Typed {
                field,
                text: el.value(),
            });
        });
        html! {
            <textarea id={id.clone()} data-testid={id.clone()} rows="4" {value} {oninput}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
        }
    } else {
        let oninput = Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            cb.emit(DraftEdit::Typed {
                field,
                text: el.value(),
            });
        });
        html! {
            <input id={id.clone()} data-testid={id.clone()} {value} {oninput}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
        }
    };
    html! {
        <div class={classes!("scheme-field", class)}>
            <label for={id.clone()}>{ label }</label>
            { input }
            if let Some(e) = error {
                <p class="field-error" id={error_id} data-testid={format!("{id}-error")}>{ e }</p>
            }
        </div>
    }
}

/// `data-testid="scheme-editor"`.
#[component(SchemeEditor)]
pub fn scheme_editor(props: &SchemeEditorProps) -> Html {
    let draft = &*props.draft;
    let check = draft.check();
    let edit = |e: DraftEdit| {
        let cb = props.on_edit.clone();
        Callback::from(move |_: MouseEvent| cb.emit(e.clone()))
    };
    let field = |f: Field, label: &str, class: &'static str| {
        text_field(draft, &check, &props.on_edit, f, label, class, false)
    };
    let area =
        |f: Field, label: &str| text_field(draft, &check, &props.on_edit, f, label, "wide", true);
    let ok = check.scheme.is_some();
    let on_save = {
        let cb = props.on_save.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_classes_by = {
        let cb = props.on_edit.clone();
        Callback::from(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            let by = match el.value().as_str() {
                "share" => Some(ClassBasis::Share),
                "score" => Some(ClassBasis::Score),
                _ => None,
            };
            cb.emit(DraftEdit::ClassesBasis { by });
        })
    };
    let on_cumulative = {
        let cb = props.on_edit.clone();
        Callback::from(move |_: Event| cb.emit(DraftEdit::CumulativeToggled))
    };
    html! {
        <section class="scheme-editor" aria-labelledby="scheme-editor-title" data-testid="scheme-editor">
            <div class="scheme-editor-head">
                <h2 id="scheme-editor-title">{ "编辑评分方案" }</h2>
                <div class="scheme-editor-actions">
                    <button type="button" class="button primary" data-testid="scheme-apply" disabled={!ok}
                        onclick={edit(DraftEdit::Applied)}>{ "使用此方案" }</button>
                    <button type="button" class="button" data-testid="scheme-editor-save" disabled={!ok}
                        onclick={on_save}>{ "保存为文件" }</button>
                    <button type="button" class="button" data-testid="scheme-editor-close"
                        onclick={edit(DraftEdit::Closed)}>{ "关闭（不使用）" }</button>
                </div>
            </div>
            if draft.from_builtin {
                <p class="hint">{ "内置的赤峰 2020 方案不会被改写：修改后使用或保存的是它的副本（名称后加「修改稿」）。" }</p>
            }
            <p class={classes!("scheme-status", (!ok).then_some("bad"))} role="status" data-testid="scheme-status">
                { if ok { "方案检查通过，可以使用或保存。".to_owned() } else { format!("还有 {} 处需要修改：", check.count()) } }
            </p>
            if !check.general.is_empty() {
                <ul class="scheme-general" data-testid="scheme-general">
                    { for check.general.iter().map(|m| html! { <li>{ m }</li> }) }
                </ul>
            }
            <fieldset>
                <legend>{ "基本信息" }</legend>
                <div class="scheme-row">
                    { field(Field::Name, "方案名称", "wide") }
                    { field(Field::Document, "依据文件（文号）", "medium") }
                    { field(Field::Rounding, "得分保留小数位", "narrow") }
                    { field(Field::UnitNoun, "评价对象（如 园区、企业；留空为园区）", "narrow") }
                </div>
            </fieldset>
            { for draft.groups.iter().enumerate().map(|(g, group)| html! {
                <fieldset class="scheme-group" data-testid={format!("scheme-group-{g}")}>
                    <legend>{ format!("分组 {}：{}", g + 1, group.name) }</legend>
                    <div class="scheme-row">
                        { field(Field::GroupName(g), "分组名称", "medium") }
                        { field(Field::GroupWeight(g), "分值", "narrow") }
                        { field(Field::GroupDepartments(g), "负责单位（用顿号分开）", "wide") }
                        <button type="button" class="button danger small" data-testid={format!("scheme-group-{g}-remove")}
                            onclick={edit(DraftEdit::GroupRemoved { group: g })}>{ "删除分组" }</button>
                    </div>
                    <table class="scheme-indicators">
                        <thead><tr>
                            <th scope="col">{ "指标名称" }</th><th scope="col">{ "单位" }</th>
                            <th scope="col">{ "满分" }</th><th scope="col">{ "计分方法及参数" }</th>
                            <th scope="col">{ "方向" }</th><th scope="col">{ "数据来源" }</th><th scope="col"></th>
                        </tr></thead>
                        <tbody>
                            { for group.indicators.iter().enumerate().map(|(i, ind)| {
                                let f = |which| Field::Indicator(g, i, which);
                                let on_method = {
                                    let cb = props.on_edit.clone();
                                    Callback::from(move |e: Event| {
                                        let el: HtmlSelectElement = e.target_unchecked_into();
                                        cb.emit(DraftEdit::Method { group: g, indicator: i, method: el.value() });
                                    })
                                };
                                let on_direction = {
                                    let cb = props.on_edit.clone();
                                    Callback::from(move |e: Event| {
                                        let el: HtmlSelectElement = e.target_unchecked_into();
                                        let direction = if el.value() == "lower" { Direction::LowerIsBetter } else { Direction::HigherIsBetter };
                                        cb.emit(DraftEdit::Direction { group: g, indicator: i, direction });
                                    })
                                };
                                let method_id = format!("scheme-g{g}-i{i}-method");
                                let direction_error = check.fields.get(&f(IndicatorField::Direction)).cloned();
                                html! {
                                    <tr data-testid={format!("scheme-g{g}-i{i}")}>
                                        <td>{ text_field(draft, &check, &props.on_edit, f(IndicatorField::Name), "指标名称", "cell", false) }</td>
                                        <td>{ text_field(draft, &check, &props.on_edit, f(IndicatorField::Unit), "单位", "cell narrow", false) }</td>
                                        <td>{ text_field(draft, &check, &props.on_edit, f(IndicatorField::Full), "满分", "cell narrow", false) }</td>
                                        <td class="method">
                                            <label class="visually-hidden" for={method_id.clone()}>{ "计分方法" }</label>
                                            <select id={method_id.clone()} data-testid={method_id} onchange={on_method}>
                                                { for METHODS.iter().map(|m| html! {
                                                    <option value={m.id} selected={m.id == ind.method}>{ m.name }</option>
                                                }) }
                                            </select>
                                            { for ind.param_labels().iter().enumerate().map(|(k, (key, label))| {
                                                let which = if k == 0 { IndicatorField::Param0 } else { IndicatorField::Param1 };
                                                if *key == "levels" {
                                                    text_field(draft, &check, &props.on_edit, f(which), label, "cell", true)
                                                } else {
                                                    text_field(draft, &check, &props.on_edit, f(which), label, "cell narrow", false)
                                                }
                                            }) }
                                            if ind.method == "ratio_to_benchmark" {
                                                <label class="check"><input type="checkbox"
                                                    data-testid={format!("scheme-g{g}-i{i}-cap")} checked={ind.capped}
                                                    onchange={{
                                                        let cb = props.on_edit.clone();
                                                        Callback::from(move |_: Event| cb.emit(DraftEdit::CapToggled { group: g, indicator: i }))
                                                    }} />{ "不超过满分" }</label>
                                            }
                                        </td>
                                        <td><div class="scheme-field">
                                            <label class="visually-hidden" for={format!("scheme-g{g}-i{i}-direction")}>{ "方向" }</label>
                                            <select id={format!("scheme-g{g}-i{i}-direction")} data-testid={format!("scheme-g{g}-i{i}-direction")}
                                                onchange={on_direction}
                                                aria-invalid={direction_error.is_some().then_some("true")}
                                                aria-describedby={direction_error.is_some().then(|| format!("scheme-g{g}-i{i}-direction-error"))}>
                                                <option value="higher" selected={ind.direction == Direction::HigherIsBetter}>{ "越高越好" }</option>
                                                <option value="lower" selected={ind.direction == Direction::LowerIsBetter}>{ "越低越好" }</option>
                                            </select>
                                            if let Some(e) = direction_error {
                                                <p class="field-error" id={format!("scheme-g{g}-i{i}-direction-error")}
                                                    data-testid={format!("scheme-g{g}-i{i}-direction-error")}>{ e }</p>
                                            }
                                        </div></td>
                                        <td>{ text_field(draft, &check, &props.on_edit, f(IndicatorField::Source), "数据来源", "cell", false) }</td>
                                        <td><button type="button" class="icon-button" aria-label={format!("删除指标 {}", ind.name)}
                                            data-testid={format!("scheme-g{g}-i{i}-remove")}
                                            onclick={edit(DraftEdit::IndicatorRemoved { group: g, indicator: i })}>{ "删除" }</button></td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                    <button type="button" class="button small" data-testid={format!("scheme-group-{g}-add")}
                        onclick={edit(DraftEdit::IndicatorAdded { group: g })}>{ "＋ 添加指标" }</button>
                </fieldset>
            }) }
            <p><button type="button" class="button" data-testid="scheme-group-add"
                onclick={edit(DraftEdit::GroupAdded)}>{ "＋ 添加分组" }</button></p>
            <fieldset>
                <legend>{ "附加分与一票否决" }</legend>
                <div class="scheme-row">
                    { field(Field::Provincial, "省级认定加分", "narrow") }
                    { field(Field::National, "国家级认定加分", "narrow") }
                    <label class="check"><input type="checkbox" data-testid="scheme-cumulative"
                        checked={draft.cumulative} onchange={on_cumulative} />{ "附加分累加" }</label>
                </div>
                { area(Field::VetoEvents, "一票否决事项（每行一项）") }
            </fieldset>
            <fieldset>
                <legend>{ "奖励资金" }</legend>
                { field(Field::Places, "名次奖励（万元，依次为第 1、2、3… 名，用顿号分开）", "wide") }
                { for draft.specials.iter().enumerate().map(|(k, _)| html! {
                    <div class="scheme-row">
                        { field(Field::SpecialName(k), "专项奖励", "medium") }
                        { field(Field::SpecialAmount(k), "金额（万元）", "narrow") }
                    </div>
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "参评单位" }</legend>
                { area(Field::Units, "参评单位名单（每行一个；留空则不核对名单）") }
            </fieldset>
            <fieldset class="scheme-classes" data-testid="scheme-classes">
                <legend>{ "等级" }</legend>
                <div class="scheme-row">
                    <label for="scheme-classes-by">{ "评定等级" }</label>
                    <select id="scheme-classes-by" data-testid="scheme-classes-by" onchange={on_classes_by}>
                        <option value="none" selected={draft.classes_by.is_none()}>{ "不评定等级" }</option>
                        <option value="share" selected={draft.classes_by == Some(ClassBasis::Share)}>{ "按排名比例（如 A 前 20%）" }</option>
                        <option value="score" selected={draft.classes_by == Some(ClassBasis::Score)}>{ "按总分（如 A 不低于 90 分）" }</option>
                    </select>
                </div>
                if let Some(by) = draft.classes_by {
                    <p class="hint">{ match by {
                        ClassBasis::Share => "各等级所占比例之和为 100%；名次并列跨越两个等级时取较高的等级，人数向下取整，最后一个等级包括其余全部单位。",
                        ClassBasis::Score => "从最好的等级起，每个等级填最低总分，依次降低；最后一个等级不填，包括其余全部单位。",
                    } }</p>
                    { for draft.grades.iter().enumerate().map(|(k, _)| html! {
                        <div class="scheme-row" data-testid={format!("scheme-grade-{k}")}>
                            { field(Field::GradeName(k), "等级名称", "narrow") }
                            { field(Field::GradeValue(k), match by {
                                ClassBasis::Share => "所占比例（%）",
                                ClassBasis::Score => "最低总分",
                            }, "narrow") }
                            <button type="button" class="button danger small" data-testid={format!("scheme-grade-{k}-remove")}
                                onclick={edit(DraftEdit::GradeRemoved { grade: k })}>{ "删除等级" }</button>
                        </div>
                    }) }
                    <p><button type="button" class="button small" data-testid="scheme-grade-add"
                        onclick={edit(DraftEdit::GradeAdded)}>{ "＋ 添加等级" }</button></p>
                    { area(Field::NotRated, "不参评单位（T 类，每行一个：列出但不评分、不排名，不计入参评数）") }
                }
            </fieldset>
        </section>
    }
}
