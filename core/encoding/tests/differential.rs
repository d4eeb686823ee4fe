//! The decoders against encoding_rs, the reference they replace: for the same bytes, the same
//! text and the same had-errors flag.
//!
//! GB18030: every two-byte sequence (each lead 0x81–0xFE with every byte after it), every
//! four-byte sequence of lead × digit × 0x81–0xFE × digit (all 1,587,600 pointers, valid or
//! not), every shape of an invalid or cut-off sequence followed by what may come after it, and
//! random byte strings biased towards the bytes GB18030 is made of. windows-1252: every byte.
//! UTF-16 (both orders): every sequence of up to three units from the surrogate edges, with
//! and without an odd byte, and random units. UTF-8 and the BOM sniffing of `decode` too.
//!
//! `PROPTEST_CASES` raises the random cases (2,000 by default here).

use parkscore_encoding::{decode_gb18030_to, Encoding};
use proptest::prelude::*;

/// Ours and encoding_rs's decoding of `bytes` (no BOM handling), as (text, had_errors).
fn both(ours: Encoding, bytes: &[u8]) -> ((String, bool), (String, bool)) {
    let reference = match ours {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::Gb18030 => encoding_rs::GB18030,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
    };
    let (text, had_errors) = ours.decode_without_bom_handling(bytes);
    let (want, want_errors) = reference.decode_without_bom_handling(bytes);
    (
        (text.into_owned(), had_errors),
        (want.into_owned(), want_errors),
    )
}

/// Asserts that ours decodes `bytes` as encoding_rs does; for GB18030 also through
/// `decode_gb18030_to` and, since the GBK decoder is the gb18030 decoder, as encoding_rs's GBK.
#[track_caller]
fn same(ours: Encoding, bytes: &[u8]) {
    let (got, want) = both(ours, bytes);
    assert_eq!(got, want, "{} {:02X?}", ours.name(), bytes);
    if ours == Encoding::Gb18030 {
        let mut appended = String::from("x");
        let stats = decode_gb18030_to(bytes, &mut appended);
        assert_eq!(
            (appended.get(1..), stats.had_errors),
            (Some(want.0.as_str()), want.1),
            "{bytes:02X?}"
        );
        let (gbk, gbk_errors) = encoding_rs::GBK.decode_without_bom_handling(bytes);
        assert_eq!((gbk.as_ref(), gbk_errors), (want.0.as_str(), want.1));
    }
}

/// What may follow a sequence: nothing, ASCII, a digit, a lead byte, a whole character.
const TAILS: [&[u8]; 6] = [b"", b"A", b"0", b"\x81", b"\x81\x30", b"\xD6\xD0"];

#[test]
fn gb18030_every_two_byte_sequence() {
    for lead in 0x80..=0xFFu8 {
        for trail in 0..=0xFFu8 {
            for tail in TAILS {
                same(Encoding::Gb18030, &[&[lead, trail][..], tail].concat());
            }
            same(Encoding::Gb18030, &[b'a', lead, trail]);
        }
    }
}

#[test]
fn gb18030_every_four_byte_sequence() {
    // One buffer per lead and digit (12,600 sequences): every sequence is four bytes in both
    // decoders, valid or not, so equal texts mean equal sequences; a difference is then
    // narrowed down to the sequence for the message.
    for lead in 0x81..=0xFEu8 {
        for second in b'0'..=b'9' {
            let mut buffer = Vec::with_capacity(126 * 10 * 4);
            for third in 0x81..=0xFEu8 {
                for fourth in b'0'..=b'9' {
                    buffer.extend_from_slice(&[lead, second, third, fourth]);
                }
            }
            let (got, want) = both(Encoding::Gb18030, &buffer);
            if got != want {
                for sequence in buffer.chunks(4) {
                    same(Encoding::Gb18030, sequence);
                }
                panic!("the buffer of {lead:02X} {second:02X} differs, its sequences do not");
            }
        }
    }
}

#[test]
fn gb18030_every_invalid_shape() {
    let leads = [
        0x81u8, 0x82, 0x84, 0x85, 0x8E, 0x8F, 0x90, 0xA1, 0xD6, 0xE3, 0xE4, 0xFC, 0xFD, 0xFE,
    ];
    for byte in 0..=0xFFu8 {
        for tail in TAILS {
            // One byte, then whatever.
            same(Encoding::Gb18030, &[&[byte][..], tail].concat());
            for &lead in &leads {
                for digit in [b'0', b'4', b'9'] {
                    // A lead and a digit, then any byte (a third byte in or out of range).
                    same(
                        Encoding::Gb18030,
                        &[&[lead, digit, byte][..], tail].concat(),
                    );
                    for third in [0x81u8, 0x99, 0xA0, 0xFE] {
                        // Three good bytes, then any fourth.
                        same(
                            Encoding::Gb18030,
                            &[&[lead, digit, third, byte][..], tail].concat(),
                        );
                    }
                }
            }
        }
    }
    // Cut off at the end, after each byte of a sequence.
    for bytes in [
        &b"\x81"[..],
        b"\x81\x30",
        b"\x81\x30\x81",
        b"\xFE\x39\xFE",
        b"\xD6",
    ] {
        same(Encoding::Gb18030, bytes);
        same(Encoding::Gb18030, &[b"ab", bytes].concat());
    }
}

/// Bytes as GB18030 text is made of: mostly lead/trail bytes, digits and some ASCII.
fn gb18030_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            5 => 0x81..=0xFEu8,
            2 => b'0'..=b'9',
            1 => 0x40..=0x7Fu8,
            1 => any::<u8>(),
        ],
        0..48,
    )
}

/// UTF-16 code units around the surrogate edges, and any.
fn utf16_units() -> impl Strategy<Value = Vec<u16>> {
    prop::collection::vec(
        prop_oneof![
            2 => 0xD800..=0xDBFFu16,
            2 => 0xDC00..=0xDFFFu16,
            1 => prop::sample::select(vec![0x0041u16, 0xFEFF, 0xFFFE, 0xFFFF, 0x4E2D]),
            1 => any::<u16>(),
        ],
        0..16,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn gb18030_random_bytes(bytes in gb18030_bytes()) {
        same(Encoding::Gb18030, &bytes);
    }

    #[test]
    fn utf16_random_units(units in utf16_units(), odd in proptest::option::of(any::<u8>())) {
        for big_endian in [false, true] {
            let mut bytes: Vec<u8> = units
                .iter()
                .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect();
            bytes.extend(odd);
            let encoding = if big_endian { Encoding::Utf16Be } else { Encoding::Utf16Le };
            same(encoding, &bytes);
        }
    }

    #[test]
    fn utf8_random_bytes(bytes in prop::collection::vec(
        prop_oneof![3 => 0x80..=0xFFu8, 1 => any::<u8>()], 0..32)
    ) {
        same(Encoding::Utf8, &bytes);
    }

    /// `decode` sniffs a BOM as encoding_rs's `Encoding::decode` does, whatever the encoding.
    #[test]
    fn decode_sniffs_the_bom_as_encoding_rs(
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\xEF\xBB", b"\xFF"]),
        rest in gb18030_bytes(),
        which in 0usize..5,
    ) {
        let ours = [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Gb18030, Encoding::Windows1252][which];
        let reference = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE, encoding_rs::GB18030, encoding_rs::WINDOWS_1252][which];
        let bytes = [bom, &rest[..]].concat();
        let (text, encoding, had_errors) = ours.decode(&bytes);
        let (want, want_encoding, want_errors) = reference.decode(&bytes);
        prop_assert_eq!((text.as_ref(), encoding.name(), had_errors), (want.as_ref(), want_encoding.name(), want_errors));
    }
}

#[test]
fn windows_1252_every_byte() {
    for byte in 0..=0xFFu8 {
        same(Encoding::Windows1252, &[byte]);
    }
    let all: Vec<u8> = (0..=0xFFu8).collect();
    same(Encoding::Windows1252, &all);
}

#[test]
fn utf16_every_short_sequence_of_edge_units() {
    let edges = [
        0x0041u16, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFEFF, 0xFFFF,
    ];
    let mut sequences: Vec<Vec<u16>> = vec![vec![]];
    for _ in 0..3 {
        let longer: Vec<Vec<u16>> = sequences
            .iter()
            .filter(|s| s.len() == sequences.last().map_or(0, Vec::len))
            .flat_map(|s| {
                edges.iter().map(move |&u| {
                    let mut s = s.clone();
                    s.push(u);
                    s
                })
            })
            .collect();
        sequences.extend(longer);
    }
    for units in &sequences {
        for big_endian in [false, true] {
            let bytes: Vec<u8> = units
                .iter()
                .flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            let encoding = if big_endian {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            same(encoding, &bytes);
            same(encoding, &[&bytes[..], b"\x41"].concat());
        }
    }
}
