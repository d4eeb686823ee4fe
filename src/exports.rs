//! What the export and template buttons download: file name, bytes and MIME type, made by the
//! core's exporters from the state. Pure, so it is tested natively; the bytes are handed to
//! `services::download`.

use parkscore::export::report::{
    self, internal_xlsx, park_sheets_xlsx, publicity_xlsx, ParkSelection, ReportContext, Version,
};
use parkscore::export::template::{template_csv, template_xlsx};
use parkscore::import::merge::Provenance;
use parkscore::import::{column_letter, RawTable};
use parkscore::round::{AwardDecision, Change, Date, RoundFacts};
use parkscore::Scheme;

use crate::components::export_bar::ExportKind;
use crate::components::file_bar::TemplateKind;
use crate::state::AppState;

/// MIME type of .xlsx files.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// MIME type of CSV files.
pub const CSV: &str = "text/csv;charset=utf-8";
/// MIME type of JSON files.
pub const JSON: &str = "application/json;charset=utf-8";

/// A file to offer for download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    /// The name offered.
    pub file_name: String,
    /// The content.
    pub bytes: Vec<u8>,
    /// The MIME type.
    pub mime: &'static str,
}

const BOM: &str = "\u{feff}";

/// `赤峰市工业园区考核结果-2020`, or without the year when the data does not say it.
fn stem(state: &AppState) -> String {
    match state.year() {
        Some(y) => format!("赤峰市工业园区考核结果-{y}"),
        None => "赤峰市工业园区考核结果".to_owned(),
    }
}

/// The results in `kind`'s format; `date` is printed in the report.
pub fn results(state: &AppState, kind: ExportKind, date: &str) -> Result<Download, String> {
    let evaluation = state
        .evaluation
        .as_deref()
        .ok_or_else(|| "还没有计分结果：请先载入数据并修正所有错误".to_owned())?;
    let scheme = &state.scheme;
    Ok(match kind {
        ExportKind::Xlsx => {
            // Until the page keeps the round's facts and a change log: the year from the file,
            // the grid's edits as changes (no time, no reason), the platform choice as the
            // committee's decision.
            let facts = RoundFacts::default();
            let tables: Vec<&RawTable> = state.table.as_deref().into_iter().collect();
            let changes = edits_as_changes(state);
            let decisions: Vec<AwardDecision> = state
                .platform_choice
                .as_ref()
                .and_then(|park| {
                    let award = evaluation
                        .awards
                        .special
                        .iter()
                        .find(|s| s.basis.is_none())?;
                    Some(AwardDecision {
                        award: award.name.clone(),
                        park: park.clone(),
                        note: String::new(),
                    })
                })
                .into_iter()
                .collect();
            let provenance = state
                .table
                .as_deref()
                .zip(state.validated.as_deref())
                .map(|(t, v)| Provenance::single(&t.file_name, t.sheet.as_deref(), v));
            let context = ReportContext {
                scheme,
                evaluation,
                facts: &facts,
                files_year: state.year(),
                tables: &tables,
                provenance: provenance.as_ref(),
                changes: &changes,
                decisions: &decisions,
                generated_on: Date::parse(date).ok(),
            };
            report_download(&context, Version::Internal, None)?
        }
        ExportKind::Csv => {
            let text = parkscore::export::csv::evaluation_csv(scheme, evaluation);
            let text = if text.starts_with(BOM) {
                text
            } else {
                format!("{BOM}{text}")
            };
            Download {
                file_name: format!("{}.csv", stem(state)),
                bytes: text.into_bytes(),
                mime: CSV,
            }
        }
        ExportKind::Json => {
            let text = parkscore::export::json::evaluation_json_string(
                scheme,
                evaluation,
                parkscore::export::json::Prose::Explained,
            );
            Download {
                file_name: format!("{}.json", stem(state)),
                bytes: text.into_bytes(),
                mime: JSON,
            }
        }
    })
}

/// One of the round's reports as an xlsx download, named by the scheme and the year
/// (`赤峰市工业园区评价结果-2020年度-公示版.xlsx`); `park` picks one park's 园区得分明细单 (all
/// parks' when `None`; ignored by the other reports). The error is the core's Chinese message
/// (the year or a 公示 fact missing, a decision that no longer fits).
pub fn report_download(
    context: &ReportContext<'_>,
    version: Version,
    park: Option<&str>,
) -> Result<Download, String> {
    let year = context.year().map_err(|e| e.to_string())?;
    let bytes = match version {
        Version::Publicity => publicity_xlsx(context),
        Version::Internal => internal_xlsx(context),
        Version::ParkSheets => {
            park_sheets_xlsx(context, park.map_or(ParkSelection::All, ParkSelection::One))
        }
    }
    .map_err(|e| e.to_string())?;
    Ok(Download {
        file_name: report::file_name(context.scheme, year, version, park),
        bytes,
        mime: XLSX,
    })
}

/// The grid's edits as changes of the table's cells (original → current text).
fn edits_as_changes(state: &AppState) -> Vec<Change> {
    let Some(table) = state.table.as_deref() else {
        return Vec::new();
    };
    let header = state
        .validated
        .as_deref()
        .and_then(|v| v.header_row)
        .and_then(|h| table.rows.get(h));
    state
        .edits
        .iter()
        .filter_map(|(cell, before)| {
            let row = table.rows.get(cell.row)?;
            let text =
                |r: &parkscore::import::RawRow| r.cells.get(cell.col).cloned().unwrap_or_default();
            Some(Change {
                file: table.file_name.clone(),
                cell: format!("{}{}", column_letter(cell.col), row.number),
                park: None,
                column: header.map(text).unwrap_or_default(),
                before: before.clone(),
                after: text(row),
                at: String::new(),
                reason: None,
            })
        })
        .collect()
}

/// The import template (填报模板) in `kind`'s format.
pub fn template(scheme: &Scheme, kind: TemplateKind) -> Result<Download, String> {
    Ok(match kind {
        TemplateKind::Xlsx => Download {
            file_name: "赤峰市工业园区考核数据填报模板.xlsx".to_owned(),
            bytes: template_xlsx(scheme)?,
            mime: XLSX,
        },
        TemplateKind::Csv => Download {
            file_name: "赤峰市工业园区考核数据填报模板.csv".to_owned(),
            bytes: template_csv(scheme),
            mime: CSV,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_named_by_scheme_year_and_version() {
        let scheme = Scheme::chifeng_2020();
        let table = parkscore::import::read(
            parkscore::sample::sample_csv(),
            "sample-2020.csv",
            None,
            &scheme,
        )
        .expect("the sample reads");
        let validated = parkscore::import::validate(&table, &scheme);
        let evaluation =
            parkscore::evaluate(&scheme, &validated.dataset, &parkscore::Options::default())
                .expect("scores");
        let facts = RoundFacts {
            issuer: "赤峰市加快工业园区建设工作领导小组办公室".into(),
            publicity_from: Date::new(2021, 3, 25),
            publicity_to: Date::new(2021, 4, 1),
            contact: "张三".into(),
            phone: "0476-8888888".into(),
            signed_on: Date::new(2021, 3, 24),
            ..RoundFacts::default()
        };
        let tables = [&table];
        let context = ReportContext {
            scheme: &scheme,
            evaluation: &evaluation,
            facts: &facts,
            files_year: validated.dataset.year,
            tables: &tables,
            provenance: None,
            changes: &[],
            decisions: &[],
            generated_on: None,
        };
        let names: Vec<String> = [
            (Version::Publicity, None),
            (Version::Internal, None),
            (Version::ParkSheets, None),
            (Version::ParkSheets, Some("东山园区")),
        ]
        .into_iter()
        .map(|(v, park)| {
            let d = report_download(&context, v, park).expect("made");
            assert_eq!(&d.bytes[..2], b"PK");
            assert_eq!(d.mime, XLSX);
            d.file_name
        })
        .collect();
        assert_eq!(
            names,
            [
                "赤峰市工业园区评价结果-2020年度-公示版.xlsx",
                "赤峰市工业园区评价结果-2020年度-内部版.xlsx",
                "赤峰市工业园区评价结果-2020年度-园区得分明细单.xlsx",
                "赤峰市工业园区评价结果-2020年度-园区得分明细单-东山园区.xlsx",
            ]
        );
        // No year anywhere: refused, in Chinese.
        let no_year = ReportContext {
            files_year: None,
            ..context
        };
        let e = report_download(&no_year, Version::Internal, None).unwrap_err();
        assert!(e.starts_with("不知道考核年度"), "{e}");
        // The 公示版 without its facts.
        let empty = RoundFacts::default();
        let e = report_download(
            &ReportContext {
                facts: &empty,
                ..context
            },
            Version::Publicity,
            None,
        )
        .unwrap_err();
        assert!(e.starts_with("公示版还不能生成"), "{e}");
    }
}
