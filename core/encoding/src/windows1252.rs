//! windows-1252 as WHATWG defines it: ISO-8859-1 but for 0x80–0x9F, where Windows put
//! punctuation and a few letters; the five bytes Windows leaves undefined (0x81, 0x8D, 0x8F,
//! 0x90, 0x9D) are the C1 controls of the same value, so no byte is an error.

/// The characters of 0x80–0x9F.
const C1_ROW: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Appends the text of `bytes` to `out` (never an error).
pub(crate) fn decode_to(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len());
    for &b in bytes {
        let c = match b {
            0x80..=0x9F => C1_ROW
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or('\u{FFFD}'),
            _ => char::from(b),
        };
        out.push(c);
    }
}
