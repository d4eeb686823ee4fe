// SPDX-License-Identifier: MIT
//
// Copyright 2016-2026, Johann Tuffe.

//! A module to parse Open Document Spreadsheets
//!
/// # Reference
///
/// OASIS Open Document Format for Office Application 1.2 ([ODF 1.2]).
///
/// [ODF 1.2]: http://docs.oasis-open.org/office/v1.2/OpenDocument-v1.2.pdf
///
use std::collections::{BTreeMap, HashMap};
use std::io::{BufReader, Read, Seek};

use log::warn;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader as XmlReader;
use zip::read::{ZipArchive, ZipFile};
use zip::result::ZipError;

use crate::attrs::{decode_attr, RawAttributes};
use crate::utils::unescape_entity_to_buffer;
use crate::vba::VbaProject;
use crate::xlsx::budget::{self, Budgeted, InflateBudget};
use crate::{
    Cell, Data, DataType, HeaderRow, Metadata, Range, ReadLimits, Reader, Sheet, SheetType,
    SheetVisible, SparseCell, WorkbookProperties,
};
use std::marker::PhantomData;

const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Maximum number of rows allowed in an ODS file (matches XLSX limit).
const MAX_ROWS: u32 = 1_048_576;

/// Maximum number of columns allowed in an ODS file (matches XLSX limit).
const MAX_COLUMNS: u32 = 16_384;

/// Maximum size of the `meta.xml` document properties part.
const MAX_META_XML_SIZE: u64 = 1024 * 1024;

// parkscore: every part is read through the workbook's inflation budget.
type OdsReader<'a, RS> = XmlReader<BufReader<Budgeted<ZipFile<'a, RS>>>>;

/// An enum for ods specific errors
#[derive(Debug)]
pub enum OdsError {
    /// Io error
    Io(std::io::Error),
    /// Zip error
    Zip(zip::result::ZipError),
    /// Xml error
    Xml(quick_xml::Error),
    /// Xml attribute error
    XmlAttr(quick_xml::events::attributes::AttrError),
    /// Error while parsing string
    Parse(std::string::ParseError),
    /// Error while parsing integer
    ParseInt(std::num::ParseIntError),
    /// Error while parsing float
    ParseFloat(std::num::ParseFloatError),
    /// Error while parsing bool
    ParseBool(std::str::ParseBoolError),

    /// Invalid MIME
    InvalidMime(Vec<u8>),
    /// File not found
    FileNotFound(&'static str),
    /// Unexpected end of file
    Eof(&'static str),
    /// Unexpected error
    Mismatch {
        /// Expected
        expected: &'static str,
        /// Found
        found: String,
    },
    /// Workbook is password protected
    Password,
    /// Worksheet not found
    WorksheetNotFound(String),

    /// XML attribute error
    AttrError(quick_xml::events::attributes::AttrError),
    /// XML encoding error
    EncodingError(quick_xml::encoding::EncodingError),
    /// File exceeds maximum cell count
    CellLimitExceeded {
        /// Number of cells requested
        requested: usize,
        /// Maximum allowed cells
        max: usize,
    },
    /// parkscore: the zip entries read so far inflate to more than
    /// [`ReadLimits::max_inflated_bytes`] (a zip bomb, `text:s` spaces or repeated text beyond
    /// what the file could hold). Raised as soon as the budget is crossed.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// parkscore: a sheet has more than [`ReadLimits::max_cells`] non-empty cells, repeated
    /// cells (`number-columns-repeated`, `number-rows-repeated`) included.
    TooManyCells {
        /// The sheet.
        sheet: String,
        /// The limit.
        limit: usize,
    },
    /// parkscore: a dense [`Range`] over the sheet's cells would hold more than
    /// [`ReadLimits::max_cells`] cells; use `Ods::worksheet_sparse`.
    RangeTooLarge {
        /// The sheet.
        sheet: String,
        /// Cells in the bounding rectangle.
        cells: u64,
        /// The limit.
        limit: usize,
    },
}

/// Ods reader options
#[derive(Debug, Default)]
#[non_exhaustive]
struct OdsOptions {
    pub header_row: HeaderRow,
}

// parkscore: io, zip and xml errors that carry the inflation budget's error become
// `OdsError::TooLarge`.
impl From<std::io::Error> for OdsError {
    fn from(e: std::io::Error) -> OdsError {
        match budget::io_exceeded(&e) {
            Some(limit) => OdsError::TooLarge { limit },
            None => OdsError::Io(e),
        }
    }
}
impl From<zip::result::ZipError> for OdsError {
    fn from(e: zip::result::ZipError) -> OdsError {
        match budget::zip_exceeded(&e) {
            Some(limit) => OdsError::TooLarge { limit },
            None => OdsError::Zip(e),
        }
    }
}
impl From<quick_xml::Error> for OdsError {
    fn from(e: quick_xml::Error) -> OdsError {
        match budget::xml_exceeded(&e) {
            Some(limit) => OdsError::TooLarge { limit },
            None => OdsError::Xml(e),
        }
    }
}
from_err!(std::str::ParseBoolError, OdsError, ParseBool);
from_err!(std::num::ParseFloatError, OdsError, ParseFloat);
from_err!(std::num::ParseIntError, OdsError, ParseInt);
from_err!(quick_xml::events::attributes::AttrError, OdsError, XmlAttr);
from_err!(quick_xml::encoding::EncodingError, OdsError, Xml);

impl std::fmt::Display for OdsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OdsError::Io(e) => write!(f, "I/O error: {e}"),
            OdsError::Zip(e) => write!(f, "Zip error: {e:?}"),
            OdsError::Xml(e) => write!(f, "Xml error: {e}"),
            OdsError::XmlAttr(e) => write!(f, "Xml attribute error: {e}"),
            OdsError::Parse(e) => write!(f, "Parse string error: {e}"),
            OdsError::ParseInt(e) => write!(f, "Parse integer error: {e}"),
            OdsError::ParseFloat(e) => write!(f, "Parse float error: {e}"),
            OdsError::ParseBool(e) => write!(f, "Parse bool error: {e}"),
            OdsError::InvalidMime(mime) => write!(f, "Invalid MIME type: {mime:?}"),
            OdsError::FileNotFound(file) => write!(f, "'{file}' file not found in archive"),
            OdsError::Eof(node) => write!(f, "Expecting '{node}' node, found end of xml file"),
            OdsError::Mismatch { expected, found } => {
                write!(f, "Expecting '{expected}', found '{found}'")
            }
            OdsError::Password => write!(f, "Workbook is password protected"),
            OdsError::WorksheetNotFound(name) => write!(f, "Worksheet '{name}' not found"),
            OdsError::AttrError(e) => write!(f, "XML attribute Error: {e}"),
            OdsError::EncodingError(e) => write!(f, "XML encoding Error: {e}"),
            OdsError::CellLimitExceeded { requested, max } => {
                write!(
                    f,
                    "Cell limit exceeded ({requested} cells requested, max {max})"
                )
            }
            OdsError::TooLarge { limit } => {
                write!(f, "the workbook inflates to more than {limit} bytes")
            }
            OdsError::TooManyCells { sheet, limit } => {
                write!(f, "sheet '{sheet}' has more than {limit} non-empty cells")
            }
            OdsError::RangeTooLarge {
                sheet,
                cells,
                limit,
            } => write!(
                f,
                "sheet '{sheet}' spans {cells} cells, more than {limit} for a dense range"
            ),
        }
    }
}

impl std::error::Error for OdsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OdsError::Io(e) => Some(e),
            OdsError::Zip(e) => Some(e),
            OdsError::Xml(e) => Some(e),
            OdsError::Parse(e) => Some(e),
            OdsError::ParseInt(e) => Some(e),
            OdsError::ParseFloat(e) => Some(e),
            OdsError::AttrError(e) => Some(e),
            OdsError::EncodingError(e) => Some(e),
            _ => None,
        }
    }
}

/// An `OpenDocument` Spreadsheet document parser
///
/// # Reference
///
/// OASIS Open Document Format for Office Application 1.2 ([ODF 1.2]).
///
/// [ODF 1.2]: http://docs.oasis-open.org/office/v1.2/OpenDocument-v1.2.pdf
///
pub struct Ods<RS> {
    // parkscore: each sheet as its runs of repeated cells, expanded only when a sheet is read
    // (bounded by `limits.max_cells`), instead of dense ranges built when the file is opened.
    sheets: BTreeMap<String, OdsSheet>,
    /// parkscore: the limits this workbook was opened with.
    limits: ReadLimits,
    metadata: Metadata,
    marker: PhantomData<RS>,
    #[cfg(feature = "picture")]
    pictures: Option<Vec<(String, Vec<u8>)>>,
    /// Raw `meta.xml` document properties, parsed on demand.
    meta_xml: Option<Vec<u8>>,
    /// Reader options
    options: OdsOptions,
}

impl<RS> Ods<RS> {
    /// Get the workbook document properties.
    ///
    /// Read the document properties, such as the creator, title and
    /// application, and any custom document properties, into a
    /// [`WorkbookProperties`] struct. Missing fields are returned as `None`.
    ///
    /// See [`Xlsx::workbook_properties()`](crate::Xlsx::workbook_properties)
    /// for an example.
    ///
    pub fn workbook_properties(&self) -> Result<WorkbookProperties, OdsError> {
        let mut props = WorkbookProperties::default();
        if let Some(meta_xml) = &self.meta_xml {
            read_meta_properties(meta_xml, &mut props)?;
        }
        Ok(props)
    }
}

impl<RS: Read + Seek> Ods<RS> {
    /// parkscore: open a workbook with limits on what it may inflate and yield: every byte
    /// inflated from any zip entry counts against `limits.max_inflated_bytes`
    /// ([`OdsError::TooLarge`] once crossed), and reading a sheet may yield at most
    /// `limits.max_cells` non-empty cells, repeated cells counted one by one
    /// ([`OdsError::TooManyCells`]); repeated empty cells and rows cost nothing.
    /// [`Reader::new`] is this with `ReadLimits::for_file(usize::MAX)`.
    pub fn new_with_limits(reader: RS, limits: ReadLimits) -> Result<Self, OdsError> {
        let budget = InflateBudget::new(limits.max_inflated_bytes);
        let mut zip = ZipArchive::new(reader)?;

        // check mimetype
        match zip.by_name("mimetype") {
            Ok(f) => {
                let mut buf = [0u8; 46];
                budget.wrap(f).read_exact(&mut buf)?;
                if &buf[..] != MIMETYPE {
                    return Err(OdsError::InvalidMime(buf.to_vec()));
                }
            }
            Err(ZipError::FileNotFound) => return Err(OdsError::FileNotFound("mimetype")),
            Err(e) => return Err(OdsError::from(e)),
        }

        check_for_password_protected(&mut zip, &budget)?;

        #[cfg(feature = "picture")]
        let pictures = read_pictures(&mut zip)?;

        let meta_xml = read_meta_xml(&mut zip, &budget);

        let Content {
            sheets,
            sheets_metadata,
            defined_names,
        } = parse_content(zip, &budget)?;
        if budget.exceeded() {
            return Err(OdsError::TooLarge {
                limit: limits.max_inflated_bytes,
            });
        }
        let metadata = Metadata {
            sheets: sheets_metadata,
            names: defined_names,
        };

        Ok(Ods {
            marker: PhantomData,
            metadata,
            sheets,
            limits,
            #[cfg(feature = "picture")]
            pictures,
            meta_xml,
            options: OdsOptions::default(),
        })
    }

    /// parkscore: the sheet's non-empty cells in row then column order, repeated cells
    /// expanded, without a dense [`Range`]; see
    /// [`Xlsx::worksheet_sparse`](crate::Xlsx::worksheet_sparse). A cell with
    /// `office:value-type="percentage"` is `percent`.
    ///
    /// # Errors
    ///
    /// [`OdsError::WorksheetNotFound`], [`OdsError::TooManyCells`] past
    /// `ReadLimits::max_cells` non-empty cells, [`OdsError::TooLarge`] when repeated text
    /// would exceed the inflation budget.
    pub fn worksheet_sparse(&mut self, name: &str) -> Result<Vec<SparseCell>, OdsError> {
        let sheet = self
            .sheets
            .get(name)
            .ok_or_else(|| OdsError::WorksheetNotFound(name.into()))?;
        let mut out = Vec::new();
        expand_runs(
            sheet,
            name,
            self.limits,
            |r| !r.value.is_empty(),
            |run, row, col| {
                out.push(SparseCell {
                    row,
                    col,
                    value: run.value.clone(),
                    percent: run.percent,
                })
            },
        )?;
        crate::xlsx::sort_sparse(&mut out);
        Ok(out)
    }
}

impl<RS> Reader<RS> for Ods<RS>
where
    RS: Read + Seek,
{
    type Error = OdsError;

    fn new(reader: RS) -> Result<Self, OdsError> {
        // parkscore: the generous default limits (see `ReadLimits::for_file`).
        Ods::new_with_limits(reader, ReadLimits::for_file(usize::MAX))
    }

    fn with_header_row(&mut self, header_row: HeaderRow) -> &mut Self {
        self.options.header_row = header_row;
        self
    }

    /// Gets `VbaProject`
    fn vba_project(&mut self) -> Result<Option<VbaProject>, OdsError> {
        Ok(None)
    }

    /// Read sheets from workbook.xml and get their corresponding path from relationships
    fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Read worksheet data in corresponding worksheet path
    fn worksheet_range(&mut self, name: &str) -> Result<Range<Data>, OdsError> {
        let sheet = self
            .sheets
            .get(name)
            .ok_or_else(|| OdsError::WorksheetNotFound(name.into()))?;
        // parkscore: built from the runs, bounded by `limits.max_cells`.
        let sheet = sheet_range(
            sheet,
            name,
            self.limits,
            |r| !r.value.is_empty(),
            |r| r.value.clone(),
        )?;

        match self.options.header_row {
            HeaderRow::FirstNonEmptyRow => Ok(sheet),
            HeaderRow::Row(header_row_idx) => {
                // If `header_row` is a row index, adjust the range
                if let (Some(start), Some(end)) = (sheet.start(), sheet.end()) {
                    Ok(sheet.range((header_row_idx, start.1), end))
                } else {
                    Ok(sheet)
                }
            }
        }
    }

    fn worksheets(&mut self) -> Vec<(String, Range<Data>)> {
        // parkscore: sheets beyond the limits are left out, like unreadable sheets elsewhere.
        let limits = self.limits;
        self.sheets
            .iter()
            .filter_map(|(name, sheet)| {
                let range = sheet_range(
                    sheet,
                    name,
                    limits,
                    |r| !r.value.is_empty(),
                    |r| r.value.clone(),
                )
                .ok()?;
                Some((name.to_owned(), range))
            })
            .collect()
    }

    /// Read worksheet data in corresponding worksheet path
    fn worksheet_formula(&mut self, name: &str) -> Result<Range<String>, OdsError> {
        let sheet = self
            .sheets
            .get(name)
            .ok_or_else(|| OdsError::WorksheetNotFound(name.into()))?;
        sheet_range(
            sheet,
            name,
            self.limits,
            |r| !r.formula.is_empty(),
            |r| r.formula.clone(),
        )
    }

    #[cfg(feature = "picture")]
    fn pictures(&self) -> Option<Vec<(String, Vec<u8>)>> {
        self.pictures.to_owned()
    }
}

/// parkscore: one `<table:table-cell>` with a value or a formula, repeated over `cols`
/// columns from `col`, in each of the `rows` rows (from `row`) of its `<table:table-row>`.
#[derive(Debug, Clone)]
struct OdsRun {
    row: u32,
    col: u32,
    rows: u32,
    cols: u32,
    value: Data,
    formula: String,
    percent: bool,
}

/// parkscore: a sheet as runs, in document order (rows ascending, columns ascending in a row).
#[derive(Debug, Clone, Default)]
struct OdsSheet {
    runs: Vec<OdsRun>,
}

/// parkscore: calls `f(run, row, col)` for every cell of the runs that pass `keep`, in row then
/// column order; more than `limits.max_cells` cells is `TooManyCells`, and more text (values
/// and formulas copied into each repeat) than `limits.max_inflated_bytes` is `TooLarge`.
fn expand_runs<K, F>(
    sheet: &OdsSheet,
    name: &str,
    limits: ReadLimits,
    keep: K,
    mut f: F,
) -> Result<(), OdsError>
where
    K: Fn(&OdsRun) -> bool,
    F: FnMut(&OdsRun, u32, u32),
{
    let mut count: usize = 0;
    let mut text: u64 = 0;
    let runs = &sheet.runs;
    let mut i = 0;
    while i < runs.len() {
        // The runs of one <table:table-row> share `row` and `rows`.
        let mut j = i;
        while j < runs.len() && runs[j].row == runs[i].row {
            j += 1;
        }
        let group: Vec<&OdsRun> = runs[i..j].iter().filter(|r| keep(r)).collect();
        i = j;
        if group.is_empty() {
            continue;
        }
        let (row0, rows) = (group[0].row, group[0].rows);
        for r in 0..rows {
            for run in &group {
                let bytes = match &run.value {
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len(),
                    _ => 0,
                } + run.formula.len();
                for c in 0..run.cols {
                    count += 1;
                    if count > limits.max_cells {
                        return Err(OdsError::TooManyCells {
                            sheet: name.to_string(),
                            limit: limits.max_cells,
                        });
                    }
                    text = text.saturating_add(bytes as u64);
                    if text > limits.max_inflated_bytes {
                        return Err(OdsError::TooLarge {
                            limit: limits.max_inflated_bytes,
                        });
                    }
                    f(run, row0 + r, run.col + c);
                }
            }
        }
    }
    Ok(())
}

/// parkscore: a dense range of the cells of the runs that pass `keep`; its bounding box must
/// hold at most `limits.max_cells` cells.
fn sheet_range<T, K, V>(
    sheet: &OdsSheet,
    name: &str,
    limits: ReadLimits,
    keep: K,
    value: V,
) -> Result<Range<T>, OdsError>
where
    T: crate::CellType,
    K: Fn(&OdsRun) -> bool,
    V: Fn(&OdsRun) -> T,
{
    let mut cells = Vec::new();
    expand_runs(sheet, name, limits, keep, |run, row, col| {
        cells.push(Cell::new((row, col), value(run)))
    })?;
    let dense = crate::xlsx::dense_len(cells.iter().map(|c| c.pos));
    if dense > limits.max_cells as u64 {
        return Err(OdsError::RangeTooLarge {
            sheet: name.to_string(),
            cells: dense,
            limit: limits.max_cells,
        });
    }
    Ok(Range::from_sparse(cells))
}

struct Content {
    sheets: BTreeMap<String, OdsSheet>,
    sheets_metadata: Vec<Sheet>,
    defined_names: Vec<(String, String)>,
}

/// Check password protection
fn check_for_password_protected<RS: Read + Seek>(
    zip: &mut ZipArchive<RS>,
    budget: &InflateBudget,
) -> Result<(), OdsError> {
    let mut reader = match zip.by_name("META-INF/manifest.xml") {
        Ok(f) => {
            let mut r = XmlReader::from_reader(BufReader::new(budget.wrap_xml(f)));
            let config = r.config_mut();
            config.check_end_names = false;
            config.trim_text(false);
            config.check_comments = false;
            config.expand_empty_elements = true;
            r
        }
        Err(ZipError::FileNotFound) => return Err(OdsError::FileNotFound("META-INF/manifest.xml")),
        Err(e) => return Err(OdsError::from(e)),
    };

    let mut buf = Vec::new();
    let mut inner = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name() == QName("manifest:file-entry") => {
                loop {
                    match reader.read_event_into(&mut inner) {
                        Ok(Event::Start(e)) if e.name() == QName("manifest:encryption-data") => {
                            return Err(OdsError::Password)
                        }
                        Ok(Event::Eof) => break,
                        Err(e) => return Err(OdsError::from(e)),
                        _ => (),
                    }
                }
                inner.clear();
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(OdsError::from(e)),
            _ => (),
        }
        buf.clear();
    }

    Ok(())
}

/// Parses content.xml and store the result in `self.content`
fn parse_content<RS: Read + Seek>(
    mut zip: ZipArchive<RS>,
    budget: &InflateBudget,
) -> Result<Content, OdsError> {
    let mut reader = match zip.by_name("content.xml") {
        Ok(f) => {
            let mut r = XmlReader::from_reader(BufReader::new(budget.wrap_xml(f)));
            let config = r.config_mut();
            config.check_end_names = false;
            config.trim_text(false);
            config.check_comments = false;
            config.expand_empty_elements = true;
            r
        }
        Err(ZipError::FileNotFound) => return Err(OdsError::FileNotFound("content.xml")),
        Err(e) => return Err(OdsError::from(e)),
    };
    let mut buf = Vec::with_capacity(1024);
    let mut sheets = BTreeMap::new();
    let mut defined_names = Vec::new();
    let mut sheets_metadata = Vec::new();
    let mut styles = HashMap::new();
    let mut style_name: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name() == QName("style:style") => {
                style_name = e.raw_attr("style:name")?.map(decode_attr).transpose()?;
            }
            Ok(Event::Start(e))
                if style_name.is_some() && e.name() == QName("style:table-properties") =>
            {
                let visible = match e.raw_attr("table:display")? {
                    Some(v) => {
                        if decode_attr(v)?.parse()? {
                            SheetVisible::Visible
                        } else {
                            SheetVisible::Hidden
                        }
                    }
                    None => SheetVisible::Visible,
                };
                styles.insert(style_name.clone(), visible);
            }
            Ok(Event::Start(e)) if e.name() == QName("table:table") => {
                let visible = styles
                    .get(
                        &e.raw_attr("table:style-name")?
                            .map(decode_attr)
                            .transpose()?,
                    )
                    .cloned()
                    .unwrap_or(SheetVisible::Visible);
                if let Some(v) = e.raw_attr("table:name")? {
                    let name = decode_attr(v)?;
                    let sheet = read_table(&mut reader, budget)?;
                    sheets_metadata.push(Sheet {
                        name: name.clone(),
                        typ: SheetType::WorkSheet,
                        visible,
                    });
                    sheets.insert(name, sheet);
                }
            }
            Ok(Event::Start(e)) if e.name() == QName("table:named-expressions") => {
                defined_names = read_named_expressions(&mut reader)?;
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(OdsError::from(e)),
            _ => (),
        }
        buf.clear();
    }
    Ok(Content {
        sheets,
        sheets_metadata,
        defined_names,
    })
}

// parkscore: the table as runs (see `OdsRun`): repeated cells are not copied here, so a
// `number-columns-repeated="16384"` cell in each of many rows costs one run per row; and an
// end of file inside a table is an error (it looped forever).
fn read_table<RS>(
    reader: &mut OdsReader<'_, RS>,
    budget: &InflateBudget,
) -> Result<OdsSheet, OdsError>
where
    RS: Read + Seek,
{
    let mut sheet = OdsSheet::default();
    let mut buf = Vec::with_capacity(1024);
    let mut row_buf = Vec::with_capacity(1024);
    let mut cell_buf = Vec::with_capacity(1024);
    let mut total_rows: u32 = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name() == QName("table:table-row") => {
                let row_repeats: usize = match e.raw_attr("table:number-rows-repeated")? {
                    Some(v) => decode_attr(v)?.parse()?,
                    None => 1,
                };

                // Cap row_repeats so total rows don't exceed MAX_ROWS
                let remaining_rows = MAX_ROWS.saturating_sub(total_rows);
                let capped_repeats = row_repeats.min(remaining_rows as usize) as u32;
                if (capped_repeats as usize) < row_repeats {
                    warn!(
                        "ods row repeat count capped ({row_repeats} -> {capped_repeats}, max rows {MAX_ROWS})"
                    );
                }

                read_row(
                    reader,
                    &mut row_buf,
                    &mut cell_buf,
                    &mut sheet.runs,
                    total_rows,
                    capped_repeats,
                    budget,
                )?;
                total_rows = total_rows.saturating_add(capped_repeats);
            }
            Ok(Event::End(e)) if e.name() == QName("table:table") => break,
            Ok(Event::Eof) => return Err(OdsError::Eof("table:table")),
            Err(e) => return Err(OdsError::from(e)),
            Ok(_) => (),
        }
        buf.clear();
    }
    Ok(sheet)
}

#[allow(clippy::too_many_arguments)]
fn read_row<RS>(
    reader: &mut OdsReader<'_, RS>,
    row_buf: &mut Vec<u8>,
    cell_buf: &mut Vec<u8>,
    runs: &mut Vec<OdsRun>,
    row: u32,
    rows: u32,
    budget: &InflateBudget,
) -> Result<(), OdsError>
where
    RS: Read + Seek,
{
    let mut col: u32 = 0;
    loop {
        row_buf.clear();
        match reader.read_event_into(row_buf) {
            Ok(Event::Start(e))
                if e.name() == QName("table:table-cell")
                    || e.name() == QName("table:covered-table-cell") =>
            {
                let repeats: usize = match e.raw_attr("table:number-columns-repeated")? {
                    Some(v) => v.parse()?,
                    None => 1,
                };

                let (value, formula, is_closed, percent) =
                    get_datatype(reader, &e, cell_buf, budget)?;

                // Cap repeats to not exceed MAX_COLUMNS
                let remaining = MAX_COLUMNS.saturating_sub(col);
                let capped_repeats = repeats.min(remaining as usize) as u32;
                if (capped_repeats as usize) < repeats && !(value.is_empty() && formula.is_empty())
                {
                    warn!(
                        "ods column repeat count capped ({repeats} -> {capped_repeats}, max columns {MAX_COLUMNS})"
                    );
                }

                if !(value.is_empty() && formula.is_empty()) && capped_repeats > 0 && rows > 0 {
                    runs.push(OdsRun {
                        row,
                        col,
                        rows,
                        cols: capped_repeats,
                        value,
                        formula,
                        percent,
                    });
                }
                col = col.saturating_add(capped_repeats);
                if !is_closed {
                    reader.read_to_end_into(e.name(), cell_buf)?;
                }
            }
            Ok(Event::End(e)) if e.name() == QName("table:table-row") => break,
            Err(e) => return Err(OdsError::from(e)),
            Ok(e) => {
                return Err(OdsError::Mismatch {
                    expected: "table-cell",
                    found: format!("{e:?}"),
                });
            }
        }
    }
    Ok(())
}

/// Converts table-cell element into a `Data`
///
/// ODF 1.2-19.385
fn get_datatype<RS>(
    reader: &mut OdsReader<'_, RS>,
    e: &BytesStart<'_>,
    buf: &mut Vec<u8>,
    budget: &InflateBudget,
) -> Result<(Data, String, bool, bool), OdsError>
where
    RS: Read + Seek,
{
    // parkscore: `office:value-type="percentage"` marks a percent cell.
    let mut percent = false;
    let mut is_string = false;
    let mut is_error = false;
    let mut is_value_set = false;
    let mut val = Data::Empty;
    let mut formula = String::new();
    for attr in e.iter_raw_attrs() {
        let (key, value) = attr?;
        if key == "office:value-type" && value == "percentage" {
            percent = true;
        }
        match key {
            "office:value" if !is_value_set => {
                val = Data::Float(
                    fast_float2::parse(value.as_bytes())
                        .map_err(|_| OdsError::ParseFloat(value.parse::<f64>().unwrap_err()))?,
                );
                is_value_set = true;
            }
            "office:string-value" | "office:date-value" | "office:time-value" if !is_value_set => {
                let attr = decode_attr(value)?;
                val = match key {
                    "office:date-value" => Data::DateTimeIso(attr),
                    "office:time-value" => Data::DurationIso(attr),
                    _ => Data::String(attr),
                };
                is_value_set = true;
            }
            "office:boolean-value" if !is_value_set => {
                let b = value == "TRUE" || value == "true";
                val = Data::Bool(b);
                is_value_set = true;
            }
            "office:value-type" if !is_value_set => is_string = value == "string",
            "calcext:value-type" => is_error = value == "error",
            "table:formula" => {
                formula = decode_attr(value)?;
            }
            _ => (),
        }
    }
    if (!is_value_set && is_string) || (is_error && matches!(&val, Data::String(s) if s.is_empty()))
    {
        // If the value type is string and the office:string-value attribute
        // is not present, the element content defines the value. LibreOffice
        // also stores error text in the content with an empty string-value.
        let mut s = String::new();
        let mut first_paragraph = true;
        loop {
            buf.clear();
            match reader.read_event_into(buf) {
                Ok(Event::Text(t)) => {
                    s.push_str(&t.xml10_content());
                }
                Ok(Event::GeneralRef(e)) => {
                    unescape_entity_to_buffer(&e, &mut s)?;
                }
                Ok(Event::End(e))
                    if e.name() == QName("table:table-cell")
                        || e.name() == QName("table:covered-table-cell") =>
                {
                    return Ok((Data::String(s), formula, true, percent));
                }
                Ok(Event::Start(e)) if e.name() == QName("office:annotation") => loop {
                    match reader.read_event_into(buf) {
                        Ok(Event::End(e)) if e.name() == QName("office:annotation") => {
                            break;
                        }
                        // parkscore: an end of file here looped forever.
                        Ok(Event::Eof) => return Err(OdsError::Eof("office:annotation")),
                        Err(e) => return Err(OdsError::from(e)),
                        _ => (),
                    }
                },
                Ok(Event::Start(e)) if e.name() == QName("text:p") => {
                    if first_paragraph {
                        first_paragraph = false;
                    } else {
                        s.push('\n');
                    }
                }
                Ok(Event::Start(e)) if e.name() == QName("text:s") => {
                    let count: u64 = match e.raw_attr("text:c")? {
                        Some(v) => decode_attr(v)?.parse()?,
                        None => 1,
                    };
                    // parkscore: `text:c="4000000000"` asked for 4 GB of spaces from a few
                    // bytes; the spaces count against the inflation budget.
                    budget.charge(count)?;
                    for _ in 0..count {
                        s.push(' ');
                    }
                }
                Ok(Event::Start(e)) if e.name() == QName("text:tab") => s.push('\t'),
                Ok(Event::Start(e)) if e.name() == QName("text:line-break") => s.push('\n'),
                Err(e) => return Err(OdsError::from(e)),
                Ok(Event::Eof) => return Err(OdsError::Eof("table:table-cell")),
                _ => (),
            }
        }
    } else {
        Ok((val, formula, false, percent))
    }
}

fn read_named_expressions<RS>(
    reader: &mut OdsReader<'_, RS>,
) -> Result<Vec<(String, String)>, OdsError>
where
    RS: Read + Seek,
{
    let mut defined_names = Vec::new();
    let mut buf = Vec::with_capacity(512);
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e))
                if e.name() == QName("table:named-range")
                    || e.name() == QName("table:named-expression") =>
            {
                let mut name = String::new();
                let mut formula = String::new();
                for attr in e.iter_raw_attrs() {
                    let (key, value) = attr?;
                    match key {
                        "table:name" => {
                            name = decode_attr(value)?;
                        }
                        "table:cell-range-address" | "table:expression" => {
                            formula = decode_attr(value)?;
                        }
                        _ => (),
                    }
                }
                defined_names.push((name, formula));
            }
            Ok(Event::End(e))
                if e.name() == QName("table:named-range")
                    || e.name() == QName("table:named-expression") => {}
            Ok(Event::End(e)) if e.name() == QName("table:named-expressions") => break,
            Err(e) => return Err(OdsError::from(e)),
            Ok(e) => {
                return Err(OdsError::Mismatch {
                    expected: "table:named-expressions",
                    found: format!("{e:?}"),
                });
            }
        }
    }
    Ok(defined_names)
}

/// Read the raw `meta.xml` part, if present.
///
/// The document properties don't affect the rest of the workbook, so a
/// missing, oversized or unreadable part is ignored rather than preventing
/// the workbook from being opened.
fn read_meta_xml<RS: Read + Seek>(
    zip: &mut ZipArchive<RS>,
    budget: &InflateBudget,
) -> Option<Vec<u8>> {
    let mut f = match zip.by_name("meta.xml") {
        Ok(f) => budget.wrap(f), // parkscore: through the inflation budget
        Err(ZipError::FileNotFound) => return None,
        Err(e) => {
            warn!("ignoring document properties, 'meta.xml' could not be read: {e}");
            return None;
        }
    };

    let mut buf = Vec::new();
    match f.by_ref().take(MAX_META_XML_SIZE + 1).read_to_end(&mut buf) {
        Ok(len) if len as u64 > MAX_META_XML_SIZE => {
            warn!(
                "ignoring document properties, 'meta.xml' is larger than {MAX_META_XML_SIZE} bytes"
            );
            None
        }
        Ok(_) => Some(buf),
        Err(e) => {
            warn!("ignoring document properties, 'meta.xml' could not be read: {e}");
            None
        }
    }
}

/// Read the document properties from the `meta.xml` part.
fn read_meta_properties(meta_xml: &[u8], props: &mut WorkbookProperties) -> Result<(), OdsError> {
    let mut reader = XmlReader::from_reader(meta_xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;

    let mut buf = Vec::with_capacity(256);
    let mut keywords = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => {
                // ODF uses `dc:creator` for the last author of the document.
                let field = match e.name().as_ref() {
                    "meta:initial-creator" => &mut props.creator,
                    "dc:creator" => &mut props.last_modified_by,
                    "meta:creation-date" => &mut props.created,
                    "dc:date" => &mut props.modified,
                    "dc:title" => &mut props.title,
                    "dc:subject" => &mut props.subject,
                    "dc:description" => &mut props.description,
                    "meta:editing-cycles" => &mut props.revision,
                    "meta:generator" => &mut props.application,
                    "meta:keyword" => {
                        keywords.push(read_meta_text(&mut reader, &e)?);
                        continue;
                    }
                    "meta:user-defined" => {
                        if let Some(name) = e.raw_attr("meta:name")? {
                            let name = decode_attr(name)?;
                            let value = read_meta_text(&mut reader, &e)?;
                            props.custom_properties.insert(name, value);
                        }
                        continue;
                    }
                    _ => continue,
                };
                *field = Some(read_meta_text(&mut reader, &e)?);
            }
            Event::Eof => break,
            _ => (),
        }
    }

    if !keywords.is_empty() {
        props.keywords = Some(keywords.join(", "));
    }
    Ok(())
}

/// Read the text content of a `meta.xml` element.
fn read_meta_text(reader: &mut XmlReader<&[u8]>, start: &BytesStart) -> Result<String, OdsError> {
    let mut buf = Vec::new();
    let mut value = String::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf)? {
            Event::Text(t) => value.push_str(&t.xml10_content()),
            Event::GeneralRef(e) => unescape_entity_to_buffer(&e, &mut value)?,
            Event::End(end) if end.name() == start.name() => break,
            Event::Eof => return Err(OdsError::Eof("office:meta")),
            _ => (),
        }
    }
    Ok(value)
}

// Read pictures.
#[cfg(feature = "picture")]
#[allow(clippy::type_complexity)]
fn read_pictures<RS: Read + Seek>(
    zip: &mut ZipArchive<RS>,
) -> Result<Option<Vec<(String, Vec<u8>)>>, OdsError> {
    let mut pics = Vec::new();
    for i in 0..zip.len() {
        let mut zfile = zip.by_index(i)?;
        let zname = zfile.name()?;
        // no Thumbnails
        if zname.starts_with("Pictures") {
            if let Some(ext) = zname.split('.').next_back() {
                if [
                    "emf", "wmf", "pict", "jpeg", "jpg", "png", "dib", "gif", "tiff", "eps", "bmp",
                    "wpg",
                ]
                .contains(&ext)
                {
                    let ext = ext.to_string();
                    let mut buf: Vec<u8> = Vec::new();
                    zfile.read_to_end(&mut buf)?;
                    pics.push((ext, buf));
                }
            }
        }
    }
    if pics.is_empty() {
        Ok(None)
    } else {
        Ok(Some(pics))
    }
}
