//! parkscore's text decoders: exactly the encodings its users' files come in, and no others.
//!
//! - UTF-8 (with or without BOM) and UTF-16LE/BE (Excel's "Unicode text", .xls and .xlsb
//!   strings): std's UTF-8 validation and a small UTF-16 state machine.
//! - GB18030, which is also how GBK is read (Excel's CSV on Chinese Windows, .xls files with
//!   code page 936): the WHATWG decoder — the two-byte table, the four-byte ranges, the
//!   supplementary planes' linear range, 0x80 as U+20AC — with its error handling (how many
//!   bytes an invalid sequence consumes, where U+FFFD goes).
//! - windows-1252 (an .xls's 8-bit strings by default; ISO-8859-1 is read as it, as WHATWG
//!   does).
//!
//! Every decoder gives what encoding_rs gives for the same bytes, the same text and the same
//! had-errors flag (`tests/differential.rs` holds them to it: every two- and four-byte
//! sequence, every invalid shape, random byte strings). encoding_rs, chardetng and the
//! `codepage` crate carried the tables of every legacy encoding of the web — about 110 KB of
//! the compressed page (issue 14); the GB18030 table here is a stream of runs and literals
//! generated from encoding_rs (`src/gb18030_data.rs`, `tests/generate.rs`), expanded once on
//! first use.
//!
//! No decoder panics or allocates by anything but the input's length.

mod gb18030;
mod gb18030_data;
mod utf16;
mod windows1252;

use std::borrow::Cow;

pub use gb18030::{decode_gb18030_to, Gb18030Stats};

/// An encoding parkscore reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// GB18030; GBK is read as it (WHATWG: the GBK decoder is the gb18030 decoder).
    Gb18030,
    /// windows-1252; ISO-8859-1 is read as it (WHATWG).
    Windows1252,
}

impl Encoding {
    /// The encoding of a Windows code page (an .xls's CODEPAGE record, a property set's or a
    /// VBA project's code page), or `None` for one parkscore does not read: 1200 and 1201
    /// (UTF-16LE/BE), 65001 (UTF-8), 936, 54936, 20936 and 51936 (GBK, GB18030, GB2312,
    /// EUC-CN: one decoder, as the `codepage` crate mapped them), 1252 and 28591
    /// (windows-1252, ISO-8859-1).
    pub fn for_codepage(codepage: u16) -> Option<Encoding> {
        match codepage {
            1200 => Some(Encoding::Utf16Le),
            1201 => Some(Encoding::Utf16Be),
            65001 => Some(Encoding::Utf8),
            936 | 54936 | 20936 | 51936 => Some(Encoding::Gb18030),
            1252 | 28591 => Some(Encoding::Windows1252),
            _ => None,
        }
    }

    /// The encoding's WHATWG name, as encoding_rs spells it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "gb18030",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// Whether the encoding is UTF-16 (either byte order).
    pub fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }

    /// Decodes `bytes`, a BOM being text like any other; errors become U+FFFD. Returns the
    /// text and whether there were errors (encoding_rs's `decode_without_bom_handling`).
    pub fn decode_without_bom_handling(self, bytes: &[u8]) -> (Cow<'_, str>, bool) {
        match self {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => (Cow::Borrowed(text), false),
                // std replaces each maximal subpart of an ill-formed sequence, as WHATWG does.
                Err(_) => (String::from_utf8_lossy(bytes), true),
            },
            Encoding::Gb18030 | Encoding::Windows1252 if bytes.is_ascii() => {
                // ASCII is itself in both: no copy.
                (
                    Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default()),
                    false,
                )
            }
            _ => {
                let mut text = String::new();
                let had_errors = self.decode_to(bytes, &mut text);
                (Cow::Owned(text), had_errors)
            }
        }
    }

    /// Appends the text of `bytes` to `out` (no BOM handling, errors as U+FFFD); returns
    /// whether there were errors.
    pub fn decode_to(self, bytes: &[u8], out: &mut String) -> bool {
        match self {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(text) => {
                    out.push_str(text);
                    false
                }
                Err(_) => {
                    out.push_str(&String::from_utf8_lossy(bytes));
                    true
                }
            },
            Encoding::Utf16Le => utf16::decode_to(bytes, false, out),
            Encoding::Utf16Be => utf16::decode_to(bytes, true, out),
            Encoding::Gb18030 => decode_gb18030_to(bytes, out).had_errors,
            Encoding::Windows1252 => {
                windows1252::decode_to(bytes, out);
                false
            }
        }
    }

    /// Decodes `bytes` with BOM sniffing, as encoding_rs's `Encoding::decode` does: a UTF-8,
    /// UTF-16LE or UTF-16BE byte-order mark is removed and decides the encoding, whatever
    /// `self` is. Returns the text, the encoding used and whether there were errors.
    ///
    /// The vendored calamine decodes .xls strings this way, as it did through encoding_rs.
    pub fn decode(self, bytes: &[u8]) -> (Cow<'_, str>, Encoding, bool) {
        let (encoding, rest) = match Encoding::for_bom(bytes) {
            Some((encoding, len)) => (encoding, bytes.get(len..).unwrap_or_default()),
            None => (self, bytes),
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        (text, encoding, had_errors)
    }

    /// The encoding a byte-order mark at the start of `bytes` names, and the mark's length.
    pub fn for_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            Some((Encoding::Utf8, 3))
        } else if bytes.starts_with(b"\xFF\xFE") {
            Some((Encoding::Utf16Le, 2))
        } else if bytes.starts_with(b"\xFE\xFF") {
            Some((Encoding::Utf16Be, 2))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_pages() {
        assert_eq!(Encoding::for_codepage(936), Some(Encoding::Gb18030));
        assert_eq!(Encoding::for_codepage(54936), Some(Encoding::Gb18030));
        assert_eq!(Encoding::for_codepage(20936), Some(Encoding::Gb18030));
        assert_eq!(Encoding::for_codepage(51936), Some(Encoding::Gb18030));
        assert_eq!(Encoding::for_codepage(28591), Some(Encoding::Windows1252));
        assert_eq!(Encoding::for_codepage(1201), Some(Encoding::Utf16Be));
        for other in [
            0,
            437,
            932,
            949,
            950,
            1250,
            1251,
            10000,
            20127,
            65000,
            u16::MAX,
        ] {
            assert_eq!(Encoding::for_codepage(other), None, "{other}");
        }
    }

    #[test]
    fn bom_sniffing_switches_the_encoding() {
        let (text, encoding, had_errors) = Encoding::Windows1252.decode(b"\xFF\xFEA\x00");
        assert_eq!(
            (&*text, encoding, had_errors),
            ("A", Encoding::Utf16Le, false)
        );
        let (text, encoding, _) = Encoding::Gb18030.decode(b"\xD6\xD0");
        assert_eq!((&*text, encoding), ("中", Encoding::Gb18030));
    }
}
