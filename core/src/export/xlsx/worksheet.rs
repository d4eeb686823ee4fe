//! A worksheet: its cells (text, numbers, formatted blanks), merged ranges, column widths and
//! row heights, notes, data validations, a colour scale, internal links, the frozen header,
//! and how it prints — and its XML part, element by element in the order Excel requires
//! (`sheetPr`, `dimension`, `sheetViews`, `sheetFormatPr`, `cols`, `sheetData`, `mergeCells`,
//! `conditionalFormatting`, `dataValidations`, `hyperlinks`, `printOptions`, `pageMargins`,
//! `pageSetup`, `headerFooter`, `legacyDrawing`), written as rust_xlsxwriter writes it.

use super::format::{Color, Format};
use super::xml::{
    cell_name, element, end, push_data, range_name, tag, utf16_len, COL_MAX, DECLARATION, ROW_MAX,
};
use super::XlsxError;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// The most characters (UTF-16 units) a cell holds.
pub(super) const MAX_TEXT: usize = 32_767;

/// A cell's value; the number is the cell's format in the sheet's own list.
#[derive(Clone, Debug)]
enum Value {
    Text(String),
    Number(f64),
    Blank,
}

/// A note (a cell comment): its text, shown by Excel in a yellow box when the cell is pointed at.
#[derive(Clone, Debug)]
pub struct Note {
    text: String,
    author: Option<String>,
    prefix: bool,
    width: u32,
    height: u32,
}

impl Note {
    /// A note saying `text`, 128 × 74 pixels, its text after its author's name (`Author:`).
    pub fn new(text: impl Into<String>) -> Note {
        Note {
            text: text.into(),
            author: None,
            prefix: true,
            width: 128,
            height: 74,
        }
    }

    /// Its author (at most 52 characters; a longer name is not taken, as Excel's limit).
    pub fn set_author(mut self, name: impl Into<String>) -> Note {
        let name = name.into();
        if utf16_len(&name) <= 52 {
            self.author = Some(name);
        }
        self
    }

    /// Whether the text starts with the author's name in bold.
    pub fn add_author_prefix(mut self, enable: bool) -> Note {
        self.prefix = enable;
        self
    }

    /// Its width in pixels (0: unchanged).
    pub fn set_width(mut self, width: u32) -> Note {
        if width > 0 {
            self.width = width;
        }
        self
    }

    /// Its height in pixels (0: unchanged).
    pub fn set_height(mut self, height: u32) -> Note {
        if height > 0 {
            self.height = height;
        }
        self
    }
}

/// A rule of a data validation: the values a cell may take.
#[derive(Clone, Copy, Debug)]
pub enum DataValidationRule<T> {
    /// At least this.
    GreaterThanOrEqualTo(T),
    /// From the first to the second, both included.
    Between(T, T),
}

/// What a range of cells accepts, with the message shown while typing and the one shown when
/// a value is refused.
#[derive(Clone, Debug)]
pub struct DataValidation {
    kind: &'static str,
    /// `greaterThanOrEqual` with its value, `between` with two, or `list` with its source.
    operator: Option<&'static str>,
    formulas: Vec<String>,
    input: String,
    error: String,
}

impl Default for DataValidation {
    fn default() -> DataValidation {
        DataValidation::new()
    }
}

/// A validation's list or message longer than Excel takes.
fn checked(text: String) -> Result<String, XlsxError> {
    if utf16_len(&text) > 255 {
        Err(XlsxError::TextTooLong { limit: 255 })
    } else {
        Ok(text)
    }
}

impl DataValidation {
    /// A validation that accepts anything (and is left out until it has a rule or a message).
    pub fn new() -> DataValidation {
        DataValidation {
            kind: "any",
            operator: None,
            formulas: Vec::new(),
            input: String::new(),
            error: String::new(),
        }
    }

    fn rule<T: ToString>(mut self, kind: &'static str, rule: DataValidationRule<T>) -> Self {
        self.kind = kind;
        match rule {
            DataValidationRule::GreaterThanOrEqualTo(v) => {
                self.operator = Some("greaterThanOrEqual");
                self.formulas = vec![v.to_string()];
            }
            DataValidationRule::Between(a, b) => {
                self.operator = None;
                self.formulas = vec![a.to_string(), b.to_string()];
            }
        }
        self
    }

    /// Whole numbers only, within `rule`.
    pub fn allow_whole_number(self, rule: DataValidationRule<i32>) -> DataValidation {
        self.rule("whole", rule)
    }

    /// Numbers only, within `rule`.
    pub fn allow_decimal_number(self, rule: DataValidationRule<f64>) -> DataValidation {
        self.rule("decimal", rule)
    }

    /// One of `list` (a drop-down); at most 255 characters with the commas.
    pub fn allow_list_strings(mut self, list: &[&str]) -> Result<DataValidation, XlsxError> {
        let joined = list
            .iter()
            .map(|s| s.replace('"', "\"\""))
            .collect::<Vec<_>>()
            .join(",");
        let joined = checked(joined)?;
        self.kind = "list";
        self.operator = None;
        self.formulas = vec![format!("\"{joined}\"")];
        Ok(self)
    }

    /// The message shown while a cell of the range is selected (at most 255 characters).
    pub fn set_input_message(
        mut self,
        text: impl Into<String>,
    ) -> Result<DataValidation, XlsxError> {
        self.input = checked(text.into())?;
        Ok(self)
    }

    /// The message shown when a value is refused (at most 255 characters).
    pub fn set_error_message(
        mut self,
        text: impl Into<String>,
    ) -> Result<DataValidation, XlsxError> {
        self.error = checked(text.into())?;
        Ok(self)
    }
}

/// How a colour scale's end is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConditionalFormatType {
    /// At a number.
    Number,
}

/// A two-colour scale: cells shaded from one colour at the minimum to another at the maximum.
#[derive(Clone, Debug)]
pub struct ConditionalFormat2ColorScale {
    /// `(type, value)` of each end; `None`: the range's own lowest or highest value.
    min: Option<String>,
    max: Option<String>,
    min_color: Color,
    max_color: Color,
}

impl Default for ConditionalFormat2ColorScale {
    fn default() -> ConditionalFormat2ColorScale {
        ConditionalFormat2ColorScale::new()
    }
}

impl ConditionalFormat2ColorScale {
    /// Excel's default scale: the range's lowest value yellow, its highest green.
    pub fn new() -> ConditionalFormat2ColorScale {
        ConditionalFormat2ColorScale {
            min: None,
            max: None,
            min_color: Color::RGB(0x00FF_EF9C),
            max_color: Color::RGB(0x0063_BE7B),
        }
    }

    /// The minimum at a number.
    pub fn set_minimum(mut self, _kind: ConditionalFormatType, value: i32) -> Self {
        self.min = Some(value.to_string());
        self
    }

    /// The maximum at a number.
    pub fn set_maximum(mut self, _kind: ConditionalFormatType, value: i32) -> Self {
        self.max = Some(value.to_string());
        self
    }

    /// The colour at the minimum.
    pub fn set_minimum_color(mut self, color: Color) -> Self {
        self.min_color = color;
        self
    }

    /// The colour at the maximum.
    pub fn set_maximum_color(mut self, color: Color) -> Self {
        self.max_color = color;
        self
    }

    fn rule_xml(&self, out: &mut String, priority: u32) {
        tag(
            out,
            "cfRule",
            &[("type", "colorScale"), ("priority", &priority.to_string())],
            false,
        );
        out.push_str("<colorScale>");
        for (end, value) in [("min", &self.min), ("max", &self.max)] {
            match value {
                Some(v) => tag(out, "cfvo", &[("type", "num"), ("val", v)], true),
                None => tag(out, "cfvo", &[("type", end), ("val", "0")], true),
            }
        }
        for color in [self.min_color, self.max_color] {
            tag(out, "color", &[("rgb", &color.argb())], true);
        }
        out.push_str("</colorScale></cfRule>");
    }
}

/// A link to a place in the workbook (`internal:'Sheet'!A1`) with the text the cell shows.
#[derive(Clone, Debug)]
pub struct Url {
    link: String,
    text: String,
}

impl Url {
    /// A link; only `internal:` links (to a cell of the workbook) are written.
    pub fn new(link: impl Into<String>) -> Url {
        Url {
            link: link.into(),
            text: String::new(),
        }
    }

    /// The text the cell shows (else the link's place).
    pub fn set_text(mut self, text: impl Into<String>) -> Url {
        self.text = text.into();
        self
    }
}

/// Excel's default row height and column width of the workbook's default font, in pixels, and
/// how a width in characters becomes pixels.
#[derive(Clone, Copy, Debug)]
pub(super) struct Metrics {
    pub(super) row_height: u32,
    pub(super) col_width: u32,
    pub(super) digit_width: u32,
    pub(super) padding: u32,
    pub(super) max_col_width: u32,
}

/// A row's or a column's size in pixels and whether it is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Size {
    pixels: u32,
    hidden: bool,
}

/// The first and last row and column written (`dimension`).
#[derive(Clone, Copy, Debug)]
struct Dimensions {
    first_row: u32,
    first_col: u16,
    last_row: u32,
    last_col: u16,
}

/// A worksheet (see the module's documentation). Made by [`super::Workbook::add_worksheet`].
#[derive(Debug)]
pub struct Worksheet {
    pub(super) name: String,
    metrics: Metrics,
    /// The sheet's formats in the order first used; 0 is the workbook's default.
    pub(super) formats: Vec<Format>,
    format_ids: HashMap<Format, u32>,
    cells: BTreeMap<u32, BTreeMap<u16, (Value, u32)>>,
    dims: Dimensions,
    rows: BTreeMap<u32, Size>,
    cols: BTreeMap<u16, Size>,
    merged: Vec<(u32, u16, u32, u16)>,
    merged_cells: HashMap<(u32, u16), usize>,
    pub(super) notes: BTreeMap<u32, BTreeMap<u16, Note>>,
    validations: BTreeMap<String, DataValidation>,
    scales: Vec<(String, Vec<(u32, ConditionalFormat2ColorScale)>)>,
    scale_count: u32,
    links: BTreeMap<(u32, u16), (String, String)>,
    freeze: (u32, u16),
    paper_size: u8,
    landscape: bool,
    fit: Option<(u16, u16)>,
    margins: [f64; 6],
    center: bool,
    header: String,
    footer: String,
    /// Whether a header or footer was set (even empty: `<headerFooter/>`).
    head_footer: bool,
    page_setup: bool,
    pub(super) repeat_rows: Option<(u32, u32)>,
    pub(super) print_area: Option<(u32, u16, u32, u16)>,
    pub(super) selected: bool,
}

/// Whether (`row`, `col`) is on a sheet.
fn on_sheet(row: u32, col: u16) -> bool {
    row < ROW_MAX && col < COL_MAX
}

impl Worksheet {
    pub(super) fn new(name: String, default: &Format, metrics: Metrics) -> Worksheet {
        Worksheet {
            name,
            metrics,
            formats: vec![default.clone()],
            format_ids: HashMap::from([(default.clone(), 0)]),
            cells: BTreeMap::new(),
            dims: Dimensions {
                first_row: ROW_MAX,
                first_col: COL_MAX,
                last_row: 0,
                last_col: 0,
            },
            rows: BTreeMap::new(),
            cols: BTreeMap::new(),
            merged: Vec::new(),
            merged_cells: HashMap::new(),
            notes: BTreeMap::new(),
            validations: BTreeMap::new(),
            scales: Vec::new(),
            scale_count: 0,
            links: BTreeMap::new(),
            freeze: (0, 0),
            paper_size: 0,
            landscape: false,
            fit: None,
            margins: [0.7, 0.7, 0.75, 0.75, 0.3, 0.3],
            center: false,
            header: String::new(),
            footer: String::new(),
            head_footer: false,
            page_setup: false,
            repeat_rows: None,
            print_area: None,
            selected: false,
        }
    }

    /// Its name: at most 31 characters, none of `[]:*?/\`, no apostrophe at either end, not
    /// blank. Unique in the workbook (checked when saved).
    pub fn set_name(&mut self, name: impl Into<String>) -> Result<&mut Worksheet, XlsxError> {
        let name = name.into();
        if name.is_empty()
            || utf16_len(&name) > 31
            || name.contains(['*', '?', ':', '[', ']', '\\', '/'])
            || name.starts_with('\'')
            || name.ends_with('\'')
        {
            return Err(XlsxError::SheetName(name));
        }
        self.name = name;
        Ok(self)
    }

    /// The cell is on the sheet; the dimensions grow to hold it.
    fn reach(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        if !on_sheet(row, col) {
            return Err(XlsxError::RowColumnLimit);
        }
        let d = &mut self.dims;
        d.first_row = d.first_row.min(row);
        d.first_col = d.first_col.min(col);
        d.last_row = d.last_row.max(row);
        d.last_col = d.last_col.max(col);
        Ok(())
    }

    fn format_id(&mut self, format: &Format) -> u32 {
        if let Some(id) = self.format_ids.get(format) {
            return *id;
        }
        // At most one format per cell written: far below u32::MAX.
        let id = u32::try_from(self.formats.len()).unwrap_or(u32::MAX);
        self.formats.push(format.clone());
        self.format_ids.insert(format.clone(), id);
        id
    }

    fn put(&mut self, row: u32, col: u16, value: Value, format: Option<&Format>) {
        let id = format.map_or(0, |f| self.format_id(f));
        self.cells.entry(row).or_default().insert(col, (value, id));
    }

    fn string(
        &mut self,
        row: u32,
        col: u16,
        text: String,
        format: Option<&Format>,
    ) -> Result<&mut Worksheet, XlsxError> {
        // An empty text is no cell, or a blank one with its format (as Excel has it).
        if text.is_empty() {
            return match format {
                Some(format) => self.write_blank(row, col, format),
                None => Ok(self),
            };
        }
        self.reach(row, col)?;
        if utf16_len(&text) > MAX_TEXT {
            return Err(XlsxError::TextTooLong { limit: MAX_TEXT });
        }
        self.put(row, col, Value::Text(text), format);
        Ok(self)
    }

    /// Writes `text` with `format`.
    pub fn write_string_with_format(
        &mut self,
        row: u32,
        col: u16,
        text: impl Into<String>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.string(row, col, text.into(), Some(format))
    }

    /// Writes `text` in the default format.
    pub fn write_string(
        &mut self,
        row: u32,
        col: u16,
        text: impl Into<String>,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.string(row, col, text.into(), None)
    }

    fn number(
        &mut self,
        row: u32,
        col: u16,
        number: f64,
        format: Option<&Format>,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.reach(row, col)?;
        // A spreadsheet has no NaN or infinity: written as text, as rust_xlsxwriter does.
        if number.is_nan() {
            return self.string(row, col, "NAN".to_owned(), format);
        }
        if number.is_infinite() {
            let text = if number > 0.0 { "INF" } else { "-INF" };
            return self.string(row, col, text.to_owned(), format);
        }
        self.put(row, col, Value::Number(number), format);
        Ok(self)
    }

    /// Writes `number` in the default format.
    pub fn write_number(
        &mut self,
        row: u32,
        col: u16,
        number: impl Into<f64>,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.number(row, col, number.into(), None)
    }

    /// Writes `number` with `format`.
    pub fn write_number_with_format(
        &mut self,
        row: u32,
        col: u16,
        number: impl Into<f64>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.number(row, col, number.into(), Some(format))
    }

    /// An empty cell with `format` (a border, a fill).
    pub fn write_blank(
        &mut self,
        row: u32,
        col: u16,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.reach(row, col)?;
        self.put(row, col, Value::Blank, Some(format));
        Ok(self)
    }

    /// Merges the range into one cell showing `text` with `format` (the other cells blank with
    /// the same format). A range of one cell, or one overlapping a merged range, is refused.
    pub fn merge_range(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
        text: &str,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        if !on_sheet(first_row, first_col) || !on_sheet(last_row, last_col) {
            return Err(XlsxError::RowColumnLimit);
        }
        if first_row > last_row || first_col > last_col {
            return Err(XlsxError::RowColumnOrder);
        }
        if first_row == last_row && first_col == last_col {
            return Err(XlsxError::MergeRange(cell_name(first_row, first_col)));
        }
        // The cells are written before an overlap is found, as rust_xlsxwriter does (the
        // differential test holds the two to the same sheet even then). Every caller gives up
        // the workbook on an error, so what a refused merge leaves behind is never saved.
        self.write_string_with_format(first_row, first_col, text, format)?;
        for row in first_row..=last_row {
            for col in first_col..=last_col {
                if (row, col) != (first_row, first_col) {
                    self.write_blank(row, col, format)?;
                }
            }
        }
        let index = self.merged.len();
        let range = range_name(first_row, first_col, last_row, last_col);
        for row in first_row..=last_row {
            for col in first_col..=last_col {
                if self.merged_cells.insert((row, col), index).is_some() {
                    return Err(XlsxError::MergeRange(range));
                }
            }
        }
        self.merged.push((first_row, first_col, last_row, last_col));
        Ok(self)
    }

    /// A column's width in characters of the default font's digits (0 hides it).
    pub fn set_column_width(
        &mut self,
        col: u16,
        width: impl Into<f64>,
    ) -> Result<&mut Worksheet, XlsxError> {
        let width = width.into();
        let m = self.metrics;
        // As Excel rounds: whole pixels, the padding added past one character. The float's
        // cast saturates (a negative or NaN width is 0, a huge one capped below).
        let pixels = if width == 0.0 || width.is_nan() {
            0
        } else if width < 1.0 {
            (width * f64::from(m.digit_width + m.padding)).round() as u32
        } else {
            ((width * f64::from(m.digit_width)).round() as u32).saturating_add(m.padding)
        };
        if col >= COL_MAX {
            return Err(XlsxError::RowColumnLimit);
        }
        let size = if pixels == 0 {
            Size {
                pixels: self.cols.get(&col).map_or(m.col_width, |s| s.pixels),
                hidden: true,
            }
        } else {
            Size {
                pixels: pixels.min(m.max_col_width),
                hidden: self.cols.get(&col).is_some_and(|s| s.hidden),
            }
        };
        self.cols.insert(col, size);
        Ok(self)
    }

    /// A row's height in points (0 hides it).
    pub fn set_row_height(
        &mut self,
        row: u32,
        height: impl Into<f64>,
    ) -> Result<&mut Worksheet, XlsxError> {
        // Saturating cast: a negative or NaN height is 0, a huge one u32::MAX.
        let pixels = (height.into() * 4.0 / 3.0).round() as u32;
        let min_col = if self.dims.first_col == COL_MAX {
            0
        } else {
            self.dims.first_col
        };
        self.reach(row, min_col)?;
        let default = self.metrics.row_height;
        let slot = self.rows.entry(row).or_insert(Size {
            pixels: default,
            hidden: false,
        });
        if pixels == 0 {
            slot.hidden = true;
        } else {
            slot.pixels = pixels;
        }
        Ok(self)
    }

    /// Freezes the rows above `row` and the columns left of `col` (the header stays in view).
    pub fn set_freeze_panes(&mut self, row: u32, col: u16) -> Result<&mut Worksheet, XlsxError> {
        if !on_sheet(row, col) {
            return Err(XlsxError::RowColumnLimit);
        }
        self.freeze = (row, col);
        Ok(self)
    }

    /// A note on a cell.
    pub fn insert_note(
        &mut self,
        row: u32,
        col: u16,
        note: &Note,
    ) -> Result<&mut Worksheet, XlsxError> {
        self.reach(row, col)?;
        // Room is left for the author's name before the text.
        if utf16_len(&note.text) > MAX_TEXT - 54 {
            return Err(XlsxError::TextTooLong {
                limit: MAX_TEXT - 54,
            });
        }
        self.notes.entry(row).or_default().insert(col, note.clone());
        Ok(self)
    }

    /// A data validation on a range (a later one on the same range replaces it).
    pub fn add_data_validation(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
        validation: &DataValidation,
    ) -> Result<&mut Worksheet, XlsxError> {
        if !on_sheet(first_row, first_col) || !on_sheet(last_row, last_col) {
            return Err(XlsxError::RowColumnLimit);
        }
        if first_row > last_row || first_col > last_col {
            return Err(XlsxError::RowColumnOrder);
        }
        if validation.kind == "any" && validation.input.is_empty() && validation.error.is_empty() {
            return Ok(self);
        }
        let range = range_name(first_row, first_col, last_row, last_col);
        self.validations.insert(range, validation.clone());
        Ok(self)
    }

    /// A colour scale over a range.
    pub fn add_conditional_format(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
        scale: &ConditionalFormat2ColorScale,
    ) -> Result<&mut Worksheet, XlsxError> {
        if !on_sheet(first_row, first_col) || !on_sheet(last_row, last_col) {
            return Err(XlsxError::RowColumnLimit);
        }
        if first_row > last_row || first_col > last_col {
            return Err(XlsxError::RowColumnOrder);
        }
        // Excel's priorities run over the whole sheet, in the order the rules were added.
        self.scale_count = self.scale_count.saturating_add(1);
        let priority = self.scale_count;
        let range = range_name(first_row, first_col, last_row, last_col);
        match self.scales.iter_mut().find(|(r, _)| *r == range) {
            Some((_, rules)) => rules.push((priority, scale.clone())),
            None => self.scales.push((range, vec![(priority, scale.clone())])),
        }
        Ok(self)
    }

    /// A cell showing `url`'s text with `format` that leads to its place in the workbook.
    pub fn write_url_with_format(
        &mut self,
        row: u32,
        col: u16,
        url: Url,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        let Some(anchor) = url.link.strip_prefix("internal:") else {
            return Err(XlsxError::UnsupportedLink(url.link));
        };
        if utf16_len(&url.link) > 2_080 || utf16_len(anchor) > 2_080 {
            return Err(XlsxError::TextTooLong { limit: 2_080 });
        }
        let text = if url.text.is_empty() {
            anchor.to_owned()
        } else {
            url.text.clone()
        };
        self.write_string_with_format(row, col, text.clone(), format)?;
        self.links.insert((row, col), (anchor.to_owned(), text));
        Ok(self)
    }

    /// The paper (9: A4).
    pub fn set_paper_size(&mut self, size: u8) -> &mut Worksheet {
        self.paper_size = size;
        self.page_setup = true;
        self
    }

    /// Printed across.
    pub fn set_landscape(&mut self) -> &mut Worksheet {
        self.landscape = true;
        self.page_setup = true;
        self
    }

    /// Printed `width` pages wide and `height` pages tall (0: as many as it takes).
    pub fn set_print_fit_to_pages(&mut self, width: u16, height: u16) -> &mut Worksheet {
        self.fit = Some((width, height));
        self.page_setup = true;
        self
    }

    /// The margins in inches (a negative one is left as it was).
    pub fn set_margins(
        &mut self,
        left: f64,
        right: f64,
        top: f64,
        bottom: f64,
        header: f64,
        footer: f64,
    ) -> &mut Worksheet {
        for (slot, value) in self
            .margins
            .iter_mut()
            .zip([left, right, top, bottom, header, footer])
        {
            if value >= 0.0 {
                *slot = value;
                self.page_setup = true;
            }
        }
        self
    }

    /// Centred between the side margins.
    pub fn set_print_center_horizontally(&mut self, enable: bool) -> &mut Worksheet {
        self.center = enable;
        if enable {
            self.page_setup = true;
        }
        self
    }

    /// `text` with rust_xlsxwriter's `&[Page]`-style codes as Excel's, if Excel takes it.
    fn header_footer(text: &str) -> Option<String> {
        let expanded = text
            .replace("&[Tab]", "&A")
            .replace("&[Date]", "&D")
            .replace("&[File]", "&F")
            .replace("&[Page]", "&P")
            .replace("&[Path]", "&Z")
            .replace("&[Time]", "&T")
            .replace("&[Pages]", "&N")
            .replace("&[Picture]", "&G");
        // Excel's limit; a longer one is not set, as rust_xlsxwriter does.
        (utf16_len(&expanded) <= 255).then_some(expanded)
    }

    /// The page header (Excel's codes: `&C` centre, `&P` page, `&N` pages, `&&` an `&`).
    pub fn set_header(&mut self, text: impl Into<String>) -> &mut Worksheet {
        if let Some(text) = Self::header_footer(&text.into()) {
            self.header = text;
            self.page_setup = true;
            self.head_footer = true;
        }
        self
    }

    /// The page footer.
    pub fn set_footer(&mut self, text: impl Into<String>) -> &mut Worksheet {
        if let Some(text) = Self::header_footer(&text.into()) {
            self.footer = text;
            self.page_setup = true;
            self.head_footer = true;
        }
        self
    }

    /// Rows printed at the top of every page.
    pub fn set_repeat_rows(&mut self, first: u32, last: u32) -> Result<&mut Worksheet, XlsxError> {
        if first >= ROW_MAX || last >= ROW_MAX {
            return Err(XlsxError::RowColumnLimit);
        }
        if first > last {
            return Err(XlsxError::RowColumnOrder);
        }
        self.repeat_rows = Some((first, last));
        self.page_setup = true;
        Ok(self)
    }

    /// The range printed.
    pub fn set_print_area(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
    ) -> Result<&mut Worksheet, XlsxError> {
        if !on_sheet(first_row, first_col) || !on_sheet(last_row, last_col) {
            return Err(XlsxError::RowColumnLimit);
        }
        if first_row > last_row || first_col > last_col {
            return Err(XlsxError::RowColumnOrder);
        }
        // The whole sheet is the default.
        if (first_row, first_col, last_row, last_col) == (0, 0, ROW_MAX - 1, COL_MAX - 1) {
            return Ok(self);
        }
        self.print_area = Some((first_row, first_col, last_row, last_col));
        self.page_setup = true;
        Ok(self)
    }

    /// Each string cell's text, row by row, for the shared strings.
    pub(super) fn strings(&self) -> impl Iterator<Item = &str> {
        self.cells.values().flat_map(|row| {
            row.values().filter_map(|(v, _)| match v {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            })
        })
    }

    /// The XML part. `xf` maps the sheet's formats to the workbook's; `sst` gives each text's
    /// shared-string index (called in the order of [`Worksheet::strings`]); `note_parts`
    /// says whether the sheet has notes (its relationships: the drawing `rId1`).
    pub(super) fn xml(&self, xf: &[u32], sst: &mut dyn FnMut(&str) -> u32) -> String {
        let mut out = String::with_capacity(4096 + self.cells.len() * 64);
        out.push_str(DECLARATION);
        out.push_str("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        if self.fit.is_some() {
            out.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        }
        let d = self.dims;
        let dimension = if d.first_row == ROW_MAX
            && d.first_col == COL_MAX
            && d.last_row == 0
            && d.last_col == 0
        {
            "A1".to_owned()
        } else if d.first_row == ROW_MAX || d.first_col == COL_MAX {
            // Only reached when nothing but a row height was set on an empty sheet, which
            // fixes both firsts; kept total rather than trusted.
            "A1".to_owned()
        } else {
            range_name(d.first_row, d.first_col, d.last_row, d.last_col)
        };
        tag(&mut out, "dimension", &[("ref", &dimension)], true);
        self.sheet_view(&mut out);
        let height = f64::from(self.metrics.row_height) * 0.75;
        tag(
            &mut out,
            "sheetFormatPr",
            &[("defaultRowHeight", &height.to_string())],
            true,
        );
        self.cols_xml(&mut out);
        if self.cells.is_empty() && self.notes.is_empty() && self.rows.is_empty() {
            out.push_str("<sheetData/>");
        } else {
            out.push_str("<sheetData>");
            self.rows_xml(&mut out, xf, sst);
            out.push_str("</sheetData>");
        }
        if !self.merged.is_empty() {
            tag(
                &mut out,
                "mergeCells",
                &[("count", &self.merged.len().to_string())],
                false,
            );
            for (r1, c1, r2, c2) in &self.merged {
                tag(
                    &mut out,
                    "mergeCell",
                    &[("ref", &range_name(*r1, *c1, *r2, *c2))],
                    true,
                );
            }
            end(&mut out, "mergeCells");
        }
        for (range, rules) in &self.scales {
            tag(
                &mut out,
                "conditionalFormatting",
                &[("sqref", range)],
                false,
            );
            for (priority, scale) in rules {
                scale.rule_xml(&mut out, *priority);
            }
            end(&mut out, "conditionalFormatting");
        }
        if !self.validations.is_empty() {
            let count = self.validations.len().to_string();
            tag(&mut out, "dataValidations", &[("count", &count)], false);
            for (range, v) in &self.validations {
                validation_xml(&mut out, range, v);
            }
            end(&mut out, "dataValidations");
        }
        if !self.links.is_empty() {
            out.push_str("<hyperlinks>");
            for ((row, col), (anchor, text)) in &self.links {
                let cell = cell_name(*row, *col);
                tag(
                    &mut out,
                    "hyperlink",
                    &[("ref", &cell), ("location", anchor), ("display", text)],
                    true,
                );
            }
            out.push_str("</hyperlinks>");
        }
        if self.center {
            out.push_str("<printOptions horizontalCentered=\"1\"/>");
        }
        let m = self.margins.map(|v| v.to_string());
        tag(
            &mut out,
            "pageMargins",
            &[
                ("left", &m[0]),
                ("right", &m[1]),
                ("top", &m[2]),
                ("bottom", &m[3]),
                ("header", &m[4]),
                ("footer", &m[5]),
            ],
            true,
        );
        if self.page_setup {
            let paper = self.paper_size.to_string();
            let mut attributes: Vec<(&str, String)> = Vec::new();
            if self.paper_size > 0 {
                attributes.push(("paperSize", paper));
            }
            if let Some((w, h)) = self.fit {
                if w != 1 {
                    attributes.push(("fitToWidth", w.to_string()));
                }
                if h != 1 {
                    attributes.push(("fitToHeight", h.to_string()));
                }
            }
            let orientation = if self.landscape {
                "landscape"
            } else {
                "portrait"
            };
            attributes.push(("orientation", orientation.to_owned()));
            attributes.push(("horizontalDpi", "200".to_owned()));
            attributes.push(("verticalDpi", "200".to_owned()));
            let attributes: Vec<(&str, &str)> =
                attributes.iter().map(|(k, v)| (*k, v.as_str())).collect();
            tag(&mut out, "pageSetup", &attributes, true);
        }
        if self.head_footer && self.header.is_empty() && self.footer.is_empty() {
            out.push_str("<headerFooter/>");
        } else if self.head_footer {
            out.push_str("<headerFooter>");
            if !self.header.is_empty() {
                element(&mut out, "oddHeader", &self.header);
            }
            if !self.footer.is_empty() {
                element(&mut out, "oddFooter", &self.footer);
            }
            out.push_str("</headerFooter>");
        }
        if !self.notes.is_empty() {
            out.push_str("<legacyDrawing r:id=\"rId1\"/>");
        }
        out.push_str("</worksheet>");
        out
    }

    fn sheet_view(&self, out: &mut String) {
        let mut attributes: Vec<(&str, &str)> = Vec::new();
        if self.selected {
            attributes.push(("tabSelected", "1"));
        }
        attributes.push(("workbookViewId", "0"));
        out.push_str("<sheetViews>");
        let (row, col) = self.freeze;
        if row == 0 && col == 0 {
            tag(out, "sheetView", &attributes, true);
        } else {
            tag(out, "sheetView", &attributes, false);
            let (x, y) = (col.to_string(), row.to_string());
            let top_left = cell_name(row, col);
            let pane = if row > 0 && col > 0 {
                "bottomRight"
            } else if col > 0 {
                "topRight"
            } else {
                "bottomLeft"
            };
            let mut pane_attributes: Vec<(&str, &str)> = Vec::new();
            if col > 0 {
                pane_attributes.push(("xSplit", &x));
            }
            if row > 0 {
                pane_attributes.push(("ySplit", &y));
            }
            pane_attributes.extend([
                ("topLeftCell", top_left.as_str()),
                ("activePane", pane),
                ("state", "frozen"),
            ]);
            tag(out, "pane", &pane_attributes, true);
            if row > 0 && col > 0 {
                let top = cell_name(0, col);
                let left = cell_name(row, 0);
                tag(
                    out,
                    "selection",
                    &[("pane", "topRight"), ("activeCell", &top), ("sqref", &top)],
                    true,
                );
                tag(
                    out,
                    "selection",
                    &[
                        ("pane", "bottomLeft"),
                        ("activeCell", &left),
                        ("sqref", &left),
                    ],
                    true,
                );
            }
            tag(out, "selection", &[("pane", pane)], true);
            out.push_str("</sheetView>");
        }
        out.push_str("</sheetViews>");
    }

    fn cols_xml(&self, out: &mut String) {
        if self.cols.is_empty() {
            return;
        }
        out.push_str("<cols>");
        let mut runs: Vec<(u16, u16, Size)> = Vec::new();
        for (col, size) in &self.cols {
            match runs.last_mut() {
                Some((_, last, s)) if u32::from(*last) + 1 == u32::from(*col) && s == size => {
                    *last = *col;
                }
                _ => runs.push((*col, *col, *size)),
            }
        }
        let m = self.metrics;
        for (first, last, size) in runs {
            let custom = size.pixels != m.col_width;
            let pixels = if size.pixels == m.col_width && size.hidden {
                0
            } else {
                size.pixels
            };
            // Widths are bounded by max_col_width, so the product fits; the digit width is
            // never 0 (it comes from the metrics table).
            let chars = f64::from(pixels.saturating_mul(256) / m.digit_width.max(1)) / 256.0;
            let (min, max, width) = (
                (u32::from(first) + 1).to_string(),
                (u32::from(last) + 1).to_string(),
                chars.to_string(),
            );
            let mut attributes: Vec<(&str, &str)> =
                vec![("min", &min), ("max", &max), ("width", &width)];
            if size.hidden {
                attributes.push(("hidden", "1"));
            }
            if custom || size.hidden {
                attributes.push(("customWidth", "1"));
            }
            tag(out, "col", &attributes, true);
        }
        out.push_str("</cols>");
    }

    fn rows_xml(&self, out: &mut String, xf: &[u32], sst: &mut dyn FnMut(&str) -> u32) {
        let d = self.dims;
        if d.first_row == ROW_MAX {
            return;
        }
        // Each block of 16 rows carries the span of its columns (with notes).
        let mut spans: HashMap<u32, String> = HashMap::new();
        let mut span: Option<(u16, u16)> = None;
        let keys = |row: u32| {
            let cells = self.cells.get(&row).into_iter().flat_map(|r| r.keys());
            let notes = self.notes.get(&row).into_iter().flat_map(|r| r.keys());
            cells.chain(notes).copied().collect::<Vec<u16>>()
        };
        // Only the rows that have something: the others add nothing to a span.
        let mut rows_with: Vec<u32> = self
            .cells
            .keys()
            .chain(self.notes.keys())
            .copied()
            .filter(|r| (d.first_row..=d.last_row).contains(r))
            .collect();
        crate::order::sort(&mut rows_with);
        rows_with.dedup();
        for (i, row) in rows_with.iter().enumerate() {
            let block = row / 16;
            for col in keys(*row) {
                span = Some(match span {
                    None => (col, col),
                    Some((lo, hi)) => (lo.min(col), hi.max(col)),
                });
            }
            let block_end = rows_with.get(i + 1).is_none_or(|next| next / 16 != block);
            if block_end {
                if let Some((lo, hi)) = span.take() {
                    spans.insert(
                        block,
                        format!("{}:{}", u32::from(lo) + 1, u32::from(hi) + 1),
                    );
                }
            }
        }

        let mut row_keys: Vec<u32> = self
            .cells
            .keys()
            .chain(self.notes.keys())
            .chain(self.rows.keys())
            .copied()
            .filter(|r| (d.first_row..=d.last_row).contains(r))
            .collect();
        crate::order::sort(&mut row_keys);
        row_keys.dedup();
        let global = |id: u32| -> u32 {
            if id == 0 {
                0
            } else {
                xf.get(id as usize).copied().unwrap_or(0)
            }
        };
        for row in row_keys {
            let r = (u64::from(row) + 1).to_string();
            let mut attributes: Vec<(&str, &str)> = vec![("r", &r)];
            if let Some(span) = spans.get(&(row / 16)) {
                attributes.push(("spans", span));
            }
            let size = self.rows.get(&row);
            let ht;
            if let Some(size) = size {
                let custom = size.pixels != self.metrics.row_height;
                ht = (f64::from(size.pixels) * 0.75).to_string();
                if custom {
                    attributes.push(("ht", &ht));
                }
                if size.hidden {
                    attributes.push(("hidden", "1"));
                }
                if custom {
                    attributes.push(("customHeight", "1"));
                }
            }
            let Some(cells) = self.cells.get(&row) else {
                tag(out, "row", &attributes, true);
                continue;
            };
            tag(out, "row", &attributes, false);
            for (col, (value, id)) in cells {
                let name = cell_name(row, *col);
                let s = global(*id);
                // Infallible: writing to a String.
                let _ = match value {
                    Value::Number(n) if s > 0 => {
                        write!(out, "<c r=\"{name}\" s=\"{s}\"><v>{n}</v></c>")
                    }
                    Value::Number(n) => write!(out, "<c r=\"{name}\"><v>{n}</v></c>"),
                    Value::Text(t) => {
                        let i = sst(t);
                        if s > 0 {
                            write!(out, "<c r=\"{name}\" s=\"{s}\" t=\"s\"><v>{i}</v></c>")
                        } else {
                            write!(out, "<c r=\"{name}\" t=\"s\"><v>{i}</v></c>")
                        }
                    }
                    Value::Blank if s > 0 => write!(out, "<c r=\"{name}\" s=\"{s}\"/>"),
                    Value::Blank => Ok(()),
                };
            }
            out.push_str("</row>");
        }
    }

    /// The note authors in id order (`Author` first, then as the notes name them) and each
    /// note's author id, notes by row and column.
    pub(super) fn note_authors(&self) -> (Vec<&str>, Vec<usize>) {
        let mut authors: Vec<&str> = vec!["Author"];
        let mut ids = Vec::new();
        for note in self.notes.values().flat_map(BTreeMap::values) {
            let id = match &note.author {
                None => 0,
                Some(a) => match authors.iter().position(|x| x == a) {
                    Some(at) => at,
                    None => {
                        authors.push(a);
                        authors.len() - 1
                    }
                },
            };
            ids.push(id);
        }
        (authors, ids)
    }

    /// `xl/commentsN.xml`.
    pub(super) fn comments_xml(&self) -> String {
        let (authors, ids) = self.note_authors();
        // The authors' list is sorted by id, which is by first appearance, except that
        // rust_xlsxwriter's map is keyed by name: equal either way for the ids we assign.
        let mut out = String::with_capacity(1024);
        out.push_str(DECLARATION);
        out.push_str("<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><authors>");
        for a in &authors {
            element(&mut out, "author", a);
        }
        out.push_str("</authors><commentList>");
        let notes = self
            .notes
            .iter()
            .flat_map(|(row, cols)| cols.iter().map(move |(col, n)| (*row, *col, n)));
        for ((row, col, note), id) in notes.zip(ids) {
            let cell = cell_name(row, col);
            tag(
                &mut out,
                "comment",
                &[("ref", &cell), ("authorId", &id.to_string())],
                false,
            );
            out.push_str("<text>");
            if note.prefix {
                let author = authors.get(id).map_or("Author", |a| a);
                run(&mut out, true, &format!("{author}:"));
                run(&mut out, false, &format!("\n{}", note.text));
            } else {
                run(&mut out, false, &note.text);
            }
            out.push_str("</text></comment>");
        }
        out.push_str("</commentList></comments>");
        out
    }

    /// `xl/drawings/vmlDrawingN.vml`: a box per note, placed as Excel places it (right of the
    /// cell, a little above), from the columns' widths and the rows' heights.
    pub(super) fn vml_xml(&self, data_id: &str, first_shape: u32) -> String {
        let mut out = String::with_capacity(2048);
        out.push_str("<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><o:shapelayout v:ext=\"edit\">");
        tag(
            &mut out,
            "o:idmap",
            &[("v:ext", "edit"), ("data", data_id)],
            true,
        );
        out.push_str("</o:shapelayout><v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\"><v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>");
        let mut shape = first_shape;
        let mut z = 0u32;
        for (row, cols) in &self.notes {
            for (col, note) in cols {
                shape = shape.saturating_add(1);
                z = z.saturating_add(1);
                let p = self.place(*row, *col, note);
                let pt = |px: f64| (px + 0.25).floor() * 72.0 / 96.0;
                let style = format!(
                    "position:absolute;margin-left:{}pt;margin-top:{}pt;width:{}pt;height:{}pt;z-index:{z};visibility:hidden",
                    pt(p.x_abs as f64),
                    pt(p.y_abs as f64),
                    pt(f64::from(note.width)),
                    pt(f64::from(note.height)),
                );
                let id = format!("_x0000_s{shape}");
                tag(
                    &mut out,
                    "v:shape",
                    &[
                        ("id", &id),
                        ("type", "#_x0000_t202"),
                        ("style", &style),
                        ("fillcolor", "#ffffe1"),
                        ("o:insetmode", "auto"),
                    ],
                    false,
                );
                out.push_str("<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/><v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox><x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>");
                let anchor = format!(
                    "{}, {}, {}, {}, {}, {}, {}, {}",
                    p.from.0, p.from.1, p.from.2, p.from.3, p.to.0, p.to.1, p.to.2, p.to.3
                );
                element(&mut out, "x:Anchor", &anchor);
                element(&mut out, "x:AutoFill", "False");
                element(&mut out, "x:Row", &row.to_string());
                element(&mut out, "x:Column", &col.to_string());
                out.push_str("</x:ClientData></v:shape>");
            }
        }
        out.push_str("</xml>");
        out
    }

    fn col_pixels(&self, col: u32) -> u32 {
        u16::try_from(col)
            .ok()
            .and_then(|c| self.cols.get(&c))
            .map_or(
                self.metrics.col_width,
                |s| if s.hidden { 0 } else { s.pixels },
            )
    }

    fn row_pixels(&self, row: u32) -> u32 {
        self.rows.get(&row).map_or(
            self.metrics.row_height,
            |s| if s.hidden { 0 } else { s.pixels },
        )
    }

    /// Where a note's box goes: its anchor (column, offset, row, offset of the top left and
    /// bottom right corners) and its distance from the sheet's top left, in pixels.
    fn place(&self, row: u32, col: u16, note: &Note) -> Placement {
        // The box starts one column right of the cell and a row above it (at the sheet's
        // edges, inside it), 15 pixels in and 10 down — Excel's defaults.
        let start_row = match row {
            0 => 0,
            r if r == ROW_MAX - 3 => ROW_MAX - 7,
            r if r == ROW_MAX - 2 => ROW_MAX - 6,
            r if r == ROW_MAX - 1 => ROW_MAX - 5,
            r => r - 1,
        };
        let start_col = match col {
            c if c == COL_MAX - 3 => COL_MAX - 6,
            c if c == COL_MAX - 2 => COL_MAX - 5,
            c if c == COL_MAX - 1 => COL_MAX - 4,
            c => c + 1,
        };
        let x1 = if col >= COL_MAX - 3 { 49 } else { 15 };
        let y1 = match row {
            0 => 2,
            r if r == ROW_MAX - 3 || r == ROW_MAX - 2 => 16,
            r if r == ROW_MAX - 1 => 14,
            _ => 10,
        };
        let mut col_at = u32::from(start_col);
        let mut row_at = start_row;
        let x_abs: u64 = (0..col_at)
            .map(|c| u64::from(self.col_pixels(c)))
            .sum::<u64>()
            + u64::from(x1);
        let y_abs: u64 = self
            .rows
            .range(..row_at)
            .map(|(_, s)| if s.hidden { 0 } else { u64::from(s.pixels) })
            .sum::<u64>()
            + u64::from(row_at - u32::try_from(self.rows.range(..row_at).count()).unwrap_or(0))
                * u64::from(self.metrics.row_height)
            + u64::from(y1);
        let (mut x1, mut y1) = (x1, y1);
        // Every loop below stops at the sheet's edge: a hidden column or row (0 pixels)
        // never holds the box.
        while col_at < u32::from(COL_MAX) && x1 >= self.col_pixels(col_at) {
            x1 -= self.col_pixels(col_at);
            col_at += 1;
        }
        while row_at < ROW_MAX && y1 >= self.row_pixels(row_at) {
            y1 -= self.row_pixels(row_at);
            row_at += 1;
        }
        let (mut col_end, mut row_end) = (col_at, row_at);
        let mut x2 = f64::from(note.width) + f64::from(x1);
        let mut y2 = f64::from(note.height) + f64::from(y1);
        while col_end < u32::from(COL_MAX) && x2 >= f64::from(self.col_pixels(col_end)) {
            x2 -= f64::from(self.col_pixels(col_end));
            col_end += 1;
        }
        while row_end < ROW_MAX && y2 >= f64::from(self.row_pixels(row_end)) {
            y2 -= f64::from(self.row_pixels(row_end));
            row_end += 1;
        }
        Placement {
            from: (col_at, f64::from(x1), row_at, f64::from(y1)),
            to: (col_end, x2, row_end, y2),
            x_abs,
            y_abs,
        }
    }
}

/// A note box's anchor and position.
struct Placement {
    from: (u32, f64, u32, f64),
    to: (u32, f64, u32, f64),
    x_abs: u64,
    y_abs: u64,
}

/// A run of a note's text: Tahoma 8, bold for the author's name.
fn run(out: &mut String, bold: bool, text: &str) {
    out.push_str("<r><rPr>");
    if bold {
        out.push_str("<b/>");
    }
    out.push_str(
        "<sz val=\"8\"/><color indexed=\"81\"/><rFont val=\"Tahoma\"/><family val=\"2\"/></rPr>",
    );
    if text.starts_with(['\t', '\n', ' ']) || text.ends_with(['\t', '\n', ' ']) {
        out.push_str("<t xml:space=\"preserve\">");
    } else {
        out.push_str("<t>");
    }
    push_data(out, text);
    out.push_str("</t></r>");
}

fn validation_xml(out: &mut String, range: &str, v: &DataValidation) {
    let mut attributes: Vec<(&str, &str)> = vec![("type", v.kind)];
    if let Some(op) = v.operator {
        attributes.push(("operator", op));
    }
    attributes.extend([
        ("allowBlank", "1"),
        ("showInputMessage", "1"),
        ("showErrorMessage", "1"),
    ]);
    if !v.error.is_empty() {
        attributes.push(("error", &v.error));
    }
    if !v.input.is_empty() {
        attributes.push(("prompt", &v.input));
    }
    attributes.push(("sqref", range));
    if v.kind == "any" {
        // `any` has no type, operator or formula.
        attributes.remove(0);
        tag(out, "dataValidation", &attributes, true);
        return;
    }
    tag(out, "dataValidation", &attributes, false);
    for (name, formula) in ["formula1", "formula2"].iter().zip(&v.formulas) {
        element(out, name, formula);
    }
    out.push_str("</dataValidation>");
}
