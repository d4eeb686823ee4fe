//! The readings side by side (issue 12 §1): for each park its rank, total and award under each
//! reading of the document's ambiguous sentences (4 methods × 2 bonus rules), the parks whose
//! rank or award changes highlighted, and the core's summary sentence above.

use parkscore::analysis::readings::Readings;
use std::rc::Rc;
use yew::prelude::*;

use crate::format::plain;

/// Properties of [`ReadingsTable`].
#[derive(Properties, PartialEq)]
pub struct ReadingsTableProps {
    /// The readings' figures.
    pub readings: Rc<Readings>,
}

/// The table (`data-testid="readings-table"`) and its summary (`data-testid="readings-summary"`).
#[component(ReadingsTable)]
pub fn readings_table(props: &ReadingsTableProps) -> Html {
    let r = &props.readings;
    // The readings come in method pairs (附加分不累加, 累加): one header cell per method.
    let methods: Vec<(String, usize)> = r
        .readings
        .chunks(2)
        .enumerate()
        .map(|(k, pair)| {
            let name = pair
                .first()
                .map(|key| key.method.name_zh())
                .unwrap_or_default();
            (name, k * 2)
        })
        .collect();
    let is_default = |i: usize| r.default == Some(i);
    html! {
        // No ids: the panel is drawn twice, on screen and for print.
        <section class="analysis-part" aria-label="口径对比">
            <h3>{ "口径对比：文件中可有不同理解之处的各种计分方法" }</h3>
            <p class="analysis-summary" data-testid="readings-summary">{ r.summary_zh.clone() }</p>
            <div class="table-scroll">
            <table class="plain readings" data-testid="readings-table">
                <caption class="visually-hidden">{ "各口径下的名次、总分和奖励" }</caption>
                <thead>
                    <tr>
                        <th scope="col" rowspan="2">{ r.unit_noun().to_owned() }</th>
                        { for methods.iter().map(|(name, first)| html! {
                            <th scope="colgroup" colspan="2"
                                class={classes!(r.default.is_some_and(|d| d / 2 == first / 2).then_some("default"))}>
                                { name.clone() }
                            </th>
                        }) }
                    </tr>
                    <tr>
                        { for r.readings.iter().enumerate().map(|(i, key)| html! {
                            <th scope="col" class={classes!("sub", is_default(i).then_some("default"))}
                                title={r.label_zh(i)}>
                                { if key.cumulative_bonus { "附加分累加" } else { "不累加" } }
                                if is_default(i) { <br /><span class="default-tag">{ "（默认）" }</span> }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for r.parks.iter().map(|p| html! {
                        <tr class={classes!((p.rank_varies || p.award_varies).then_some("varies"))}>
                            <th scope="row">
                                { p.name.to_string() }
                                if p.rank_varies || p.award_varies {
                                    <span class="varies-tag">{ if p.award_varies { " 名次、奖励随口径变化" } else { " 名次随口径变化" } }</span>
                                }
                            </th>
                            { for p.cells.iter().enumerate().map(|(i, c)| html! {
                                <td class={classes!("num", is_default(i).then_some("default"))}
                                    title={format!("{}：第 {} 名，总分 {}", r.label_zh(i), c.rank, c.total)}>
                                    <span class="rank">{ format!("第 {} 名", c.rank) }</span>
                                    <span class="total">{ c.total.to_string() }</span>
                                    if let Some(a) = c.award_wan {
                                        <span class="award">{ format!("{} 万元", plain(a)) }</span>
                                    }
                                </td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}
