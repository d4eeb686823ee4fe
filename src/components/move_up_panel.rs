//! 提升空间 (issue 12 §3) of the park shown: per 排序法 indicator its value, rank and score,
//! the value it would need to gain a place (the next better value among the other parks'),
//! the points that gains and the new total and overall rank — all re-scored by the core in the
//! worker — and the tornado of its rank under the indicators' full marks at ±20 %. The last
//! figures stay (marked as not current) until new ones arrive. No ids: it is drawn on screen
//! and again for print.

use parkscore::analysis::move_up::{ParkTargets, Target};
use parkscore::Score;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

use crate::components::tornado_chart::TornadoChart;
use crate::compute::ParkAnalysis;
use crate::format;

/// Properties of [`MoveUpPanel`].
#[derive(Properties, PartialEq)]
pub struct MoveUpPanelProps {
    /// The park's last figures, if any.
    pub analysis: Option<Rc<ParkAnalysis>>,
    /// Whether they are those of the results and the park shown.
    pub current: bool,
    /// Whether new figures are being worked out.
    pub running: bool,
    /// Why the last run failed.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// Whether the progress line is shown (not on paper).
    #[prop_or(true)]
    pub interactive: bool,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// A value with its unit: `12.4 %`, `38.6 亿元`.
fn with_unit(v: Decimal, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{} {u}", format::plain(v)),
        None => format::plain(v),
    }
}

/// A signed change: `+0.8`, `−1.2`.
fn signed(d: Decimal, text: String) -> String {
    if d > Decimal::ZERO {
        format!("+{text}")
    } else {
        text.replacen('-', "−", 1)
    }
}

/// The targets' table (`data-testid="move-up-table"`), a row per 排序法 indicator.
fn targets_table(t: &ParkTargets) -> Html {
    let places = t.places;
    html! {
        <table class="plain move-up-table" data-testid="move-up-table">
            <thead>
                <tr>
                    <th scope="col">{ "排序法指标" }</th>
                    <th scope="col">{ "现值" }</th>
                    <th scope="col">{ "名次" }</th>
                    <th scope="col">{ "得分" }</th>
                    <th scope="col">{ "需达到" }</th>
                    <th scope="col">{ "变化" }</th>
                    <th scope="col">{ "可升至" }</th>
                    <th scope="col">{ "得分增加" }</th>
                    <th scope="col">{ "新总分" }</th>
                    <th scope="col">{ "新总名次" }</th>
                </tr>
            </thead>
            <tbody>
                { for t.indicators.iter().map(|i| {
                    let unit = i.unit.as_deref();
                    let rank = if i.tied { format!("并列第 {} 名", i.rank) } else { format!("第 {} 名", i.rank) };
                    let overall = match &i.target {
                        Target::Reach(r) if r.overall_rank < t.park.rank => Some("up"),
                        _ => None,
                    };
                    html! {
                        <tr data-indicator={i.id.to_string()} title={i.sentence_zh_for(places, t.missing, t.unit_noun())}
                            class={classes!(overall)}>
                            <th scope="row">{ i.name.clone() }</th>
                            <td class="num">{ i.value.map_or_else(|| "缺失".to_owned(), |v| with_unit(v, unit)) }</td>
                            <td class="num">{ rank }</td>
                            <td class="num">{ i.score.fixed(places) }</td>
                            { match &i.target {
                                Target::Reach(r) => html! {
                                    <>
                                        <td class="num target">{ with_unit(r.value, unit) }</td>
                                        <td class="num">{ signed(r.change, format::plain(r.change)) }</td>
                                        <td class="num">{ format!("第 {} 名", r.rank) }</td>
                                        <td class="num">{ signed(r.points, Score(r.points).fixed(places)) }</td>
                                        <td class="num">{ r.total.fixed(places) }</td>
                                        <td class="num overall">{ format!("第 {} 名", r.overall_rank) }</td>
                                    </>
                                },
                                Target::Best => html! { <td colspan="6" class="muted">{ "已是本项第 1 名" }</td> },
                                Target::Missing => html! { <td colspan="6" class="muted">{ "缺少数值，没有目标（须先补报数值）" }</td> },
                            } }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The panel (`data-testid="move-up"`).
#[component(MoveUpPanel)]
pub fn move_up_panel(props: &MoveUpPanelProps) -> Html {
    let targets = props.analysis.as_ref().map(|a| &a.targets);
    let tornado = props.analysis.as_ref().map(|a| &a.tornado);
    html! {
        <section class={classes!("move-up", (!props.current).then_some("stale"))} data-testid="move-up"
            aria-label="提升空间" aria-busy={props.running.then_some("true")}>
            <h3>{ "提升空间：各排序法指标提升一个名次需要达到的数值" }</h3>
            <p class="hint">{ format!("“需达到”为相邻较优{}的数值，达到即与其并列、本项升一个名次；得分、总分和总名次在数据副本上重新计分得出，原数据不变。把鼠标停在一行上可看完整说明。", props.unit_noun) }</p>
            if props.interactive && props.running {
                <p class="progress" role="status" data-testid="move-up-progress">{ "正在计算：逐项重新计分，并计算单项敏感性…" }</p>
            }
            if let Some(error) = &props.error {
                <p class="load-error" role="alert">{ error.clone() }</p>
            }
            { match targets {
                Some(Ok(t)) => html! {
                    <>
                        <p class="analysis-summary" data-testid="move-up-summary">{ t.summary_zh() }</p>
                        <div class="table-scroll">{ targets_table(t) }</div>
                    </>
                },
                Some(Err(why)) => html! { <p class="blocked-message" role="alert">{ format!("提升空间：{why}") }</p> },
                None => html! {},
            } }
            { match tornado {
                Some(Ok(t)) => html! {
                    <div class="tornado-part" data-testid="tornado-part">
                        <h4>{ "单项敏感性（龙卷风图）：每次只改变一项排序法指标的满分时的名次范围" }</h4>
                        <p class="hint">{ t.describe_zh() }</p>
                        <p class="analysis-summary" data-testid="tornado-summary">{ t.summary_zh() }</p>
                        <div class="table-scroll">
                            <TornadoChart tornado={Rc::new(t.clone())} />
                        </div>
                    </div>
                },
                Some(Err(why)) => html! { <p class="blocked-message" role="alert">{ format!("单项敏感性：{why}") }</p> },
                None => html! {},
            } }
        </section>
    }
}
