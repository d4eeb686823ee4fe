//! What the export and template buttons download: file name, bytes and MIME type, made by the
//! core's exporters from the state. Pure, so it is tested natively; the bytes are handed to
//! `services::download`.

use parkscore::export::report::{report_xlsx, ReportContext};
use parkscore::export::template::{Template, TemplateFor, TemplateFormat};
use parkscore::Scheme;

use crate::components::export_bar::ExportKind;
use crate::components::file_bar::TemplateRequest;
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
            let context = ReportContext {
                scheme,
                evaluation,
                // One file reads back from 原始数据; the report of a merge of several files
                // lists them instead (the internal report carries each one).
                table: match state.doc.files() {
                    [one] => Some(&*one.table),
                    _ => None,
                },
                year: state.year(),
                date: Some(date),
                platform_choice: state.platform_choice(),
                edited_cells: state.doc.edited_cells(),
            };
            Download {
                file_name: format!("{}.xlsx", stem(state)),
                bytes: report_xlsx(&context).map_err(|e| e.to_string())?,
                mime: XLSX,
            }
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

/// The import template (填报模板) `request` asks for: the full one or a department's, in its
/// format, named after the scheme (`赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx`).
/// A department the scheme does not name is the core's Chinese message.
pub fn template(scheme: &Scheme, request: &TemplateRequest) -> Result<Download, String> {
    let which = TemplateFor::from_department(request.department.as_deref());
    let template = Template::new(scheme, which).map_err(|e| e.to_string())?;
    let (bytes, mime) = match request.format {
        TemplateFormat::Xlsx => (template.xlsx().map_err(|e| e.to_string())?, XLSX),
        TemplateFormat::Csv => (template.csv(), CSV),
    };
    Ok(Download {
        file_name: template.file_name(request.format),
        bytes,
        mime,
    })
}
