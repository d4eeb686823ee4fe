//! 结果分析 (issue 12): what the result depends on that the document does not fix — the
//! readings of its ambiguous sentences side by side, and the ranking's stability under the
//! weights — with the parameters of the latter, a progress line while the worker runs them,
//! and the last figures kept (marked as not current) until the new ones arrive.

use std::rc::Rc;
use yew::prelude::*;

use crate::components::analysis_params::AnalysisParams;
use crate::components::readings_table::ReadingsTable;
use crate::components::stability_map::StabilityMap;
use crate::compute::Analyses;
use crate::state::AnalysisParam;

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
}

/// The panel (`data-testid="analysis"`).
#[component(AnalysisPanel)]
pub fn analysis_panel(props: &AnalysisPanelProps) -> Html {
    let readings = props.analyses.as_ref().map(|a| &a.readings);
    let stability = props.analyses.as_ref().map(|a| &a.stability);
    html! {
        <div class={classes!("analysis", (!props.current).then_some("stale"))} data-testid="analysis"
            aria-busy={props.running.then_some("true")}>
            <p class="hint">{ "以下分析不改变正式结果，只说明结果在多大程度上取决于文件未明确之处和各指标的权重，供考核小组在公示前参考。" }</p>
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
        </div>
    }
}
