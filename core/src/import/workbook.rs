//! Workbooks (.xlsx, .xls) through calamine: every cell as the text Excel shows.
//!
//! - A number becomes the shortest decimal of its double ([`decimal_from_f64`]), so 12.3 reads
//!   `12.3`.
//! - In .xlsx, a number whose cell format is a percentage (stored 0.125, shown 12.5%) reads
//!   `12.5%`, from the number format calamine returns with [`Xlsx::worksheet_style`].
//!   Limit: calamine does not expose cell formats for .xls, so a percentage-formatted cell in
//!   an .xls file reads as its stored fraction (`0.125`); validation warns when a % column
//!   looks like fractions.
//! - Cells are indexed from column A, rows numbered as Excel shows them.

use super::number::decimal_from_f64;
use super::{looks_like_header_row, Format, RawRow, RawTable, MAX_ROWS};
use crate::issue::{Issue, Location};
use calamine::{Data, Range, Reader, StyleRange, Xls, Xlsx, XlsxError};
use rust_decimal::Decimal;
use std::io::Cursor;

/// One sheet's cells and, for .xlsx, their styles.
struct SheetData {
    range: Range<Data>,
    styles: Option<StyleRange>,
}

fn file_issue(file_name: &str, sheet: Option<&str>, message: String) -> Issue {
    Issue::error(
        Location {
            file: Some(file_name.to_owned()),
            sheet: sheet.map(str::to_owned),
            ..Location::default()
        },
        message,
    )
}

/// An opened workbook of either kind.
enum Book {
    Xlsx(Box<Xlsx<Cursor<Vec<u8>>>>),
    Xls(Box<Xls<Cursor<Vec<u8>>>>),
}

impl Book {
    fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Xlsx(b) => b.sheet_names(),
            Book::Xls(b) => b.sheet_names(),
        }
    }

    fn sheet(&mut self, name: &str) -> Result<SheetData, String> {
        match self {
            Book::Xlsx(b) => {
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                // Styles are a nicety: a workbook whose styles cannot be read still imports.
                let styles = b.worksheet_style(name).ok();
                Ok(SheetData { range, styles })
            }
            Book::Xls(b) => {
                let range = b.worksheet_range(name).map_err(|e| e.to_string())?;
                Ok(SheetData {
                    range,
                    styles: None,
                })
            }
        }
    }
}

/// Reads a workbook's chosen sheet (or the first sheet that has a header).
pub fn read_workbook(
    bytes: &[u8],
    file_name: &str,
    format: Format,
    sheet: Option<&str>,
) -> Result<RawTable, Issue> {
    let mut book = open(bytes, file_name, format)?;
    let sheets = book.sheet_names();
    if sheets.is_empty() {
        return Err(file_issue(file_name, None, "工作簿中没有工作表".to_owned()));
    }
    let build = |name: &str, data: SheetData| -> Result<RawTable, Issue> {
        let rows = sheet_rows(&data, file_name, name)?;
        Ok(RawTable {
            file_name: file_name.to_owned(),
            format,
            encoding: None,
            sheet: Some(name.to_owned()),
            sheets: sheets.clone(),
            rows,
        })
    };
    if let Some(wanted) = sheet {
        let Some(name) = sheets.iter().find(|s| s.as_str() == wanted) else {
            return Err(file_issue(
                file_name,
                Some(wanted),
                format!(
                    "工作簿中没有名为「{wanted}」的工作表；现有工作表：{}",
                    sheets.join("、")
                ),
            ));
        };
        let data = book
            .sheet(name)
            .map_err(|e| file_issue(file_name, Some(name), format!("无法读取工作表：{e}")))?;
        return build(name, data);
    }
    let mut first_non_empty: Option<RawTable> = None;
    for name in &sheets {
        let Ok(data) = book.sheet(name) else { continue };
        let table = build(name, data)?;
        if table
            .rows
            .iter()
            .take(30)
            .any(|r| looks_like_header_row(&r.cells))
        {
            return Ok(table);
        }
        if first_non_empty.is_none() && !table.rows.is_empty() {
            first_non_empty = Some(table);
        }
    }
    first_non_empty.ok_or_else(|| {
        file_issue(
            file_name,
            None,
            format!(
                "工作簿中所有工作表都是空的（工作表：{}）",
                sheets.join("、")
            ),
        )
    })
}

fn open(bytes: &[u8], file_name: &str, format: Format) -> Result<Book, Issue> {
    let cursor = Cursor::new(bytes.to_vec());
    let password = || {
        file_issue(
            file_name,
            None,
            "工作簿设有打开密码（已加密），无法读取；请在 Excel/WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存再导入".to_owned(),
        )
    };
    match format {
        Format::Xls => match Xls::new(cursor) {
            Ok(b) => Ok(Book::Xls(Box::new(b))),
            Err(calamine::XlsError::Password) => Err(password()),
            Err(e) => Err(file_issue(
                file_name,
                None,
                format!("无法读取 .xls 工作簿，文件可能已损坏（{e}）；请在 Excel/WPS 中打开后另存为 .xlsx 再导入"),
            )),
        },
        _ => match Xlsx::new(cursor) {
            Ok(b) => Ok(Book::Xlsx(Box::new(b))),
            Err(XlsxError::Password) => Err(password()),
            Err(e) => Err(file_issue(
                file_name,
                None,
                format!("无法读取 .xlsx 工作簿，文件可能已损坏或不是 Excel 文件（{e}）；请在 Excel/WPS 中打开后重新另存为 .xlsx 再导入"),
            )),
        },
    }
}

/// The sheet's rows from row 1 and column A, trailing empty rows and columns dropped.
fn sheet_rows(data: &SheetData, file_name: &str, sheet: &str) -> Result<Vec<RawRow>, Issue> {
    let Some((row0, col0)) = data.range.start() else {
        return Ok(Vec::new());
    };
    if data.range.height() > MAX_ROWS + 50 {
        return Err(file_issue(
            file_name,
            Some(sheet),
            format!(
                "工作表有 {} 行，超过上限 {MAX_ROWS} 行，未读取；请只保留园区数据后再导入",
                data.range.height()
            ),
        ));
    }
    let mut rows = Vec::new();
    for (i, cells) in data.range.rows().enumerate() {
        let abs_row = row0 + i as u32;
        let mut texts: Vec<String> = vec![String::new(); col0 as usize];
        for (j, cell) in cells.iter().enumerate() {
            let abs_col = col0 + j as u32;
            let percent = data
                .styles
                .as_ref()
                .and_then(|s| s.get((abs_row, abs_col)))
                .and_then(|st| st.number_format.as_ref())
                .is_some_and(|nf| is_percent_format(&nf.format_code, nf.format_id));
            texts.push(cell_text(cell, percent));
        }
        rows.push(RawRow {
            number: abs_row + 1,
            cells: texts,
        });
    }
    Ok(super::trim_rows(rows))
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

/// A cell as Excel shows it (numbers by their shortest decimal, percentages with `%`).
fn cell_text(cell: &Data, percent: bool) -> String {
    let number = |d: Decimal| {
        if percent {
            format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
        } else {
            d.normalize().to_string()
        }
    };
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => number(Decimal::from(*i)),
        Data::Float(f) => decimal_from_f64(*f)
            .map(number)
            .unwrap_or_else(|| f.to_string()),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) => decimal_from_f64(dt.as_f64())
            .map(|d| d.normalize().to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(cell_text(&Data::Float(12.3), false), "12.3");
        assert_eq!(cell_text(&Data::Float(0.125), true), "12.5%");
        assert_eq!(cell_text(&Data::Float(0.123), true), "12.3%");
        assert_eq!(cell_text(&Data::Float(-0.032), true), "-3.2%");
        assert_eq!(cell_text(&Data::Int(7), false), "7");
        assert_eq!(cell_text(&Data::Float(7.0), false), "7");
    }
}
