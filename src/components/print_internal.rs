//! The 内部版 printout (A4 landscape): the core's [`internal()`] content — the ranking, the award
//! money with its total, every indicator's value with the file and cell it came from, score
//! and explanation, the change log, the files merged, the round's facts and the reading (ids
//! included: this version is for the leaders). The 原始数据 sheets are in the workbook only.

use parkscore::export::report::{internal, Bounds, ReportContext};
use parkscore::import::merge::Provenance;
use parkscore::round::{AwardDecision, Change, Date, RoundFacts};
use parkscore::{Evaluation, Scheme};
use std::rc::Rc;
use yew::prelude::*;

use super::print_doc;

/// Properties of [`PrintInternal`].
#[derive(Properties, PartialEq)]
pub struct PrintInternalProps {
    /// What the printout says with its title (the sample: 示例数据，非真实统计).
    #[prop_or_default]
    pub notice: Option<&'static str>,
    /// The rules.
    pub scheme: Rc<Scheme>,
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The round's facts.
    pub facts: Rc<RoundFacts>,
    /// The year the files name, when they do.
    pub files_year: Option<u16>,
    /// Where each value came from; `None` leaves 来源 empty.
    #[prop_or_default]
    pub provenance: Option<Rc<Provenance>>,
    /// The change log, in the order the changes were made.
    #[prop_or_default]
    pub changes: Rc<Vec<Change>>,
    /// The committee's decisions on special awards.
    #[prop_or_default]
    pub decisions: Rc<Vec<AwardDecision>>,
    /// The day printed as 生成日期.
    #[prop_or_default]
    pub generated_on: Option<Date>,
    /// The values the merged files gave differently, and what was taken.
    #[prop_or_default]
    pub conflicts: Rc<Vec<parkscore::import::merge::Conflict>>,
}

/// `data-testid="print-internal"`.
#[component(PrintInternal)]
pub fn print_internal(props: &PrintInternalProps) -> Html {
    let context = ReportContext {
        scheme: &props.scheme,
        evaluation: &props.evaluation,
        facts: &props.facts,
        files_year: props.files_year,
        tables: &[],
        provenance: props.provenance.as_deref(),
        changes: &props.changes,
        decisions: &props.decisions,
        conflicts: &props.conflicts,
        generated_on: props.generated_on,
        created_at: None,
        notice: props.notice,
    };
    let doc = match internal(&context, Bounds::PRINT) {
        Ok(doc) => doc,
        Err(e) => return print_doc::blocked("print-internal-blocked", &e.to_string()),
    };
    html! {
        <article class="print-doc print-internal" data-testid="print-internal">
            <h1>{ &doc.title }</h1>
            { for doc.subtitle.iter().map(|s| html! { <p class="subtitle">{ s }</p> }) }
            { for doc.sections.iter().map(print_doc::section) }
        </article>
    }
}
