//! 结果分析 (issue 12): what the result depends on that the document does not fix — the
//! readings of its ambiguous sentences side by side, and the ranking's stability under the
//! weights — with the parameters of the latter, a progress line while the worker runs them,
//! and the last figures kept (marked as not current) until the new ones arrive.

use parkscore::export::report::analyses::{comparison_sheet, move_up_sheet};
use parkscore::export::report::Bounds;
use parkscore::Scheme;
use std::rc::Rc;
use web_sys::File;
use yew::prelude::*;

use crate::components::analysis_params::AnalysisParams;
use crate::components::print_doc;
use crate::components::readings_table::ReadingsTable;
use crate::components::slope_chart::SlopeChart;
use crate::components::stability_map::StabilityMap;
use crate::compute::Analyses;
use crate::services::files::chosen_file;
use crate::state::AnalysisParam;

/// Sections of the 年度对比 sheet shown unfolded on screen (结论, 名次与总分); the rest (each
/// value's change, each park's sentence) are folded.
const FIRST_FOLDED: usize = 2;

/// Properties of [`AnalysisPanel`].
#[derive(Properties, PartialEq)]
pub struct AnalysisPanelProps {
    /// The last figures, if any.
    pub analyses: Option<Rc<Analyses>>,
    /// Whether they are those of the results shown with the parameters typed.
    pub current: bool,
    /// Whether new figures are being computed.
    pub running: bool,
    /// Why the last run failed.
    pub error: Option<AttrValue>,
    /// The samples asked for (for the progress line).
    pub samples: AttrValue,
    /// s in percent, as typed.
    pub spread_text: AttrValue,
    /// N, as typed.
    pub samples_text: AttrValue,
    /// The seed, as typed.
    pub seed_text: AttrValue,
    /// What is wrong with the parameters.
    pub params_error: Option<AttrValue>,
    /// Whether the parameter form is shown (not on paper).
    #[prop_or(true)]
    pub interactive: bool,
    /// A parameter was changed.
    pub on_param: Callback<(AnalysisParam, String)>,
    /// 恢复默认参数.
    pub on_params_reset: Callback<()>,
    /// The rules (the comparison is laid out as its workbook sheet).
    pub scheme: Rc<Scheme>,
    /// The name of last year's file, when one was chosen.
    pub last_year: Option<AttrValue>,
    /// A file was chosen as last year's.
    pub on_last_year: Callback<File>,
    /// Last year's file taken away.
    pub on_last_year_remove: Callback<()>,
    /// 下载分析表.
    pub on_download: Callback<()>,
}

/// The panel (`data-testid="analysis"`).
#[component(AnalysisPanel)]
pub fn analysis_panel(props: &AnalysisPanelProps) -> Html {
    let noun = props.scheme.unit_noun();
    let readings = props.analyses.as_ref().map(|a| &a.readings);
    let stability = props.analyses.as_ref().map(|a| &a.stability);
    let comparison = props.analyses.as_ref().and_then(|a| a.comparison.as_ref());
    let on_last_year = {
        let cb = props.on_last_year.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = chosen_file(&e) {
                cb.emit(file);
            }
        })
    };
    let on_remove = props.on_last_year_remove.reform(|_: MouseEvent| ());
    let on_download = props.on_download.reform(|_: MouseEvent| ());
    let can_download = props.current && props.analyses.is_some();
    html! {
        <div class={classes!("analysis", (!props.current).then_some("stale"))} data-testid="analysis"
            aria-busy={props.running.then_some("true")}>
            <p class="hint">{ "以下分析不改变正式结果，只说明结果在多大程度上取决于文件未明确之处和各指标的权重，以及与上年相比的变化，供考核小组在公示前参考。" }</p>
            if props.interactive {
                <p class="analysis-actions">
                    <button type="button" data-testid="analysis-download" disabled={!can_download}
                        onclick={on_download}>{ "下载分析表（Excel）" }</button>
                </p>
            }
            if props.interactive && props.running {
                <p class="progress" role="status" data-testid="analysis-progress">
                    { format!("正在分析：8 种口径逐一计分，并进行 {} 次抽样…", props.samples) }
                </p>
            }
            if let Some(error) = &props.error {
                <p class="load-error" role="alert">{ error.clone() }</p>
            }
            { match readings {
                Some(Ok(r)) => html! { <ReadingsTable readings={Rc::new(r.clone())} /> },
                Some(Err(why)) => html! { <p class="blocked-message" role="alert">{ format!("口径对比：{why}") }</p> },
                None => html! {},
            } }
            <section class="analysis-part" aria-label="名次稳定性参数">
                if props.interactive {
                    <AnalysisParams spread={props.spread_text.clone()} samples={props.samples_text.clone()}
                        seed={props.seed_text.clone()} error={props.params_error.clone()}
                        on_change={props.on_param.clone()} on_reset={props.on_params_reset.clone()} />
                }
            </section>
            { match stability {
                Some(Ok(s)) => html! { <StabilityMap stability={Rc::new(s.clone())} /> },
                Some(Err(why)) => html! { <p class="blocked-message" role="alert">{ format!("名次稳定性：{why}") }</p> },
                None => html! {},
            } }
            if let Some(a) = props.analyses.as_ref().filter(|a| !a.gaps.is_empty()) {
                <section class="analysis-part" aria-label="提升空间" data-testid="gaps">
                    <h3>{ format!("提升空间：各{noun}与上一名次的差距") }</h3>
                    <p class="hint">{ format!("各项排序法指标提升一个名次所需的数值，见「{noun}详情」；前 20 名{noun}的见下载的分析表「提升空间」。") }</p>
                    { for move_up_sheet(&props.scheme, &a.gaps, &[], None, Bounds::PRINT)
                        .sections.iter().map(print_doc::section) }
                </section>
            }
            <section class="analysis-part" aria-label="年度对比" data-testid="comparison">
                <h3>{ "年度对比：与上年的名次和数值" }</h3>
                if props.interactive {
                    <p class="last-year">
                        if let Some(name) = &props.last_year {
                            { format!("上年数据：「{name}」 ") }
                            <button type="button" class="link" data-testid="last-year-remove"
                                onclick={on_remove}>{ "移除" }</button>
                            { " " }
                        }
                        <label class="button file-button">
                            { if props.last_year.is_some() { "换一个上年文件…" } else { "选择上年数据…" } }
                            <input type="file" id="last-year-input" data-testid="last-year-input" class="visually-hidden"
                                accept=".xlsx,.xlsm,.xls,.csv,.txt,.json"
                                aria-label="选择上年的数据文件，或上年保存的会话文件（.json）" onchange={on_last_year} />
                        </label>
                    </p>
                    if props.last_year.is_none() {
                        <p class="hint">{ format!("选择上年的数据文件（或上年「保存会话」得到的 .json 文件），按{noun}正式名称与本年对照，两年按同一口径计分。") }</p>
                    }
                }
                { match comparison {
                    Some(Ok(c)) => {
                        let sheet = comparison_sheet(&props.scheme, c, Bounds::PRINT);
                        html! {
                            <>
                                <p class="analysis-summary" data-testid="comparison-summary">{ c.summary_zh() }</p>
                                if !c.issues.is_empty() {
                                    <ul class="comparison-issues">
                                        { for c.issues.iter().map(|i| html! { <li>{ i.to_string() }</li> }) }
                                    </ul>
                                }
                                <SlopeChart comparison={Rc::new(c.clone())} />
                                // On screen the long per-value sections fold away; on paper
                                // everything prints.
                                <div class="comparison-tables">
                                    { for sheet.sections.iter().take(FIRST_FOLDED).map(print_doc::section) }
                                    if props.interactive && sheet.sections.len() > FIRST_FOLDED {
                                        <details class="comparison-details">
                                            <summary>{ format!("各项指标数值变化及各{noun}说明（展开）") }</summary>
                                            { for sheet.sections.iter().skip(FIRST_FOLDED).map(print_doc::section) }
                                        </details>
                                    } else {
                                        { for sheet.sections.iter().skip(FIRST_FOLDED).map(print_doc::section) }
                                    }
                                </div>
                            </>
                        }
                    }
                    Some(Err(why)) => html! { <p class="blocked-message" role="alert" data-testid="comparison-error">{ why.clone() }</p> },
                    None => html! {},
                } }
            </section>
        </div>
    }
}
