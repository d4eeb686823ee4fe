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

mod cells;
mod derive;
pub mod header;
mod json;
pub mod merge;
pub mod number;
mod sniff;
mod text;
mod validate;
mod workbook;

pub use cells::Cells;
pub use validate::{validate_columnar, validate_part, validate_with, ValidateOptions};
pub use workbook::is_percent_format;

use crate::dataset::Dataset;
use crate::issue::{Issue, Location};
use crate::scheme::{IndicatorId, Scheme};
use serde::{Deserialize, Serialize};

/// The file formats import understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Legacy Excel / WPS workbook (BIFF8 in a compound file; also WPS's .et).
    Xls,
    /// OpenDocument spreadsheet (.ods: LibreOffice, 永中 Office).
    Ods,
    /// Excel binary workbook (.xlsb).
    Xlsb,
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
    /// The cells as text; an empty cell is `""`. Stored compactly (one string per row).
    pub cells: Cells,
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
    /// The rows, title rows and header included, empty trailing rows dropped. Rows are
    /// ragged: each ends at its last non-empty cell (see [`RawTable::width`]).
    pub rows: Vec<RawRow>,
    /// What reading found that validation must report with its own issues: which sheet was
    /// chosen and why, other sheets that would also qualify, a damaged sheet (an error).
    #[serde(default)]
    pub notes: Vec<Issue>,
}

impl RawTable {
    /// Where the data came from, for printed source lines: the file, and for a workbook the
    /// sheet read (`数据.xlsx（工作表「2020年」）`).
    pub fn source_line(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}（工作表「{sheet}」）", self.file_name),
            None => self.file_name.clone(),
        }
    }

    /// The number of columns: the longest row's length.
    pub fn width(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }
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
    /// The scheme's indicators the file gives (a column of its own, or every raw figure it is
    /// derived from), in the scheme's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplies: Vec<IndicatorId>,
    /// Values the file gives but that could not be read (the cell, or a raw figure, has an
    /// error): index in `dataset.parks` and the indicator. Not missing, but wrong.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<(usize, IndicatorId)>,
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
/// Rows of slack above and below the data (titles, notes, signatures), so that a file of
/// exactly [`MAX_ROWS`] parks is accepted.
pub const ROW_SLACK: usize = 50;
/// Most columns: a non-empty cell beyond column ALL (the 1,000th) is refused. Empty cells
/// beyond it are ignored, so a row padded to column XFD costs nothing.
pub const MAX_COLUMNS: usize = 1000;
/// Most characters in one cell (Excel's own limit is 32,767).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Phase 1: reads `bytes` (named `file_name`, which picks the format together with the content)
/// into a [`RawTable`]. `sheet` picks a worksheet; `None` takes the sheet whose header row
/// recognises the most of `scheme`'s indicator columns (ties: the later year named, then the
/// earlier sheet); an instructions sheet never wins, and a damaged sheet is an error.
///
/// The content decides first (a zip is an .xlsx, .xlsb or .ods by its parts, an OLE file an
/// .xls, text is CSV or JSON), the extension second; an image, a PDF or other binary data is
/// refused with a message that says which formats are accepted. Files over
/// [`MAX_FILE_BYTES`], more than [`MAX_ROWS`] rows, a non-empty cell beyond [`MAX_COLUMNS`]
/// columns and a cell over [`MAX_CELL_CHARS`] characters are refused with their place.
/// Memory stays proportional to the file: nothing is allocated by a size the file claims.
pub fn read(
    bytes: &[u8],
    file_name: &str,
    sheet: Option<&str>,
    scheme: &Scheme,
) -> Result<RawTable, Issue> {
    let noun = scheme.unit_noun();
    let format = sniff::sniff(bytes, file_name, noun)?;
    match format {
        Format::Xlsx | Format::Xls | Format::Ods | Format::Xlsb => {
            workbook::read_workbook(bytes, file_name, format, sheet, scheme)
        }
        Format::Csv | Format::Json => {
            let decoded = text::decode(bytes).map_err(|e| match e {
                text::DecodeError::NotText => sniff::not_a_spreadsheet(file_name, None),
                text::DecodeError::OtherEncoding => sniff::other_encoding(file_name),
                text::DecodeError::DamagedUtf8 { line } => sniff::damaged_utf8(file_name, line),
            })?;
            if format == Format::Json {
                return json::read_json(&decoded.text, file_name, decoded.encoding, noun);
            }
            read_delimited(&decoded.text, file_name, decoded.encoding, noun)
        }
    }
}

fn read_delimited(
    text: &str,
    file_name: &str,
    encoding: String,
    noun: &str,
) -> Result<RawTable, Issue> {
    let delimiter = text::detect_delimiter(text);
    let bounds = text::Bounds {
        records: MAX_ROWS + ROW_SLACK,
        columns: MAX_COLUMNS,
        field_chars: MAX_CELL_CHARS,
    };
    let records = text::parse_delimited(text, delimiter, bounds).map_err(|e| {
        let (row, column) = match e {
            text::DelimitedError::TooManyRecords(_) => (None, None),
            text::DelimitedError::TooWide { record, column }
            | text::DelimitedError::FieldTooLong { record, column } => (Some(record), Some(column)),
        };
        let at = Location {
            file: Some(file_name.to_owned()),
            row: row.map(|r| u32::try_from(r).unwrap_or(u32::MAX)),
            column: column.map(|c| format!("{} 列", column_letter(c))),
            ..Location::default()
        };
        match e {
            text::DelimitedError::TooManyRecords(_) => too_many_rows(at, noun),
            text::DelimitedError::TooWide { .. } => too_wide(at),
            text::DelimitedError::FieldTooLong { .. } => cell_too_long(at, noun),
        }
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
        notes: Vec::new(),
    })
}

/// The raw figures an indicator is derived from when a file has no column of its own for it,
/// as [`ColumnMatch::target`] names them (`raw:output:current`, `raw:output:previous`; the
/// area for a 亩均 indicator): where a problem with the derived value comes from. Empty for an
/// indicator that is never derived.
pub fn derived_from(indicator_id: &str) -> Vec<String> {
    derive::recipe(indicator_id).map_or_else(Vec::new, |recipe| {
        recipe
            .needs()
            .into_iter()
            .map(|(kind, period)| header::Target::Raw(kind, period).id())
            .collect()
    })
}

/// Excel's column letters for a 0-based index (0 → A, 26 → AA).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The refusal of a table over [`MAX_ROWS`] rows; `noun` is the scheme's word for a unit
/// (`Scheme::unit_noun`: 请只保留园区数据).
pub(crate) fn too_many_rows(at: Location, noun: &str) -> Issue {
    Issue::error(
        at,
        format!("表格超过 {MAX_ROWS} 行的上限，未读取；请只保留{noun}数据后再导入"),
    )
    .with_expected(format!("不超过 {MAX_ROWS} 行数据"))
}

/// The refusal of a non-empty cell beyond [`MAX_COLUMNS`].
pub(crate) fn too_wide(at: Location) -> Issue {
    Issue::error(
        at,
        format!(
            "这个单元格在第 {MAX_COLUMNS} 列之后，超出上限，未读取；请删除表格右侧多余的内容后再导入"
        ),
    )
    .with_expected(format!(
        "数据在前 {MAX_COLUMNS} 列（A 到 {} 列）之内",
        column_letter(MAX_COLUMNS - 1)
    ))
}

/// The refusal of a cell over [`MAX_CELL_CHARS`] characters; `noun` is the scheme's word for
/// a unit (`Scheme::unit_noun`: 可能不是园区数据表).
pub(crate) fn cell_too_long(at: Location, noun: &str) -> Issue {
    Issue::error(
        at,
        format!("单元格内容超过 {MAX_CELL_CHARS} 个字符，未读取（可能不是{noun}数据表）"),
    )
    .with_expected(format!("每个单元格不超过 {MAX_CELL_CHARS} 个字符"))
}

/// Drops trailing empty rows and each row's trailing empty cells (rows are ragged; nothing is
/// padded, so a far cell costs one cell, not a rectangle).
pub(crate) fn trim_rows(mut rows: Vec<RawRow>) -> Vec<RawRow> {
    let filled = |c: &str| !c.trim().is_empty();
    for row in &mut rows {
        let keep = row.cells.iter().rposition(filled).map_or(0, |i| i + 1);
        row.cells.truncate(keep);
    }
    while rows.last().is_some_and(|r| r.cells.is_empty()) {
        rows.pop();
    }
    rows
}

/// Whether a row looks like a header without knowing the scheme: it has a park-name header
/// (园区名称, 单位名称, …) and at least two other non-empty cells. Used to find the data in
/// the app's own xlsx report; the import picks sheets by the scheme (see [`read`]).
pub(crate) fn looks_like_header_row(cells: &Cells) -> bool {
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
