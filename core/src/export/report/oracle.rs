//! The reports' and the template's workbook code compiled a second time over rust_xlsxwriter,
//! the writer parkscore used before its own (`crate::export::xlsx`): the oracle of the
//! differential test (`differential.rs`). Test builds only.
//!
//! The modules below are the very files the reports are made by (`#[path]`): they reach the
//! writer as `super::writer`, which here is rust_xlsxwriter, and everything else (`content`,
//! `ReportContext`, `csv` …) as the real crate's. So the same calls, in the same order, go to
//! both writers, and the workbooks they save can be compared part by part.

// The copies' public items are used only through the functions the test calls, and loading
// the files a second time is the point.
#![allow(dead_code, unused_imports, clippy::duplicate_mod)]

use super::{content, report_title, ReportContext, ReportError};
use crate::export::csv;
use rust_xlsxwriter as writer;

#[path = "analyses.rs"]
pub(super) mod analyses;
#[path = "internal.rs"]
pub(super) mod internal;
#[path = "park_sheets.rs"]
pub(super) mod park_sheets;
#[path = "publicity.rs"]
pub(super) mod publicity;
#[path = "../template.rs"]
pub(super) mod template;
#[path = "xlsx.rs"]
mod xlsx;

impl From<rust_xlsxwriter::XlsxError> for ReportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> ReportError {
        ReportError::Xlsx(crate::export::xlsx::XlsxError::Oracle(e.to_string()))
    }
}
