//! Import: bytes as offices really make them (xlsx, xls, csv/txt in any encoding, json) to a
//! validated [`Dataset`], in two phases.
//!
//! 1. [`read`]: bytes → [`RawTable`], cells as text exactly as the user sees them in Excel
//!    (a cell formatted as a percentage reads `12.5%`; a number shows its shortest decimal).
//! 2. [`validate`]: [`RawTable`] + [`Scheme`] → [`Validated`]: finds the header row, matches
//!    columns, parses numbers, converts units, derives indicators, and reports every issue.
//!
//! CONTRACT (shared by the import, the engine, the CLI and the app): the public types and
//! function signatures in this file. The import issue fills them in.

mod derive;
pub mod header;
mod json;
pub mod number;
mod sniff;
mod text;
mod validate;
mod workbook;

pub use validate::{validate_with, ValidateOptions};
pub use workbook::is_percent_format;

use crate::dataset::Dataset;
use crate::issue::{Issue, Location};
use crate::scheme::Scheme;
use serde::{Deserialize, Serialize};

/// The file formats import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Legacy Excel / WPS workbook.
    Xls,
    /// Delimited text (comma, tab or semicolon).
    Csv,
    /// A JSON array of objects, or `{"columns": [...], "rows": [[...]]}`.
    Json,
}

/// One row of a [`RawTable`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawRow {
    /// The row number as Excel shows it (1-based, title rows counted).
    pub number: u32,
    /// The cells as text; an empty cell is `""`.
    pub cells: Vec<String>,
}

/// A sheet read from a file, all cells as text. This is also what the app's data grid edits:
/// nothing the user typed is lost, because validation always starts again from the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawTable {
    /// The file name as the user chose it.
    pub file_name: String,
    /// The format it was read as.
    pub format: Format,
    /// The text encoding detected, for text formats (`UTF-8`, `GBK`, `UTF-16LE`).
    pub encoding: Option<String>,
    /// The sheet read, for workbooks.
    pub sheet: Option<String>,
    /// Every sheet in the workbook, so that the user can pick another.
    pub sheets: Vec<String>,
    /// The rows, title rows and header included, empty trailing rows dropped.
    pub rows: Vec<RawRow>,
}

/// A column that validation matched to something it understands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMatch {
    /// Index of the column in [`RawRow::cells`].
    pub index: usize,
    /// The header as written.
    pub header: String,
    /// What the column feeds: an indicator id, or `name`, `provincial`, `national`, `veto`,
    /// `veto_reason`, or a raw figure used to derive indicators.
    pub target: String,
}

/// What [`validate`] makes of a [`RawTable`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validated {
    /// The dataset; parks whose rows had errors are still in it with the values that parsed.
    pub dataset: Dataset,
    /// Every issue, errors first; any error blocks scoring.
    pub issues: Vec<Issue>,
    /// The index in [`RawTable::rows`] of the header row.
    pub header_row: Option<usize>,
    /// The columns understood.
    pub columns: Vec<ColumnMatch>,
}

impl Validated {
    /// Whether any issue blocks scoring.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }
}

/// Largest file accepted (20 MB), refused before parsing.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_ROWS: usize = 100_000;

/// Phase 1: reads `bytes` (named `file_name`, which picks the format together with the content)
/// into a [`RawTable`]. `sheet` picks a worksheet; `None` takes the first sheet that has a header.
///
/// The content decides first (a zip is an .xlsx, an OLE file an .xls, text is CSV or JSON),
/// the extension second; an image, a PDF or other binary data is refused with a message that
/// says which formats are accepted. Files over [`MAX_FILE_BYTES`] and tables over
/// [`MAX_ROWS`] rows are refused before they are parsed further.
pub fn read(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<RawTable, Issue> {
    let format = sniff::sniff(bytes, file_name)?;
    match format {
        Format::Xlsx | Format::Xls => workbook::read_workbook(bytes, file_name, format, sheet),
        Format::Csv | Format::Json => {
            let decoded =
                text::decode(bytes).ok_or_else(|| sniff::not_a_spreadsheet(file_name, None))?;
            if format == Format::Json {
                return json::read_json(&decoded.text, file_name, decoded.encoding);
            }
            read_delimited(&decoded.text, file_name, decoded.encoding)
        }
    }
}

fn read_delimited(text: &str, file_name: &str, encoding: String) -> Result<RawTable, Issue> {
    let delimiter = text::detect_delimiter(text);
    // 50 rows of slack for titles and notes around the data.
    let records = text::parse_delimited(text, delimiter, MAX_ROWS + 50).map_err(|_| {
        Issue::error(
            Location {
                file: Some(file_name.to_owned()),
                ..Location::default()
            },
            format!("文件超过 {MAX_ROWS} 行的上限，未读取；请只保留园区数据后再导入"),
        )
    })?;
    let rows = records
        .into_iter()
        .enumerate()
        .map(|(i, cells)| RawRow {
            number: i as u32 + 1,
            cells,
        })
        .collect();
    let rows = trim_rows(rows);
    if rows.is_empty() {
        return Err(sniff::empty_file(file_name));
    }
    Ok(RawTable {
        file_name: file_name.to_owned(),
        format: Format::Csv,
        encoding: Some(encoding),
        sheet: None,
        sheets: Vec::new(),
        rows,
    })
}

/// Drops trailing empty rows and pads every row to the width of the widest non-empty cell,
/// so that trailing empty columns disappear and every row has the same number of cells.
pub(crate) fn trim_rows(mut rows: Vec<RawRow>) -> Vec<RawRow> {
    let filled = |c: &String| !c.trim().is_empty();
    while rows.last().is_some_and(|r| !r.cells.iter().any(filled)) {
        rows.pop();
    }
    let width = rows
        .iter()
        .filter_map(|r| r.cells.iter().rposition(filled))
        .max()
        .map_or(0, |i| i + 1);
    for row in &mut rows {
        row.cells.resize(width, String::new());
    }
    rows
}

/// Whether a row looks like a header without knowing the scheme: it has a park-name header
/// (园区名称, 单位名称, …) and at least two other non-empty cells. Used to pick the sheet.
pub(crate) fn looks_like_header_row(cells: &[String]) -> bool {
    let names: Vec<String> = header::NAME_HEADERS
        .iter()
        .map(|h| header::normalize(h))
        .collect();
    let has_name = cells.iter().any(|c| {
        let n = header::normalize(c);
        names.contains(&n) || names.iter().any(|h| n.starts_with(&format!("{h}(")))
    });
    has_name && cells.iter().filter(|c| !c.trim().is_empty()).count() >= 3
}

/// Phase 2: validates `table` against `scheme`.
///
/// Finds the header row, matches columns against the scheme's names and aliases, parses every
/// cell, converts units, derives indicators from raw figures, and reports every issue at once,
/// errors first. A missing value is not an error here: the engine's missing-value policy
/// decides what it means.
pub fn validate(table: &RawTable, scheme: &Scheme) -> Validated {
    validate::validate(table, scheme)
}
