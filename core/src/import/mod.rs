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

use crate::dataset::Dataset;
use crate::issue::Issue;
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
pub fn read(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<RawTable, Issue> {
    let _ = (bytes, file_name, sheet);
    todo!("import issue")
}

/// Phase 2: validates `table` against `scheme`.
pub fn validate(table: &RawTable, scheme: &Scheme) -> Validated {
    let _ = (table, scheme);
    todo!("import issue")
}
