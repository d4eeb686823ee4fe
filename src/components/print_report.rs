//! The results printout (A4 landscape) of the views other than 公示与报告: title with the
//! year, the scheme with its fingerprint, date, the ranking table (with 等级 when the scheme
//! grades), the vetoed and the not-rated units, the reading used (without method ids) and the
//! notes; a special award the committee decided reads 决定, one the scores suggest 建议.
//! Hidden on screen, the only thing printed from those views.

use parkscore::round::AwardDecision;
use parkscore::{Evaluation, Scheme};
use std::rc::Rc;
use yew::prelude::*;

use super::not_rated_list::NotRatedList;
use super::ranking_table::RankingTable;
use super::vetoed_list::VetoedList;
use crate::format;
use crate::state::Sort;

/// Properties of [`PrintReport`].
#[derive(Properties, PartialEq)]
pub struct PrintReportProps {
    /// The rules (the title, the fingerprint, the unit's word).
    pub scheme: Rc<Scheme>,
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The year evaluated, when known.
    pub year: Option<u16>,
    /// The date printed (`2026年11月28日`).
    pub date: AttrValue,
    /// The data file's name.
    pub source: AttrValue,
    /// How many cells were edited after loading.
    pub edits: usize,
    /// The committee's decisions of special awards.
    #[prop_or_default]
    pub decisions: Rc<Vec<AwardDecision>>,
}

/// `赤峰市工业园区综合发展评价考核结果（2020年度）` (the scheme's report title with the year);
/// without a year (neither the files nor the round's facts name one) the title says so rather
/// than leaving a blank to fill in by hand.
pub fn title(scheme: &Scheme, year: Option<u16>) -> String {
    match year {
        Some(y) => parkscore::export::report::report_title(scheme, y),
        None => format!(
            "{}（年度未填写：请在「公示与报告」的本轮信息中填写）",
            scheme.report_title()
        ),
    }
}

/// The print-only report (`data-testid="print-report"`).
#[component(PrintReport)]
pub fn print_report(props: &PrintReportProps) -> Html {
    let eval = &props.evaluation;
    let scheme = &props.scheme;
    let noun = AttrValue::from(scheme.unit_noun().to_owned());
    let mut notes: Vec<String> = vec![format!("数据来源：{}", props.source)];
    if props.edits > 0 {
        notes.push(format!(
            "导入后共修改 {} 处（详见内部版的修改记录）。",
            props.edits
        ));
    }
    for a in &eval.awards.places {
        notes.push(format!(
            "第 {} 名 {}：{}（{}）",
            a.rank,
            a.park,
            format::wan(a.amount_wan),
            a.explain_for(eval.reading.unit_noun())
        ));
    }
    for s in &eval.awards.special {
        let decided = props.decisions.iter().rev().find(|d| d.award == s.name);
        let who = match decided {
            Some(d) => format!("考核小组决定 {}", d.park),
            None if s.is_open() => {
                format!(
                    "由考核小组确定（{}）",
                    s.recipients_zh_for(None, eval.reading.unit_noun())
                )
            }
            None => format!(
                "建议 {}",
                s.recipients_zh_for(None, eval.reading.unit_noun())
            ),
        };
        notes.push(format!(
            "专项奖励「{}」{}：{who}",
            s.name,
            format::wan(s.amount_wan)
        ));
    }
    notes.extend(eval.notes.iter().map(ToString::to_string));
    html! {
        <section class="print-report print-only" data-testid="print-report">
            <h1>{ title(scheme, props.year) }</h1>
            <p class="print-scheme" data-testid="print-scheme">{ format!("评分方案：{}", scheme.title_with_fingerprint()) }</p>
            <p class="print-date">{ format!("打印日期：{}", props.date) }</p>
            <RankingTable evaluation={Rc::clone(eval)} sort={Sort::default()}
                on_sort={Callback::noop()} on_select={Callback::noop()} interactive={false}
                unit_noun={noun.clone()} />
            <VetoedList vetoed={eval.vetoed.clone()} unit_noun={noun.clone()} />
            <NotRatedList units={eval.not_rated.clone()} unit_noun={noun} interactive={false} />
            <h2>{ "计分口径" }</h2>
            <ul>{ for eval.reading.description_zh.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            <h2>{ "说明" }</h2>
            <ol class="notes">{ for notes.iter().map(|n| html! { <li>{ n }</li> }) }</ol>
        </section>
    }
}
