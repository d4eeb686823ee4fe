//! The pieces the report printouts (公示版, 内部版, 园区得分明细单) share: the core's content —
//! sections, tables of cells, sentences — as HTML. No component and no wording here: every
//! word comes from `parkscore::export::report`, so a printout says what its workbook says.
//!
//! Tables have a `<thead>` (repeated on every printed page by the print CSS), number cells
//! carry `class="num"` (right-aligned), the park-name column `class="park"` and any text of
//! at most 20 characters `class="short"` (neither wrapped).

use parkscore::export::report::{Block, Cell, Section, Table};
use yew::prelude::*;

/// A table of the core's content.
pub fn table(t: &Table) -> Html {
    let class = |c: usize, cell: Option<&Cell>| -> Classes {
        let mut classes = Classes::new();
        if t.name_column == Some(c) {
            classes.push("park");
        }
        if cell.is_some_and(Cell::is_number) {
            classes.push("num");
        }
        if cell.is_some_and(|c| short(&c.text())) {
            classes.push("short");
        }
        classes
    };
    html! {
        <>
            <table class="report-table">
                <thead>
                    <tr>
                        { for t.header.iter().enumerate().map(|(c, h)| html! {
                            <th scope="col" class={class(c, None)}>{ h }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for t.rows.iter().map(|row| html! {
                        <tr>
                            { for row.iter().enumerate().map(|(c, cell)| html! {
                                <td class={class(c, Some(cell))}>{ cell.text() }</td>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some(more) = &t.more {
                <p class="more">{ more }</p>
            }
        </>
    }
}

/// Whether a cell's text is short enough never to wrap (a unit, a rank, a name): at most
/// [`SHORT_CHARS`] characters.
fn short(text: &str) -> bool {
    text.chars().count() <= SHORT_CHARS
}

/// The longest text kept on one line in a table cell.
const SHORT_CHARS: usize = 20;

/// A block: a paragraph, a list of sentences, or a table.
pub fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph(p) => html! { <p>{ p }</p> },
        Block::Lines(lines) => html! {
            <ul class="lines">{ for lines.iter().map(|l| html! { <li>{ l }</li> }) }</ul>
        },
        Block::Table(t) => table(t),
    }
}

/// A section: its heading (kept with what follows it on the page) and its blocks.
pub fn section(s: &Section) -> Html {
    html! {
        <section class="report-section">
            <h2>{ &s.heading }</h2>
            { for s.blocks.iter().map(block) }
        </section>
    }
}

/// Why a report cannot be shown (the year or a 公示 fact is missing, a decision no longer
/// fits), in place of the report: on screen, never printed as if it were the report.
pub fn blocked(testid: &'static str, why: &str) -> Html {
    html! {
        <div class="print-blocked" role="alert" data-testid={testid}>{ why }</div>
    }
}
