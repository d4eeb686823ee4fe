//! The round's reports (报告): choose the 公示版, the 内部版 or the 园区得分明细单 (all parks or
//! one), see it below as it will print, print it (A4) or download it as an Excel workbook.

use parkscore::export::report::Version;
use parkscore::ParkName;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::state::ReportChoice;

/// The reports offered, in order.
pub const VERSIONS: [Version; 3] = [Version::Publicity, Version::Internal, Version::ParkSheets];

/// Properties of [`ReportsPanel`].
#[derive(Properties, PartialEq)]
pub struct ReportsPanelProps {
    /// The report chosen.
    pub choice: ReportChoice,
    /// The parks a 园区得分明细单 can be made for, by rank.
    pub parks: Rc<Vec<ParkName>>,
    /// Whether there are results to report.
    pub enabled: bool,
    /// Another report (or park) chosen.
    pub on_choose: Callback<ReportChoice>,
    /// Print the chosen report.
    pub on_print: Callback<()>,
    /// Download it as xlsx.
    pub on_download: Callback<()>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// The picker and the two actions (`data-testid="reports"`).
#[component(ReportsPanel)]
pub fn reports_panel(props: &ReportsPanelProps) -> Html {
    let on_park = {
        let cb = props.on_choose.clone();
        let choice = props.choice.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            cb.emit(ReportChoice {
                park: (!v.is_empty()).then_some(ParkName(v)),
                ..choice.clone()
            });
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="reports" aria-labelledby="reports-title" data-testid="reports">
            <h3 id="reports-title">{ "报告" }</h3>
            <div class="report-choice" role="radiogroup" aria-label="选择报告">
                { for VERSIONS.iter().map(|&v| {
                    let id = format!("report-{}", report_id(v));
                    let onchange = {
                        let cb = props.on_choose.clone();
                        let choice = props.choice.clone();
                        Callback::from(move |_: Event| cb.emit(ReportChoice { version: v, ..choice.clone() }))
                    };
                    html! {
                        <label for={id.clone()} class="offer">
                            <input type="radio" name="report" id={id.clone()} data-testid={id}
                                checked={props.choice.version == v} {onchange} />
                            { v.label_zh(&props.unit_noun) }
                        </label>
                    }
                }) }
                if props.choice.version == Version::ParkSheets {
                    <label for="report-park">{ format!("{} ", props.unit_noun) }
                        <select id="report-park" data-testid="report-park" onchange={on_park}>
                            <option value="" selected={props.choice.park.is_none()}>{ if props.unit_noun == parkscore::scheme::DEFAULT_UNIT_NOUN { "全部园区（每园一页）".to_owned() } else { format!("全部{}（每个一页）", props.unit_noun) } }</option>
                            { for props.parks.iter().map(|p| html! {
                                <option value={p.to_string()} selected={props.choice.park.as_ref() == Some(p)}>{ p.to_string() }</option>
                            }) }
                        </select>
                    </label>
                }
            </div>
            <div class="report-actions">
                <button type="button" class="button" data-testid="report-print" disabled={!props.enabled}
                    onclick={click(&props.on_print)}>{ format!("打印{}", props.choice.version.label_zh(&props.unit_noun)) }</button>
                <button type="button" class="button" data-testid="report-download" disabled={!props.enabled}
                    onclick={click(&props.on_download)}>{ format!("下载{}（Excel）", props.choice.version.label_zh(&props.unit_noun)) }</button>
            </div>
            <p class="hint">{ "下方为打印预览（A4 横向，每页重复表头，页脚有页码）。" }</p>
        </section>
    }
}

/// `publicity`, `internal`, `park-sheets`: the report's id in the DOM.
pub fn report_id(v: Version) -> &'static str {
    match v {
        Version::Publicity => "publicity",
        Version::Internal => "internal",
        Version::ParkSheets => "park-sheets",
    }
}
