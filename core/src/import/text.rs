//! Delimited text: encoding detection, delimiter detection (comma, tab, semicolon) and an RFC
//! 4180 reader that keeps blank lines, so that row numbers are the ones Excel shows.
//!
//! The encodings are the office's: UTF-8 with or without BOM, UTF-16 with BOM (Excel's
//! "Unicode text") or without (told by its zero bytes), and GBK/GB18030 (Excel's "CSV" on
//! Chinese Windows), decoded by `parkscore-encoding`. Text that is neither UTF-16 nor valid
//! UTF-8 is read as GB18030, GBK's superset, and named `GBK` unless a four-byte sequence was
//! used.
//!
//! Judgement call: no other legacy encoding is guessed (chardetng did, at ~40 KB of the page).
//! A Big5 (traditional Chinese) or Shift_JIS (Japanese) file decodes as GBK without errors
//! into the wrong characters, so it is told apart instead: GBK text written in simplified
//! Chinese is almost all GB2312 — its hanzi block (lead 0xB0–0xF7, trail 0xA1–0xFE) and its
//! punctuation rows (0xA1–0xA3) —, while Big5 and Shift_JIS text read as GBK falls mostly
//! outside them (on kana, Greek, private-use and rare hanzi). When more than a quarter of the
//! two-byte characters, and at least [`MIN_UNUSUAL`] of them, lie outside GB2312's common
//! part, the file is refused ([`DecodeError::OtherEncoding`]) with a message that says to save
//! it as UTF-8 or GBK — never read into wrong names. A GBK file with a few rare characters (a
//! name with 堃 or 喆) is read as before; so are Greek, Cyrillic, pinyin, box drawing and the
//! GBK/5 unit signs (㎡) a simplified-Chinese table may hold. Two more refusals keep a file from
//! being read wrong: undecodable bytes among few Chinese characters (a windows-1252 `Café`),
//! and UTF-8 with a few bad bytes (a cut-off file, a line pasted in GBK), which is refused
//! naming the line rather than read as GBK ([`DecodeError::DamagedUtf8`]).

use super::Cells;
use parkscore_encoding::{decode_gb18030_to, Encoding};

/// Text decoded from bytes, with the name of the encoding it was in.
#[derive(Debug)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GBK`, `GB18030`.
    pub encoding: String,
}

/// Why bytes were not read as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not text in any encoding we accept: NUL bytes, invalid UTF-8 after a UTF-8 BOM, or more
    /// than one character in twenty undecodable (binary content).
    NotText,
    /// Text, but not UTF-8, UTF-16 or GBK: read as GBK it gives mostly characters a
    /// simplified-Chinese table never holds (Big5, Shift_JIS), or undecodable bytes among few
    /// Chinese characters (windows-1252).
    OtherEncoding,
    /// UTF-8 with a few bytes that are not (a file cut off, or a line pasted in another
    /// encoding): the first such byte is on this line (1-based).
    DamagedUtf8 {
        /// The line of the first undecodable byte.
        line: usize,
    },
}

/// UTF-8 with a few bad bytes, told from GBK: GBK text read as UTF-8 has far fewer valid
/// multi-byte characters than invalid sequences (a GBK pair is valid UTF-8 only by chance:
/// about one in four in the sample and the tests' tables), while damaged UTF-8 has many valid
/// characters around each bad spot (a GBK line pasted into a short UTF-8 file: four to one).
/// Two to one decides. Returns the line of the first bad byte.
fn damaged_utf8(bytes: &[u8]) -> Option<usize> {
    let mut valid = 0usize;
    let mut invalid = 0usize;
    let mut first_bad = None;
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_bad.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    let at = first_bad?;
    (valid >= 2 * invalid).then(|| memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1)
}

/// Fewest two-byte characters outside GB2312's common part for [`DecodeError::OtherEncoding`]:
/// a short GBK file with a few rare names is never refused for them.
pub const MIN_UNUSUAL: usize = 8;

/// Decodes `bytes`, detecting the encoding (see the module docs).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| Decoded {
                text: t.to_owned(),
                encoding: "UTF-8 (BOM)".to_owned(),
            })
            .map_err(|_| DecodeError::NotText);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(Encoding::Utf16Le, rest, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(Encoding::Utf16Be, rest, "UTF-16BE");
    }
    if let Some((encoding, name)) = utf16_without_bom(bytes) {
        return decode_utf16(encoding, bytes, name);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::NotText);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8".to_owned(),
        });
    }
    if let Some(line) = damaged_utf8(bytes) {
        return Err(DecodeError::DamagedUtf8 { line });
    }
    let mut text = String::new();
    let stats = decode_gb18030_to(bytes, &mut text);
    let unusual = stats
        .two_byte
        .saturating_sub(stats.gb2312_hanzi)
        .saturating_sub(stats.common_symbols);
    if unusual >= MIN_UNUSUAL && unusual * 4 > stats.two_byte {
        return Err(DecodeError::OtherEncoding);
    }
    // Undecodable bytes among few Chinese characters: a Latin-1 or windows-1252 file (`Café`
    // read as GBK gives `Caf�`), never a GBK file, whose one stray byte (a cut-off end) sits
    // among hundreds of characters.
    if stats.errors > 0 && stats.errors * 20 > stats.two_byte {
        return Err(DecodeError::OtherEncoding);
    }
    let name = if stats.four_byte == 0 {
        "GBK"
    } else {
        "GB18030"
    };
    checked(text, stats.had_errors, name)
}

/// UTF-16 without a BOM: most even (LE) or odd (BE) bytes of ASCII-heavy text are zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<(Encoding, &'static str)> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_hi = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_lo = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_hi * 10 >= pairs * 3 && zero_lo == 0 {
        Some((Encoding::Utf16Le, "UTF-16LE"))
    } else if zero_lo * 10 >= pairs * 3 && zero_hi == 0 {
        Some((Encoding::Utf16Be, "UTF-16BE"))
    } else {
        None
    }
}

fn decode_utf16(encoding: Encoding, bytes: &[u8], name: &str) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    checked(text.into_owned(), had_errors, name)
}

/// The decoded text, unless it is binary: a NUL, or more than one U+FFFD in twenty characters
/// (a few undecodable bytes, such as a stray byte at a cut-off end, are tolerated).
fn checked(text: String, had_errors: bool, name: &str) -> Result<Decoded, DecodeError> {
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 20 > text.chars().count().max(1) {
            return Err(DecodeError::NotText);
        }
    }
    if text.contains('\0') {
        return Err(DecodeError::NotText);
    }
    Ok(Decoded {
        text,
        encoding: name.to_owned(),
    })
}

/// Picks the delimiter that splits the first lines most consistently: for each candidate, the
/// most common non-zero field separator count times the number of lines that have it.
pub fn detect_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (',', 0usize);
    for candidate in [',', '\t', ';'] {
        let mut counts = std::collections::BTreeMap::new();
        for line in &lines {
            let n = count_outside_quotes(line, candidate);
            if n > 0 {
                *counts.entry(n).or_insert(0usize) += 1;
            }
        }
        let score = counts
            .iter()
            .map(|(n, lines)| n * lines * lines)
            .max()
            .unwrap_or(0);
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Why a delimited text was refused while it was split into records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DelimitedError {
    /// More than the allowed number of records.
    TooManyRecords(usize),
    /// A non-empty field beyond the allowed number of columns: record (1-based) and column
    /// (0-based).
    TooWide { record: usize, column: usize },
    /// A field longer than the allowed number of characters: record (1-based), column
    /// (0-based).
    FieldTooLong { record: usize, column: usize },
}

/// What [`parse_delimited`] accepts: bounds that keep memory proportional to the input.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    /// Most records.
    pub records: usize,
    /// Most columns a non-empty field may stand in; empty fields beyond it are dropped, so a
    /// line of four million commas costs nothing.
    pub columns: usize,
    /// Most characters in one field.
    pub field_chars: usize,
}

/// Splits `text` into records of fields (RFC 4180 quoting, CR/LF/CRLF line ends, blank lines
/// kept as empty records so that record numbers match line numbers without embedded newlines).
/// Each record's trailing empty fields are dropped.
///
/// An ASCII delimiter (the comma, tab and semicolon [`detect_delimiter`] chooses) is split
/// byte-wise: an unquoted field is one slice of the text, copied once into its row; only a
/// quoted field is assembled piece by piece. Any other delimiter goes character by character
/// ([`parse_delimited_chars`], which the property test `both_splitters_agree` holds the fast
/// one to, errors included).
pub fn parse_delimited(
    text: &str,
    delimiter: char,
    bounds: Bounds,
) -> Result<Vec<Cells>, DelimitedError> {
    let Ok(d) = u8::try_from(delimiter) else {
        return parse_delimited_chars(text, delimiter, bounds);
    };
    if !d.is_ascii() || matches!(d, b'"' | b'\r' | b'\n') {
        return parse_delimited_chars(text, delimiter, bounds);
    }
    let b = text.as_bytes();
    let n = b.len();
    // The end of an unquoted run: the next delimiter or line end (all ASCII, so a byte index
    // found here is always a character boundary).
    let run_end = |from: usize| {
        b.get(from..)
            .and_then(|rest| {
                rest.iter()
                    .position(|&c| c == d || c == b'\r' || c == b'\n')
            })
            .map_or(n, |k| from + k)
    };
    let mut records: Vec<Cells> = Vec::new();
    let mut record = Cells::new();
    let mut pending_empty = 0usize;
    let mut quoted_field = String::new();
    let mut i = 0usize;
    let mut at_record_start = true;
    loop {
        if i >= n && at_record_start {
            break;
        }
        at_record_start = false;
        let record_no = records.len() + 1;
        let value: &str = if b.get(i) == Some(&b'"') {
            quoted_field.clear();
            let mut j = i + 1;
            loop {
                match b
                    .get(j..)
                    .and_then(|rest| rest.iter().position(|&c| c == b'"'))
                {
                    None => {
                        quoted_field.push_str(text.get(j..).unwrap_or_default());
                        j = n;
                        break;
                    }
                    Some(k) => {
                        quoted_field.push_str(text.get(j..j + k).unwrap_or_default());
                        j += k + 1;
                        if b.get(j) == Some(&b'"') {
                            quoted_field.push('"');
                            j += 1;
                        } else {
                            break;
                        }
                    }
                }
            }
            // After the closing quote, the rest of the field is taken as written.
            let end = run_end(j);
            quoted_field.push_str(text.get(j..end).unwrap_or_default());
            i = end;
            &quoted_field
        } else {
            let end = run_end(i);
            let value = text.get(i..end).unwrap_or_default();
            i = end;
            value
        };
        let column = record.len() + pending_empty;
        if value.len() > bounds.field_chars && value.chars().count() > bounds.field_chars {
            return Err(DelimitedError::FieldTooLong {
                record: record_no,
                column,
            });
        }
        if i >= n {
            // The text ends inside this record: it counts if anything was written in it.
            if !value.is_empty() || !record.is_empty() || pending_empty > 0 {
                end_field(&mut record, value, &mut pending_empty, record_no, bounds)?;
                records.push(std::mem::take(&mut record));
            }
            break;
        }
        end_field(&mut record, value, &mut pending_empty, record_no, bounds)?;
        match b.get(i) {
            Some(&c) if c == d => i += 1,
            Some(&c) => {
                i += 1;
                if c == b'\r' && b.get(i) == Some(&b'\n') {
                    i += 1;
                }
                pending_empty = 0;
                end_record(&mut records, &mut record, bounds)?;
                at_record_start = true;
            }
            None => {}
        }
    }
    if records.len() > bounds.records {
        return Err(DelimitedError::TooManyRecords(bounds.records));
    }
    Ok(records)
}

/// Ends a record at a line end: it joins `records` (refused past the bound), and the next one
/// is sized like it — rows of a table are alike, so most are allocated once, at their size; a
/// short row after a long one gives the rest back.
fn end_record(
    records: &mut Vec<Cells>,
    record: &mut Cells,
    bounds: Bounds,
) -> Result<(), DelimitedError> {
    let next = Cells::with_capacity(record.len(), record.parts().0.len());
    let mut done = std::mem::replace(record, next);
    done.shrink_loose();
    records.push(done);
    if records.len() > bounds.records {
        return Err(DelimitedError::TooManyRecords(bounds.records));
    }
    Ok(())
}

/// Ends a field of [`parse_delimited`]: an empty one is only counted (trailing empty fields
/// never take memory); a non-empty one past the column bound is refused, else written after
/// the empty ones before it.
fn end_field(
    record: &mut Cells,
    value: &str,
    pending_empty: &mut usize,
    record_no: usize,
    bounds: Bounds,
) -> Result<(), DelimitedError> {
    let column = record.len() + *pending_empty;
    if value.is_empty() {
        *pending_empty += 1;
        return Ok(());
    }
    if column >= bounds.columns {
        return Err(DelimitedError::TooWide {
            record: record_no,
            column,
        });
    }
    for _ in 0..*pending_empty {
        record.push("");
    }
    *pending_empty = 0;
    record.push(value);
    Ok(())
}

/// [`parse_delimited`] character by character, for any delimiter.
pub fn parse_delimited_chars(
    text: &str,
    delimiter: char,
    bounds: Bounds,
) -> Result<Vec<Cells>, DelimitedError> {
    let mut records: Vec<Cells> = Vec::new();
    let mut record = Cells::new();
    // Empty fields seen since the last non-empty one: pushed only when a non-empty field
    // follows, so trailing empty fields never take memory.
    let mut pending_empty = 0usize;
    let mut field = String::new();
    let mut field_chars = 0usize;
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    // Ends the current field (see `end_field`); the buffer is kept for the next field: one
    // allocation per text, not per cell.
    let end_char_field = |record: &mut Cells,
                          field: &mut String,
                          pending_empty: &mut usize,
                          record_no: usize|
     -> Result<(), DelimitedError> {
        end_field(record, field, pending_empty, record_no, bounds)?;
        field.clear();
        Ok(())
    };
    while let Some(c) = chars.next() {
        let record_no = records.len() + 1;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    field_chars += 1;
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
                field_chars += 1;
            }
        } else {
            match c {
                '"' if at_field_start => {
                    quoted = true;
                    at_field_start = false;
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    end_char_field(&mut record, &mut field, &mut pending_empty, record_no)?;
                    field_chars = 0;
                    pending_empty = 0;
                    end_record(&mut records, &mut record, bounds)?;
                    at_field_start = true;
                }
                c if c == delimiter => {
                    end_char_field(&mut record, &mut field, &mut pending_empty, record_no)?;
                    field_chars = 0;
                    at_field_start = true;
                }
                _ => {
                    field.push(c);
                    field_chars += 1;
                    at_field_start = false;
                }
            }
        }
        if field_chars > bounds.field_chars {
            return Err(DelimitedError::FieldTooLong {
                record: record_no,
                column: record.len() + pending_empty,
            });
        }
    }
    if !field.is_empty() || !record.is_empty() || pending_empty > 0 {
        let record_no = records.len() + 1;
        end_char_field(&mut record, &mut field, &mut pending_empty, record_no)?;
        records.push(record);
    }
    if records.len() > bounds.records {
        return Err(DelimitedError::TooManyRecords(bounds.records));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Bounds = Bounds {
        records: 10,
        columns: 1000,
        field_chars: 100,
    };

    #[test]
    fn detects_encodings() {
        assert_eq!(decode("园区,1\n".as_bytes()).unwrap().encoding, "UTF-8");
        let bom = [b"\xEF\xBB\xBF".as_slice(), "园区".as_bytes()].concat();
        let d = decode(&bom).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("园区", "UTF-8 (BOM)")
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("园区名称,新增工业总产值\n东山园区,12.5\n");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.text, "园区名称,新增工业总产值\n东山园区,12.5\n");
        let mut le = vec![0xFF, 0xFE];
        for u in "园区\t1\r\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            ("园区\t1\r\n", "UTF-16LE")
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err(),
            DecodeError::NotText
        );
    }

    /// A CSV of simplified Chinese as Excel writes it on Chinese Windows.
    const SIMPLIFIED: &str = "园区名称,新增工业总产值（亿元）,规模以上工业企业数（个）,联系人\n\
        红山经济开发区,12.5,30,王堃\n\
        元宝山工业园区,8.1,22,李喆\n\
        喀喇沁旗锦山工业园区,6.4,17,赵昇\n\
        翁牛特旗玉龙工业园区,5.2,15,张三\n";

    #[test]
    fn gbk_with_rare_names_is_gbk_and_a_four_byte_character_makes_it_gb18030() {
        // 堃, 喆 and 昇 are GBK, outside GB2312: a few rare names are read, not refused.
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(SIMPLIFIED);
        assert!(!unmappable);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (SIMPLIFIED, "GBK"));
        // 𠀀 (U+20000) has only a four-byte form.
        let text = format!("{SIMPLIFIED}𠀀园区,1\n");
        let (gb18030, _, _) = encoding_rs::GB18030.encode(&text);
        let d = decode(&gb18030).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding.as_str()),
            (text.as_str(), "GB18030")
        );
    }

    #[test]
    fn big5_and_shift_jis_are_refused_not_read_as_wrong_characters() {
        let traditional = "園區名稱,新增工業總產值（億元）,規模以上工業企業數（個）,聯繫人\n\
            紅山經濟開發區,12.5,30,王小明\n\
            元寶山工業園區,8.1,22,李大華\n";
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(traditional);
        assert!(!unmappable);
        assert_eq!(decode(&big5).unwrap_err(), DecodeError::OtherEncoding);
        let japanese = "工業団地名,新規工業総生産額（億円）,企業数,ご担当者\n\
            赤峰テクノパーク,12.5,30,山田太郎\n\
            元宝山工業団地,8.1,22,佐藤花子\n";
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(japanese);
        assert!(!unmappable);
        assert_eq!(decode(&sjis).unwrap_err(), DecodeError::OtherEncoding);
        // Even a header alone is enough.
        let (header, _, _) =
            encoding_rs::BIG5.encode("園區名稱,新增工業總產值,規模以上工業企業數\n");
        assert_eq!(decode(&header).unwrap_err(), DecodeError::OtherEncoding);
    }

    /// What a simplified-Chinese GBK table may hold besides hanzi — Greek, pinyin, the ㎡ of
    /// GBK/5, traditional names in a simplified file — is read, not taken for Big5.
    #[test]
    fn gbk_symbols_and_pinyin_are_gbk() {
        let greek =
            "园区名称,α系数,β系数,γ系数,δ系数,ε系数,ζ系数,η系数,θ系数\n东山园区,1,2,3,4,5,6,7,8\n";
        let area: String = std::iter::once("园区名称,用地面积,建筑面积\n".to_owned())
            .chain((0..20).map(|i| format!("园区{i},1000㎡,2000㎡\n")))
            .collect();
        let pinyin =
            "园区名称,拼音\n东山园区,dōng shān\n红山园区,hóng shān\n元宝山园区,yuán bǎo shān\n";
        for text in [greek, area.as_str(), pinyin] {
            let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
            assert!(!unmappable, "{text}");
            let d = decode(&gbk).unwrap();
            assert_eq!((d.text.as_str(), d.encoding.as_str()), (text, "GBK"));
        }
    }

    /// UTF-8 with a few bad bytes is refused naming the line of the first, not read as GBK
    /// (which would call it Big5, or read every character wrong).
    #[test]
    fn damaged_utf8_is_refused_at_its_line() {
        let good = "园区名称,新增工业总产值\n东山园区,12.5\n红山园区,8.1\n元宝山园区,6.4\n";
        let stray = [good.as_bytes(), b"\xFF"].concat();
        assert_eq!(
            decode(&stray).unwrap_err(),
            DecodeError::DamagedUtf8 { line: 5 }
        );
        let cut = &good.as_bytes()[..good.len() - 7];
        assert!(std::str::from_utf8(cut).is_err(), "cut inside a character");
        assert_eq!(
            decode(cut).unwrap_err(),
            DecodeError::DamagedUtf8 { line: 4 }
        );
        let (gbk_row, _, _) = encoding_rs::GBK.encode("安庆园区,3.2\n");
        let mixed = [good.as_bytes(), &gbk_row].concat();
        assert_eq!(
            decode(&mixed).unwrap_err(),
            DecodeError::DamagedUtf8 { line: 5 }
        );
    }

    /// A windows-1252 file decodes as GBK with undecodable bytes among few Chinese
    /// characters: refused, not read as `Caf�`.
    #[test]
    fn windows_1252_is_refused_not_read_as_gbk() {
        let (latin, _, _) =
            encoding_rs::WINDOWS_1252.encode("Name,Wert\nMüller Straße,1\nCafé Park,2\nZürich,3\n");
        assert_eq!(decode(&latin).unwrap_err(), DecodeError::OtherEncoding);
        // One stray byte at the cut-off end of a real GBK file is still read (as U+FFFD).
        let (gbk, _, _) = encoding_rs::GBK.encode(SIMPLIFIED);
        let cut = [gbk.as_ref(), b"\xD6"].concat();
        let d = decode(&cut).unwrap();
        assert!(
            d.text.ends_with('\u{FFFD}') && d.encoding == "GBK",
            "{:?}",
            d.text
        );
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("标题\na,b,c\n1,2,3\n"), ',');
        assert_eq!(
            detect_delimiter("a\tb\tc\n\"1,234\"\t2\t3\n1,5\t2\t3\n"),
            '\t'
        );
        assert_eq!(detect_delimiter("a;b;c\n1,5;2;3\n"), ';');
    }

    proptest::proptest! {
        /// The byte-wise splitter gives what the character-wise one gives — records, fields
        /// and errors — for any text of quotes, delimiters, line ends, CJK and spaces.
        #[test]
        fn both_splitters_agree(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "中", ",", "\"", "\r", "\n", "\t", " ", ";", "\"\"", "12.5"]),
                0..60,
            ),
            delimiter in proptest::sample::select(vec![',', '\t', ';']),
            records in 1usize..6,
            columns in 1usize..6,
            field_chars in 1usize..8,
        ) {
            let text: String = parts.concat();
            let bounds = Bounds { records, columns, field_chars };
            proptest::prop_assert_eq!(
                parse_delimited(&text, delimiter, bounds),
                parse_delimited_chars(&text, delimiter, bounds),
                "{:?}", text
            );
            proptest::prop_assert_eq!(
                parse_delimited(&text, delimiter, BOUNDS),
                parse_delimited_chars(&text, delimiter, BOUNDS),
                "{:?}", text
            );
        }
    }

    #[test]
    fn keeps_blank_lines_and_quotes() {
        let rows = parse_delimited("t\r\n\r\na,\"b,\"\"c\"\"\nd\"\r\n1,2", ',', BOUNDS).unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["t".to_owned()],
                Vec::<String>::new(),
                vec!["a".to_owned(), "b,\"c\"\nd".to_owned()],
                vec!["1".to_owned(), "2".to_owned()],
            ]
        );
        // Trailing empty fields cost nothing: four million commas, then data.
        let wide = format!("名称{}\nA,1,,\n", ",".repeat(4_000_000));
        assert_eq!(
            parse_delimited(&wide, ',', BOUNDS).unwrap(),
            vec![
                vec!["名称".to_owned()],
                vec!["A".to_owned(), "1".to_owned()]
            ]
        );
        // A non-empty field in column 5 (0-based 4) is too wide for 4 columns.
        let narrow = Bounds {
            columns: 4,
            ..BOUNDS
        };
        assert_eq!(
            parse_delimited("a,b\n,,,,x\n", ',', narrow),
            Err(DelimitedError::TooWide {
                record: 2,
                column: 4
            })
        );
        assert_eq!(
            parse_delimited("a,b\n,,,x\n", ',', narrow).unwrap().len(),
            2
        );
        let short = Bounds {
            field_chars: 3,
            ..BOUNDS
        };
        assert_eq!(
            parse_delimited("abc,\"d\"\"ef\"\n", ',', short),
            Err(DelimitedError::FieldTooLong {
                record: 1,
                column: 1
            })
        );
        let two = Bounds {
            records: 2,
            ..BOUNDS
        };
        assert_eq!(
            parse_delimited("a\nb\nc\n", ',', two),
            Err(DelimitedError::TooManyRecords(2))
        );
    }
}
