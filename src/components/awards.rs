//! The award money: the top-3 place awards (ties as the engine shares them), the special-award
//! proposals, and the user's choice for 园区公共服务平台.

use parkscore::{Evaluation, ParkName};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::format;
use crate::state::picker_parks;

/// Place-award rows listed at most: only a tie of hundreds of parks at a prize place comes
/// near it (each row carries the tie's whole explanation).
pub const MAX_PLACE_ROWS: usize = 100;

/// Properties of [`AwardsView`].
#[derive(Properties, PartialEq)]
pub struct AwardsProps {
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The park chosen for the awards the engine leaves to the user.
    pub platform_choice: Option<ParkName>,
    /// The note recorded with that decision (`None`: no decision yet).
    #[prop_or_default]
    pub platform_note: Option<String>,
    /// A park (or none) was chosen.
    pub on_platform: Callback<Option<ParkName>>,
    /// The decision's note changed.
    pub on_platform_note: Callback<String>,
}

/// The awards view.
#[component(AwardsView)]
pub fn awards_view(props: &AwardsProps) -> Html {
    let eval = &props.evaluation;
    let on_platform = {
        let cb = props.on_platform.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let v = select.value();
            cb.emit(if v.is_empty() {
                None
            } else {
                Some(ParkName(v))
            });
        })
    };
    let on_note = {
        let cb = props.on_platform_note.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    html! {
        <section class="awards" data-testid="awards" aria-labelledby="awards-title">
            <h3 id="awards-title">{ "综合奖励（名次奖）" }</h3>
            <table class="plain">
                <thead><tr><th scope="col">{ "名次" }</th><th scope="col">{ "园区" }</th><th scope="col">{ "金额" }</th><th scope="col">{ "说明" }</th></tr></thead>
                <tbody>
                    { for eval.awards.places.iter().take(MAX_PLACE_ROWS).map(|a| html! {
                        <tr>
                            <td class="num">{ a.rank }</td>
                            <td>{ a.park.to_string() }</td>
                            <td class="num">{ format::wan(a.amount_wan) }</td>
                            <td>{ a.explain() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if eval.awards.places.len() > MAX_PLACE_ROWS {
                <p class="hint" data-testid="awards-more">
                    { format!("名次并列的获奖园区共 {} 个，此处列出前 {MAX_PLACE_ROWS} 个；全部见导出的 Excel 报表。", eval.awards.places.len()) }
                </p>
            }
            <h3>{ "专项奖励（按得分建议；考核小组的决定注明「决定」）" }</h3>
            <table class="plain">
                <thead><tr><th scope="col">{ "专项" }</th><th scope="col">{ "金额" }</th><th scope="col">{ "建议园区" }</th><th scope="col">{ "依据" }</th></tr></thead>
                <tbody>
                    { for eval.awards.special.iter().map(|s| {
                        let candidates = if s.basis.is_none() {
                            html! {
                                <>
                                    <select data-testid="platform-select" aria-label={format!("{}：考核小组决定的园区", s.name)} onchange={on_platform.clone()}>
                                        <option value="" selected={props.platform_choice.is_none()}>{ "（由考核小组确定）" }</option>
                                        { for picker_parks(eval, props.platform_choice.as_ref()).into_iter().map(|p| html! {
                                            <option value={p.name.to_string()} selected={props.platform_choice.as_ref() == Some(&p.name)}>{ p.name.to_string() }</option>
                                        }) }
                                    </select>
                                    if props.platform_choice.is_some() {
                                        <span class="badge" data-testid="platform-decided">{ "决定" }</span>
                                        <input data-testid="platform-note" aria-label={format!("{}：决定的说明（会议、依据）", s.name)}
                                            placeholder="决定的说明（会议、依据）" value={props.platform_note.clone().unwrap_or_default()}
                                            onchange={on_note.clone()} />
                                    }
                                </>
                            }
                        } else {
                            let names: Vec<String> = s.candidates.iter().map(ToString::to_string).collect();
                            html! {
                                <>
                                    { names.join("、") }
                                    if s.tie { <span class="badge">{ "并列" }</span> }
                                </>
                            }
                        };
                        html! {
                            <tr>
                                <td>{ &s.name }</td>
                                <td class="num">{ format::wan(s.amount_wan) }</td>
                                <td>{ candidates }</td>
                                <td>{ &s.explain }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <p class="hint">{ "专项奖励为依据得分提出的建议，最终由市工业园区考核评价工作领导小组确定。" }</p>
        </section>
    }
}
