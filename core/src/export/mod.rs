//! Export: an [`Evaluation`] (and the data behind it) to text, JSON, CSV
//! and xlsx bytes; the import template. Bytes out, never files: the caller writes them.

pub mod csv;
pub mod json;
pub mod report;
pub mod table;
pub mod template;
pub mod xlsx;

/// The workbook writer the template writes through (`super::writer`): a name of its own so
/// that the differential test (`report/oracle.rs`) can compile the template over
/// rust_xlsxwriter too.
use xlsx as writer;

use crate::scheme::Scheme;
use crate::scoring::Evaluation;

/// The ranking as text rows, shared by the CSV and the text table: a header (排名, 园区 — the
/// scheme's word, `Scheme::unit_noun` — the
/// group names, 附加分, 总分, 等级 when the scheme has classes, 奖励(万元)) and one row per
/// ranked park, by rank, scores with the reading's decimal places. Vetoed parks and units not
/// rated are not included.
pub fn ranking_rows(scheme: &Scheme, evaluation: &Evaluation) -> Vec<Vec<String>> {
    let places = evaluation.reading.rounding_places;
    let classes = evaluation.classes.is_some();
    let mut header = vec!["名次".to_owned(), scheme.unit_noun().to_owned()];
    header.extend(scheme.groups.iter().map(|g| g.name.clone()));
    header.extend(["附加分", "总分"].map(str::to_owned));
    if classes {
        header.push("等级".to_owned());
    }
    header.push("奖励(万元)".to_owned());
    let mut rows = vec![header];
    for (i, p) in evaluation.parks.iter().enumerate() {
        let mut row = vec![p.rank.to_string(), p.name.0.clone()];
        row.extend(scheme.groups.iter().map(|g| {
            evaluation
                .group(i, &g.id.0)
                .map_or(String::new(), |r| r.score.fixed(places))
        }));
        row.push(p.bonus.fixed(places));
        row.push(p.total.fixed(places));
        if classes {
            row.push(evaluation.class_of(i).unwrap_or_default().to_owned());
        }
        row.push(
            p.award_wan
                .map_or(String::new(), |a| a.normalize().to_string()),
        );
        rows.push(row);
    }
    rows
}

/// The column of [`ranking_rows`] that holds the grade, when the evaluation has classes.
pub(crate) fn class_column(scheme: &Scheme, evaluation: &Evaluation) -> Option<usize> {
    evaluation
        .classes
        .is_some()
        .then(|| scheme.groups.len() + 4)
}
