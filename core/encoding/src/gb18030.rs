//! The gb18030 decoder of the WHATWG Encoding Standard, which is also its GBK decoder, with
//! encoding_rs's tables (GB18030-2022 where encoding_rs follows it).
//!
//! - ASCII is itself; the single byte 0x80 is U+20AC; 0xFF is an error.
//! - A lead byte 0x81–0xFE and a trail byte 0x40–0x7E or 0x80–0xFE: the two-byte table
//!   (pointer = (lead − 0x81) × 190 + trail index). Any other trail is an error, and an ASCII
//!   trail is read again on its own (so `\x81,` is U+FFFD then a comma).
//! - A lead, a digit, a byte 0x81–0xFE and a digit: the four-byte pointer; 0–39419 through the
//!   BMP ranges, 189000–1237575 linearly onto U+10000–U+10FFFF, others an error (all four
//!   bytes consumed). A third or fourth byte out of range is an error for the lead alone: the
//!   bytes after it are read again.
//! - The input ending inside a sequence is one error.
//!
//! The two-byte table is kept as a stream (`gb18030_data::TWO_BYTE`, generated) and expanded
//! into 23,940 code points (47 KB) the first time a two-byte sequence is decoded.

use crate::gb18030_data::{RANGES, TWO_BYTE};
use std::sync::OnceLock;

/// Lead bytes × trail bytes of the two-byte table.
const TWO_BYTE_POINTERS: usize = 126 * 190;

/// What [`decode_gb18030_to`] saw: errors, and how the characters were written — which the
/// CSV import uses to tell GBK from GB18030 and to notice a Big5 or Shift_JIS file read as GBK.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gb18030Stats {
    /// Some bytes were not GB18030 (each error is one U+FFFD in the text).
    pub had_errors: bool,
    /// Characters written as two bytes.
    pub two_byte: usize,
    /// Of those, the hanzi of GB2312's block (lead 0xB0–0xF7, trail 0xA1–0xFE): the 6,763
    /// common simplified characters.
    pub gb2312_hanzi: usize,
    /// Of those, the symbols a simplified-Chinese table uses: GB2312's rows 0xA1–0xA3 and
    /// 0xA6–0xA9 (trail 0xA1–0xFE: punctuation, numbered signs, full-width ASCII, Greek,
    /// Cyrillic, pinyin, box drawing) and GBK/5 (leads 0xA8–0xA9, trail 0x40–0xA0: ㎡, ㎏, ㎞…).
    /// Not the kana rows 0xA4–0xA5, where Big5's most common characters land.
    pub common_symbols: usize,
    /// Undecodable sequences (each one U+FFFD in the text).
    pub errors: usize,
    /// Characters written as four bytes (none in a GBK file).
    pub four_byte: usize,
}

/// The two-byte table, expanded on first use.
fn two_byte_table() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| expand_two_byte(&TWO_BYTE))
}

/// Expands the two-byte stream, which `tests/generate.rs` writes as a sequence of
/// operations, each producing code points from the previous one (0 at the start):
///
/// - `0x00–0x7F` (n): n + 1 code points, each one more than the one before;
/// - `0x80–0xBF` (s): one code point, s − 0x80 + 2 more than the one before;
/// - `0xC0–0xFF` (h), then a byte l: (h − 0xC0) × 256 + l + 1 code points written out, each
///   as two bytes, big-endian.
///
/// The result has exactly [`TWO_BYTE_POINTERS`] entries whatever the stream holds (padded
/// with 0, an error, or cut), so a lookup by a valid pointer always finds its entry.
fn expand_two_byte(stream: &[u8]) -> Vec<u16> {
    let mut table = Vec::with_capacity(TWO_BYTE_POINTERS);
    let mut prev: u16 = 0;
    let mut bytes = stream.iter().copied();
    while let Some(op) = bytes.next() {
        match op {
            0x00..=0x7F => {
                for _ in 0..=op {
                    prev = prev.wrapping_add(1);
                    table.push(prev);
                }
            }
            0x80..=0xBF => {
                prev = prev.wrapping_add(u16::from(op - 0x80) + 2);
                table.push(prev);
            }
            0xC0..=0xFF => {
                let low = bytes.next().unwrap_or(0);
                let count = (usize::from(op & 0x3F) << 8 | usize::from(low)) + 1;
                for _ in 0..count {
                    let (Some(hi), Some(lo)) = (bytes.next(), bytes.next()) else {
                        break;
                    };
                    prev = u16::from_be_bytes([hi, lo]);
                    table.push(prev);
                }
            }
        }
    }
    table.resize(TWO_BYTE_POINTERS, 0);
    table
}

/// The code point of a two-byte sequence (`trail` in 0x40–0x7E or 0x80–0xFE).
fn two_byte(lead: u8, trail: u8) -> Option<char> {
    let offset = if trail < 0x7F { 0x40 } else { 0x41 };
    let pointer = usize::from(lead.wrapping_sub(0x81)) * 190 + usize::from(trail - offset);
    match two_byte_table().get(pointer) {
        Some(&cp) if cp != 0 => char::from_u32(u32::from(cp)),
        _ => None,
    }
}

/// The code point of a four-byte pointer.
fn four_byte(pointer: u32) -> Option<char> {
    if pointer <= 39419 {
        let p = u16::try_from(pointer).ok()?;
        let at = RANGES
            .partition_point(|&(start, _)| start <= p)
            .checked_sub(1)?;
        let &(start, cp) = RANGES.get(at)?;
        char::from_u32(u32::from(cp) + u32::from(p - start))
    } else if (189_000..=1_237_575).contains(&pointer) {
        char::from_u32(pointer - 189_000 + 0x10000)
    } else {
        None
    }
}

/// Appends the GB18030 (or GBK) text of `bytes` to `out`, each error as U+FFFD; says what it
/// saw. The same text and errors as encoding_rs's `GB18030.decode_without_bom_handling`.
pub fn decode_gb18030_to(bytes: &[u8], out: &mut String) -> Gb18030Stats {
    let mut stats = Gb18030Stats::default();
    out.reserve(bytes.len());
    let mut error = |out: &mut String| {
        out.push('\u{FFFD}');
        stats.had_errors = true;
        stats.errors += 1;
    };
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead.is_ascii() {
            // A run of ASCII is copied as one slice.
            let end = bytes
                .get(i..)
                .and_then(|rest| rest.iter().position(|b| !b.is_ascii()))
                .map_or(bytes.len(), |k| i + k);
            let run = bytes.get(i..end).unwrap_or_default();
            out.push_str(std::str::from_utf8(run).unwrap_or_default());
            i = end;
            continue;
        }
        match lead {
            0x80 => {
                out.push('\u{20AC}');
                i += 1;
                continue;
            }
            0xFF => {
                error(out);
                i += 1;
                continue;
            }
            _ => {}
        }
        let Some(&second) = bytes.get(i + 1) else {
            error(out);
            break;
        };
        if second.is_ascii_digit() {
            let Some(&third) = bytes.get(i + 2) else {
                error(out);
                break;
            };
            if !(0x81..=0xFE).contains(&third) {
                // The lead alone is the error; the digit and what follows are read again.
                error(out);
                i += 1;
                continue;
            }
            let Some(&fourth) = bytes.get(i + 3) else {
                error(out);
                break;
            };
            if !fourth.is_ascii_digit() {
                error(out);
                i += 1;
                continue;
            }
            let pointer = u32::from(lead - 0x81) * 12600
                + u32::from(second - 0x30) * 1260
                + u32::from(third - 0x81) * 10
                + u32::from(fourth - 0x30);
            match four_byte(pointer) {
                Some(c) => {
                    out.push(c);
                    stats.four_byte += 1;
                }
                None => error(out),
            }
            i += 4;
            continue;
        }
        let decoded = match second {
            0x40..=0x7E | 0x80..=0xFE => two_byte(lead, second),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                stats.two_byte += 1;
                match (lead, second >= 0xA1) {
                    (0xB0..=0xF7, true) => stats.gb2312_hanzi += 1,
                    (0xA1..=0xA3 | 0xA6..=0xA9, true) | (0xA8..=0xA9, false) => {
                        stats.common_symbols += 1
                    }
                    _ => {}
                }
                i += 2;
            }
            None => {
                error(out);
                // An ASCII trail is not part of the error: it is read again on its own.
                i += if second.is_ascii() { 1 } else { 2 };
            }
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_expands_to_the_whole_table() {
        let table = two_byte_table();
        assert_eq!(table.len(), TWO_BYTE_POINTERS);
        // 0xD6D0 中, 0xCEC4 文, 0xA1A1 the ideographic space, 0x8140 丂, 0xFE4F 龴.
        assert_eq!(two_byte(0xD6, 0xD0), Some('中'));
        assert_eq!(two_byte(0xCE, 0xC4), Some('文'));
        assert_eq!(two_byte(0xA1, 0xA1), Some('\u{3000}'));
        assert_eq!(two_byte(0x81, 0x40), Some('丂'));
    }

    #[test]
    fn a_cut_or_padded_stream_still_gives_a_whole_table() {
        assert_eq!(expand_two_byte(&[]).len(), TWO_BYTE_POINTERS);
        assert_eq!(
            expand_two_byte(&[0xFF, 0xFF, 0x12]).len(),
            TWO_BYTE_POINTERS
        );
        assert_eq!(expand_two_byte(&[0x7F; 1000]).len(), TWO_BYTE_POINTERS);
    }

    #[test]
    fn counts_what_it_saw() {
        let mut out = String::new();
        // 中 (GB2312 hanzi), 、 (row A1), 丂 (GBK/3), € (0x80), U+1F600 (four bytes), 0xFF,
        // α (row A6), ā (row A8), ㎡ (GBK/5, A9 4F), あ (kana row A4).
        let stats = decode_gb18030_to(
            b"\xD6\xD0\xA1\xA2\x81\x40\x80\x949\xFC6\xFF\xA6\xC1\xA8\xA1\xA9\x4F\xA4\xA2",
            &mut out,
        );
        assert_eq!(out, "中、丂€\u{1F600}\u{FFFD}αā㎡あ");
        assert_eq!(
            stats,
            Gb18030Stats {
                had_errors: true,
                two_byte: 7,
                gb2312_hanzi: 1,
                common_symbols: 4,
                errors: 1,
                four_byte: 1,
            }
        );
    }
}
