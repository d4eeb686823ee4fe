//! The rank stability analysis's parameters: s (满分扰动幅度, in percent), N (抽样次数) and the
//! seed (随机种子), committed on Enter or on leaving a field, with the error of a bad one next
//! to it and 恢复默认参数.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::draft_input::use_draft;
use crate::state::AnalysisParam;

/// Properties of [`AnalysisParams`].
#[derive(Properties, PartialEq)]
pub struct AnalysisParamsProps {
    /// s in percent, as typed.
    pub spread: AttrValue,
    /// N, as typed.
    pub samples: AttrValue,
    /// The seed, as typed.
    pub seed: AttrValue,
    /// What is wrong with them, if anything.
    pub error: Option<AttrValue>,
    /// A field was changed.
    pub on_change: Callback<(AnalysisParam, String)>,
    /// 恢复默认参数.
    pub on_reset: Callback<()>,
}

/// The form (`data-testid="stability-params"`).
#[component(AnalysisParams)]
pub fn analysis_params(props: &AnalysisParamsProps) -> Html {
    // What is typed and not committed yet stays the field's own: a re-render (another field
    // committed, figures arriving) never puts the committed text back over it. A field's draft
    // follows its committed value when that changes (恢复默认参数).
    let spread = use_draft(&props.spread);
    let samples = use_draft(&props.samples);
    let seed = use_draft(&props.seed);
    let typed = |draft: &UseStateHandle<String>| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let field = |param: AnalysisParam| {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit((param, input.value()));
        })
    };
    // Enter commits the field as leaving it does.
    let enter = |param: AnalysisParam| {
        let cb = props.on_change.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                let input: HtmlInputElement = e.target_unchecked_into();
                cb.emit((param, input.value()));
            }
        })
    };
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let invalid = props.error.is_some().then_some("true");
    html! {
        <form class="analysis-params" data-testid="stability-params" aria-label="稳定性分析参数"
            onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label>
                { "满分扰动幅度 s = ±" }
                <input id="stability-spread" data-testid="stability-spread" inputmode="decimal" size="4"
                    value={(*spread).clone()} oninput={typed(&spread)} onchange={field(AnalysisParam::Spread)} onkeydown={enter(AnalysisParam::Spread)}
                    aria-invalid={invalid} aria-describedby="stability-error" />
                { " %" }
            </label>
            <label>
                { "抽样次数 " }
                <input id="stability-samples" data-testid="stability-samples" inputmode="numeric" size="7"
                    value={(*samples).clone()} oninput={typed(&samples)} onchange={field(AnalysisParam::Samples)} onkeydown={enter(AnalysisParam::Samples)}
                    aria-invalid={invalid} aria-describedby="stability-error" />
            </label>
            <label>
                { "随机种子 " }
                <input id="stability-seed" data-testid="stability-seed" inputmode="numeric" size="10"
                    value={(*seed).clone()} oninput={typed(&seed)} onchange={field(AnalysisParam::Seed)} onkeydown={enter(AnalysisParam::Seed)}
                    aria-invalid={invalid} aria-describedby="stability-error" />
            </label>
            <button type="button" class="link" onclick={on_reset}>{ "恢复默认参数" }</button>
            if let Some(error) = &props.error {
                <p id="stability-error" class="field-error" role="alert">{ error.clone() }</p>
            }
        </form>
    }
}
