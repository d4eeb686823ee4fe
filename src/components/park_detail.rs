//! One park, indicator by indicator (its 等级 in the heading when the scheme grades; the unit
//! named by the scheme's word, 园区 or 企业): value, rank, score / full, the explanation with its
//! numbers and where the value came from (file and cell), plus the chart of its attainment by
//! group; the gap to the park above on the total, and under it 提升空间 (the park's targets on
//! the 排序法 indicators and the tornado) and 假设分析 (its values changed on a copy), whose
//! figures the worker works out.

use parkscore::analysis::move_up::{gap_of, Gap};
use parkscore::import::merge::{Field, Provenance};
use parkscore::{Evaluation, IndicatorId, ParkName, Scheme};
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::group_chart::{GroupBar, GroupChart};
use super::move_up_panel::MoveUpPanel;
use super::what_if_panel::WhatIfPanel;
use crate::compute::ParkAnalysis;
use crate::format;
use crate::state::{picker_parks, PICKER_PARKS};

/// Properties of [`ParkDetail`].
#[derive(Properties, PartialEq)]
pub struct ParkDetailProps {
    /// The heading takes the keyboard focus when the park shown changes
    /// ([`crate::state::AppState::focus_park_heading`]).
    #[prop_or_default]
    pub focus_heading: bool,
    /// The rules (indicator names and units).
    pub scheme: Rc<Scheme>,
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The park shown.
    pub park: Option<ParkName>,
    /// Where each value came from.
    #[prop_or_default]
    pub provenance: Option<Rc<Provenance>>,
    /// Another park was chosen.
    pub on_select: Callback<ParkName>,
    // --- 提升空间 / 假设分析 ---
    /// The shown park's last 提升空间 and 假设分析 figures, if any.
    #[prop_or_default]
    pub analysis: Option<Rc<ParkAnalysis>>,
    /// Whether they are those of the results, the park and the what-if values shown.
    #[prop_or_default]
    pub analysis_current: bool,
    /// Whether new figures are being worked out.
    #[prop_or_default]
    pub analysis_running: bool,
    /// Why the last run failed.
    #[prop_or_default]
    pub analysis_error: Option<AttrValue>,
    /// The what-if values typed for the park.
    #[prop_or_default]
    pub what_if_inputs: Rc<BTreeMap<IndicatorId, String>>,
    /// A what-if value was typed.
    #[prop_or_default]
    pub on_what_if: Callback<(ParkName, IndicatorId, String)>,
    /// 恢复: every what-if value taken back.
    #[prop_or_default]
    pub on_what_if_reset: Callback<()>,
}

/// The gap to the park above, from the core's [`gap_of`] (this row's alone): `距第 1 名 红山园区 差 0.38 分`,
/// `与 甲 并列第 2 名，差 0 分`, `已是第 1 名`.
fn gap_text(eval: &Evaluation, row: usize) -> Option<String> {
    let gap = gap_of(eval, row)?;
    Some(match gap.gap {
        Gap::First => "已是第 1 名".to_owned(),
        _ => gap.gap_zh_for(eval.reading.rounding_places, eval.reading.unit_noun()),
    })
}

/// The detail view (`data-testid="park-detail"`).
#[component(ParkDetail)]
pub fn park_detail(props: &ParkDetailProps) -> Html {
    use_effect_with((props.focus_heading, props.park.clone()), |(focus, _)| {
        if *focus {
            crate::services::dom::focus("detail-title");
        }
    });
    let eval = &props.evaluation;
    let noun = props.scheme.unit_noun();
    let onchange = {
        let cb = props.on_select.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(ParkName(select.value()));
        })
    };
    let park = props
        .park
        .as_ref()
        .and_then(|name| eval.park(name.as_str()))
        .or_else(|| eval.at(0));
    let picker = html! {
        <label class="park-picker">
            { format!("{noun} ") }
            <select data-testid="park-select" {onchange}>
                { for picker_parks(eval, park.as_ref().map(|p| &p.name)).into_iter().map(|p| html! {
                    <option value={p.name.to_string()} selected={park.as_ref().is_some_and(|x| x.name == p.name)}>
                        { format!("{}. {}", p.rank, p.name) }
                    </option>
                }) }
            </select>
            if eval.parks.len() > PICKER_PARKS {
                <span class="hint">{ format!("（列出前 {PICKER_PARKS} 名；其他{noun}请在排名表中点击名称）") }</span>
            }
        </label>
    };
    let Some(park) = park else {
        return html! { <section class="detail"><p>{ format!("没有参与排名的{noun}。") }</p></section> };
    };
    let gap = gap_text(eval, park.row);
    let on_what_if = {
        let cb = props.on_what_if.clone();
        let name = park.name.clone();
        Callback::from(move |(id, text): (IndicatorId, String)| cb.emit((name.clone(), id, text)))
    };
    html! {
        <section class="detail" data-testid="park-detail" aria-labelledby="detail-title">
            <div class="detail-head">
                <h3 id="detail-title" tabindex="-1">
                    { format!("{}：第 {} 名，总分 {}", park.name, park.rank, park.total) }
                    if let Some(class) = park.class() {
                        <span data-testid="park-class">{ format!("，等级 {class}") }</span>
                    }
                </h3>
                { picker }
            </div>
            if let Some(gap) = gap {
                <p class="park-gap" data-testid="park-gap">{ gap }</p>
            }
            <p>{ format!("基础得分 {}，附加分 {}（{}）", park.base, park.bonus, park.bonus_explain()) }</p>
            <div class="detail-body">
                <table class="plain indicators">
                    <thead>
                        <tr>
                            <th scope="col">{ "一级指标" }</th>
                            <th scope="col">{ "二级指标" }</th>
                            <th scope="col">{ "数值" }</th>
                            <th scope="col">{ "名次" }</th>
                            <th scope="col">{ "得分 / 满分" }</th>
                            <th scope="col">{ "计算过程" }</th>
                            <th scope="col">{ "来源" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.scheme.groups.iter().flat_map(|g| g.indicators.iter().map(move |ind| (g, ind))).map(|(g, ind)| {
                            let result = park.indicator(ind.id.as_str());
                            let origin = props
                                .provenance
                                .as_deref()
                                .and_then(|p| p.origin(park.name.as_str(), &Field::Indicator(ind.id.clone())))
                                .map(|o| o.to_string())
                                .unwrap_or_else(|| "—".to_owned());
                            match result {
                                Some(r) => html! {
                                    <tr data-indicator={ind.id.to_string()}>
                                        <td>{ &g.name }</td>
                                        <td>{ &ind.name }<span class="muted">{ format!("（{}）", ind.unit) }</span></td>
                                        <td class="num">{ format::value(r.value) }</td>
                                        <td class="num">{ r.rank.map(|x| x.to_string()).unwrap_or_else(|| "—".to_owned()) }</td>
                                        <td class="num">{ format!("{} / {}", r.score, format::plain(r.full)) }</td>
                                        <td class="explain">{ r.explain() }</td>
                                        <td class="origin">{ origin }</td>
                                    </tr>
                                },
                                None => html! {},
                            }
                        }) }
                    </tbody>
                </table>
                <GroupChart park={AttrValue::from(park.name.to_string())} groups={park.groups().map(|g| GroupBar { name: g.name.to_owned(), score: g.score, full: g.full }).collect::<Vec<_>>()} />
            </div>
            <MoveUpPanel analysis={props.analysis.clone()} current={props.analysis_current}
                unit_noun={AttrValue::from(noun.to_owned())}
                running={props.analysis_running} error={props.analysis_error.clone()} />
            <WhatIfPanel scheme={Rc::clone(&props.scheme)} evaluation={Rc::clone(eval)}
                park={park.name.clone()} inputs={Rc::clone(&props.what_if_inputs)}
                analysis={props.analysis.clone()} current={props.analysis_current}
                running={props.analysis_running} on_edit={on_what_if}
                on_reset={props.on_what_if_reset.clone()} />
        </section>
    }
}
