//! The award money: the top-3 place awards (ties as the engine shares them), the special-award
//! proposals, and the committee's decisions where the rules leave one open — 园区公共服务平台
//! (no group measures it: any park) and a tie for a special award (one of the tied parks) —
//! each with a note; a decision is printed as 决定, a proposal as 建议. Above them, the money
//! awarded in total, as the reports sum it.

use parkscore::export::report::AwardTotals;
use parkscore::round::AwardDecision;
use parkscore::scoring::names_zh_for;
use parkscore::{Evaluation, ParkName};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::format;
use crate::state::{picker_candidates, picker_parks, PICKER_PARKS};
/// Place-award rows listed at most: only a tie of hundreds of parks at a prize place comes
/// near it (each row carries the tie's whole explanation).
pub const MAX_PLACE_ROWS: usize = 100;

/// Properties of [`AwardsView`].
#[derive(Properties, PartialEq)]
pub struct AwardsProps {
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The committee's decisions.
    #[prop_or_default]
    pub decisions: Rc<Vec<AwardDecision>>,
    /// A decision (award, park or none to withdraw it).
    pub on_decide: Callback<(String, Option<ParkName>)>,
    /// A decision's note (award, note).
    pub on_note: Callback<(String, String)>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// The awards view.
#[component(AwardsView)]
pub fn awards_view(props: &AwardsProps) -> Html {
    let eval = &props.evaluation;
    let decided = |award: &str| props.decisions.iter().find(|d| d.award == award);
    html! {
        <section class="awards" data-testid="awards" aria-labelledby="awards-title">
            // The sums the reports print, from the same function.
            <p class="awards-total" data-testid="awards-total">{ AwardTotals::of_evaluation(eval).sentence_zh() }</p>
            <h3 id="awards-title">{ "名次奖励" }</h3>
            <table class="plain">
                <thead><tr><th scope="col">{ "名次" }</th><th scope="col">{ props.unit_noun.clone() }</th><th scope="col">{ "金额" }</th><th scope="col">{ "说明" }</th></tr></thead>
                <tbody>
                    { for eval.awards.places.iter().take(MAX_PLACE_ROWS).map(|a| html! {
                        <tr>
                            <td class="num">{ a.rank }</td>
                            <td>{ a.park.to_string() }</td>
                            <td class="num">{ format::wan(a.amount_wan) }</td>
                            <td>{ a.explain_for(eval.reading.unit_noun()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if eval.awards.places.len() > MAX_PLACE_ROWS {
                <p class="hint" data-testid="awards-more">
                    { format!("名次并列的获奖{}共 {} 个，此处列出前 {MAX_PLACE_ROWS} 个；全部见导出的 Excel 报表。", props.unit_noun, eval.awards.places.len()) }
                </p>
            }
            <h3>{ "专项奖励（按得分建议；考核小组的决定注明「决定」）" }</h3>
            <table class="plain">
                <thead><tr><th scope="col">{ "专项" }</th><th scope="col">{ "金额" }</th><th scope="col">{ format!("建议 / 决定的{}", props.unit_noun) }</th><th scope="col">{ "依据" }</th></tr></thead>
                <tbody>
                    { for eval.awards.special.iter().enumerate().map(|(i, s)| {
                        let decision = decided(&s.name);
                        let open = s.is_open();
                        let candidates = if open {
                            // Any park for 园区公共服务平台; one of the tied parks for a tie.
                            let choices: Vec<ParkName> = if s.basis.is_none() {
                                picker_parks(eval, decision.map(|d| &d.park)).into_iter().map(|p| p.name.clone()).collect()
                            } else {
                                picker_candidates(&s.candidates, decision.map(|d| &d.park)).into_iter().cloned().collect()
                            };
                            let more = (s.basis.is_some() && s.candidates.len() > PICKER_PARKS).then(|| format!(
                                "并列的 {} 个{}中，下拉列表列出前 {PICKER_PARKS} 个", s.candidates.len(), props.unit_noun));
                            let onchange = {
                                let cb = props.on_decide.clone();
                                let award = s.name.clone();
                                Callback::from(move |e: Event| {
                                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                                    cb.emit((award.clone(), (!v.is_empty()).then_some(ParkName(v))));
                                })
                            };
                            let on_note = {
                                let cb = props.on_note.clone();
                                let award = s.name.clone();
                                Callback::from(move |e: Event| {
                                    let v = e.target_unchecked_into::<HtmlInputElement>().value();
                                    cb.emit((award.clone(), v));
                                })
                            };
                            let tied = names_zh_for(s.candidates.iter().map(ParkName::as_str), &props.unit_noun);
                            // The first open award keeps its historical test id.
                            let select_id = if s.basis.is_none() { "platform-select".to_owned() } else { format!("decide-{i}") };
                            let note_id = if s.basis.is_none() { "platform-note".to_owned() } else { format!("decide-note-{i}") };
                            html! {
                                <>
                                    if s.tie {
                                        { tied }<span class="badge">{ "并列" }</span><br />
                                    }
                                    <select data-testid={select_id} aria-label={format!("{}：考核小组决定的{}", s.name, props.unit_noun)} {onchange}>
                                        <option value="" selected={decision.is_none()}>{ "（由考核小组确定）" }</option>
                                        { for choices.iter().map(|p| html! {
                                            <option value={p.to_string()} selected={decision.is_some_and(|d| &d.park == p)}>{ p.to_string() }</option>
                                        }) }
                                    </select>
                                    if let Some(more) = more {
                                        <span class="hint" data-testid={format!("decide-more-{i}")}>{ more }</span>
                                    }
                                    if let Some(d) = decision {
                                        <span class="badge" data-testid={format!("decided-{i}")}>{ "决定" }</span>
                                        <input data-testid={note_id} aria-label={format!("{}：决定的说明（会议、依据）", s.name)}
                                            placeholder="决定的说明（会议、依据）" value={d.note.clone()} onchange={on_note} />
                                    }
                                </>
                            }
                        } else {
                            let names = names_zh_for(s.candidates.iter().map(ParkName::as_str), &props.unit_noun);
                            // A decision the data has overtaken (no tie any more): the reports
                            // refuse it until it is withdrawn.
                            let withdraw = decision.map(|d| {
                                let cb = props.on_decide.clone();
                                let award = s.name.clone();
                                let onclick = Callback::from(move |_: MouseEvent| cb.emit((award.clone(), None)));
                                html! {
                                    <p class="field-error" data-testid={format!("stale-{i}")}>
                                        { format!("已记录的决定「{}」不再适用（不再并列，按得分确定）。", d.park) }
                                        <button type="button" class="button" {onclick}>{ "撤销这项决定" }</button>
                                    </p>
                                }
                            });
                            html! { <>{ names }{ for withdraw }</> }
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
            <p class="hint">{ "专项奖励为依据得分提出的建议，最终由考核小组确定。" }</p>
        </section>
    }
}
