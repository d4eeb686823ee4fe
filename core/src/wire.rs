//! The binary form of the long lists the browser app's compute worker sends the page: table
//! rows and evaluation rows (the app's `compute::Outcome::pack` writes them, its `Unpacker`
//! reads them). It lives in this crate, not the app's, because the app is built for size and
//! this crate for speed (`Cargo.toml`): at 10,000 rows the page spent 70 ms reading parts.
//!
//! JSON made every score a quoted decimal to write and to parse again, and a 100,000-row
//! outcome some 90 MB of text to copy between threads. Here a decimal is its scale and its
//! mantissa as an `i64` (10 bytes with the tag) when that holds it, else its 16 bytes
//! ([`Decimal::serialize`]); a count is a little-endian `u32`, a string its length and UTF-8
//! bytes. A table row travels in its compact form ([`crate::import::Cells`]): each cell's
//! end offset, then the row's text once, so that reading it back is two copies per row, not
//! an allocation per cell.
//! Each part starts with a kind byte. The reader is checked: a short, long or malformed part
//! (a decimal with an impossible scale, a count beyond the bytes left, text that is not UTF-8)
//! is an error, never a panic or an allocation sized by a count.
//!
//! ```text
//! part        := kind:u8 body
//! table rows  := 1 count:u32 (number:u32 cells:u32 end:u32*cells text:str)*
//! end         := 3 table_rows:u32 evaluation_rows:u32
//! eval rows   := 2 parks:u32 columns:u32 groups:u32
//!                park*                                   name:str rank:u32 total base bonus
//!                                                        national:u32 provincial:u32 award:opt
//!                column*                                 decs(values) decs(scores) ranked:u8
//!                                                        [u32*parks u8*parks]
//!                group*                                  decs(scores)
//! str := len:u32 utf8   dec := 2 scale:u8 mantissa:i64 | 1 16 bytes   opt := 0 | dec
//! decs := 5 (scale:u8 mantissa:i32)*parks | 6 opt*parks    (scale 255: none)
//! ```
//!
//! A column of decimals is sent in five bytes a value when every mantissa fits an `i32`
//! (scores and the figures of a park table always do) and read back in one bounds check;
//! a column with one wider value goes value by value in the tagged form.

use crate::import::{Cells, RawRow};
use crate::scoring::ParkResult;
use crate::{MaybeDecimal, ParkName, Score};
use rust_decimal::Decimal;

/// A table-rows part.
pub const TABLE_ROWS: u8 = 1;
/// An evaluation-rows part.
pub const EVALUATION_ROWS: u8 = 2;
/// The last part: how many table rows and evaluation rows the parts before it held.
pub const END: u8 = 3;

/// Why a part could not be read (in Chinese, for the page's message).
pub type WireError = String;

fn broken(what: &str) -> WireError {
    format!("计算结果无法读取：{what}")
}

/// Builds one part.
#[derive(Debug, Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    /// A part of `kind`.
    pub fn new(kind: u8) -> Writer {
        Writer(vec![kind])
    }

    /// The part's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.0
    }

    /// A byte.
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }

    /// A count or number; a length beyond `u32` cannot occur (the import's limits are far
    /// below) and is written saturated, which the reader then refuses.
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A length.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// A string.
    pub fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    /// A decimal, exactly: short when its mantissa fits an `i64` (and it is not −0, whose
    /// sign only the long form keeps).
    pub fn dec(&mut self, d: Decimal) {
        let short = i64::try_from(d.mantissa())
            .ok()
            .filter(|_| !(d.is_zero() && d.is_sign_negative()));
        match short {
            Some(m) => {
                self.u8(2);
                // A Decimal's scale is at most 28.
                self.u8(u8::try_from(d.scale()).unwrap_or(u8::MAX));
                self.0.extend_from_slice(&m.to_le_bytes());
            }
            None => {
                self.u8(1);
                self.0.extend_from_slice(&d.serialize());
            }
        }
    }

    /// An optional decimal.
    pub fn opt(&mut self, d: Option<Decimal>) {
        match d {
            None => self.u8(0),
            Some(d) => self.dec(d),
        }
    }

    /// A column of optional decimals: when every one is small (mantissa in an `i32`, not −0)
    /// five bytes each — its scale (255 for none) and the mantissa — read back
    /// in one bounds check; otherwise each in the tagged form of [`Writer::opt`].
    pub fn opt_column(&mut self, column: impl Iterator<Item = Option<Decimal>> + Clone) {
        let small = |d: &Decimal| {
            i32::try_from(d.mantissa()).is_ok() && !(d.is_zero() && d.is_sign_negative())
        };
        if column.clone().all(|d| d.as_ref().is_none_or(small)) {
            self.u8(SMALL_COLUMN);
            for d in column {
                match d {
                    // Checked just above: the mantissa fits, the scale is at most 28.
                    Some(d) => {
                        self.u8(u8::try_from(d.scale()).unwrap_or(NONE_SCALE));
                        let m = i32::try_from(d.mantissa()).unwrap_or_default();
                        self.0.extend_from_slice(&m.to_le_bytes());
                    }
                    None => self.0.extend_from_slice(&[NONE_SCALE, 0, 0, 0, 0]),
                }
            }
        } else {
            self.u8(TAGGED_COLUMN);
            for d in column {
                self.opt(d);
            }
        }
    }

    /// `u32`s, one after the other.
    pub fn u32s(&mut self, values: &[u32]) {
        self.0.reserve(values.len() * 4);
        for v in values {
            self.0.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// A column of decimals in the small form (see [`Writer::opt_column`]).
const SMALL_COLUMN: u8 = 5;
/// A column of decimals each in the tagged form.
const TAGGED_COLUMN: u8 = 6;
/// The scale byte of a missing value in a small column.
const NONE_SCALE: u8 = 0xff;

/// Reads one part, checking every length against the bytes left.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Starts reading `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if n > self.bytes.len() {
            return Err(broken("数据不完整"));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    /// A byte.
    pub fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?.first().copied().unwrap_or(0))
    }

    /// A `u32`.
    pub fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        let mut a = [0u8; 4];
        a.copy_from_slice(b);
        Ok(u32::from_le_bytes(a))
    }

    /// A count of items of at least `min_size` bytes each: refused when the bytes left
    /// cannot hold them, so no count allocates more than the part's size.
    pub fn count(&mut self, min_size: usize) -> Result<usize, WireError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size.max(1)) > self.bytes.len() {
            return Err(broken("数量与数据长度不符"));
        }
        Ok(n)
    }

    /// A string.
    pub fn str(&mut self) -> Result<String, WireError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| broken("文本不是 UTF-8"))
    }

    /// A decimal: its scale must be at most 28 (and a long one's flags only a sign bit and
    /// that scale).
    pub fn dec(&mut self) -> Result<Decimal, WireError> {
        let tag = self.u8()?;
        self.dec_tagged(tag)
    }

    fn dec_tagged(&mut self, tag: u8) -> Result<Decimal, WireError> {
        match tag {
            2 => {
                let scale = u32::from(self.u8()?);
                let b = self.take(8)?;
                let mut m = [0u8; 8];
                m.copy_from_slice(b);
                if scale > 28 {
                    return Err(broken("数值格式不对"));
                }
                Ok(Decimal::new(i64::from_le_bytes(m), scale))
            }
            1 => self.dec_long(),
            _ => Err(broken("数值标记不对")),
        }
    }

    fn dec_long(&mut self) -> Result<Decimal, WireError> {
        let b = self.take(16)?;
        let mut raw = [0u8; 16];
        raw.copy_from_slice(b);
        let flags = u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]);
        let scale = (flags >> 16) & 0xff;
        if flags & !0x80ff_0000 != 0 || scale > 28 {
            return Err(broken("数值格式不对"));
        }
        Ok(Decimal::deserialize(raw))
    }

    /// A column of `n` optional decimals written by [`Writer::opt_column`].
    pub fn opt_column(&mut self, n: usize) -> Result<Vec<Option<Decimal>>, WireError> {
        match self.u8()? {
            SMALL_COLUMN => {
                let bytes = self.take(n.checked_mul(5).ok_or_else(|| broken("数量过大"))?)?;
                let mut out = Vec::with_capacity(n);
                for cell in bytes.chunks_exact(5) {
                    let (scale, m) = cell.split_first().ok_or_else(|| broken("数据不完整"))?;
                    let mut a = [0u8; 4];
                    a.copy_from_slice(m);
                    out.push(match *scale {
                        // A missing value's mantissa bytes are zero: anything else is a
                        // broken part, not a value to drop silently.
                        NONE_SCALE if a == [0; 4] => None,
                        NONE_SCALE => return Err(broken("数值格式不对")),
                        s if s <= 28 => {
                            Some(Decimal::new(i64::from(i32::from_le_bytes(a)), u32::from(s)))
                        }
                        _ => return Err(broken("数值格式不对")),
                    });
                }
                Ok(out)
            }
            TAGGED_COLUMN => {
                // Each takes at least one byte: a count beyond the bytes left is refused.
                if n > self.bytes.len() {
                    return Err(broken("数量与数据长度不符"));
                }
                (0..n).map(|_| self.opt()).collect()
            }
            _ => Err(broken("数列标记不对")),
        }
    }

    /// A column of `n` decimals (none missing) written by [`Writer::opt_column`].
    pub fn dec_column(&mut self, n: usize) -> Result<Vec<Decimal>, WireError> {
        self.opt_column(n)?
            .into_iter()
            .map(|d| d.ok_or_else(|| broken("缺少数值")))
            .collect()
    }

    /// `n` `u32`s.
    pub fn u32s(&mut self, n: usize) -> Result<Vec<u32>, WireError> {
        let bytes = self.take(n.checked_mul(4).ok_or_else(|| broken("数量过大"))?)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// `n` flags.
    pub fn bools(&mut self, n: usize) -> Result<Vec<bool>, WireError> {
        let bytes = self.take(n)?;
        bytes
            .iter()
            .map(|&b| match b {
                0 => Ok(false),
                1 => Ok(true),
                _ => Err(broken("标记不对")),
            })
            .collect()
    }

    /// An optional decimal.
    pub fn opt(&mut self) -> Result<Option<Decimal>, WireError> {
        match self.u8()? {
            0 => Ok(None),
            tag => self.dec_tagged(tag).map(Some),
        }
    }

    /// A flag.
    pub fn bool(&mut self) -> Result<bool, WireError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(broken("标记不对")),
        }
    }

    /// The part must end here.
    pub fn end(&self) -> Result<(), WireError> {
        if self.bytes.is_empty() {
            Ok(())
        } else {
            Err(broken("多余的数据"))
        }
    }
}

/// Table rows as a part.
pub fn write_table_rows(rows: &[RawRow]) -> Vec<u8> {
    let mut w = Writer::new(TABLE_ROWS);
    w.len(rows.len());
    for row in rows {
        w.u32(row.number);
        let (text, ends) = row.cells.parts();
        w.len(ends.len());
        for &end in ends {
            w.u32(end);
        }
        w.str(text);
    }
    w.finish()
}

/// The rows of a table-rows part (after its kind byte).
pub fn read_table_rows(r: &mut Reader<'_>) -> Result<Vec<RawRow>, WireError> {
    // A row takes at least 12 bytes: its number, its cell count and its text's length.
    let n = r.count(12)?;
    let mut rows = Vec::with_capacity(n);
    for _ in 0..n {
        let number = r.u32()?;
        let cells = r.count(4)?;
        let mut ends = Vec::with_capacity(cells);
        for _ in 0..cells {
            ends.push(r.u32()?);
        }
        let text = r.str()?;
        let cells = Cells::from_parts(text, ends).ok_or_else(|| broken("单元格边界不对"))?;
        rows.push(RawRow { number, cells });
    }
    Ok(rows)
}

/// One column's cells for a run of rows.
#[derive(Debug, Default, PartialEq)]
pub struct ColumnCells {
    /// Values.
    pub values: Vec<MaybeDecimal>,
    /// Rounded scores.
    pub scores: Vec<Score>,
    /// Ranks (empty for a column that ranks nothing).
    pub ranks: Vec<u32>,
    /// Ties (empty like `ranks`).
    pub tied: Vec<bool>,
}

/// A run of evaluation rows: the parks and the same rows of every indicator and group column.
#[derive(Debug, Default, PartialEq)]
pub struct EvaluationRows {
    /// The parks.
    pub parks: Vec<ParkResult>,
    /// Per indicator column, in scheme order.
    pub columns: Vec<ColumnCells>,
    /// Per group column, in scheme order.
    pub groups: Vec<Vec<Score>>,
}

/// Borrowed slices of one column for [`write_evaluation_rows`].
pub struct ColumnSlices<'a> {
    /// Values.
    pub values: &'a [MaybeDecimal],
    /// Scores.
    pub scores: &'a [Score],
    /// Ranks (empty when the column ranks nothing).
    pub ranks: &'a [u32],
    /// Ties.
    pub tied: &'a [bool],
}

/// Evaluation rows as a part. Every column slice must be as long as `parks` (ranks and ties:
/// that long or empty); the page's reader refuses anything else.
pub fn write_evaluation_rows(
    parks: &[ParkResult],
    columns: &[ColumnSlices<'_>],
    groups: &[&[Score]],
) -> Vec<u8> {
    let mut w = Writer::new(EVALUATION_ROWS);
    w.len(parks.len());
    w.len(columns.len());
    w.len(groups.len());
    for p in parks {
        w.str(p.name.as_str());
        w.u32(p.rank);
        w.dec(p.total.value());
        w.dec(p.base.value());
        w.dec(p.bonus.value());
        w.u32(p.national_recognitions);
        w.u32(p.provincial_recognitions);
        w.opt(p.award_wan);
    }
    for c in columns {
        w.opt_column(c.values.iter().map(|v| v.get()));
        w.opt_column(c.scores.iter().map(|s| Some(s.value())));
        let ranked = !c.ranks.is_empty();
        w.u8(u8::from(ranked));
        if ranked {
            w.u32s(c.ranks);
            for t in c.tied {
                w.u8(u8::from(*t));
            }
        }
    }
    for g in groups {
        w.opt_column(g.iter().map(|s| Some(s.value())));
    }
    w.finish()
}

/// The rows of an evaluation-rows part (after its kind byte), for an evaluation of `columns`
/// indicator columns and `groups` group columns: a part that says otherwise is refused before
/// anything is allocated.
pub fn read_evaluation_rows(
    r: &mut Reader<'_>,
    (columns, groups): (usize, usize),
) -> Result<EvaluationRows, WireError> {
    // A park takes at least 4 + 4 + 3 × 10 + 8 + 1 bytes.
    let n = r.count(47)?;
    if r.u32()? as usize != columns || r.u32()? as usize != groups {
        return Err(broken("评分部分与评分结果不符"));
    }
    let mut out = EvaluationRows {
        parks: Vec::with_capacity(n),
        columns: Vec::with_capacity(columns),
        groups: Vec::with_capacity(groups),
    };
    for _ in 0..n {
        out.parks.push(ParkResult {
            name: ParkName(r.str()?),
            rank: r.u32()?,
            total: Score(r.dec()?),
            base: Score(r.dec()?),
            bonus: Score(r.dec()?),
            national_recognitions: r.u32()?,
            provincial_recognitions: r.u32()?,
            award_wan: r.opt()?,
        });
    }
    for _ in 0..columns {
        let mut c = ColumnCells {
            values: r
                .opt_column(n)?
                .into_iter()
                .map(MaybeDecimal::from)
                .collect(),
            scores: r.dec_column(n)?.into_iter().map(Score).collect(),
            ..ColumnCells::default()
        };
        if r.bool()? {
            c.ranks = r.u32s(n)?;
            c.tied = r.bools(n)?;
        }
        out.columns.push(c);
    }
    for _ in 0..groups {
        out.groups
            .push(r.dec_column(n)?.into_iter().map(Score).collect());
    }
    r.end()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn decimals_cross_exactly_and_a_bad_scale_is_refused() {
        let values = [
            d("5.08"),
            d("-0.000001"),
            Decimal::MAX,
            Decimal::MIN,
            d("12.50"),
            d("0.0000000000000000000000000001"),
            d("-9223372036854775809"),
            d("-0.00"),
        ];
        let mut w = Writer::new(0);
        for v in values {
            w.dec(v);
        }
        let bytes = w.finish();
        let mut r = Reader::new(&bytes[1..]);
        for v in values {
            let back = r.dec().unwrap();
            assert_eq!(back, v);
            assert_eq!(back.to_string(), v.to_string(), "the scale crosses too");
            assert_eq!(
                back.is_sign_negative(),
                v.is_sign_negative(),
                "and the sign"
            );
        }
        r.end().unwrap();
        // 5.08 is short: tag, scale, 8 bytes.
        assert_eq!(bytes[1..3], [2, 2]);
        // Scale 29 in a long one's flags, and in a short one; an unknown tag.
        let mut bad = vec![1];
        bad.extend_from_slice(&d("1").serialize());
        bad[3] = 29;
        assert!(Reader::new(&bad).dec().is_err());
        let mut bad = vec![2, 29];
        bad.extend_from_slice(&1i64.to_le_bytes());
        assert!(Reader::new(&bad).dec().is_err());
        assert!(Reader::new(&[7]).dec().is_err());
    }

    #[test]
    fn table_rows_round_trip_and_every_truncation_is_an_error() {
        let rows = vec![
            RawRow {
                number: 3,
                cells: Cells::from(vec!["东山园区", "", "12.5%"]),
            },
            RawRow {
                number: 4,
                cells: Cells::new(),
            },
        ];
        let bytes = write_table_rows(&rows);
        assert_eq!(bytes[0], TABLE_ROWS);
        let mut r = Reader::new(&bytes[1..]);
        assert_eq!(read_table_rows(&mut r).unwrap(), rows);
        r.end().unwrap();
        for cut in 1..bytes.len() {
            let mut r = Reader::new(&bytes[1..cut]);
            let whole = read_table_rows(&mut r).and_then(|_| r.end());
            assert!(whole.is_err(), "cut at {cut}");
        }
        // Offsets that split a character, or run past the row's text, are refused.
        let mut bad = bytes.clone();
        // kind, count, number, cells, then the first end (12: after 东山园区).
        assert_eq!(bad[13..17], 12u32.to_le_bytes());
        bad[13..17].copy_from_slice(&11u32.to_le_bytes());
        assert!(read_table_rows(&mut Reader::new(&bad[1..])).is_err());
        bad[13..17].copy_from_slice(&99u32.to_le_bytes());
        assert!(read_table_rows(&mut Reader::new(&bad[1..])).is_err());
    }

    /// Evaluation rows cross exactly: a column of small decimals in five bytes a value, a
    /// column with one wide value (or −0) value by value; a missing value stays missing.
    #[test]
    fn evaluation_rows_round_trip_in_both_column_forms() {
        let park = |name: &str, rank: u32| ParkResult {
            name: ParkName(name.to_owned()),
            rank,
            total: Score(d("95.18")),
            base: Score(d("85.18")),
            bonus: Score(d("10.00")),
            national_recognitions: 1,
            provincial_recognitions: 0,
            award_wan: Some(d("300")),
        };
        let parks = [park("红山园区", 1), park("东山园区", 2)];
        let small_values = [Some(d("625.6")), None].map(MaybeDecimal::from);
        let mut minus_zero = Decimal::new(0, 2);
        minus_zero.set_sign_negative(true);
        assert!(minus_zero.is_sign_negative());
        let wide_values = [Some(Decimal::MAX), Some(minus_zero)].map(MaybeDecimal::from);
        let scores = [Score(d("5.08")), Score(d("4"))];
        // A column whose only unusual value is −0: it goes value by value, sign kept.
        let negative_zero = [Score(minus_zero), Score(d("0.00"))];
        let columns = [
            ColumnSlices {
                values: &small_values,
                scores: &scores,
                ranks: &[1, 2],
                tied: &[false, false],
            },
            ColumnSlices {
                values: &wide_values,
                scores: &negative_zero,
                ranks: &[],
                tied: &[],
            },
        ];
        let groups: [&[Score]; 1] = [&scores];
        let bytes = write_evaluation_rows(&parks, &columns, &groups);
        // The first column's values: tag 5, then (scale 1, 6256) and (255, 0).
        let mut r = Reader::new(&bytes[1..]);
        let back = read_evaluation_rows(&mut r, (2, 1)).unwrap();
        assert_eq!(back.parks, parks);
        assert_eq!(back.columns[0].values, small_values);
        assert_eq!(back.columns[0].scores, scores);
        assert_eq!(back.columns[0].ranks, [1, 2]);
        assert_eq!(back.columns[0].tied, [false, false]);
        assert_eq!(back.columns[1].values, wide_values);
        assert!(
            back.columns[1].values[1]
                .get()
                .is_some_and(|v| v.is_sign_negative()),
            "−0 keeps its sign"
        );
        assert!(back.columns[1].scores[0].value().is_sign_negative());
        assert_eq!(back.columns[1].ranks, Vec::<u32>::new());
        assert_eq!(back.groups, [scores.to_vec()]);
        // Scales kept exactly (4 is not 4.00).
        assert_eq!(back.columns[0].scores[1].value().scale(), 0);
        for cut in 1..bytes.len() {
            let mut r = Reader::new(&bytes[1..cut]);
            let whole = read_evaluation_rows(&mut r, (2, 1)).and_then(|_| r.end());
            assert!(whole.is_err(), "cut at {cut}");
        }
        // A scale past 28 in the small form is refused, as is an unknown column tag.
        let mut w = Writer::new(EVALUATION_ROWS);
        w.u8(SMALL_COLUMN);
        w.0.extend_from_slice(&[29, 1, 0, 0, 0]);
        assert!(Reader::new(&w.0[2..]).opt_column(1).is_err());
        assert!(Reader::new(&[7, 0]).opt_column(1).is_err());
        assert!(Reader::new(&[SMALL_COLUMN, NONE_SCALE, 0, 0, 0, 0])
            .dec_column(1)
            .is_err());
    }

    #[test]
    fn a_huge_count_allocates_nothing() {
        let mut w = Writer::new(TABLE_ROWS);
        w.u32(u32::MAX);
        let bytes = w.finish();
        assert!(read_table_rows(&mut Reader::new(&bytes[1..])).is_err());
    }
}
