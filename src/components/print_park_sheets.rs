//! The 园区得分明细单 printout: the core's [`park_sheets()`] content, one A4 landscape page per
//! park (each sheet starts a new page), all parks by rank or the one chosen. Each sheet names
//! the park and the year, its place, total and award, then every indicator with its value,
//! rank, score and explanation, the group subtotals, the bonus and the total.

use parkscore::export::report::{park_sheets, Bounds, ParkSelection, ParkSheet, ReportContext};
use parkscore::round::RoundFacts;
use parkscore::{Evaluation, ParkName, Scheme};
use std::rc::Rc;
use yew::prelude::*;

use super::print_doc;

/// Properties of [`PrintParkSheets`].
#[derive(Properties, PartialEq)]
pub struct PrintParkSheetsProps {
    /// What the printout says with its title (the sample: 示例数据，非真实统计).
    #[prop_or_default]
    pub notice: Option<&'static str>,
    /// The rules.
    pub scheme: Rc<Scheme>,
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The round's facts (for the year).
    pub facts: Rc<RoundFacts>,
    /// The year the files name, when they do.
    pub files_year: Option<u16>,
    /// The park whose sheet to print; `None`: every park's (at most
    /// [`Bounds::PRINT`]`.park_sheets`, then a note).
    #[prop_or_default]
    pub park: Option<ParkName>,
}

fn sheet(s: &ParkSheet) -> Html {
    html! {
        <section class="print-park-sheet" data-park={s.park.clone()}>
            <h1>{ &s.title }</h1>
            <p class="subtitle">{ &s.subtitle }</p>
            <ul class="summary">{ for s.summary.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            { print_doc::table(&s.table) }
        </section>
    }
}

/// `data-testid="print-park-sheets"`, one `<section class="print-park-sheet" data-park=…>`
/// per park.
#[component(PrintParkSheets)]
pub fn print_park_sheets(props: &PrintParkSheetsProps) -> Html {
    let context = ReportContext {
        scheme: &props.scheme,
        evaluation: &props.evaluation,
        facts: &props.facts,
        files_year: props.files_year,
        tables: &[],
        provenance: None,
        changes: &[],
        decisions: &[],
        conflicts: &[],
        generated_on: None,
        created_at: None,
        notice: props.notice,
    };
    let selection = props
        .park
        .as_ref()
        .map_or(ParkSelection::All, |p| ParkSelection::One(p.as_str()));
    let doc = match park_sheets(&context, selection, Bounds::PRINT) {
        Ok(doc) => doc,
        Err(e) => return print_doc::blocked("print-park-sheets-blocked", &e.to_string()),
    };
    html! {
        <article class="print-doc print-park-sheets" data-testid="print-park-sheets">
            { for doc.sheets.iter().map(sheet) }
            if let Some(more) = &doc.more {
                <p class="more">{ more }</p>
            }
        </article>
    }
}
