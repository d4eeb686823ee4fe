//! The 公示版 printout (A4 landscape): the core's [`publicity()`] content — title, the ranking,
//! the special awards (决定 / 建议), the vetoed parks, the reading without ids, the 公示期 and
//! whom to contact, the 落款 with a place for the stamp. Page numbers come from the print CSS.
//!
//! While a fact the notice needs is missing, it shows what is missing instead
//! (`data-testid="print-publicity-blocked"`), so nothing unfinished can be posted.

use parkscore::export::report::{publicity, Bounds, ReportContext};
use parkscore::round::{AwardDecision, RoundFacts};
use parkscore::{Evaluation, Scheme};
use std::rc::Rc;
use yew::prelude::*;

use super::print_doc;

/// Properties of [`PrintPublicity`].
#[derive(Properties, PartialEq)]
pub struct PrintPublicityProps {
    /// What the printout says with its title (the sample: 示例数据，非真实统计).
    #[prop_or_default]
    pub notice: Option<&'static str>,
    /// The rules.
    pub scheme: Rc<Scheme>,
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The round's facts (year, 制表单位, 公示期, contact, 落款日期).
    pub facts: Rc<RoundFacts>,
    /// The year the files name, when they do.
    pub files_year: Option<u16>,
    /// The committee's decisions on special awards.
    #[prop_or_default]
    pub decisions: Rc<Vec<AwardDecision>>,
}

/// `data-testid="print-publicity"`.
#[component(PrintPublicity)]
pub fn print_publicity(props: &PrintPublicityProps) -> Html {
    let context = ReportContext {
        scheme: &props.scheme,
        evaluation: &props.evaluation,
        facts: &props.facts,
        files_year: props.files_year,
        tables: &[],
        provenance: None,
        changes: &[],
        decisions: &props.decisions,
        conflicts: &[],
        generated_on: None,
        created_at: None,
        notice: props.notice,
    };
    let doc = match publicity(&context, Bounds::PRINT) {
        Ok(doc) => doc,
        Err(e) => return print_doc::blocked("print-publicity-blocked", &e.to_string()),
    };
    html! {
        <article class="print-doc print-publicity" data-testid="print-publicity">
            <h1>{ &doc.title }</h1>
            <p class="intro">{ &doc.intro }</p>
            { for doc.sections.iter().map(print_doc::section) }
            <div class="signature">
                <div class="stamp-area">{ doc.stamp }</div>
                <p class="issuer">{ &doc.issuer }</p>
                <p class="signed-on">{ &doc.signed_on }</p>
            </div>
        </article>
    }
}
