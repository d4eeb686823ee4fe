// SPDX-License-Identifier: MIT
//
// Copyright 2016-2026, Johann Tuffe.

use std::io::{Read, Seek};

use crate::{
    datatype::DataRef,
    formats::{format_excel_f64_ref, format_excel_i64_ref, CellFormat},
    utils::{read_f64, read_i32, read_u32},
    Cell, CellErrorType, Dimensions, XlsbError,
};

use super::{cell_format, field, parse_formula, style_ref, wide_str, RecordIter};

/// A cells reader for xlsb files
pub struct XlsbCellsReader<'a, RS>
where
    RS: Read + Seek,
{
    iter: RecordIter<'a, RS>,
    formats: &'a [CellFormat],
    strings: &'a [String],
    extern_sheets: &'a [String],
    metadata_names: &'a [(String, String)],
    typ: u16,
    row: u32,
    is_1904: bool,
    dimensions: Dimensions,
    buf: Vec<u8>,
    // parkscore: the sheet's name, for errors that must name it.
    sheet: String,
    // parkscore: the style (xf) index of the last cell returned by `next_cell`.
    last_style: Option<u32>,
}

impl<'a, RS> XlsbCellsReader<'a, RS>
where
    RS: Read + Seek,
{
    pub(crate) fn new(
        mut iter: RecordIter<'a, RS>,
        formats: &'a [CellFormat],
        strings: &'a [String],
        extern_sheets: &'a [String],
        metadata_names: &'a [(String, String)],
        is_1904: bool,
    ) -> Result<Self, XlsbError> {
        let mut buf = Vec::with_capacity(1024);
        // BrtWsDim
        let _ = iter.next_skip_blocks(
            0x0094,
            &[
                (0x0081, None), // BrtBeginSheet
                (0x0093, None), // BrtWsProp
            ],
            &mut buf,
        )?;
        // parkscore: a short BrtWsDim panicked; the dimensions are only a hint.
        let dimensions = parse_dimensions(&buf).unwrap_or_default();

        // BrtBeginSheetData
        let _ = iter.next_skip_blocks(
            0x0091,
            &[
                (0x0085, Some(0x0086)), // Views
                (0x0025, Some(0x0026)), // AC blocks
                (0x01E5, None),         // BrtWsFmtInfo
                (0x0186, Some(0x0187)), // Col Infos
            ],
            &mut buf,
        )?;

        Ok(XlsbCellsReader {
            iter,
            formats,
            is_1904,
            strings,
            extern_sheets,
            metadata_names,
            dimensions,
            typ: 0,
            row: 0,
            buf,
            sheet: String::new(),
            last_style: None,
        })
    }

    /// parkscore: the sheet's name, used in errors that must name it.
    pub(crate) fn set_sheet_name(&mut self, name: &str) {
        self.sheet = name.to_string();
    }

    /// parkscore: the style (xf) index of the cell last returned by `next_cell`.
    pub(crate) fn last_style(&self) -> Option<u32> {
        self.last_style
    }

    /// parkscore: the row and column of a cell record, which must lie in the sheet.
    fn position(&self, typ: u16) -> Result<(u32, u32), XlsbError> {
        let col = read_u32(field(&self.buf, 0, 4, typ)?);
        if self.row >= crate::xlsx::MAX_ROWS || col >= crate::xlsx::MAX_COLUMNS {
            return Err(XlsbError::InvalidCellReference {
                sheet: self.sheet.clone(),
                reference: format!("row {}, column {}", self.row as u64 + 1, col as u64 + 1),
            });
        }
        Ok((self.row, col))
    }

    pub fn dimensions(&self) -> Dimensions {
        self.dimensions
    }

    // parkscore: every field is read through `field` (checked against this record's length:
    // a short record panicked, or read the previous record's bytes); a shared string index
    // outside the table is an error naming the sheet and cell (it panicked); a row header
    // past row 1048576 is an error (it silently ended the sheet).
    pub fn next_cell(&mut self) -> Result<Option<Cell<DataRef<'a>>>, XlsbError> {
        // loop until end of sheet
        let value = loop {
            self.typ = self.iter.read_type()?;
            let len = self.iter.fill_buffer(&mut self.buf)?;
            let typ = self.typ;
            let rec = &self.buf[..len];
            let value = match typ {
                // 0x0001 => continue, // Data::Empty, // BrtCellBlank
                0x0002 => {
                    // BrtCellRk MS-XLSB 2.5.122
                    let mut rk = [0u8; 4];
                    rk.copy_from_slice(field(rec, 8, 4, typ)?);
                    let d100 = (rk[0] & 1) != 0;
                    let is_int = (rk[0] & 2) != 0;
                    rk[0] &= 0xFC;

                    if is_int {
                        let v = (read_i32(&rk) >> 2) as i64;
                        if d100 {
                            let v = (v as f64) / 100.0;
                            format_excel_f64_ref(v, cell_format(self.formats, rec), self.is_1904)
                        } else {
                            // A whole-number date (e.g. 2021-01-01, 44197) is
                            // often stored as an integer RK, so it needs the
                            // cell's format too.
                            format_excel_i64_ref(v, cell_format(self.formats, rec), self.is_1904)
                        }
                    } else {
                        let mut v = [0u8; 8];
                        v[4..].copy_from_slice(&rk);
                        let v = read_f64(&v);
                        let v = if d100 { v / 100.0 } else { v };
                        format_excel_f64_ref(v, cell_format(self.formats, rec), self.is_1904)
                    }
                }
                0x0003 => {
                    let error = match field(rec, 8, 1, typ)?[0] {
                        0x00 => CellErrorType::Null,
                        0x07 => CellErrorType::Div0,
                        0x0F => CellErrorType::Value,
                        0x17 => CellErrorType::Ref,
                        0x1D => CellErrorType::Name,
                        0x24 => CellErrorType::Num,
                        0x2A => CellErrorType::NA,
                        0x2B => CellErrorType::GettingData,
                        c => return Err(XlsbError::CellError(c)),
                    };
                    // BrtCellError
                    DataRef::Error(error)
                }
                0x0004 | 0x000A => DataRef::Bool(field(rec, 8, 1, typ)?[0] != 0), // BrtCellBool or BrtFmlaBool
                0x0005 | 0x0009 => {
                    let v = read_f64(field(rec, 8, 8, typ)?);
                    format_excel_f64_ref(v, cell_format(self.formats, rec), self.is_1904)
                } // BrtCellReal or BrtFmlaNum
                0x0006 | 0x0008 => {
                    // BrtCellSt or BrtFmlaString
                    let _ = field(rec, 0, 8, typ)?;
                    DataRef::String(wide_str(&rec[8..], &mut 0)?.into_owned())
                }
                0x0007 => {
                    // BrtCellIsst
                    let isst = read_u32(field(rec, 8, 4, typ)?);
                    match self.strings.get(isst as usize) {
                        Some(s) => DataRef::SharedString(s),
                        None => {
                            let pos = self.position(typ)?;
                            return Err(XlsbError::SharedStringIndex {
                                sheet: self.sheet.clone(),
                                cell: crate::xlsx::cell_address(pos),
                                index: isst,
                            });
                        }
                    }
                }
                0x0000 => {
                    // BrtRowHdr
                    self.row = read_u32(field(rec, 0, 4, typ)?);
                    if self.row >= crate::xlsx::MAX_ROWS {
                        return Err(XlsbError::InvalidCellReference {
                            sheet: self.sheet.clone(),
                            reference: format!("row {}", self.row as u64 + 1),
                        });
                    }
                    continue;
                }
                0x0092 => return Ok(None), // BrtEndSheetData
                _ => continue, // anything else, ignore and try next, without changing idx
            };
            break value;
        };
        self.last_style = style_ref(&self.buf);
        let pos = self.position(self.typ)?;
        Ok(Some(Cell::new(pos, value)))
    }

    pub fn next_formula(&mut self) -> Result<Option<Cell<String>>, XlsbError> {
        let value = loop {
            self.typ = self.iter.read_type()?;
            let len = self.iter.fill_buffer(&mut self.buf)?;
            let typ = self.typ;
            let rec = &self.buf[..len];
            // parkscore: checked offsets (`14 + cch * 2`, `4 + cce` and the slices panicked
            // or overflowed on hostile lengths).
            let rgce_at = |start: usize| -> Result<&[u8], XlsbError> {
                let cce = read_u32(field(rec, start, 4, typ)?) as usize;
                field(rec, start + 4, cce, typ)
            };

            let value = match typ {
                // 0x0001 => continue, // Data::Empty, // BrtCellBlank
                0x0008 => {
                    // BrtFmlaString
                    let cch = read_u32(field(rec, 8, 4, typ)?) as usize;
                    let start = cch
                        .checked_mul(2)
                        .and_then(|n| n.checked_add(14))
                        .ok_or(XlsbError::RecordTooShort { typ, len })?;
                    parse_formula(rgce_at(start)?, self.extern_sheets, self.metadata_names)?
                }
                0x0009 => {
                    // BrtFmlaNum
                    parse_formula(rgce_at(18)?, self.extern_sheets, self.metadata_names)?
                }
                0x000A | 0x000B => {
                    // BrtFmlaBool | BrtFmlaError
                    parse_formula(rgce_at(11)?, self.extern_sheets, self.metadata_names)?
                }
                0x0000 => {
                    // BrtRowHdr
                    self.row = read_u32(field(rec, 0, 4, typ)?);
                    if self.row >= crate::xlsx::MAX_ROWS {
                        return Err(XlsbError::InvalidCellReference {
                            sheet: self.sheet.clone(),
                            reference: format!("row {}", self.row as u64 + 1),
                        });
                    }
                    continue;
                }
                0x0092 => return Ok(None), // BrtEndSheetData
                _ => continue, // anything else, ignore and try next, without changing idx
            };
            break value;
        };
        let pos = self.position(self.typ)?;
        Ok(Some(Cell::new(pos, value)))
    }
}

fn parse_dimensions(buf: &[u8]) -> Option<Dimensions> {
    let buf = buf.get(..16)?;
    Some(Dimensions {
        start: (read_u32(&buf[0..4]), read_u32(&buf[8..12])),
        end: (read_u32(&buf[4..8]), read_u32(&buf[12..16])),
    })
}
