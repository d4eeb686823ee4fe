//! Laying a report's content out in worksheets, the way official tables look: 宋体 for the
//! tables, 仿宋 for the sentences of a notice, 黑体 for titles (never the default Calibri);
//! a title on every sheet; columns as wide as their longest text (a CJK character counts two
//! width units, an ASCII one; text longer than [`LONG_TEXT`] wraps); A4 landscape, one page
//! wide, the table's header rows repeated on every page, the print area set, and the page
//! number in the footer (`第 1 页，共 3 页`).
//!
//! Merged cells (titles, sentences spanning the table) get their row height from the text's
//! width, since spreadsheets do not fit merged cells themselves; other wrapped cells are left
//! for the spreadsheet to fit.

use super::content::{Cell, Table};
use super::writer::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::BTreeSet;
use std::ops::Range;

/// The font of tables (宋体).
pub(super) const BODY_FONT: &str = "宋体";
/// The font of a notice's sentences and its 落款 (仿宋).
pub(super) const TEXT_FONT: &str = "仿宋";
/// The font of titles (黑体).
pub(super) const TITLE_FONT: &str = "黑体";
/// Text wider than this (in width units) wraps in a column this wide.
pub(super) const LONG_TEXT: usize = 60;
/// A header wider than its column's content (and than this) wraps.
const HEADER_WRAP: usize = 10;
/// The most characters a cell holds.
const CELL_CHARS: usize = 32_767;
/// The fill of an edited cell (the app's colour for edits).
pub(super) const EDITED_FILL: u32 = 0x00FF_F2CC;

/// A new workbook whose default font is [`BODY_FONT`] (so empty cells and row heights are
/// 宋体's too): 11 pt, rows of 18 px, columns of 72 px, as Chinese Excel has them; made at
/// `created_at` (seconds since 1970 UTC, the caller's clock) when given.
pub(super) fn workbook(created_at: Option<i64>) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    if let Some(at) = created_at {
        let created = ExcelDateTime::from_timestamp(at)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let base = Format::new().set_font_name(BODY_FONT).set_font_size(11);
    workbook.set_default_format(&base, 18, 72)?;
    Ok(workbook)
}

/// The width of `text` in spreadsheet width units: 2 for a character outside ASCII (CJK,
/// full-width punctuation, which 宋体 draws double-width), 1 otherwise.
pub(super) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `text` cut to what a cell holds.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(CELL_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// A sheet name Excel takes, unique (case-insensitively) among `taken`: the characters
/// `[]:*?/\` become `_`, apostrophes at the ends go, at most 31 UTF-16 units, never blank or
/// `History`; a repeated name gets `(2)`, `(3)`, …
pub(super) fn sheet_name(wanted: &str, taken: &mut BTreeSet<String>) -> String {
    let clean: String = wanted
        .trim()
        .chars()
        .map(|c| {
            if "[]:*?/\\".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches('\'').trim().to_owned();
    let clean = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
        "工作表".to_owned()
    } else {
        clean
    };
    let fit = |text: &str, room: usize| -> String {
        let mut out = String::new();
        let mut used = 0;
        for c in text.chars() {
            used += c.len_utf16();
            if used > room {
                break;
            }
            out.push(c);
        }
        out.trim_end_matches('\'').to_owned()
    };
    let mut n = 1usize;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("({n})")
        };
        let name = format!("{}{suffix}", fit(&clean, 31 - suffix.len()));
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

/// The formats of a report.
pub(super) struct Styles {
    title: Format,
    subtitle: Format,
    section: Format,
    header: Format,
    text: Format,
    wrap: Format,
    name: Format,
    int: Format,
    value: Format,
    paragraph: Format,
    signature: Format,
    /// Scores with 0 to 10 decimals.
    scores: Vec<Format>,
    /// Amounts with 0 to 6 decimals (`#,##0.00`).
    amounts: Vec<Format>,
    /// Percentages with 0 to 10 decimals (`0.00%`).
    percents: Vec<Format>,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let body = || Format::new().set_font_name(BODY_FONT).set_font_size(11);
        let cell = || {
            body()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        let decimals = |pattern: &str, n: usize| {
            if n == 0 {
                pattern.to_owned()
            } else {
                format!("{pattern}.{}", "0".repeat(n))
            }
        };
        Styles {
            title: Format::new()
                .set_font_name(TITLE_FONT)
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: body().set_align(FormatAlign::Center).set_text_wrap(),
            section: Format::new().set_font_name(TITLE_FONT).set_font_size(12),
            header: cell()
                .set_bold()
                .set_background_color(Color::RGB(0x00DD_EBF7))
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: cell(),
            wrap: cell().set_text_wrap().set_align(FormatAlign::Top),
            name: cell(),
            int: cell().set_num_format("0").set_align(FormatAlign::Center),
            value: cell(),
            paragraph: Format::new()
                .set_font_name(TEXT_FONT)
                .set_font_size(12)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            signature: Format::new()
                .set_font_name(TEXT_FONT)
                .set_font_size(12)
                .set_align(FormatAlign::Right),
            scores: (0..=10)
                .map(|n| cell().set_num_format(decimals("0", n)))
                .collect(),
            amounts: (0..=6)
                .map(|n| cell().set_num_format(decimals("#,##0", n)))
                .collect(),
            percents: (0..=10)
                .map(|n| cell().set_num_format(format!("{}%", decimals("0", n))))
                .collect(),
        }
    }

    /// The fill and border of an edited cell in 原始数据.
    pub(super) fn edited() -> Format {
        Format::new()
            .set_font_name(BODY_FONT)
            .set_font_size(11)
            .set_background_color(Color::RGB(EDITED_FILL))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0x00BF_9000))
    }

    /// The header of 原始数据 (its header row, as the file has it).
    pub(super) fn raw_header(&self) -> &Format {
        &self.header
    }
}

/// A decimal as the `f64` xlsx stores; exact decimals of reports always fit.
pub(super) fn number(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A column index as xlsx numbers it; reports have far fewer than 16,384 columns.
pub(super) fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// A row index as xlsx numbers it.
pub(super) fn row_num(row: usize) -> u32 {
    u32::try_from(row).unwrap_or(u32::MAX)
}

/// How a sheet is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fit {
    /// One page wide, as many pages tall as it takes.
    Width,
    /// Exactly one page (a 园区得分明细单).
    Page,
}

/// A row whose height the writer sets (spreadsheets fit a wrapped cell's row themselves, but
/// not a merged cell's): the height of a line, and each sized cell's text width and columns.
struct Sized {
    row: u32,
    line: f64,
    cells: Vec<(usize, Range<usize>)>,
}

/// A worksheet being written top to bottom: titles, tables and sentences, then
/// [`SheetWriter::finish`] sets widths, heights and the page.
///
/// The first table sets the columns' widths (each as wide as its longest text). A later table
/// with fewer columns (the 公示版's special awards under the ranking) does not widen them:
/// each of its columns spans as many sheet columns as its text needs (merged cells), its last
/// column the rest of the sheet.
pub(super) struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    /// The next row to write.
    row: u32,
    /// How many columns titles and sentences span (the widest table's).
    columns: u16,
    /// Each column's width so far, in width units (padding not included).
    widths: Vec<usize>,
    /// Whether a table has set the columns.
    grid: bool,
    /// Rows whose height follows their text.
    sized: Vec<Sized>,
    /// The row repeated on every printed page: the first table's header.
    repeat: Option<u32>,
    /// Tables written.
    tables: usize,
}

/// A column's width with its padding, as set in the sheet.
fn padded(width: usize) -> usize {
    width.max(4) + 2
}

impl<'a> SheetWriter<'a> {
    /// A writer for `ws` whose titles span `columns` columns.
    pub(super) fn new(
        ws: &'a mut Worksheet,
        styles: &'a Styles,
        columns: usize,
    ) -> SheetWriter<'a> {
        let columns = col_num(columns.max(1));
        SheetWriter {
            ws,
            styles,
            row: 0,
            columns,
            widths: vec![0; usize::from(columns)],
            grid: false,
            sized: Vec::new(),
            repeat: None,
            tables: 0,
        }
    }

    /// The worksheet, for what the writer does not do (links).
    pub(super) fn sheet(&mut self) -> &mut Worksheet {
        self.ws
    }

    /// The next row.
    pub(super) fn row(&self) -> u32 {
        self.row
    }

    /// A merged row spanning the sheet with `format`; its height follows the text.
    fn merged_row(&mut self, text: &str, format: &Format, line: f64) -> Result<(), XlsxError> {
        let last = self.columns.saturating_sub(1);
        if last == 0 {
            self.ws
                .write_string_with_format(self.row, 0, clip(text), format)?;
        } else {
            self.ws
                .merge_range(self.row, 0, self.row, last, clip(text), format)?;
        }
        self.sized.push(Sized {
            row: self.row,
            line,
            cells: vec![(display_width(text), 0..usize::from(self.columns))],
        });
        self.row += 1;
        Ok(())
    }

    /// The sheet's title (黑体 16, centred).
    pub(super) fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.styles.title.clone();
        self.merged_row(text, &style, 24.0)
    }

    /// A line under the title (centred).
    pub(super) fn subtitle(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.styles.subtitle.clone();
        self.merged_row(text, &style, 15.0)
    }

    /// A heading of a section (黑体 12), with an empty row above unless at the top.
    pub(super) fn section(&mut self, text: &str) -> Result<(), XlsxError> {
        if self.row > 0 {
            self.row += 1;
        }
        self.ws
            .write_string_with_format(self.row, 0, clip(text), &self.styles.section)?;
        self.row += 1;
        Ok(())
    }

    /// A sentence spanning the sheet (仿宋 12, wrapped).
    pub(super) fn paragraph(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.styles.paragraph.clone();
        self.merged_row(text, &style, 16.0)
    }

    /// A line of the 落款, right-aligned across the sheet (仿宋 12).
    pub(super) fn signature(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.styles.signature.clone();
        self.merged_row(text, &style, 18.0)
    }

    /// `n` empty rows.
    pub(super) fn skip(&mut self, n: u32) {
        self.row = self.row.saturating_add(n);
    }

    /// Each column's width and whether it wraps: its longest text, a header wrapping past
    /// [`HEADER_WRAP`] (or its content's width), text past [`LONG_TEXT`] wrapping at it.
    fn needs(table: &Table) -> Vec<(usize, bool)> {
        let n = table.header.len();
        let mut content = vec![0usize; n];
        for row in &table.rows {
            for (c, cell) in row.iter().enumerate().take(n) {
                let w = match cell {
                    Cell::Text(t) => display_width(t),
                    Cell::Empty => 0,
                    other => display_width(&other.text()),
                };
                if let Some(slot) = content.get_mut(c) {
                    *slot = (*slot).max(w);
                }
            }
        }
        table
            .header
            .iter()
            .zip(content)
            .map(|(h, body)| {
                if body > LONG_TEXT {
                    (LONG_TEXT, true)
                } else {
                    (body.max(display_width(h).min(body.max(HEADER_WRAP))), false)
                }
            })
            .collect()
    }

    /// The width of the columns `span`, padding included.
    fn span_width(&self, span: Range<usize>) -> usize {
        self.widths
            .get(span)
            .map_or(0, |w| w.iter().map(|w| padded(*w)).sum())
    }

    /// The sheet columns each of a narrower table's columns spans: from the left, each as
    /// many as its width needs (at least one, leaving one for each column after it), the last
    /// the rest of the sheet.
    fn spread(&self, needs: &[usize]) -> Vec<Range<usize>> {
        let n = self.widths.len();
        let k = needs.len();
        let mut spans = Vec::with_capacity(k);
        let mut start = 0;
        for (j, need) in needs.iter().enumerate() {
            let end = if j + 1 == k {
                n
            } else {
                let mut end = start + 1;
                let room = n.saturating_sub(k - j - 1);
                while end < room && self.span_width(start..end) < padded(*need) {
                    end += 1;
                }
                end
            };
            spans.push(start..end.max(start + 1));
            start = end.max(start + 1);
        }
        spans
    }

    /// Writes `table` from the next row (its header first); the first table's header is the
    /// one repeated on every printed page. A note under it says what was left out.
    pub(super) fn table(&mut self, table: &Table) -> Result<(), XlsxError> {
        let n = table.header.len();
        let needs = Self::needs(table);
        let spread = self.grid && n < self.widths.len();
        let spans: Vec<Range<usize>> = if spread {
            let widths: Vec<usize> = needs.iter().map(|(w, _)| *w).collect();
            self.spread(&widths)
        } else {
            if self.widths.len() < n {
                self.widths.resize(n, 0);
            }
            for (slot, (w, _)) in self.widths.iter_mut().zip(&needs) {
                *slot = (*slot).max(*w);
            }
            self.grid = true;
            (0..n).map(|c| c..c + 1).collect()
        };
        // A spanned column wraps when its text is wider than the columns it spans.
        let wraps: Vec<bool> = needs
            .iter()
            .zip(&spans)
            .map(|((w, long), span)| {
                *long || (spread && padded(*w) > self.span_width(span.clone()))
            })
            .collect();

        let header_row = self.row;
        let header = self.styles.header.clone();
        let mut header_lines = 1usize;
        for (h, span) in table.header.iter().zip(&spans) {
            let room = self.span_width(span.clone());
            let (text, n) = header_lines_of(h, room);
            header_lines = header_lines.max(n);
            self.put(header_row, span, &Cell::Text(text), &header)?;
        }
        self.sized.push(Sized {
            row: header_row,
            line: 15.0 * header_lines as f64,
            cells: Vec::new(),
        });
        if self.repeat.is_none() {
            self.repeat = Some(header_row);
        }
        self.tables += 1;
        self.row += 1;
        for cells in &table.rows {
            let mut sized = Vec::new();
            for (c, (cell, span)) in cells.iter().zip(&spans).enumerate() {
                let wrap = wraps.get(c).copied().unwrap_or(false);
                let format = self.format(cell, wrap, table.name_column == Some(c));
                self.put(self.row, span, cell, &format)?;
                if wrap {
                    sized.push((display_width(&cell.text()), span.clone()));
                }
            }
            if !sized.is_empty() {
                self.sized.push(Sized {
                    row: self.row,
                    line: 15.0,
                    cells: sized,
                });
            }
            self.row += 1;
        }
        if let Some(more) = &table.more {
            self.ws.write_string(self.row, 0, clip(more))?;
            self.row += 1;
        }
        Ok(())
    }

    /// The format of `cell`.
    fn format(&self, cell: &Cell, wrap: bool, name: bool) -> Format {
        let s = self.styles;
        match cell {
            Cell::Empty | Cell::Text(_) if wrap => s.wrap.clone(),
            Cell::Empty | Cell::Text(_) if name => s.name.clone(),
            Cell::Empty | Cell::Text(_) => s.text.clone(),
            Cell::Int(_) => s.int.clone(),
            Cell::Score { places, .. } => {
                let at = usize::try_from(*places).unwrap_or(usize::MAX);
                s.scores.get(at).unwrap_or(&s.value).clone()
            }
            Cell::Amount(d) => {
                let scale = usize::try_from(d.normalize().scale()).unwrap_or(usize::MAX);
                s.amounts.get(scale).unwrap_or(&s.value).clone()
            }
            Cell::Percent { places, .. } => {
                let at = usize::try_from(*places).unwrap_or(usize::MAX);
                s.percents.get(at).unwrap_or(&s.value).clone()
            }
            Cell::Value(_) => s.value.clone(),
        }
    }

    /// Writes `cell` over the columns `span` (merged when more than one).
    fn put(
        &mut self,
        row: u32,
        span: &Range<usize>,
        cell: &Cell,
        format: &Format,
    ) -> Result<(), XlsxError> {
        let first = col_num(span.start);
        let last = col_num(span.end.saturating_sub(1));
        if last > first {
            let text = match cell {
                Cell::Text(t) => clip(t),
                _ => "",
            };
            self.ws.merge_range(row, first, row, last, text, format)?;
            if matches!(cell, Cell::Text(_) | Cell::Empty) {
                return Ok(());
            }
        }
        match cell {
            Cell::Empty => {
                self.ws.write_blank(row, first, format)?;
            }
            Cell::Text(t) => {
                self.ws
                    .write_string_with_format(row, first, clip(t), format)?;
            }
            Cell::Int(n) => {
                // Ranks and counts: far below 2^53.
                let n = *n as f64;
                self.ws.write_number_with_format(row, first, n, format)?;
            }
            Cell::Score { value: d, .. } | Cell::Amount(d) | Cell::Value(d) => {
                self.ws
                    .write_number_with_format(row, first, number(*d), format)?;
            }
            Cell::Percent { value, .. } => {
                let fraction = value.checked_div(Decimal::ONE_HUNDRED).unwrap_or_default();
                self.ws
                    .write_number_with_format(row, first, number(fraction), format)?;
            }
        }
        Ok(())
    }

    /// Sets the column widths, the heights of sized rows, and the page: A4 landscape, `fit`,
    /// the first table's header repeated, the print area, `header` (if any) at the top and the
    /// page number at the foot of every page.
    pub(super) fn finish(self, fit: Fit, header: Option<&str>) -> Result<(), XlsxError> {
        let widths: Vec<usize> = self.widths.iter().map(|w| padded(*w)).collect();
        for (c, w) in widths.iter().enumerate() {
            // Widths are small whole numbers.
            self.ws.set_column_width(col_num(c), *w as f64)?;
        }
        for sized in &self.sized {
            let n = sized
                .cells
                .iter()
                .map(|(text, span)| {
                    let room: usize = widths.get(span.clone()).map_or(10, |w| w.iter().sum());
                    lines(*text, room)
                })
                .max()
                .unwrap_or(1);
            // A few lines.
            let height = sized.line * n as f64 + 4.0;
            self.ws.set_row_height(sized.row, height)?;
        }

        let last_col = col_num(
            widths
                .len()
                .max(usize::from(self.columns))
                .saturating_sub(1),
        );
        let last_row = self.row.saturating_sub(1);
        self.ws.set_paper_size(9); // A4
        self.ws.set_landscape();
        match fit {
            Fit::Width => self.ws.set_print_fit_to_pages(1, 0),
            Fit::Page => self.ws.set_print_fit_to_pages(1, 1),
        };
        self.ws.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
        self.ws.set_print_center_horizontally(true);
        self.ws.set_footer("&C第 &P 页，共 &N 页");
        if let Some(header) = header {
            self.ws.set_header(format!("&C{}", header_text(header)));
        }
        if let Some(row) = self.repeat {
            self.ws.set_repeat_rows(row, row)?;
            // On screen the header stays in view while scrolling a sheet of one table (not
            // over the 公示版's later sections).
            if self.tables == 1 {
                self.ws.set_freeze_panes(row + 1, 0)?;
            }
        }
        self.ws.set_print_area(0, 0, last_row, last_col)?;
        Ok(())
    }
}

/// A header as written in columns `room` units wide, and the lines it takes: one that does not
/// fit breaks before its bracket (`总量指标` / `（30分）`) rather than wherever the text runs out.
fn header_lines_of(header: &str, room: usize) -> (String, usize) {
    if display_width(header) < room {
        return (header.to_owned(), 1);
    }
    match header.find(['（', '(']) {
        Some(at) if at > 0 => {
            let (name, unit) = header.split_at(at);
            let n = lines(display_width(name), room) + lines(display_width(unit), room);
            (format!("{name}\n{unit}"), n)
        }
        _ => (header.to_owned(), lines(display_width(header), room)),
    }
}

/// The lines `width` units of text take in columns `room` units wide (a unit of padding).
pub(super) fn lines(width: usize, room: usize) -> usize {
    width.div_ceil(room.saturating_sub(1).max(1)).max(1)
}

/// `text` for a page header: `&` doubled (a control character there), at most 100 characters
/// (Excel takes 255 with the codes).
pub(super) fn header_text(text: &str) -> String {
    text.chars()
        .take(100)
        .collect::<String>()
        .replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_twice() {
        assert_eq!(display_width("东山园区"), 8);
        assert_eq!(display_width("B3"), 2);
        assert_eq!(display_width("总量指标（30分）"), 16);
        assert_eq!(lines(16, 12), 2);
        assert_eq!(lines(0, 12), 1);
        assert_eq!(lines(5, 0), 5);
        assert_eq!(
            header_lines_of("总量指标（30分）", 12),
            ("总量指标\n（30分）".into(), 2)
        );
        assert_eq!(header_lines_of("总分", 12), ("总分".into(), 1));
        assert_eq!(
            header_lines_of("参评园区参评园区", 8),
            ("参评园区参评园区".into(), 3)
        );
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(sheet_name("东山园区", &mut taken), "东山园区");
        assert_eq!(sheet_name("东山园区", &mut taken), "东山园区(2)");
        assert_eq!(sheet_name("a/b:c[d]", &mut taken), "a_b_c_d_");
        assert_eq!(sheet_name("'x'", &mut taken), "x");
        assert_eq!(sheet_name("History", &mut taken), "工作表");
        assert_eq!(sheet_name("  ", &mut taken), "工作表(2)");
        let long = "很".repeat(40);
        let name = sheet_name(&long, &mut taken);
        assert_eq!(name.encode_utf16().count(), 31);
        let again = sheet_name(&long, &mut taken);
        assert!(
            again.ends_with("(2)") && again.encode_utf16().count() <= 31,
            "{again}"
        );
        assert_eq!(sheet_name("ABC", &mut taken), "ABC");
        assert_eq!(sheet_name("abc", &mut taken), "abc(2)");
    }

    #[test]
    fn long_text_is_clipped_to_a_cell() {
        let text = "字".repeat(CELL_CHARS + 5);
        assert_eq!(clip(&text).chars().count(), CELL_CHARS);
        assert_eq!(clip("短"), "短");
        assert_eq!(header_text("A&B"), "A&&B");
    }
}
