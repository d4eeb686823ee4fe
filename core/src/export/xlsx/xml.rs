//! The XML text the writer puts in every part: escaping (as rust_xlsxwriter escapes, so that
//! the parts come out byte for byte the same), cell and range names, and sheet names as
//! formulas quote them.

use std::fmt::Write as _;

/// The rows of a sheet (Excel's limit).
pub(super) const ROW_MAX: u32 = 1_048_576;
/// The columns of a sheet (Excel's limit).
pub(super) const COL_MAX: u16 = 16_384;

/// The XML declaration every part but the theme starts with (the theme carries its own).
pub(super) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// `text` as element content: `& < >` as entities, and the control characters XML 1.0
/// forbids (and U+FFFE, U+FFFF) as Excel's `_xHHHH_` escapes, which Excel turns back into the
/// characters; tab and line feed stay.
pub(super) fn push_data(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {
                // Infallible: writing to a String.
                let _ = write!(out, "_x{:04X}_", u32::from(c));
            }
            _ => out.push(c),
        }
    }
}

/// `text` as an attribute value (between double quotes): `& " < >` as entities and a line
/// feed as `&#xA;`, as rust_xlsxwriter writes them. A control character XML 1.0 forbids is
/// left out: rust_xlsxwriter would write it as it is, which no XML reader takes (the one place
/// the parts may differ, and only for text that would break the file).
pub(super) fn push_attr(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("&#xA;"),
            '\t' | '\r' => out.push(c),
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
}

/// `text` with every literal `_xHHHH_` in it protected (`_x005F_xHHHH_`), so that Excel does
/// not read it as an escape: what shared strings hold before [`push_data`].
pub(super) fn protect_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("_x") {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 12);
    let mut last = 0;
    for (at, _) in text.match_indices("_x") {
        let escape = bytes
            .get(at + 2..at + 7)
            .is_some_and(|tail| tail[..4].iter().all(u8::is_ascii_hexdigit) && tail[4] == b'_');
        if escape {
            out.push_str(&text[last..at]);
            out.push_str("_x005F");
            last = at;
        }
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// `<tag a="v" …>` (or `…/>` when `empty`), the values escaped.
pub(super) fn tag(out: &mut String, name: &str, attributes: &[(&str, &str)], empty: bool) {
    out.push('<');
    out.push_str(name);
    for (key, value) in attributes {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        push_attr(out, value);
        out.push('"');
    }
    out.push_str(if empty { "/>" } else { ">" });
}

/// `<tag>text</tag>`, the text escaped.
pub(super) fn element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_data(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// `</tag>`.
pub(super) fn end(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// A column's letters: 0 → `A`, 26 → `AA`.
pub(super) fn column_name(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// `B3` for (2, 1).
pub(super) fn cell_name(row: u32, col: u16) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// `A1:C4`, or `A1` for one cell.
pub(super) fn range_name(first_row: u32, first_col: u16, last_row: u32, last_col: u16) -> String {
    let first = cell_name(first_row, first_col);
    let last = cell_name(last_row, last_col);
    if first == last {
        first
    } else {
        format!("{first}:{last}")
    }
}

/// `$A$1:$C$4`, or `$A$1` for one cell.
pub(super) fn absolute_range(
    first_row: u32,
    first_col: u16,
    last_row: u32,
    last_col: u16,
) -> String {
    let cell = |r: u32, c: u16| format!("${}${}", column_name(c), u64::from(r) + 1);
    let (first, last) = (cell(first_row, first_col), cell(last_row, last_col));
    if first == last {
        first
    } else {
        format!("{first}:{last}")
    }
}

/// `name` as a formula names a sheet: quoted (`'原始数据1-工信局'`, apostrophes doubled) unless
/// it is letters, digits, `_` and `.` only, does not start with a digit or `.`, and cannot be
/// read as a cell (`A1`, `R1C1`) — rust_xlsxwriter's rule, emoji included.
pub(super) fn quote_sheet_name(name: &str) -> String {
    let upper = name.to_uppercase();
    let digit_at = name.find(|c: char| c.is_ascii_digit());
    let (letters, number) = match digit_at {
        Some(at) => (name[..at].to_uppercase(), name[at..].to_uppercase()),
        None => (String::new(), String::new()),
    };
    let ascii_letters =
        digit_at.is_some_and(|at| name[..at].chars().all(|c| c.is_ascii_alphabetic()));
    let rc_number = number
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or_default();
    let quote = if name.starts_with('\'') {
        false
    } else if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || is_emoji(c))
        || name.starts_with(|c: char| c.is_ascii_digit() || c == '.' || is_emoji(c))
    {
        true
    } else if ascii_letters
        && (1..=3).contains(&letters.len())
        && number.chars().all(|c| c.is_ascii_digit())
    {
        let col = letters
            .bytes()
            .fold(0u64, |acc, b| acc * 26 + u64::from(b - b'A' + 1));
        let row = number.parse::<u64>().unwrap_or_default();
        row > 0 && row <= u64::from(ROW_MAX) && col <= u64::from(COL_MAX)
    } else if letters == "R" {
        let row = rc_number.parse::<u64>().unwrap_or_default();
        row > 0 && row <= u64::from(ROW_MAX)
    } else if letters == "RC" || letters == "C" {
        let col = rc_number.parse::<u64>().unwrap_or_default();
        col > 0 && col <= u64::from(COL_MAX)
    } else {
        upper == "R" || upper == "C" || upper == "RC"
    };
    if quote {
        format!("'{}'", name.replace('\'', "''"))
    } else {
        name.to_owned()
    }
}

/// Whether `c` is an emoji a sheet name may hold unquoted (rust_xlsxwriter's table).
#[rustfmt::skip]
fn is_emoji(c: char) -> bool {
    if c < '\u{203C}' {
        return false;
    }
    if c < '\u{01F004}' {
        return matches!(c,
            '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}' | '\u{2194}'..='\u{2199}' |
            '\u{21A9}' | '\u{21AA}' | '\u{231A}' | '\u{231B}' | '\u{2328}' | '\u{23CF}' |
            '\u{23E9}'..='\u{23F3}' | '\u{23F8}'..='\u{23FA}' | '\u{24C2}' | '\u{25AA}' |
            '\u{25AB}' | '\u{25B6}' | '\u{25C0}' | '\u{25FB}'..='\u{25FE}' |
            '\u{2600}'..='\u{2604}' | '\u{260E}' | '\u{2611}' | '\u{2614}' | '\u{2615}' |
            '\u{2618}' | '\u{261D}' | '\u{2620}' | '\u{2622}' | '\u{2623}' | '\u{2626}' |
            '\u{262A}' | '\u{262E}' | '\u{262F}' | '\u{2638}'..='\u{263A}' | '\u{2640}' |
            '\u{2642}' | '\u{2648}'..='\u{2653}' | '\u{265F}' | '\u{2660}' | '\u{2663}' |
            '\u{2665}' | '\u{2666}' | '\u{2668}' | '\u{267B}' | '\u{267E}' | '\u{267F}' |
            '\u{2692}'..='\u{2697}' | '\u{2699}' | '\u{269B}' | '\u{269C}' | '\u{26A0}' |
            '\u{26A1}' | '\u{26A7}' | '\u{26AA}' | '\u{26AB}' | '\u{26B0}' | '\u{26B1}' |
            '\u{26BD}' | '\u{26BE}' | '\u{26C4}' | '\u{26C5}' | '\u{26C8}' | '\u{26CE}' |
            '\u{26CF}' | '\u{26D1}' | '\u{26D3}' | '\u{26D4}' | '\u{26E9}' | '\u{26EA}' |
            '\u{26F0}'..='\u{26F5}' | '\u{26F7}'..='\u{26FA}' | '\u{26FD}' | '\u{2702}' |
            '\u{2705}' | '\u{2708}'..='\u{270D}' | '\u{270F}' | '\u{2712}' | '\u{2714}' |
            '\u{2716}' | '\u{271D}' | '\u{2721}' | '\u{2728}' | '\u{2733}' | '\u{2734}' |
            '\u{2744}' | '\u{2747}' | '\u{274C}' | '\u{274E}' | '\u{2753}'..='\u{2755}' |
            '\u{2757}' | '\u{2763}' | '\u{2764}' | '\u{2795}'..='\u{2797}' | '\u{27A1}' |
            '\u{27B0}' | '\u{27BF}' | '\u{2934}' | '\u{2935}' | '\u{2B05}'..='\u{2B07}' |
            '\u{2B1B}' | '\u{2B1C}' | '\u{2B50}' | '\u{2B55}' | '\u{3030}' | '\u{303D}' |
            '\u{3297}' | '\u{3299}'
        );
    }
    matches!(c,
        '\u{01F004}' | '\u{01F0CF}' | '\u{01F170}' | '\u{01F171}' | '\u{01F17E}' | '\u{01F17F}' |
        '\u{01F18E}' | '\u{01F191}'..='\u{01F19A}' | '\u{01F1E6}'..='\u{01F1FF}' | '\u{01F201}' |
        '\u{01F202}' | '\u{01F21A}' | '\u{01F22F}' | '\u{01F232}'..='\u{01F23A}' | '\u{01F250}' |
        '\u{01F251}' | '\u{01F300}'..='\u{01F321}' | '\u{01F324}'..='\u{01F393}' | '\u{01F396}' |
        '\u{01F397}' | '\u{01F399}'..='\u{01F39B}' | '\u{01F39E}'..='\u{01F3F0}' |
        '\u{01F3F3}'..='\u{01F3F5}' | '\u{01F3F7}'..='\u{01F4FD}' | '\u{01F4FF}'..='\u{01F53D}' |
        '\u{01F549}'..='\u{01F54E}' | '\u{01F550}'..='\u{01F567}' | '\u{01F56F}' | '\u{01F570}' |
        '\u{01F573}'..='\u{01F57A}' | '\u{01F587}' | '\u{01F58A}'..='\u{01F58D}' | '\u{01F590}' |
        '\u{01F595}' | '\u{01F596}' | '\u{01F5A4}' | '\u{01F5A5}' | '\u{01F5A8}' | '\u{01F5B1}' |
        '\u{01F5B2}' | '\u{01F5BC}' | '\u{01F5C2}'..='\u{01F5C4}' | '\u{01F5D1}'..='\u{01F5D3}' |
        '\u{01F5DC}'..='\u{01F5DE}' | '\u{01F5E1}' | '\u{01F5E3}' | '\u{01F5E8}' | '\u{01F5EF}' |
        '\u{01F5F3}' | '\u{01F5FA}'..='\u{01F64F}' | '\u{01F680}'..='\u{01F6C5}' |
        '\u{01F6CB}'..='\u{01F6D2}' | '\u{01F6D5}'..='\u{01F6D7}' | '\u{01F6DC}'..='\u{01F6E5}' |
        '\u{01F6E9}' | '\u{01F6EB}' | '\u{01F6EC}' | '\u{01F6F0}' | '\u{01F6F3}'..='\u{01F6FC}' |
        '\u{01F7E0}'..='\u{01F7EB}' | '\u{01F7F0}' | '\u{01F90C}'..='\u{01F93A}' |
        '\u{01F93C}'..='\u{01F945}' | '\u{01F947}'..='\u{01F9FF}' | '\u{01FA70}'..='\u{01FA7C}' |
        '\u{01FA80}'..='\u{01FA88}' | '\u{01FA90}'..='\u{01FABD}' | '\u{01FABF}'..='\u{01FAC5}' |
        '\u{01FACE}'..='\u{01FADB}' | '\u{01FAE0}'..='\u{01FAE8}' | '\u{01FAF0}'..='\u{01FAF8}'
    )
}

/// The length of `text` as Excel counts it (UTF-16 units).
pub(super) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_rust_xlsxwriter_does() {
        let mut out = String::new();
        push_data(&mut out, "a&<b>\"\u{1}\r\n\t");
        assert_eq!(out, "a&amp;&lt;b&gt;\"_x0001__x000D_\n\t");
        let mut out = String::new();
        push_attr(&mut out, "a&\"<>\n\u{1}");
        assert_eq!(out, "a&amp;&quot;&lt;&gt;&#xA;");
        assert_eq!(protect_escapes("x_x0041_y_x12"), "x_x005F_x0041_y_x12");
        assert_eq!(protect_escapes("_x数字_"), "_x数字_");
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(quote_sheet_name("总表"), "总表");
        assert_eq!(quote_sheet_name("原始数据1-工信局"), "'原始数据1-工信局'");
        assert_eq!(quote_sheet_name("A1"), "'A1'");
        assert_eq!(quote_sheet_name("It's"), "'It''s'");
        assert_eq!(quote_sheet_name("1年"), "'1年'");
    }
}
