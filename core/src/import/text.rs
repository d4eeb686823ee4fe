//! Delimited text: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM as Excel's
//! "Unicode text", GB18030/GBK as Excel's "CSV" on Chinese Windows), delimiter detection
//! (comma, tab, semicolon) and an RFC 4180 reader that keeps blank lines, so that row numbers
//! are the ones Excel shows.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, with the name of the encoding it was in.
#[derive(Debug)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GBK`, …
    pub encoding: String,
}

/// Decodes `bytes`, detecting the encoding. `None` when the bytes are not text in any
/// encoding we accept (binary content).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|t| Decoded {
            text: t.to_owned(),
            encoding: "UTF-8 (BOM)".to_owned(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_with(UTF_16LE, rest, "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_with(UTF_16BE, rest, "UTF-16BE");
    }
    if let Some(guess) = utf16_without_bom(bytes) {
        return decode_with(guess.0, bytes, guess.1);
    }
    if bytes.contains(&0) {
        return None;
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8".to_owned(),
        });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), true);
    // GBK files are read as GB18030, its superset, so that rare characters decode too.
    let (encoding, name) = if guess == encoding_rs::GBK || guess == GB18030 {
        (GB18030, if guess == GB18030 { "GB18030" } else { "GBK" })
    } else {
        (guess, guess.name())
    };
    decode_with(encoding, bytes, name)
}

/// UTF-16 without a BOM: most even (LE) or odd (BE) bytes of ASCII-heavy text are zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_hi = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_lo = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_hi * 10 >= pairs * 3 && zero_lo == 0 {
        Some((UTF_16LE, "UTF-16LE"))
    } else if zero_lo * 10 >= pairs * 3 && zero_hi == 0 {
        Some((UTF_16BE, "UTF-16BE"))
    } else {
        None
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8], name: &str) -> Option<Decoded> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors && encoding != UTF_8 {
        // Tolerate a few undecodable bytes (a stray byte at a cut-off end), not binary data.
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 20 > text.chars().count().max(1) {
            return None;
        }
    }
    if text.contains('\0') {
        return None;
    }
    Some(Decoded {
        text: text.into_owned(),
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

/// Splits `text` into records of fields (RFC 4180: `"` quotes, `""` inside quotes is a quote,
/// quoted fields may hold delimiters and line breaks). CRLF, LF and lone CR end a record; a
/// blank line is an empty record, so that record *i* is Excel's row *i + 1*. Stops with
/// `Err(limit)` as soon as there are more than `max_records` records.
pub fn parse_delimited(
    text: &str,
    delimiter: char,
    max_records: usize,
) -> Result<Vec<Vec<String>>, usize> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                if records.len() > max_records {
                    return Err(max_records);
                }
                at_field_start = true;
            }
            c if c == delimiter => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    if records.len() > max_records {
        return Err(max_records);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_none());
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

    #[test]
    fn keeps_blank_lines_and_quotes() {
        let rows = parse_delimited("t\r\n\r\na,\"b,\"\"c\"\"\nd\"\r\n1,2", ',', 10).unwrap();
        assert_eq!(
            rows,
            vec![
                vec!["t".to_owned()],
                vec!["".to_owned()],
                vec!["a".to_owned(), "b,\"c\"\nd".to_owned()],
                vec!["1".to_owned(), "2".to_owned()],
            ]
        );
        assert_eq!(parse_delimited("a\nb\nc\n", ',', 2), Err(2));
    }
}
