//! The zip container of an .xlsx: each part deflated (flate2 over zlib-rs, the inflater the
//! import already links), its CRC-32 (crc32fast, linked for the same reading), local headers,
//! the central directory and its end record. No ZIP64: a part or the file past 4 GiB, or more
//! than 65,535 parts, is refused — reports are far smaller. Every part is dated 1980-01-01
//! 00:00, as rust_xlsxwriter dates them, so the same workbook gives the same bytes.

use super::XlsxError;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::Write;

/// DOS date of 1980-01-01 (year 0, month 1, day 1); the time is 00:00:00.
const DOS_DATE: u16 = (1 << 5) | 1;

/// A part's entry in the central directory.
struct Entry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// An .xlsx zip being written into memory.
pub(super) struct Writer {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

fn u32_of(n: usize) -> Result<u32, XlsxError> {
    u32::try_from(n).map_err(|_| XlsxError::TooLarge)
}

impl Writer {
    pub(super) fn new() -> Writer {
        Writer {
            out: Vec::with_capacity(64 * 1024),
            entries: Vec::new(),
        }
    }

    /// Adds the part `name` (ASCII) holding `text`.
    pub(super) fn add(&mut self, name: &str, text: &str) -> Result<(), XlsxError> {
        let data = text.as_bytes();
        let mut encoder =
            DeflateEncoder::new(Vec::with_capacity(data.len() / 4 + 64), Compression::new(6));
        encoder
            .write_all(data)
            .map_err(|e| XlsxError::Compression(e.to_string()))?;
        let deflated = encoder
            .finish()
            .map_err(|e| XlsxError::Compression(e.to_string()))?;
        let entry = Entry {
            name: name.to_owned(),
            crc: crc32fast::hash(data),
            compressed: u32_of(deflated.len())?,
            size: u32_of(data.len())?,
            offset: u32_of(self.out.len())?,
        };
        let name_len = u16::try_from(name.len()).map_err(|_| XlsxError::TooLarge)?;
        let o = &mut self.out;
        o.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        o.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0 (deflate)
        o.extend_from_slice(&0u16.to_le_bytes()); // flags
        o.extend_from_slice(&8u16.to_le_bytes()); // deflate
        o.extend_from_slice(&0u16.to_le_bytes()); // time
        o.extend_from_slice(&DOS_DATE.to_le_bytes());
        o.extend_from_slice(&entry.crc.to_le_bytes());
        o.extend_from_slice(&entry.compressed.to_le_bytes());
        o.extend_from_slice(&entry.size.to_le_bytes());
        o.extend_from_slice(&name_len.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes()); // extra
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(&deflated);
        u32_of(o.len())?;
        self.entries.push(entry);
        Ok(())
    }

    /// The central directory and its end: the file's bytes.
    pub(super) fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let start = u32_of(self.out.len())?;
        let count = u16::try_from(self.entries.len()).map_err(|_| XlsxError::TooLarge)?;
        for e in &self.entries {
            let name_len = u16::try_from(e.name.len()).map_err(|_| XlsxError::TooLarge)?;
            let o = &mut self.out;
            o.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            o.extend_from_slice(&20u16.to_le_bytes()); // made by: 2.0
            o.extend_from_slice(&20u16.to_le_bytes()); // needed: 2.0
            o.extend_from_slice(&0u16.to_le_bytes());
            o.extend_from_slice(&8u16.to_le_bytes());
            o.extend_from_slice(&0u16.to_le_bytes());
            o.extend_from_slice(&DOS_DATE.to_le_bytes());
            o.extend_from_slice(&e.crc.to_le_bytes());
            o.extend_from_slice(&e.compressed.to_le_bytes());
            o.extend_from_slice(&e.size.to_le_bytes());
            o.extend_from_slice(&name_len.to_le_bytes());
            o.extend_from_slice(&[0; 6]); // extra, comment, disk
            o.extend_from_slice(&[0; 6]); // internal and external attributes
            o.extend_from_slice(&e.offset.to_le_bytes());
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = u32_of(self.out.len())? - start;
        let o = &mut self.out;
        o.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        o.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        o.extend_from_slice(&count.to_le_bytes());
        o.extend_from_slice(&count.to_le_bytes());
        o.extend_from_slice(&size.to_le_bytes());
        o.extend_from_slice(&start.to_le_bytes());
        o.extend_from_slice(&0u16.to_le_bytes());
        Ok(self.out)
    }
}
