//! UTF-16 (either byte order) as WHATWG's shared UTF-16 decoder reads it: a surrogate pair is
//! one character; an unpaired surrogate is one U+FFFD and the code unit after a lone high
//! surrogate is read afresh; an odd byte at the end — or a high surrogate left waiting, or
//! both — is one U+FFFD.

/// Appends the text of `bytes` to `out`; `big_endian` picks the byte order. Returns whether
/// there were errors.
pub(crate) fn decode_to(bytes: &[u8], big_endian: bool, out: &mut String) -> bool {
    out.reserve(bytes.len() / 2);
    let mut had_errors = false;
    let mut pending_high: Option<u16> = None;
    let units = bytes.chunks_exact(2);
    let odd_byte = !units.remainder().is_empty();
    for pair in units {
        let unit = match *pair {
            [a, b] if big_endian => u16::from_be_bytes([a, b]),
            [a, b] => u16::from_le_bytes([a, b]),
            _ => continue,
        };
        if let Some(high) = pending_high.take() {
            if (0xDC00..=0xDFFF).contains(&unit) {
                let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                continue;
            }
            // The high surrogate is an error on its own; this unit is read as if it came first.
            out.push('\u{FFFD}');
            had_errors = true;
        }
        match unit {
            0xD800..=0xDBFF => pending_high = Some(unit),
            0xDC00..=0xDFFF => {
                out.push('\u{FFFD}');
                had_errors = true;
            }
            _ => out.push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}')),
        }
    }
    if odd_byte || pending_high.is_some() {
        // One error for whatever is left at the end, as WHATWG's end-of-queue step says.
        out.push('\u{FFFD}');
        had_errors = true;
    }
    had_errors
}
