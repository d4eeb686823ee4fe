//! Workbooks (.xlsx, .xlsb, .xls/.et, .ods) through calamine: every cell as the text Excel
//! shows, read sparsely and within bounds, and the choice of the data sheet.
//!
//! - **Sparse and bounded.** Cells come from calamine's `worksheet_sparse` (a parkscore patch,
//!   `vendor/calamine/PARKSCORE-PATCHES.md`): only the cells the file holds, never a dense
//!   rectangle sized by a far cell or a DIMENSIONS record. Zip containers inflate within
//!   [`ReadLimits::for_file`] (a zip bomb is refused). A non-empty cell beyond
//!   [`MAX_COLUMNS`], a cell over [`MAX_CELL_CHARS`] characters and a sheet over [`MAX_ROWS`]
//!   rows are refused with their place. Rows are ragged (no padding); a gap of more than
//!   [`MAX_GAP_ROWS`] empty rows is kept as one empty row (row numbers stay Excel's).
//! - **Numbers as shown.** A number becomes the shortest decimal of its double
//!   ([`decimal_from_f64`]), so 12.3 reads `12.3`. A number whose cell format is a percentage
//!   (stored 0.125, shown 12.5%) reads `12.5%`, in every format: the flag comes from the
//!   number format (.xlsx, .xlsb, .xls) or the value type (.ods).
//! - **Which sheet.** With no sheet asked for, every sheet is read and the one whose best
//!   header row (among its first [`HEADER_SEARCH_ROWS`] rows) recognises the most of the
//!   scheme's indicator columns is taken; ties go to the sheet whose name or title names the
//!   later year, then to the earlier sheet. An instructions sheet (填报说明: one indicator per
//!   row) never wins against a data sheet, wherever it stands. The choice is a note on the
//!   table; other sheets that also qualify are a warning. A sheet that cannot be read is an
//!   error naming it — never a silent fall-back to another sheet: the user may choose another
//!   sheet explicitly (`--sheet`, the app's sheet picker), and then only that sheet is read.

use super::header::{match_header, Target};
use super::number::decimal_from_f64;
use super::{
    cell_too_long, column_letter, too_many_rows, too_wide, Cells, Format, RawRow, RawTable,
    MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, ROW_SLACK,
};
use crate::issue::{Issue, Location};
use crate::scheme::Scheme;
use calamine::{Data, DataRef, Ods, ReadLimits, Reader, SparseCell, SparseSink, Xls, Xlsb, Xlsx};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Cursor;

/// How many rows from the top a header row is looked for in (as validation does).
const HEADER_SEARCH_ROWS: usize = 30;
/// Gaps of empty rows up to this many are kept row by row; a longer gap becomes one empty
/// row, so a stray cell far below costs one row, not a million.
pub const MAX_GAP_ROWS: u32 = 1000;

fn at(file_name: &str, sheet: Option<&str>) -> Location {
    Location {
        file: Some(file_name.to_owned()),
        sheet: sheet.map(str::to_owned),
        ..Location::default()
    }
}

/// An opened workbook of any kind.
enum Book {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Xlsb(Box<Xlsb<Cursor<Vec<u8>>>>),
    Xls(Box<Xls<Cursor<Vec<u8>>>>),
    Ods(Box<Ods<Cursor<Vec<u8>>>>),
}

/// Why a workbook or a sheet could not be read, reduced to what the user can act on.
#[derive(Debug)]
enum Failure {
    /// The workbook is encrypted (an open password).
    Password,
    /// A zip part inflates beyond the budget: most likely a zip bomb.
    TooLarge,
    /// An .xls whose CODEPAGE record names a code page that is not read (only UTF-16, UTF-8,
    /// GBK/GB18030 and windows-1252 are: `parkscore_encoding::Encoding::for_codepage`).
    CodePage(u16),
    /// Damaged or not what its name says; the reader's own words for 技术细节.
    Damaged(String),
    /// One cell is corrupt (a shared-string number out of range, an address that does not
    /// parse): the cell as the file names it, what is wrong, and the reader's words.
    BadCell {
        cell: String,
        what: String,
        detail: String,
    },
}

impl Failure {
    fn from_xlsx(e: calamine::XlsxError) -> Failure {
        let detail = e.to_string();
        match e {
            calamine::XlsxError::Password => Failure::Password,
            calamine::XlsxError::TooLarge { .. } => Failure::TooLarge,
            calamine::XlsxError::SharedStringIndex { cell, index, .. } => Failure::BadCell {
                cell,
                what: format!("引用的共享文本编号「{index}」不存在"),
                detail,
            },
            calamine::XlsxError::InvalidCellReference { reference, .. } => Failure::BadCell {
                cell: reference,
                what: "单元格地址无法识别".to_owned(),
                detail,
            },
            e => Failure::Damaged(e.to_string()),
        }
    }
    fn from_xlsb(e: calamine::XlsbError) -> Failure {
        let detail = e.to_string();
        match e {
            calamine::XlsbError::Password => Failure::Password,
            calamine::XlsbError::TooLarge { .. } => Failure::TooLarge,
            calamine::XlsbError::SharedStringIndex { cell, index, .. } => Failure::BadCell {
                cell,
                what: format!("引用的共享文本编号「{index}」不存在"),
                detail,
            },
            calamine::XlsbError::InvalidCellReference { reference, .. } => Failure::BadCell {
                cell: reference,
                what: "单元格地址无法识别".to_owned(),
                detail,
            },
            e => Failure::Damaged(e.to_string()),
        }
    }
    fn from_xls(e: calamine::XlsError) -> Failure {
        match e {
            calamine::XlsError::Password => Failure::Password,
            calamine::XlsError::Cfb(calamine::CfbError::CodePageNotFound(codepage)) => {
                Failure::CodePage(codepage)
            }
            e => Failure::Damaged(e.to_string()),
        }
    }
    fn from_ods(e: calamine::OdsError) -> Failure {
        match e {
            calamine::OdsError::Password => Failure::Password,
            calamine::OdsError::TooLarge { .. } => Failure::TooLarge,
            e => Failure::Damaged(e.to_string()),
        }
    }
}

impl Book {
    fn open(bytes: &[u8], format: Format) -> Result<Book, Failure> {
        let limits = ReadLimits::for_file(bytes.len());
        let cursor = Cursor::new(bytes.to_vec());
        Ok(match format {
            Format::Xls => Book::Xls(Box::new(Xls::new(cursor).map_err(Failure::from_xls)?)),
            Format::Xlsb => Book::Xlsb(Box::new(
                Xlsb::new_with_limits(cursor, limits).map_err(Failure::from_xlsb)?,
            )),
            Format::Ods => Book::Ods(Box::new(
                Ods::new_with_limits(cursor, limits).map_err(Failure::from_ods)?,
            )),
            _ => Book::Xlsx(Box::new(
                Xlsx::new_with_limits(cursor, limits).map_err(Failure::from_xlsx)?,
            )),
        })
    }

    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xlsb(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
            Book::Ods(b) => b.sheet_names(),
        }
    }

    /// A sheet's rows: `Err` when the reader refuses the sheet, `Ok(Err)` when its cells are
    /// read but the import refuses them (a cell too wide, too long, …; see [`sheet_rows`]).
    /// An .xlsx sheet's cells go straight into the rows as they are read (no list of every
    /// cell in between); the other formats' cells are listed first.
    fn rows(
        &mut self,
        name: &str,
        file_name: &str,
        noun: &str,
    ) -> Result<Result<Vec<RawRow>, Issue>, Failure> {
        let cells = match self {
            Book::Xlsx(b) => {
                let mut builder = RowBuilder::new(file_name, name, noun);
                b.worksheet_sparse_into(name, &mut builder)
                    .map_err(Failure::from_xlsx)?;
                return Ok(builder.finish());
            }
            Book::Xlsb(b) => b.worksheet_sparse(name).map_err(Failure::from_xlsb),
            Book::Xls(b) => b.worksheet_sparse(name).map_err(Failure::from_xls),
            Book::Ods(b) => b.worksheet_sparse(name).map_err(Failure::from_ods),
        }?;
        Ok(sheet_rows(cells, file_name, name, noun))
    }
}

/// What to call the format in messages.
fn kind(format: Format) -> &'static str {
    match format {
        Format::Xls => ".xls 工作簿",
        Format::Xlsb => ".xlsb 工作簿",
        Format::Ods => ".ods 表格",
        _ => ".xlsx 工作簿",
    }
}

/// A code page in words, for [`Failure::CodePage`]'s message.
fn code_page_zh(codepage: u16) -> String {
    let name = match codepage {
        950 | 951 => "繁体中文 Big5",
        932 => "日文",
        949 => "韩文",
        1250 => "中欧文字",
        1251 => "西里尔文字",
        10000 => "Mac 西文",
        _ => return format!("代码页 {codepage} "),
    };
    format!("代码页 {codepage}（{name}）")
}

/// The issue for a workbook that cannot be opened at all.
fn open_failure(failure: Failure, file_name: &str, format: Format, file_len: usize) -> Issue {
    let wps = file_name.to_ascii_lowercase().ends_with(".et");
    match failure {
        Failure::Password => Issue::error(
            at(file_name, None),
            "工作簿设有打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存再导入",
        ),
        Failure::TooLarge => Issue::error(
            at(file_name, None),
            format!(
                "文件解压后过大或内容异常（解压上限 {} MB，一段连续文本上限 4 MB），疑似“压缩炸弹”或已损坏，未读取",
                ReadLimits::for_file(file_len).max_inflated_bytes >> 20
            ),
        )
        .with_expected("正常的 Excel/WPS 工作簿；请在 Excel/WPS 中打开后另存为 .xlsx 再导入"),
        Failure::CodePage(codepage) => Issue::error(
            at(file_name, None),
            format!(
                "文件「{file_name}」是{}编码的 .xls 工作簿，本程序只读简体中文 GBK、UTF-16、UTF-8 和西文 1252 编码的 .xls，未导入",
                code_page_zh(codepage)
            ),
        )
        .with_expected("请在 Excel/WPS 中打开这个工作簿，另存为 .xlsx 工作簿再导入"),
        Failure::Damaged(detail) | Failure::BadCell { detail, .. } => {
            let what = if wps {
                "无法读取这个 WPS 表格（.et）文件；请在 WPS 中打开后「另存为」Excel 工作簿（.xlsx）再导入".to_owned()
            } else {
                format!(
                    "无法读取这个 {}，文件可能已损坏、不完整（例如没有下载完），或不是它的扩展名所说的格式；请在 Excel/WPS 中打开后另存为 .xlsx 再导入",
                    kind(format)
                )
            };
            Issue::error(at(file_name, None), what).with_detail(detail)
        }
    }
}

/// The issue for one sheet that cannot be read.
fn damaged_sheet(
    failure: Failure,
    file_name: &str,
    file_len: usize,
    sheet: &str,
    others: &[String],
) -> Issue {
    let issue = match failure {
        Failure::Damaged(detail) => Issue::error(
            at(file_name, Some(sheet)),
            format!("工作表「{sheet}」已损坏，无法读取"),
        )
        .with_detail(detail),
        // Never a silent guess: a cell that would read as another cell's text is refused.
        Failure::BadCell { cell, what, detail } => Issue::error(
            at(file_name, Some(sheet)),
            format!("工作表「{sheet}」已损坏，无法读取：单元格 {cell} {what}"),
        )
        .with_raw(cell)
        .with_detail(detail),
        other => open_failure(other, file_name, Format::Xlsx, file_len),
    };
    let expected = if others.is_empty() {
        "完好的工作表；请在 Excel/WPS 中打开、检查这张工作表后另存为 .xlsx 再导入".to_owned()
    } else {
        format!(
            "完好的工作表；若要导入本工作簿的其他工作表（{}），请在「工作表」中选择它（命令行：--sheet）",
            others.join("、")
        )
    };
    issue.with_expected(expected)
}

/// Reads a workbook's chosen sheet, or the sheet that fits `scheme` best.
pub fn read_workbook(
    bytes: &[u8],
    file_name: &str,
    format: Format,
    sheet: Option<&str>,
    scheme: &Scheme,
) -> Result<RawTable, Issue> {
    let len = bytes.len();
    let noun = scheme.unit_noun();
    let mut book =
        Book::open(bytes, format).map_err(|f| open_failure(f, file_name, format, len))?;
    let sheets = book.sheet_names();
    if sheets.is_empty() {
        return Err(Issue::error(at(file_name, None), "工作簿中没有工作表"));
    }
    let table = |name: &str, rows: Vec<RawRow>, notes: Vec<Issue>| RawTable {
        file_name: file_name.to_owned(),
        format,
        encoding: None,
        sheet: Some(name.to_owned()),
        sheets: sheets.clone(),
        rows,
        notes,
    };
    if let Some(wanted) = sheet {
        let Some(name) = sheets.iter().find(|s| s.as_str() == wanted) else {
            return Err(Issue::error(
                at(file_name, Some(wanted)),
                format!(
                    "工作簿中没有名为「{wanted}」的工作表；现有工作表：{}",
                    sheets.join("、")
                ),
            ));
        };
        let others: Vec<String> = sheets.iter().filter(|s| *s != name).cloned().collect();
        let rows = book
            .rows(name, file_name, noun)
            .map_err(|f| damaged_sheet(f, file_name, len, name, &others))??;
        return Ok(table(name, rows, Vec::new()));
    }

    // Every sheet, read and scored; only the best one's rows are kept.
    let mut best: Option<(Fit, String, Vec<RawRow>)> = None;
    let mut first_non_empty: Option<(String, Vec<RawRow>)> = None;
    let mut qualifying: Vec<String> = Vec::new();
    for name in &sheets {
        let rows = match book.rows(name, file_name, noun) {
            Ok(rows) => rows,
            Err(failure) => {
                let others: Vec<String> = sheets.iter().filter(|s| *s != name).cloned().collect();
                let issue = damaged_sheet(failure, file_name, len, name, &others);
                if sheets.len() == 1 {
                    return Err(issue);
                }
                // Never fall back silently: the table names the damaged sheet, with an error,
                // and offers the sheet picker.
                return Ok(table(name, Vec::new(), vec![issue]));
            }
        };
        let rows = rows?;
        let fit = Fit::of(name, &rows, scheme);
        if fit.qualifies() {
            qualifying.push(name.clone());
            if best.as_ref().is_none_or(|(b, _, _)| fit.better_than(b)) {
                best = Some((fit, name.clone(), rows));
            }
        } else if first_non_empty.is_none() && !rows.is_empty() {
            first_non_empty = Some((name.clone(), rows));
        }
    }
    if let Some((fit, name, rows)) = best {
        let mut notes = Vec::new();
        if sheets.len() > 1 {
            notes.push(Issue::info(
                at(file_name, Some(&name)),
                format!(
                    "读取工作表「{name}」：它的表头识别出 {} 个指标列（本工作簿共 {} 张工作表）",
                    fit.indicators,
                    sheets.len()
                ),
            ));
        }
        let others: Vec<&String> = qualifying.iter().filter(|s| **s != name).collect();
        if !others.is_empty() {
            let list: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
            notes.push(
                Issue::warning(
                    at(file_name, Some(&name)),
                    format!(
                        "工作表「{}」也像是{noun}数据表；本次读取的是「{name}」",
                        list.join("」「")
                    ),
                )
                .with_expected(
                    "确认读取的是本年度的数据；若不是，请在「工作表」中选择（命令行：--sheet）",
                ),
            );
        }
        return Ok(table(&name, rows, notes));
    }
    match first_non_empty {
        // No sheet has a header the scheme recognises: validation says so on the first sheet
        // with content.
        Some((name, rows)) => Ok(table(&name, rows, Vec::new())),
        None => Err(Issue::error(
            at(file_name, None),
            format!(
                "工作簿中所有工作表都是空的（工作表：{}）",
                sheets.join("、")
            ),
        )),
    }
}

/// How well a sheet fits the scheme: its best header row's recognised indicator columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fit {
    /// Distinct indicator columns (or raw figures they are derived from) in the best row.
    indicators: usize,
    /// Whether that row also has a park-name column.
    has_name: bool,
    /// The latest year named in the sheet's name or title rows.
    year: Option<u16>,
    /// How many indicators the scheme has (a one-indicator scheme qualifies with one).
    scheme_size: usize,
}

impl Fit {
    fn of(name: &str, rows: &[RawRow], scheme: &Scheme) -> Fit {
        let mut indicators = 0;
        let mut has_name = false;
        let mut header_at = 0;
        let targets = |row: &RawRow| -> Vec<Option<Target>> {
            row.cells
                .iter()
                .map(|c| match_header(c, scheme).map(|m| m.target))
                .collect()
        };
        let mut above: Vec<Option<Target>> = Vec::new();
        for (i, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let here = targets(row);
            let mut found: BTreeSet<String> = BTreeSet::new();
            let mut name_here = false;
            for t in here.iter().flatten() {
                match t {
                    Target::Name => name_here = true,
                    Target::Indicator(_) | Target::Raw(..) => {
                        found.insert(t.id());
                    }
                    _ => {}
                }
            }
            // A two-level header: 园区名称 merged down over both rows stands in the upper row
            // only, above an empty cell of this one (as validation reads it).
            let merged_name = above.iter().enumerate().any(|(j, t)| {
                *t == Some(Target::Name) && row.cells.get(j).is_none_or(|c| c.trim().is_empty())
            });
            let name_here = name_here || merged_name;
            if (found.len(), name_here) > (indicators, has_name) {
                (indicators, has_name, header_at) = (found.len(), name_here, i);
            }
            above = here;
        }
        // The later year named in the sheet's name (`2020`, `2020年`) or a title row above the
        // header (`2020年度…`, as validation reads the dataset's year).
        let year = year_in_sheet_name(name)
            .into_iter()
            .chain(
                // Not a form row's date (填报日期：2021年…): see `validate::title_years`.
                super::validate::title_years(&rows[..header_at]),
            )
            .max();
        Fit {
            indicators,
            has_name,
            year,
            scheme_size: scheme.indicators().count(),
        }
    }

    /// A data sheet: a park-name column and at least two indicator columns (one, for a
    /// one-indicator scheme).
    fn qualifies(&self) -> bool {
        self.has_name && self.indicators >= self.scheme_size.clamp(1, 2)
    }

    fn better_than(&self, other: &Fit) -> bool {
        (self.indicators, self.year) > (other.indicators, other.year)
    }
}

/// The first year (1990–2100) written as four digits alone in a sheet's name (`2020年`,
/// `2020`, `数据2019`); a title row's year needs its 年 (`validate::year_in`).
fn year_in_sheet_name(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).enumerate().find_map(|(i, w)| {
        let digits = w.iter().all(char::is_ascii_digit);
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        let after = chars.get(i + 4);
        let alone =
            !before.is_some_and(char::is_ascii_digit) && !after.is_some_and(char::is_ascii_digit);
        if !(digits && alone) {
            return None;
        }
        let y: u16 = w.iter().collect::<String>().parse().ok()?;
        (1990..=2100).contains(&y).then_some(y)
    })
}

/// A sheet's cells as rows, from the first non-empty row; columns from A.
fn sheet_rows(
    cells: Vec<SparseCell>,
    file_name: &str,
    sheet: &str,
    noun: &str,
) -> Result<Vec<RawRow>, Issue> {
    let mut builder = RowBuilder::new(file_name, sheet, noun);
    for cell in cells {
        let text = cell_text(&cell.value, cell.percent);
        if !builder.push(cell.row, cell.col, text.map(Cow::Owned)) {
            break;
        }
    }
    builder.finish()
}

/// Builds a sheet's rows from its cells in row then column order, one at a time: the rows
/// are ragged, a long gap of empty rows is kept as one, and the first cell the import
/// refuses (a number out of range, beyond [`MAX_COLUMNS`], over [`MAX_CELL_CHARS`]
/// characters, past [`MAX_ROWS`] rows, out of order or twice) stops it with its issue.
struct RowBuilder<'a> {
    file_name: &'a str,
    sheet: &'a str,
    /// The scheme's word for a unit (`Scheme::unit_noun`), for the refusals.
    noun: &'a str,
    rows: Vec<RawRow>,
    /// The cells and bytes of text of the row being built (to size the next one).
    row_size: (usize, usize),
    non_empty_rows: usize,
    error: Option<Issue>,
}

impl<'a> RowBuilder<'a> {
    fn new(file_name: &'a str, sheet: &'a str, noun: &'a str) -> RowBuilder<'a> {
        RowBuilder {
            file_name,
            sheet,
            noun,
            rows: Vec::new(),
            row_size: (0, 0),
            non_empty_rows: 0,
            error: None,
        }
    }

    fn cell_at(&self, row: u32, col: u32) -> Location {
        Location {
            row: Some(row.saturating_add(1)),
            column: Some(format!("{} 列", column_letter(col as usize))),
            ..at(self.file_name, Some(self.sheet))
        }
    }

    /// Takes one cell's text (`Err` for a number out of range); `false` once refused.
    fn push(&mut self, row: u32, col: u32, text: Result<Cow<'_, str>, ()>) -> bool {
        match self.try_push(row, col, text) {
            Ok(()) => true,
            Err(issue) => {
                self.error = Some(issue);
                false
            }
        }
    }

    fn try_push(
        &mut self,
        row: u32,
        col: u32,
        text: Result<Cow<'_, str>, ()>,
    ) -> Result<(), Issue> {
        let text = text.map_err(|()| {
            Issue::error(self.cell_at(row, col), "数值超出可计算范围")
                .with_expected("绝对值小于 10²⁶ 的数")
        })?;
        // An ASCII letter, digit or sign first: not blank, without trimming.
        let blank =
            !text.as_bytes().first().is_some_and(u8::is_ascii_graphic) && text.trim().is_empty();
        if blank {
            return Ok(());
        }
        if col as usize >= MAX_COLUMNS {
            return Err(too_wide(self.cell_at(row, col)).with_raw(clip(&text)));
        }
        // No more characters than bytes: only a long text is counted.
        if text.len() > MAX_CELL_CHARS && text.chars().count() > MAX_CELL_CHARS {
            return Err(cell_too_long(self.cell_at(row, col), self.noun));
        }
        let number = row.saturating_add(1);
        let last = self.rows.last().map(|r| r.number);
        if last != Some(number) {
            if let Some(last) = last {
                if number < last {
                    // Cells out of row order would silently land in the wrong row.
                    return Err(Issue::error(
                        self.cell_at(row, col),
                        "工作表中单元格的顺序混乱，文件可能已损坏",
                    )
                    .with_expected("在 Excel/WPS 中打开后另存为 .xlsx 再导入"));
                }
                let gap = number - last - 1;
                let filled = if gap > MAX_GAP_ROWS { 1 } else { gap };
                for k in 0..filled {
                    self.rows.push(RawRow {
                        number: last + 1 + k,
                        cells: Cells::new(),
                    });
                }
            }
            self.non_empty_rows += 1;
            if self.non_empty_rows > MAX_ROWS + ROW_SLACK {
                return Err(too_many_rows(
                    at(self.file_name, Some(self.sheet)),
                    self.noun,
                ));
            }
            // Room for a row like the one before (bounded, so that one wide row does not
            // make every later row reserve as much).
            let (cells, bytes) = std::mem::take(&mut self.row_size);
            self.rows.push(RawRow {
                number,
                cells: Cells::with_capacity(cells.min(64), bytes.min(1024)),
            });
        }
        if self
            .rows
            .last()
            .is_some_and(|r| (col as usize) < r.cells.len())
        {
            return Err(Issue::error(
                self.cell_at(row, col),
                "同一个单元格在文件中出现了两次，文件可能已损坏",
            )
            .with_expected("在 Excel/WPS 中打开后另存为 .xlsx 再导入"));
        }
        if let Some(last_row) = self.rows.last_mut() {
            last_row.cells.resize(col as usize);
            last_row.cells.push(&text);
            self.row_size = (last_row.cells.len(), self.row_size.1 + text.len());
        }
        Ok(())
    }

    fn finish(self) -> Result<Vec<RawRow>, Issue> {
        match self.error {
            Some(issue) => Err(issue),
            None => Ok(super::trim_rows(self.rows)),
        }
    }
}

/// An .xlsx sheet's cells straight into rows (see `Xlsx::worksheet_sparse_into`).
impl SparseSink for RowBuilder<'_> {
    fn cell(
        &mut self,
        row: u32,
        col: u32,
        value: DataRef<'_>,
        percent: bool,
        number_text: Option<&str>,
    ) -> bool {
        if self.error.is_some() {
            return false;
        }
        let text = cell_text_ref(&value, percent, number_text);
        self.push(row, col, text)
    }

    fn reset(&mut self) {
        self.rows.clear();
        self.row_size = (0, 0);
        self.non_empty_rows = 0;
        self.error = None;
    }
}

/// [`cell_text`] of a cell as the .xlsx reader sends it: text borrowed, and a number written
/// as its `<v>` text when that is already what [`cell_text`] would write
/// ([`is_shown_as_written`]).
fn cell_text_ref<'v>(
    value: &'v DataRef<'_>,
    percent: bool,
    number_text: Option<&'v str>,
) -> Result<Cow<'v, str>, ()> {
    match value {
        DataRef::SharedString(s) => Ok(Cow::Borrowed(s)),
        DataRef::String(s) => Ok(Cow::Borrowed(s)),
        DataRef::Float(f) if !percent => match number_text {
            Some(text) if is_shown_as_written(text) => Ok(Cow::Borrowed(text)),
            _ => cell_text(&Data::Float(*f), false).map(Cow::Owned),
        },
        other => cell_text(&Data::from(other.clone()), percent).map(Cow::Owned),
    }
}

/// Whether a number's text is exactly what [`cell_text`] writes for the double it parses to:
/// plain digits (`-`, digits, an optional point and more digits), no leading zero but the one
/// before a point, no trailing zero after the point, not `-0`, and within
/// [`plain_float_text`]'s bounds (at most 15 significant digits, 15 before the point, 28
/// after). Any decimal of at most 15 significant digits parses to a double whose shortest
/// decimal is that same decimal (15 digits survive the round trip, so no other decimal of
/// ≤ 15 digits parses to it), which Rust writes without an exponent; so
/// `plain_float_text(text.parse()) == Some(text)`. The property test
/// `the_written_text_shortcut_agrees_with_cell_text` holds the two to it.
fn is_shown_as_written(text: &str) -> bool {
    // One pass over the bytes (this runs for every number cell).
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let digits = &bytes[usize::from(negative)..];
    let mut int_len = 0usize;
    let mut frac_len = 0usize;
    let mut point = false;
    let mut significant = 0usize;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                if point {
                    frac_len += 1;
                } else {
                    int_len += 1;
                }
                if significant > 0 || b != b'0' {
                    significant += 1;
                }
            }
            b'.' if !point => point = true,
            _ => return false,
        }
    }
    let last = digits.last().copied();
    (1..=15).contains(&int_len)
        && frac_len <= 28
        && significant <= 15
        // No leading zero but the one before a point.
        && !(int_len > 1 && digits[0] == b'0')
        // A point has digits after it, and the last of them is not 0.
        && (!point || (frac_len >= 1 && last != Some(b'0')))
        // Not −0.
        && !(negative && significant == 0)
}

/// The first 50 characters of `text`, for a message.
fn clip(text: &str) -> String {
    let mut out: String = text.chars().take(50).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Whether an Excel number format shows a percentage: built-in ids 9 (`0%`) and 10
/// (`0.00%`), or a `%` outside quotes and escapes in the format code.
pub fn is_percent_format(code: &str, id: Option<u32>) -> bool {
    if matches!(id, Some(9) | Some(10)) {
        return true;
    }
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A cell as Excel shows it (numbers by their shortest decimal, percentages with `%`);
/// `Err` when a percentage is too large to scale by 100 exactly.
fn cell_text(cell: &Data, percent: bool) -> Result<String, ()> {
    let number = |d: Decimal| -> Result<String, ()> {
        if percent {
            let scaled = d.checked_mul(Decimal::ONE_HUNDRED).ok_or(())?;
            Ok(format!("{}%", scaled.normalize()))
        } else {
            Ok(d.normalize().to_string())
        }
    };
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if !percent => match plain_float_text(*f) {
            Some(text) => text,
            None => number_text(*f, number)?,
        },
        Data::Int(i) => number(Decimal::from(*i))?,
        Data::Float(f) => number_text(*f, number)?,
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => decimal_from_f64(dt.as_f64())
            .map(|d| d.normalize().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    })
}

/// A number cell's text through its exact decimal ([`decimal_from_f64`]), as `number` writes it.
fn number_text(f: f64, number: impl Fn(Decimal) -> Result<String, ()>) -> Result<String, ()> {
    match decimal_from_f64(f) {
        Some(d) => number(d),
        // Too large or too small for a decimal: the text says so, validation refuses it.
        None => Ok(f.to_string()),
    }
}

/// The text of a number cell without the decimal round trip, when the double's shortest form
/// is already what Excel shows: plain digits (Rust never writes an exponent here), at most 15
/// significant (Excel's precision, so nothing to round), at most 15 before the point and 28
/// after it (a decimal holds it), not −0. Every other number takes the exact path; the property
/// test `the_short_path_writes_what_the_exact_path_writes` holds the two to the same text.
fn plain_float_text(f: f64) -> Option<String> {
    if !f.is_finite() || (f == 0.0 && f.is_sign_negative()) {
        return None;
    }
    let text = f.to_string();
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        || int.len() > 15
        || frac.len() > 28
    {
        return None;
    }
    let significant = int
        .bytes()
        .chain(frac.bytes())
        .skip_while(|&b| b == b'0')
        .count();
    (significant <= 15).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The short path for number cells writes what the exact path (the double's shortest
        /// decimal rounded to Excel's 15 digits, normalised) writes, for any double.
        #[test]
        fn the_short_path_writes_what_the_exact_path_writes(bits: u64, small in -1.0e7f64..1.0e7, places in 0u32..10) {
            let rounded = (small * 10f64.powi(places as i32)).round() / 10f64.powi(places as i32);
            for f in [f64::from_bits(bits), small, rounded] {
                if let Some(short) = plain_float_text(f) {
                    let exact = number_text(f, |d| Ok(d.normalize().to_string())).unwrap();
                    proptest::prop_assert_eq!(short, exact, "{:?}", f);
                }
            }
        }
    }

    proptest::proptest! {
        /// A number's `<v>` text taken as written (the .xlsx fast path) is what the exact path
        /// writes for the double it parses to: over the shortest forms of random doubles, of
        /// rounded ones, those written with trailing zeros, and random digit strings.
        #[test]
        fn the_written_text_shortcut_agrees_with_cell_text(
            bits: u64,
            small in -1.0e7f64..1.0e7,
            places in 0u32..12,
            digits in "-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,30})?",
            zeros in "-?0{0,3}[0-9]{0,3}\\.?[0-9]{0,3}0{0,3}",
        ) {
            let rounded = (small * 10f64.powi(places as i32)).round() / 10f64.powi(places as i32);
            let texts = [
                f64::from_bits(bits).to_string(),
                small.to_string(),
                rounded.to_string(),
                format!("{rounded:.4}"),
                format!("{:e}", rounded),
                digits.clone(),
                zeros.clone(),
            ];
            for text in texts {
                let Ok(f) = text.parse::<f64>() else { continue };
                let exact = cell_text(&Data::Float(f), false);
                let value = DataRef::Float(f);
                let via_sink = cell_text_ref(&value, false, Some(&text)).map(Cow::into_owned);
                proptest::prop_assert_eq!(via_sink, exact.clone(), "{}", text);
                if is_shown_as_written(&text) {
                    proptest::prop_assert_eq!(exact, Ok(text.clone()));
                }
            }
        }
    }

    #[test]
    fn the_written_text_shortcut_takes_canonical_texts_only() {
        for yes in [
            "0",
            "7",
            "-7",
            "85.81",
            "-0.032",
            "1000000",
            "123456789012345",
            "0.000000000000000000000000001",
            "100000000000000",
        ] {
            assert!(is_shown_as_written(yes), "{yes}");
            assert_eq!(
                cell_text(&Data::Float(yes.parse().unwrap()), false).unwrap(),
                yes
            );
        }
        for no in [
            "",
            "-",
            ".",
            "-0",
            "-0.0",
            "0.0",
            "40.10",
            "1.",
            ".5",
            "+3",
            "007",
            "1e5",
            "1E5",
            " 1",
            "1 ",
            "0.30000000000000004",
            "1234567890123456",
            "1000000000000000",
            "0.1234567890123456",
            "1.0000000000000000000000000001",
            "NaN",
            "inf",
            "1_0",
            "１",
        ] {
            assert!(!is_shown_as_written(no), "{no}");
        }
        // A number not written as it is shown still reads as shown.
        let text = |f: f64, percent: bool, written: &str| {
            cell_text_ref(&DataRef::Float(f), percent, Some(written)).map(Cow::into_owned)
        };
        assert_eq!(text(40.1, false, "40.10").unwrap(), "40.1");
        assert_eq!(text(0.125, true, "0.125").unwrap(), "12.5%");
        assert_eq!(text(0.3, false, "0.30000000000000004").unwrap(), "0.3");
    }

    #[test]
    fn the_short_path_takes_plain_numbers_and_leaves_the_rest() {
        assert_eq!(plain_float_text(12.3).as_deref(), Some("12.3"));
        assert_eq!(plain_float_text(-0.032).as_deref(), Some("-0.032"));
        assert_eq!(plain_float_text(1000000.0).as_deref(), Some("1000000"));
        // 0.1 + 0.2 has 17 significant digits: Excel shows 0.3, the exact path rounds it.
        assert_eq!(plain_float_text(0.1 + 0.2), None);
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2), false).unwrap(), "0.3");
        assert_eq!(plain_float_text(-0.0), None);
        assert_eq!(cell_text(&Data::Float(-0.0), false).unwrap(), "0");
        assert_eq!(plain_float_text(1e300), None);
        assert_eq!(plain_float_text(f64::NAN), None);
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0.00%", None));
        assert!(is_percent_format("General", Some(10)));
        assert!(is_percent_format("0.0%;[Red]-0.0%", None));
        assert!(!is_percent_format("0.00\"%\"", None));
        assert!(!is_percent_format("0.00\\%", None));
        assert!(!is_percent_format("#,##0.00", None));
    }

    #[test]
    fn cell_texts() {
        assert_eq!(cell_text(&Data::Float(12.3), false).unwrap(), "12.3");
        assert_eq!(cell_text(&Data::Float(0.125), true).unwrap(), "12.5%");
        assert_eq!(cell_text(&Data::Float(0.123), true).unwrap(), "12.3%");
        assert_eq!(cell_text(&Data::Float(-0.032), true).unwrap(), "-3.2%");
        assert_eq!(cell_text(&Data::Int(7), false).unwrap(), "7");
        assert_eq!(cell_text(&Data::Float(7.0), false).unwrap(), "7");
        // 1e27 fits a decimal, 1e29 (its percentage) does not: refused, not a panic.
        assert_eq!(cell_text(&Data::Float(1e27), true), Err(()));
        assert_eq!(
            cell_text(&Data::Float(1e27), false).unwrap(),
            format!("1{}", "0".repeat(27))
        );
    }

    fn cell(row: u32, col: u32, text: &str) -> SparseCell {
        SparseCell {
            row,
            col,
            value: Data::String(text.to_owned()),
            percent: false,
        }
    }

    #[test]
    fn sparse_rows_are_ragged_and_gaps_bounded() {
        let rows = sheet_rows(
            vec![
                cell(1, 0, "a"),
                cell(1, 2, "b"),
                cell(3, 1, "c"),
                cell(1_048_575, 0, "far"),
            ],
            "f.xlsx",
            "S",
            "园区",
        )
        .unwrap();
        let numbers: Vec<u32> = rows.iter().map(|r| r.number).collect();
        // Row 3 is a kept gap, rows 5.. one empty row standing for a gap of 1,048,570.
        assert_eq!(numbers, vec![2, 3, 4, 5, 1_048_576]);
        assert_eq!(rows[0].cells, vec!["a", "", "b"]);
        assert_eq!(rows[2].cells, vec!["", "c"]);
        assert!(rows[3].cells.is_empty());
    }

    #[test]
    fn far_columns_long_cells_and_disorder_are_refused_with_their_place() {
        let wide = sheet_rows(
            vec![cell(0, 0, "a"), cell(4, 16_383, "x")],
            "f.xlsx",
            "S",
            "园区",
        )
        .unwrap_err();
        assert_eq!(wide.location.row, Some(5));
        assert_eq!(wide.location.column.as_deref(), Some("XFD 列"));
        assert_eq!(wide.location.sheet.as_deref(), Some("S"));
        // An empty far cell costs nothing.
        let ok = sheet_rows(
            vec![cell(0, 0, "a"), cell(0, 16_383, " ")],
            "f.xlsx",
            "S",
            "园区",
        )
        .unwrap();
        assert_eq!(ok[0].cells, vec!["a"]);
        let long = "长".repeat(MAX_CELL_CHARS + 1);
        let e = sheet_rows(vec![cell(2, 1, &long)], "f.xlsx", "S", "园区").unwrap_err();
        assert_eq!(
            (e.location.row, e.location.column.as_deref()),
            (Some(3), Some("B 列"))
        );
        assert_eq!(
            e.message,
            format!("单元格内容超过 {MAX_CELL_CHARS} 个字符，未读取（可能不是园区数据表）")
        );
        // Another scheme's word names the data it expects.
        let e = sheet_rows(vec![cell(2, 1, &long)], "f.xlsx", "S", "企业").unwrap_err();
        assert_eq!(
            e.message,
            format!("单元格内容超过 {MAX_CELL_CHARS} 个字符，未读取（可能不是企业数据表）")
        );
        assert!(sheet_rows(
            vec![cell(2, 0, "a"), cell(1, 0, "b")],
            "f.xlsx",
            "S",
            "园区"
        )
        .is_err());
        assert!(sheet_rows(
            vec![cell(2, 1, "a"), cell(2, 0, "b")],
            "f.xlsx",
            "S",
            "园区"
        )
        .is_err());
        let big = vec![SparseCell {
            row: 0,
            col: 3,
            value: Data::Float(1e27),
            percent: true,
        }];
        let e = sheet_rows(big, "f.xlsx", "S", "园区").unwrap_err();
        assert_eq!(e.message, "数值超出可计算范围");
        assert_eq!(e.location.column.as_deref(), Some("D 列"));
    }

    #[test]
    fn years_in_names_and_titles() {
        assert_eq!(year_in_sheet_name("2020年"), Some(2020));
        assert_eq!(year_in_sheet_name("数据2019"), Some(2019));
        assert_eq!(year_in_sheet_name("123456"), None);
        assert_eq!(year_in_sheet_name("Sheet1"), None);
    }
}
