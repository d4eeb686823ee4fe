//! 假设分析 (issue 12 §3) of the park shown: a field beside each of its values; a value typed
//! (committed on Enter or on leaving the field) is scored again at once by the core in the
//! worker, on a copy of the data — the data and the official results stay untouched — and the
//! panel shows the park's new scores, total, rank and award and the other parks whose rank
//! moved. A value the core refuses has its Chinese message next to its field; 恢复 takes every
//! value back.

use parkscore::analysis::what_if::WhatIf;
use parkscore::{Evaluation, IndicatorId, ParkName, Scheme};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

use crate::components::draft_input::DraftInput;

use crate::compute::{ParkAnalysis, WhatIfProblems};
use crate::format;

/// Parks listed in the table of those that moved, at most (views are bounded).
const MOVED_ROWS: usize = 50;

/// Properties of [`WhatIfPanel`].
#[derive(Properties, PartialEq)]
pub struct WhatIfPanelProps {
    /// The rules (indicators, units).
    pub scheme: Rc<Scheme>,
    /// The official evaluation (the park's values and scores now).
    pub evaluation: Rc<Evaluation>,
    /// The park.
    pub park: ParkName,
    /// The values typed, by indicator.
    pub inputs: Rc<BTreeMap<IndicatorId, String>>,
    /// The park's last figures, if any (their what-if).
    pub analysis: Option<Rc<ParkAnalysis>>,
    /// Whether they are those of the values typed.
    pub current: bool,
    /// Whether they are being worked out.
    pub running: bool,
    /// A value was typed: the indicator and the text.
    pub on_edit: Callback<(IndicatorId, String)>,
    /// 恢复.
    pub on_reset: Callback<()>,
}

/// An amount of award: `300`, `0`.
fn award(a: Option<Decimal>) -> String {
    format::plain(a.unwrap_or(Decimal::ZERO))
}

/// The what-if's outcome: the sentence, the standing before and after, the parks that moved
/// (also printed under 提升空间).
pub fn outcome(w: &WhatIf) -> Html {
    let places = w.places;
    let (b, a) = (&w.before, &w.after);
    let moved = w.moved.len();
    // The units as the scheme names them (园区, 企业), from the evaluation the what-if made.
    let noun = w.evaluation.reading.unit_noun();
    html! {
        <div class="what-if-outcome" data-testid="what-if-outcome">
            <p class="analysis-summary" data-testid="what-if-summary">{ w.summary_zh() }</p>
            <dl class="what-if-standing" data-testid="what-if-standing">
                <div><dt>{ "总分" }</dt><dd>{ format!("{} → {}", b.total.fixed(places), a.total.fixed(places)) }</dd></div>
                <div class={classes!((a.rank < b.rank).then_some("up"), (a.rank > b.rank).then_some("down"))}>
                    <dt>{ "名次" }</dt><dd data-testid="what-if-rank">{ format!("第 {} 名 → 第 {} 名", b.rank, a.rank) }</dd>
                </div>
                <div><dt>{ "奖励" }</dt><dd>{ format!("{} → {} 万元", award(b.award_wan), award(a.award_wan)) }</dd></div>
            </dl>
            if moved == 0 {
                <p class="hint" data-testid="what-if-moved">{ format!("其他{noun}名次不变。") }</p>
            } else {
                <table class="plain what-if-moved" data-testid="what-if-moved">
                    <caption>{ format!("名次变化的其他{noun}（{moved} 个）") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ noun.to_owned() }</th>
                            <th scope="col">{ "原名次" }</th>
                            <th scope="col">{ "新名次" }</th>
                            <th scope="col">{ "原总分" }</th>
                            <th scope="col">{ "新总分" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for w.moved.iter().take(MOVED_ROWS).map(|m| html! {
                            <tr data-park={m.name.to_string()}>
                                <th scope="row">{ m.name.to_string() }</th>
                                <td class="num">{ m.before }</td>
                                <td class="num">{ m.after }</td>
                                <td class="num">{ m.total_before.fixed(places) }</td>
                                <td class="num">{ m.total_after.fixed(places) }</td>
                            </tr>
                        }) }
                    </tbody>
                    if moved > MOVED_ROWS {
                        <tfoot><tr><td colspan="5" class="muted">{ format!("只列出前 {MOVED_ROWS} 个，共 {moved} 个") }</td></tr></tfoot>
                    }
                </table>
            }
        </div>
    }
}

/// The panel (`data-testid="what-if"`).
#[component(WhatIfPanel)]
pub fn what_if_panel(props: &WhatIfPanelProps) -> Html {
    let Some(park) = props.evaluation.park(props.park.as_str()) else {
        return html! {};
    };
    let places = props.evaluation.reading.rounding_places;
    let what_if = props
        .analysis
        .as_ref()
        .and_then(|a| a.what_if.as_ref())
        .filter(|_| !props.inputs.is_empty());
    let done = match what_if {
        Some(Ok(w)) => Some(w),
        _ => None,
    };
    let empty = WhatIfProblems::default();
    let problems = match what_if {
        Some(Err(p)) => p,
        _ => &empty,
    };
    let field_error = |id: &IndicatorId| {
        problems
            .fields
            .iter()
            .filter(|(f, _)| f == id)
            .map(|(_, m)| m.clone())
            .collect::<Vec<_>>()
    };
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let noun = props.scheme.unit_noun();
    html! {
        <section class={classes!("what-if", (!props.current && !props.inputs.is_empty()).then_some("stale"))}
            data-testid="what-if" aria-label="假设分析" aria-busy={props.running.then_some("true")}>
            <div class="what-if-head">
                <h3>{ format!("假设分析：改动本{noun}的数值，重新计分") }</h3>
                <button type="button" data-testid="what-if-reset" disabled={props.inputs.is_empty()}
                    onclick={on_reset}>{ "恢复" }</button>
            </div>
            <p class="hint" data-testid="what-if-note">
                { format!("在“假设数值”栏填入新数值（回车或离开输入框即生效，留空表示不改，— 表示缺失），页面在数据的副本上按同一口径重新计分：原数据和正式结果不变，也不保存。排序法得分取决于所有{noun}，其他{noun}的名次可能随之变化。") }
            </p>
            <form class="what-if-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <table class="plain what-if-table" data-testid="what-if-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "指标" }</th>
                            <th scope="col">{ "现值" }</th>
                            <th scope="col">{ "假设数值" }</th>
                            <th scope="col">{ "得分" }</th>
                            <th scope="col">{ "假设得分" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.scheme.indicators().filter_map(|ind| park.indicator(ind.id.as_str()).map(|r| (ind, r))).map(|(ind, r)| {
                            let id = ind.id.clone();
                            let typed = props.inputs.get(&id).cloned().unwrap_or_default();
                            let errors = field_error(&id);
                            let on_commit = {
                                let cb = props.on_edit.clone();
                                let id = id.clone();
                                Callback::from(move |text: String| cb.emit((id.clone(), text)))
                            };
                            let after = done.and_then(|w| w.scores.iter().find(|s| s.id == id));
                            let changed = after.is_some_and(|s| s.before != s.after);
                            let field_id = format!("what-if-{}", id);
                            html! {
                                <tr data-indicator={id.to_string()} class={classes!((!typed.is_empty()).then_some("typed"))}>
                                    <th scope="row"><label for={field_id.clone()}>{ ind.name.clone() }</label>
                                        <span class="muted">{ format!("（{}）", ind.unit) }</span></th>
                                    <td class="num">{ format::value(r.value) }</td>
                                    <td class="input">
                                        <DraftInput id={AttrValue::from(field_id.clone())} testid="what-if-input"
                                            value={AttrValue::from(typed.clone())} size="8"
                                            placeholder={AttrValue::from(r.value.map(format::plain).unwrap_or_default())}
                                            invalid={!errors.is_empty()} {on_commit} />
                                        { for errors.into_iter().map(|m| html! {
                                            <p class="field-error" role="alert" data-testid="what-if-error">{ m }</p>
                                        }) }
                                    </td>
                                    <td class="num">{ r.score.fixed(places) }</td>
                                    <td class={classes!("num", changed.then_some("changed"))}>
                                        { match after { Some(s) if changed => s.after.fixed(places), _ => String::new() } }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </form>
            if props.running && !props.inputs.is_empty() {
                <p class="progress" role="status" data-testid="what-if-progress">{ "正在重新计分…" }</p>
            }
            { for problems.general.iter().map(|m| html! { <p class="load-error" role="alert">{ m.clone() }</p> }) }
            if let Some(w) = done {
                { outcome(w) }
            } else if props.inputs.is_empty() {
                <p class="hint">{ "尚未改动数值。" }</p>
            }
        </section>
    }
}
