//! One park, indicator by indicator: value, rank, score / full, the explanation with its
//! numbers and where the value came from (file and cell), plus the chart of its attainment by
//! group.

use parkscore::import::merge::{Field, Provenance};
use parkscore::{Evaluation, ParkName, Scheme};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::group_chart::{GroupBar, GroupChart};
use crate::format;
use crate::state::{picker_parks, PICKER_PARKS};

/// Properties of [`ParkDetail`].
#[derive(Properties, PartialEq)]
pub struct ParkDetailProps {
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
}

/// The detail view (`data-testid="park-detail"`).
#[component(ParkDetail)]
pub fn park_detail(props: &ParkDetailProps) -> Html {
    let eval = &props.evaluation;
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
            { "园区 " }
            <select data-testid="park-select" {onchange}>
                { for picker_parks(eval, park.as_ref().map(|p| &p.name)).into_iter().map(|p| html! {
                    <option value={p.name.to_string()} selected={park.as_ref().is_some_and(|x| x.name == p.name)}>
                        { format!("{}. {}", p.rank, p.name) }
                    </option>
                }) }
            </select>
            if eval.parks.len() > PICKER_PARKS {
                <span class="hint">{ format!("（列出前 {PICKER_PARKS} 名；其他园区请在排名表中点击名称）") }</span>
            }
        </label>
    };
    let Some(park) = park else {
        return html! { <section class="detail"><p>{ "没有参与排名的园区。" }</p></section> };
    };
    html! {
        <section class="detail" data-testid="park-detail" aria-labelledby="detail-title">
            <div class="detail-head">
                <h3 id="detail-title">{ format!("{}：第 {} 名，总分 {}", park.name, park.rank, park.total) }</h3>
                { picker }
            </div>
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
        </section>
    }
}
