//! parkscore's own .xlsx writer: the small part of rust_xlsxwriter (0.102) the reports and
//! the import template use, with the same API (`Workbook`, `Worksheet`, `Format`, `Note`,
//! `DataValidation`, a two-colour scale, internal links, page setup, document properties), so
//! that the call sites read as before; it writes the same XML parts, byte for byte, as
//! rust_xlsxwriter writes for those calls — the differential test
//! (`export/report/differential.rs`) compiles the reports' code over both and compares every
//! part. Why our own: in the page's WebAssembly rust_xlsxwriter, its zip writer and zopfli
//! weighed about 100 KB compressed (issue 14), for the few features we use.
//!
//! What is left out is what the reports do not use: formulas, dates in cells, images, charts,
//! tables, autofilters, rich text, row/column formats, external links. What differs from
//! rust_xlsxwriter on purpose, only where its output would be broken:
//! - a control character XML 1.0 forbids in an attribute (a validation message, a sheet name)
//!   is left out, where rust_xlsxwriter writes it as it is (no XML reader takes that file);
//! - a shared string that starts `<r>` and ends `</r>` is escaped like any text, where
//!   rust_xlsxwriter writes it unescaped as rich text.
//!
//! The writer reads no clock (the core reads none): a workbook records the creation time its
//! caller gives ([`DocProperties::set_creation_datetime`]), else [`DocProperties::NO_TIME`].
//! Sizes are bounded by Excel's (1,048,576 rows, 16,384 columns, 32,767 characters a cell)
//! and the zip's (4 GiB, 65,535 parts); past them a call returns an error, never panics.

mod format;
mod workbook;
mod worksheet;
mod xml;
mod zip;

pub use format::{Color, Format, FormatAlign, FormatBorder, FormatUnderline};
pub use workbook::{DocProperties, ExcelDateTime, Workbook};
pub use worksheet::{
    ConditionalFormat2ColorScale, ConditionalFormatType, DataValidation, DataValidationRule, Note,
    Url, Worksheet,
};

use std::fmt;

/// Why a workbook could not be written; the message is Chinese, as the user reads it under
/// 无法生成 Excel 文件.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    /// A row or column beyond Excel's sheet (1,048,576 rows, 16,384 columns).
    RowColumnLimit,
    /// A range whose first row or column comes after its last.
    RowColumnOrder,
    /// A merged range of one cell, or one overlapping another (the range).
    MergeRange(String),
    /// A text longer than Excel takes there (the limit, in characters).
    TextTooLong {
        /// The most characters (UTF-16 units) allowed.
        limit: usize,
    },
    /// A sheet name Excel refuses: blank, over 31 characters, one of `[]:*?/\`, or an
    /// apostrophe at either end.
    SheetName(String),
    /// Two sheets of the same name (Excel compares them case-insensitively).
    SheetNameReused(String),
    /// A date outside Excel's years (1900–9999).
    DateTimeRange,
    /// The default format set after a sheet was added, or with a column width Excel has no
    /// font metrics for.
    DefaultFormat,
    /// A link that is not to a place in the workbook (`internal:`).
    UnsupportedLink(String),
    /// The file would be larger than a zip without its 64-bit extension holds.
    TooLarge,
    /// The compressor failed (it does not on memory).
    Compression(String),
    /// rust_xlsxwriter's error, in the differential test's copy of the reports.
    #[cfg(test)]
    Oracle(String),
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XlsxError::RowColumnLimit => {
                f.write_str("超出 Excel 工作表的范围（1,048,576 行、16,384 列）")
            }
            XlsxError::RowColumnOrder => f.write_str("单元格区域的起止顺序颠倒"),
            XlsxError::MergeRange(range) => {
                write!(
                    f,
                    "合并单元格区域 {range} 无效（只有一个单元格或与其他合并区域重叠）"
                )
            }
            XlsxError::TextTooLong { limit } => {
                write!(f, "文字超过 Excel 允许的长度（{limit} 个字符）")
            }
            XlsxError::SheetName(name) => write!(f, "工作表名「{name}」不符合 Excel 的要求"),
            XlsxError::SheetNameReused(name) => write!(f, "工作表名「{name}」重复"),
            XlsxError::DateTimeRange => f.write_str("日期超出 Excel 的范围（1900–9999 年）"),
            XlsxError::DefaultFormat => f.write_str("默认格式设置无效"),
            XlsxError::UnsupportedLink(link) => write!(f, "不支持的链接「{link}」"),
            XlsxError::TooLarge => f.write_str("文件过大（超过 4 GB 或部件过多）"),
            XlsxError::Compression(e) => write!(f, "压缩失败：{e}"),
            #[cfg(test)]
            XlsxError::Oracle(e) => write!(f, "rust_xlsxwriter：{e}"),
        }
    }
}

impl std::error::Error for XlsxError {}
