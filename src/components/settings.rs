//! The reading's choices: the method of 排序法 indicators (with the step of 每降一名扣分),
//! cumulative bonus, what a missing value does, and the two choices about the scheme's list of
//! evaluated units (go on without a listed unit; include parks not on the list).

use parkscore::MissingPolicy;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::format::{missing_label, MISSING_POLICIES};
use crate::state::{ChangedSettings, RankingMethod};

/// Properties of [`SettingsPanel`].
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The method in effect.
    pub method: RankingMethod,
    /// The step as typed.
    pub step_text: AttrValue,
    /// What is wrong with the step, if anything.
    pub step_error: Option<AttrValue>,
    /// Whether bonuses add up.
    pub cumulative_bonus: bool,
    /// Whether 附加分累加 is offered ([`crate::state::AppState::shows_bonus_setting`]: the
    /// scheme has a bonus).
    #[prop_or(true)]
    pub show_bonus: bool,
    /// The missing-value policy.
    pub missing: MissingPolicy,
    /// Whether units of the scheme's list may be missing from the file.
    pub allow_missing_units: bool,
    /// Whether parks not on the scheme's list are scored.
    pub allow_unlisted: bool,
    /// Whether the scheme has a list of units at all (else the two choices are not shown).
    pub has_unit_list: bool,
    /// The settings that differ from the scheme's default (marked, and 恢复默认 offered).
    pub changed: ChangedSettings,
    /// 恢复默认.
    pub on_reset: Callback<()>,
    /// A method was chosen.
    pub on_method: Callback<RankingMethod>,
    /// The step was typed.
    pub on_step: Callback<String>,
    /// Cumulative bonus toggled.
    pub on_bonus: Callback<()>,
    /// A missing-value policy was chosen.
    pub on_missing: Callback<MissingPolicy>,
    /// 允许缺少名单中的单位 toggled.
    pub on_allow_missing: Callback<()>,
    /// 包括名单外的园区 toggled.
    pub on_allow_unlisted: Callback<()>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// The settings panel (`data-testid="method-select"` for the method).
#[component(SettingsPanel)]
pub fn settings_panel(props: &SettingsProps) -> Html {
    let on_method = {
        let cb = props.on_method.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(m) = RankingMethod::from_id(&select.value()) {
                cb.emit(m);
            }
        })
    };
    let on_step = {
        let cb = props.on_step.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let on_bonus = {
        let cb = props.on_bonus.clone();
        Callback::from(move |_: Event| cb.emit(()))
    };
    let on_allow_missing = props.on_allow_missing.reform(|_: Event| ());
    let on_allow_unlisted = props.on_allow_unlisted.reform(|_: Event| ());
    let on_missing = {
        let cb = props.on_missing.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((p, _)) = MISSING_POLICIES
                .iter()
                .find(|(_, id)| *id == select.value())
            {
                cb.emit(*p);
            }
        })
    };
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    // A setting that differs from the scheme's default says so, and what the default is.
    let mark = |default: Option<&str>| match default {
        Some(default) => html! {
            <span class="changed-mark" data-testid="changed-mark"
                title={format!("已改动，默认：{default}")}>{ " 已改动" }</span>
        },
        None => html! {},
    };
    let changed = &props.changed;
    html! {
        <section class="settings" aria-labelledby="settings-title">
            <h3 id="settings-title">{ "计分口径" }</h3>
            if changed.any() {
                <p class="settings-changed">
                    { "口径与方案默认不同。" }
                    <button type="button" class="link" data-testid="settings-reset-side" onclick={on_reset}>{ "恢复默认" }</button>
                </p>
            }
            <label class="field" for="method-select">{ "排序法指标的折算方法" }{ mark(changed.method) }</label>
            <select id="method-select" data-testid="method-select" onchange={on_method}>
                { for RankingMethod::ALL.iter().map(|m| html! {
                    <option value={m.id()} selected={*m == props.method}>{ m.label_zh() }</option>
                }) }
            </select>
            if props.method == RankingMethod::RankStep {
                <label class="field" for="step-input">{ "每降一名扣分" }</label>
                <input id="step-input" data-testid="step-input" inputmode="decimal"
                    value={props.step_text.clone()} oninput={on_step}
                    aria-invalid={props.step_error.is_some().then_some("true")}
                    aria-describedby="step-error" />
                if let Some(err) = &props.step_error {
                    <p id="step-error" class="field-error" role="alert">{ err.clone() }</p>
                }
            }
            if props.show_bonus {
                <label class="check">
                    <input type="checkbox" id="bonus-cumulative" data-testid="bonus-cumulative"
                        checked={props.cumulative_bonus} onchange={on_bonus} />
                    { format!(" 附加分累加（不勾选：同一{}只取最高一项）", props.unit_noun) }
                    { mark(changed.bonus) }
                </label>
            }
            <label class="field" for="missing-select">{ "缺失值处理方式" }{ mark(changed.missing) }</label>
            <select id="missing-select" data-testid="missing-select" onchange={on_missing}>
                { for MISSING_POLICIES.iter().map(|(p, id)| html! {
                    <option value={*id} selected={*p == props.missing}>{ missing_label(*p) }</option>
                }) }
            </select>
            if props.has_unit_list {
                <fieldset class="units-choice">
                    <legend>{ "参评单位名单（附件1）" }</legend>
                    <label class="check">
                        <input type="checkbox" id="allow-missing-units" data-testid="allow-missing-units"
                            checked={props.allow_missing_units} onchange={on_allow_missing} />
                        { format!(" 允许缺少名单中的单位（参评{}数 N 随之变化，结果中注明）", props.unit_noun) }
                        { mark(changed.allow_missing_units.then_some("不允许")) }
                    </label>
                    <label class="check">
                        <input type="checkbox" id="allow-unlisted" data-testid="allow-unlisted"
                            checked={props.allow_unlisted} onchange={on_allow_unlisted} />
                        { format!(" 包括名单外的{}（参加评分，结果中注明）", props.unit_noun) }
                        { mark(changed.allow_unlisted.then_some("不包括")) }
                    </label>
                </fieldset>
            }
        </section>
    }
}
