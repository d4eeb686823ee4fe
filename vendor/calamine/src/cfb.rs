// SPDX-License-Identifier: MIT
//
// Copyright 2016-2026, Johann Tuffe.

//! Compound File Binary format MS-CFB

use std::borrow::Cow;
use std::cmp::min;
use std::io::Read;

use log::debug;

// parkscore: parkscore's decoders in place of encoding_rs and the `codepage` crate.
use parkscore_encoding::Encoding;

use crate::utils::*;

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
// const FATSECT: u32 = 0xFFFF_FFFD;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
//const FREESECT: u32 = 0xFFFF_FFFF;

/// A Cfb specific error enum
#[derive(Debug)]
pub enum CfbError {
    Io(std::io::Error),
    Ole {
        len: usize,
        signature: Option<[u8; 8]>,
    },
    EmptyRootDir,
    StreamNotFound(String),
    Invalid {
        name: &'static str,
        expected: &'static str,
        found: u16,
    },
    CodePageNotFound(u16),
    SectorBeyondEof(u32),
    // parkscore: a sector chain that visits more sectors than the file holds loops forever
    // (or until memory runs out) upstream; it is an error here.
    /// A sector chain longer than the number of sectors: a cycle.
    ChainCycle(u32),
    // parkscore: the compressed VBA container (MS-OVBA 2.4.1) is checked, not asserted.
    /// A malformed compressed stream.
    Compressed(&'static str),
}

impl From<std::io::Error> for CfbError {
    fn from(e: std::io::Error) -> CfbError {
        CfbError::Io(e)
    }
}

impl std::fmt::Display for CfbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CfbError::Io(e) => write!(f, "I/O error: {e}"),
            CfbError::Ole { len, signature } => {
                write!(f, "Invalid OLE (",)?;
                if *len < 512 {
                    write!(f, "{len} bytes is too small")?;
                }
                if let Some(signature) = signature {
                    if *len < 512 {
                        write!(f, ", ")?;
                    }
                    write!(f, "signature ")?;
                    for b in &signature[..8.min(*len)] {
                        write!(f, "\\x{b:02x?}")?;
                    }
                    write!(f, " invalid, not an office document?")?;
                }
                write!(f, ")")
            }
            CfbError::EmptyRootDir => write!(f, "Empty Root directory"),
            CfbError::StreamNotFound(e) => write!(f, "Cannot find {e} stream"),
            CfbError::Invalid {
                name,
                expected,
                found,
            } => write!(f, "Invalid {name}, expecting {expected} found {found:X}"),
            CfbError::CodePageNotFound(e) => write!(f, "Codepage {e:X} not found"),
            CfbError::SectorBeyondEof(i) => write!(f, "Sector {i} points past end of file"),
            CfbError::ChainCycle(i) => {
                write!(f, "Sector chain from sector {i} is longer than the file (a cycle)")
            }
            CfbError::Compressed(s) => write!(f, "Invalid compressed stream: {s}"),
        }
    }
}

impl std::error::Error for CfbError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CfbError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// A struct for managing Compound File Binary format
#[derive(Debug, Clone)]
pub struct Cfb {
    directories: Vec<Directory>,
    sectors: Sectors,
    fats: Vec<u32>,
    mini_sectors: Sectors,
    mini_fats: Vec<u32>,
}

impl Cfb {
    /// Create a new `Cfb`
    ///
    /// Starts reading project metadata (header, directories, sectors and minisectors).
    pub fn new<R: Read>(mut reader: &mut R, len: usize) -> Result<Cfb, CfbError> {
        // load header
        let (h, mut difat) = Header::from_reader(&mut reader)?;
        let sector_size = h.sector_size as usize;
        let maxid = len / sector_size;
        let mut sectors = Sectors::new(sector_size, Vec::with_capacity(1024), maxid as u32);

        // load fat and dif sectors
        debug!("load difat {h:?}");
        let mut sector_id = h.difat_start;
        // Set a bound on the DIFAT chain so it cannot reference more than `maxid` sectors.
        let mut difat_sectors = 0usize;
        while sector_id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > maxid.saturating_add(1) {
                return Err(CfbError::SectorBeyondEof(sector_id));
            }
            difat.extend(to_u32(sectors.get(sector_id, reader)?));
            sector_id = difat.pop().ok_or(CfbError::SectorBeyondEof(sector_id))?;
        }

        // load the FATs
        debug!("load fat (len {})", h.fat_len);
        let mut fats = Vec::new();
        // parkscore: a file of `maxid` sectors has at most `maxid + 1` FAT sectors; more DIFAT
        // entries would make `fats` up to 128 × the file (each entry may name any sector again).
        let mut fat_sectors = 0usize;
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            fat_sectors += 1;
            if fat_sectors > maxid.saturating_add(1) {
                return Err(CfbError::SectorBeyondEof(id));
            }
            fats.extend(to_u32(sectors.get(id, reader)?));
        }

        // get the list of directory sectors
        debug!("load directories");
        // We want to read the full chain, so pass no size restriction. Each
        // directory entry should be exactly 128 bytes. A short trailing chunk
        // is malformed and must not be passed to Directory::from_slice.
        let dirs = sectors.get_chain(h.dir_start, &fats, reader, usize::MAX)?;
        let dirs = dirs
            .chunks(128)
            .filter(|c| c.len() == 128)
            .map(|c| Directory::from_slice(c, h.sector_size))
            .collect::<Vec<_>>();

        if dirs.is_empty() || (h.version != 3 && dirs[0].start == ENDOFCHAIN) {
            return Err(CfbError::EmptyRootDir);
        }

        // load the mini streams
        debug!("load minis {dirs:?}");
        let (mini_fats, ministream) = if h.mini_fat_len > 0 {
            let ministream = sectors.get_chain(dirs[0].start, &fats, reader, dirs[0].len)?;
            // parkscore: `mini_fat_len * sector_size` overflowed (a panic in debug, a wrong length
            // on wasm32) for a hostile header; the chain itself is bounded by the file.
            let minifat = sectors.get_chain(
                h.mini_fat_start,
                &fats,
                reader,
                h.mini_fat_len.saturating_mul(h.sector_size as usize),
            )?;
            let minifat = to_u32(&minifat).collect();
            (minifat, ministream)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(Cfb {
            directories: dirs,
            sectors,
            fats,
            // parkscore: mini sectors live only in the ministream read above (never in the file
            // reader), so the last mini sector id is the ministream's length / 64.
            mini_sectors: {
                let mini_maxid = u32::try_from(ministream.len() / 64).unwrap_or(u32::MAX);
                Sectors::new(64, ministream, mini_maxid)
            },
            mini_fats,
        })
    }

    /// Checks if directory exists
    pub fn has_directory(&self, name: &str) -> bool {
        self.directories
            .iter()
            .any(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
    }

    /// Gets a stream by name out of directories
    pub fn get_stream<R: Read>(&mut self, name: &str, r: &mut R) -> Result<Vec<u8>, CfbError> {
        match self
            .directories
            .iter()
            .find(|d| d.name.as_bytes().eq_ignore_ascii_case(name.as_bytes()))
        {
            None => Err(CfbError::StreamNotFound(name.to_string())),
            Some(d) => {
                if d.len < 4096 {
                    // TODO: Study the possibility to return a `VecArray` (stack allocated)
                    // parkscore: the ministream is wholly in memory; reading a missing mini
                    // sector from the file reader (as upstream did) returned unrelated bytes.
                    self.mini_sectors
                        .get_chain(d.start, &self.mini_fats, &mut std::io::empty(), d.len)
                } else {
                    self.sectors.get_chain(d.start, &self.fats, r, d.len)
                }
            }
        }
    }
}

/// A hidden struct which defines cfb files structure
#[derive(Debug)]
struct Header {
    version: u16,
    sector_size: SectorSize,
    dir_start: u32,
    fat_len: usize,
    mini_fat_len: usize,
    mini_fat_start: u32,
    difat_start: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SectorSize {
    Small = 512,
    Large = 4096,
}

impl Header {
    fn from_reader<R: Read>(f: &mut R) -> Result<(Header, Vec<u32>), CfbError> {
        let mut n = 0;
        let mut buf = [0u8; 512];
        loop {
            let k = f.read(&mut buf[n..])?;
            if k == 0 {
                break;
            }
            n += k;
        }
        let [m0, m1, m2, m3, m4, m5, m6, m7, ..] = buf;
        // check ole signature
        let signature = [m0, m1, m2, m3, m4, m5, m6, m7];
        if n < buf.len() || signature != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" {
            return Err(CfbError::Ole {
                len: n,
                signature: (signature != *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").then_some(signature),
            });
        }

        let version = read_u16(&buf[26..28]);

        let sector_size = match read_u16(&buf[30..32]) {
            0x0009 => SectorSize::Small,
            0x000C => {
                // sector size is 4096 bytes, but header is 512 bytes,
                // so the remaining sector bytes have to be read
                let mut buf_end = [0u8; 4096 - 512];
                f.read_exact(&mut buf_end)?;
                SectorSize::Large
            }
            s => {
                return Err(CfbError::Invalid {
                    name: "sector shift",
                    expected: "0x09 or 0x0C",
                    found: s,
                });
            }
        };

        if read_u16(&buf[32..34]) != 0x0006 {
            return Err(CfbError::Invalid {
                name: "minisector shift",
                expected: "0x06",
                found: read_u16(&buf[32..34]),
            });
        }

        let fat_len = read_usize(&buf[44..48]);
        let dir_start = read_u32(&buf[48..52]);
        let mini_fat_start = read_u32(&buf[60..64]);
        let mini_fat_len = read_usize(&buf[64..68]);
        let difat_start = read_u32(&buf[68..72]);

        let mut difat = Vec::new();
        difat.extend(to_u32(&buf[76..512]));

        Ok((
            Header {
                version,
                sector_size,
                dir_start,
                fat_len,
                mini_fat_len,
                mini_fat_start,
                difat_start,
            },
            difat,
        ))
    }
}

/// A struct corresponding to the elementary block of memory
///
/// `data` will persist in memory to ensure the file is read once
#[derive(Debug, Clone)]
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    fn new(size: usize, data: Vec<u8>, maxid: u32) -> Sectors {
        Sectors { data, size, maxid }
    }

    fn get<R: Read>(&mut self, id: u32, r: &mut R) -> Result<&[u8], CfbError> {
        if self.maxid < id {
            return Err(CfbError::SectorBeyondEof(id));
        }
        // parkscore: checked arithmetic (wasm32 has a 32-bit usize).
        let start = (id as usize)
            .checked_mul(self.size)
            .ok_or(CfbError::SectorBeyondEof(id))?;
        let end = start
            .checked_add(self.size)
            .ok_or(CfbError::SectorBeyondEof(id))?;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            // read_exact or stop if EOF
            while len < end {
                let read = r.read(&mut self.data[len..end])?;
                if read == 0 {
                    // parkscore: the file ended. Drop the zero padding (so that a later call
                    // does not take it for data) and fail if the sector starts at or after
                    // the end: upstream sliced `data[start..len]` with `start > len` and
                    // panicked (cfb.rs:320 in the fuzz findings).
                    self.data.truncate(len);
                    if len <= start {
                        return Err(CfbError::SectorBeyondEof(id));
                    }
                    return Ok(&self.data[start..len]);
                }
                len += read;
            }
        }
        Ok(&self.data[start..end])
    }

    fn get_chain<R: Read>(
        &mut self,
        mut sector_id: u32,
        fats: &[u32],
        r: &mut R,
        len: usize,
    ) -> Result<Vec<u8>, CfbError> {
        let first = sector_id;
        let mut chain = Vec::new();
        // parkscore: `get` refuses ids above `maxid`, so a chain without a cycle visits at most
        // `maxid + 1` sectors; a longer one is a cycle (upstream looped until out of memory).
        let max_steps = (self.maxid as usize).saturating_add(1);
        let mut steps = 0usize;
        while sector_id != ENDOFCHAIN {
            steps += 1;
            if steps > max_steps {
                return Err(CfbError::ChainCycle(first));
            }
            let sector = self.get(sector_id, r)?;
            let remaining = len - chain.len();
            let to_copy = sector.len().min(remaining);
            chain.extend_from_slice(&sector[..to_copy]);
            if chain.len() >= len {
                break;
            }
            // parkscore: a sector id past the end of the FAT was an index panic (cfb.rs:344).
            sector_id = *fats
                .get(sector_id as usize)
                .ok_or(CfbError::SectorBeyondEof(sector_id))?;
        }
        Ok(chain)
    }
}

/// A struct representing sector organizations, behaves similarly to a tree
#[derive(Debug, Clone)]
struct Directory {
    name: String,
    start: u32,
    len: usize,
}

impl Directory {
    fn from_slice(buf: &[u8], sector_size: SectorSize) -> Directory {
        let mut name = Encoding::Utf16Le.decode(&buf[..64]).0.into_owned();
        if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
            name.truncate(l);
        }
        let start = read_u32(&buf[116..120]);
        // parkscore: a 64-bit stream size does not fit wasm32's usize: saturate, never unwrap
        // (the chain read stops at the file's end anyway).
        let len: usize = if sector_size == SectorSize::Small {
            usize::try_from(read_u32(&buf[120..124])).unwrap_or(usize::MAX)
        } else {
            usize::try_from(read_u64(&buf[120..128])).unwrap_or(usize::MAX)
        };

        Directory { start, len, name }
    }
}

/// Decompresses stream
// parkscore: every read is checked (upstream indexed past the end, asserted the chunk
// signature and unwrapped the bit count: panics, aborts in release), and a chunk may not
// decompress to more than 4096 bytes (MS-OVBA 2.4.1.1.4), which bounds the output.
pub fn decompress_stream(s: &[u8]) -> Result<Vec<u8>, CfbError> {
    const CHUNK: usize = 4096;

    debug!("decompress stream");
    let mut res = Vec::new();

    match s.first() {
        Some(0x01) => (),
        found => {
            return Err(CfbError::Invalid {
                name: "signature",
                expected: "0x01",
                found: found.copied().unwrap_or(0) as u16,
            });
        }
    }

    let mut i = 1;
    while i < s.len() {
        if s.len() - i < 2 {
            return Err(CfbError::Compressed("truncated chunk header"));
        }
        let chunk_header = read_u16(&s[i..]);
        i += 2;

        // each 'chunk' is 4096 wide, let's reserve that space
        let start = res.len();
        res.reserve(CHUNK);

        let chunk_size = chunk_header & 0x0FFF;
        let chunk_signature = (chunk_header & 0x7000) >> 12;
        let chunk_flag = (chunk_header & 0x8000) >> 15;

        if chunk_signature != 0b011 {
            return Err(CfbError::Invalid {
                name: "chunk signature",
                expected: "0b011",
                found: chunk_signature,
            });
        }

        if chunk_flag == 0 {
            // uncompressed
            let raw = s
                .get(i..i + CHUNK)
                .ok_or(CfbError::Compressed("truncated uncompressed chunk"))?;
            res.extend_from_slice(raw);
            i += CHUNK;
        } else {
            let mut chunk_len = 0;
            let mut buf = [0u8; CHUNK];
            'chunk: loop {
                if i >= s.len() {
                    break;
                }

                let bit_flags = s[i];
                i += 1;
                chunk_len += 1;

                for bit_index in 0..8 {
                    if chunk_len > chunk_size || i >= s.len() {
                        break 'chunk;
                    }

                    if (bit_flags & (1 << bit_index)) == 0 {
                        // literal token
                        res.push(s[i]);
                        i += 1;
                        chunk_len += 1;
                    } else {
                        // copy token
                        if s.len() - i < 2 {
                            return Err(CfbError::Compressed("truncated copy token"));
                        }
                        let token = read_u16(&s[i..]);
                        i += 2;
                        chunk_len += 2;

                        let decomp_len = res.len() - start;
                        let bit_count = (4..16)
                            .find(|i| (1usize << *i) >= decomp_len)
                            .ok_or(CfbError::Compressed("chunk longer than 4096 bytes"))?;
                        let len_mask = 0xFFFF >> bit_count;
                        let mut len = (token & len_mask) as usize + 3;
                        let offset = ((token & !len_mask) >> (16 - bit_count)) as usize + 1;
                        if offset > decomp_len {
                            return Err(CfbError::Compressed("copy token before chunk start"));
                        }
                        if decomp_len + len > CHUNK {
                            return Err(CfbError::Compressed("chunk longer than 4096 bytes"));
                        }

                        while len > offset {
                            buf[..offset].copy_from_slice(&res[res.len() - offset..]);
                            res.extend_from_slice(&buf[..offset]);
                            len -= offset;
                        }
                        buf[..len]
                            .copy_from_slice(&res[res.len() - offset..res.len() - offset + len]);
                        res.extend_from_slice(&buf[..len]);
                    }
                }
                if res.len() - start > CHUNK {
                    return Err(CfbError::Compressed("chunk longer than 4096 bytes"));
                }
            }
        }
    }
    Ok(res)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XlsEncoding {
    encoding: Encoding,
}

impl XlsEncoding {
    // parkscore: only the code pages of parkscore's users' files are read — 1200/1201
    // (UTF-16LE/BE), 65001 (UTF-8), 936/54936 (GBK/GB18030), 1252/28591 (windows-1252); any
    // other is `CodePageNotFound`, as an unknown code page was before.
    pub fn from_codepage(codepage: u16) -> Result<XlsEncoding, CfbError> {
        let e = Encoding::for_codepage(codepage).ok_or(CfbError::CodePageNotFound(codepage))?;
        Ok(XlsEncoding { encoding: e })
    }

    fn high_byte(&self, high_byte: Option<bool>) -> Option<bool> {
        high_byte.or_else(|| {
            // Only UTF-16 uses compressed low-byte characters. Legacy multibyte
            // encodings consume their original bytes without inserted NULs.
            if self.encoding.is_utf16() {
                Some(false)
            } else {
                None
            }
        })
    }

    pub fn decode_to(
        &self,
        stream: &[u8],
        len: usize,
        s: &mut String,
        high_byte: Option<bool>,
    ) -> (usize, usize) {
        let (l, ub, bytes) = match self.high_byte(high_byte) {
            None => {
                let l = min(stream.len(), len);
                (l, l, Cow::Borrowed(&stream[..l]))
            }
            Some(false) => {
                let l = min(stream.len(), len);

                // add 0x00 high bytes to unicodes
                let mut bytes = vec![0; l * 2];
                for (i, sce) in stream.iter().take(l).enumerate() {
                    bytes[2 * i] = *sce;
                }
                (l, l, Cow::Owned(bytes))
            }
            Some(true) => {
                let l = min(stream.len() / 2, len);
                (l, 2 * l, Cow::Borrowed(&stream[..2 * l]))
            }
        };

        // parkscore: `decode` sniffs a BOM as encoding_rs's `Encoding::decode` did.
        s.push_str(&self.encoding.decode(&bytes).0);
        (l, ub)
    }

    pub fn decode_all(&self, stream: &[u8]) -> String {
        self.encoding.decode(stream).0.into_owned()
    }
}

#[cfg(test)]
mod encoding_test {
    use super::XlsEncoding;

    #[test]
    fn legacy_multibyte_strings_keep_the_original_bytes() {
        // parkscore: 932 (Shift_JIS) and 950/951 (Big5) are no longer read (see
        // `parkscore_code_pages`); GB18030's four-byte form and ISO-8859-1 were added.
        for (codepage, bytes, expected) in [
            (936, &[0xd6, 0xd0, 0xce, 0xc4][..], "中文"),
            (54936, &[0xd6, 0xd0, 0x95, 0x32, 0x82, 0x36][..], "中\u{20000}"),
            (1252, &[b'c', b'a', b'f', 0xe9][..], "café"),
            (28591, &[b'c', b'a', b'f', 0xe9, 0x80][..], "café€"),
            (65001, "日本".as_bytes(), "日本"),
        ] {
            let encoding = XlsEncoding::from_codepage(codepage).unwrap();
            let mut value = String::from("prefix:");
            assert_eq!(
                encoding.decode_to(bytes, bytes.len(), &mut value, None),
                (bytes.len(), bytes.len())
            );
            assert_eq!(value, format!("prefix:{expected}"), "{codepage}");
        }
    }

    #[test]
    fn unicode_flags_and_truncated_legacy_input_keep_consumption_counts() {
        let encoding = XlsEncoding::from_codepage(1200).unwrap();
        for (bytes, flag) in [
            (b"A".as_slice(), None),
            (b"A".as_slice(), Some(false)),
            (b"A\0".as_slice(), Some(true)),
        ] {
            let mut value = String::new();
            assert_eq!(
                encoding.decode_to(bytes, 1, &mut value, flag),
                (1, bytes.len())
            );
            assert_eq!(value, "A");
        }
        // parkscore: upstream's truncated input was Shift_JIS (932); GBK has the same case.
        let mut value = String::new();
        assert_eq!(
            XlsEncoding::from_codepage(936)
                .unwrap()
                .decode_to(&[0x80, 0xe9], 9, &mut value, None),
            (2, 2)
        );
        assert_eq!(value, "\u{20ac}\u{fffd}");
    }

    // parkscore: the code pages read, and the refusal of any other.
    #[test]
    fn parkscore_code_pages() {
        use super::CfbError;
        for codepage in [1200, 1201, 65001, 936, 54936, 1252, 28591] {
            assert!(XlsEncoding::from_codepage(codepage).is_ok(), "{codepage}");
        }
        for codepage in [0, 367, 932, 949, 950, 951, 1250, 1251, 10000, 20127, u16::MAX] {
            assert!(
                matches!(
                    XlsEncoding::from_codepage(codepage),
                    Err(CfbError::CodePageNotFound(c)) if c == codepage
                ),
                "{codepage}"
            );
        }
        // A BOM decides the encoding, as encoding_rs's `decode` did: U+FEFF is dropped from a
        // UTF-16 string.
        let mut value = String::new();
        XlsEncoding::from_codepage(1200)
            .unwrap()
            .decode_to(b"\xff\xfeA\0", 2, &mut value, Some(true));
        assert_eq!(value, "A");
    }
}

// parkscore: hand-made sectors and chains for each fixed function.
#[cfg(test)]
mod parkscore_tests {
    use super::*;

    #[test]
    fn sector_past_the_end_is_an_error() {
        // one sector and a half in the file; maxid claims more
        let file = vec![7u8; 768];
        let mut s = Sectors::new(512, Vec::new(), 10);
        let mut r = &file[..];
        assert_eq!(s.get(0, &mut r).unwrap().len(), 512);
        assert_eq!(s.get(1, &mut r).unwrap().len(), 256);
        // upstream sliced data[start..len] with start > len here
        assert!(matches!(
            s.get(3, &mut r),
            Err(CfbError::SectorBeyondEof(3))
        ));
        assert!(matches!(
            s.get(11, &mut r),
            Err(CfbError::SectorBeyondEof(11))
        ));
        // the partial sector was not padded with zeros behind our back
        assert_eq!(s.data.len(), 768);
    }

    #[test]
    fn chain_cycle_and_bad_fat_index() {
        let file = vec![1u8; 512 * 4];
        // 0 → 1 → 0 → …
        let fats = [1u32, 0, ENDOFCHAIN, ENDOFCHAIN];
        let mut s = Sectors::new(512, Vec::new(), 3);
        assert!(matches!(
            s.get_chain(0, &fats, &mut &file[..], usize::MAX),
            Err(CfbError::ChainCycle(0))
        ));
        // a claimed length ends a cycle early: no error, only what was asked
        let mut s = Sectors::new(512, Vec::new(), 3);
        assert_eq!(
            s.get_chain(0, &fats, &mut &file[..], 1000).unwrap().len(),
            1000
        );
        // 3 → (no FAT entry for 3): upstream indexed fats[3] out of bounds
        let short_fat = [ENDOFCHAIN, ENDOFCHAIN, 3];
        let mut s = Sectors::new(512, Vec::new(), 3);
        assert!(matches!(
            s.get_chain(2, &short_fat, &mut &file[..], usize::MAX),
            Err(CfbError::SectorBeyondEof(3))
        ));
        // a proper chain
        let fats = [1u32, 2, ENDOFCHAIN];
        let mut s = Sectors::new(512, Vec::new(), 3);
        assert_eq!(
            s.get_chain(0, &fats, &mut &file[..], usize::MAX)
                .unwrap()
                .len(),
            1536
        );
    }

    #[test]
    fn directory_size_saturates() {
        let mut buf = [0u8; 128];
        buf[120..128].copy_from_slice(&u64::MAX.to_le_bytes());
        let d = Directory::from_slice(&buf, SectorSize::Large);
        assert_eq!(d.len, usize::try_from(u64::MAX).unwrap_or(usize::MAX));
    }

    #[test]
    fn decompress_stream_checked() {
        assert!(decompress_stream(&[]).is_err());
        assert!(decompress_stream(&[2]).is_err());
        // truncated chunk header
        assert!(decompress_stream(&[1, 0]).is_err());
        // bad chunk signature (was an assert)
        assert!(decompress_stream(&[1, 0x00, 0x00]).is_err());
        // uncompressed chunk shorter than 4096 bytes
        assert!(decompress_stream(&[1, 0xFF, 0x3F, 1, 2, 3]).is_err());
        // a copy token before any literal: offset past the chunk start
        assert!(decompress_stream(&[1, 0x03, 0xB0, 0x01, 0x00, 0x00]).is_err());
        // copy token cut short
        assert!(decompress_stream(&[1, 0x03, 0xB0, 0x02, b'a', 0x00]).is_err());
        // literals "abc" (flag byte 0, chunk size 4 - 3 + … as the spec's example layout)
        let out = decompress_stream(&[1, 0x03, 0xB0, 0x00, b'a', b'b', b'c']).unwrap();
        assert_eq!(out, b"abc");
        // MS-OVBA 3.2.3 example: "#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa"
        let compressed = [
            0x01, 0x2F, 0xB0, 0x00, 0x23, 0x61, 0x61, 0x61, 0x62, 0x63, 0x64, 0x65, 0x82, 0x66,
            0x00, 0x70, 0x61, 0x67, 0x68, 0x69, 0x6A, 0x01, 0x38, 0x08, 0x61, 0x6B, 0x6C, 0x00,
            0x30, 0x6D, 0x6E, 0x6F, 0x70, 0x06, 0x71, 0x02, 0x70, 0x04, 0x10, 0x72, 0x73, 0x74,
            0x75, 0x76, 0x10, 0x77, 0x78, 0x79, 0x7A, 0x00, 0x3C,
        ];
        let out = decompress_stream(&compressed).unwrap();
        assert_eq!(
            out,
            b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa".to_vec()
        );
    }
}
