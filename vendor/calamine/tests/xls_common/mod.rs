//! parkscore: hand-made BIFF8 records and a minimal compound file writer for the .xls tests.
#![allow(dead_code)]

pub const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
pub const FATSECT: u32 = 0xFFFF_FFFD;
pub const FREESECT: u32 = 0xFFFF_FFFF;

/// One BIFF record.
pub fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend((data.len() as u16).to_le_bytes());
    v.extend(data);
    v
}

/// BOF: 0x0005 workbook globals, 0x0010 worksheet.
pub fn bof(dt: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend(dt.to_le_bytes());
    d.extend([0u8; 12]);
    rec(0x0809, &d)
}

pub fn eof() -> Vec<u8> {
    rec(0x000A, &[])
}

/// Number record (0x0203).
pub fn number(row: u16, col: u16, ixfe: u16, v: f64) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(ixfe.to_le_bytes());
    d.extend(v.to_le_bytes());
    rec(0x0203, &d)
}

/// XF record whose number format is `ifmt` (only ifmt is read).
pub fn xf(ifmt: u16) -> Vec<u8> {
    let mut d = vec![0u8; 20];
    d[2..4].copy_from_slice(&ifmt.to_le_bytes());
    rec(0x00E0, &d)
}

/// Format record (BIFF8) with an ASCII code.
pub fn format(ifmt: u16, code: &str) -> Vec<u8> {
    let mut d = ifmt.to_le_bytes().to_vec();
    d.extend((code.len() as u16).to_le_bytes());
    d.push(0);
    d.extend(code.as_bytes());
    rec(0x041E, &d)
}

/// SST with ASCII strings.
pub fn sst(strings: &[&str]) -> Vec<u8> {
    let mut d = vec![0u8; 8];
    for s in strings {
        d.extend((s.len() as u16).to_le_bytes());
        d.push(0);
        d.extend(s.as_bytes());
    }
    rec(0x00FC, &d)
}

/// LabelSst (0x00FD).
pub fn label_sst(row: u16, col: u16, isst: u32) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(isst.to_le_bytes());
    rec(0x00FD, &d)
}

/// Formula record (0x0006) with a cached number and the formula `1` (PtgInt).
pub fn formula_number(row: u16, col: u16, ixfe: u16, v: f64) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(ixfe.to_le_bytes());
    d.extend(v.to_le_bytes());
    d.extend(0u16.to_le_bytes()); // grbit
    d.extend(0u32.to_le_bytes()); // chn
    d.extend([3u8, 0, 0x1E, 1, 0]); // cce = 3, PtgInt 1
    rec(0x0006, &d)
}

/// A BIFF8 workbook stream: globals (BOF, `globals`, BoundSheet8s, EOF), then each sheet's
/// substream (BOF, records, EOF).
pub fn workbook(globals: &[Vec<u8>], sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
    let mut head = bof(0x0005);
    for g in globals {
        head.extend(g);
    }
    // names are written as UTF-16 (fHighByte = 1)
    let bs_len: usize = sheets
        .iter()
        .map(|(n, _)| 4 + 8 + 2 * n.encode_utf16().count())
        .sum();
    let mut pos = head.len() + bs_len + 4;
    let mut bodies = Vec::new();
    let mut boundsheets = Vec::new();
    for (name, records) in sheets {
        let mut body = bof(0x0010);
        for r in records {
            body.extend(r);
        }
        body.extend(eof());
        let mut d = (pos as u32).to_le_bytes().to_vec();
        d.extend([0, 0, name.encode_utf16().count() as u8, 1]);
        d.extend(name.encode_utf16().flat_map(|u| u.to_le_bytes()));
        boundsheets.extend(rec(0x0085, &d));
        pos += body.len();
        bodies.push(body);
    }
    head.extend(boundsheets);
    head.extend(eof());
    for b in bodies {
        head.extend(b);
    }
    head
}

/// A version 3 compound file holding `streams` (each padded to 4096 bytes so that no mini
/// stream is needed). Layout: FAT sectors, one directory sector, then the streams' sectors.
pub fn cfb(streams: &[(&str, &[u8])]) -> Vec<u8> {
    assert!(streams.len() <= 3);
    let padded: Vec<Vec<u8>> = streams
        .iter()
        .map(|(_, s)| {
            let mut v = s.to_vec();
            if v.len() < 4096 {
                v.resize(4096, 0);
            }
            let n = v.len().div_ceil(512) * 512;
            v.resize(n, 0);
            v
        })
        .collect();
    let n_data: usize = padded.iter().map(|v| v.len() / 512).sum();
    let mut k = 1;
    while k * 128 < k + 1 + n_data {
        k += 1;
    }
    assert!(k <= 109);
    let total = k + 1 + n_data;
    let mut fat = vec![FREESECT; k * 128];
    for e in fat.iter_mut().take(k) {
        *e = FATSECT;
    }
    fat[k] = ENDOFCHAIN; // directory
    let mut starts = Vec::new();
    let mut next = k + 1;
    for v in &padded {
        let n = v.len() / 512;
        starts.push(next as u32);
        for j in 0..n {
            fat[next + j] = if j + 1 == n { ENDOFCHAIN } else { (next + j + 1) as u32 };
        }
        next += n;
    }
    assert_eq!(next, total);

    let mut out = vec![0u8; 512];
    out[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    out[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    out[26..28].copy_from_slice(&3u16.to_le_bytes());
    out[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[30..32].copy_from_slice(&9u16.to_le_bytes());
    out[32..34].copy_from_slice(&6u16.to_le_bytes());
    out[44..48].copy_from_slice(&(k as u32).to_le_bytes());
    out[48..52].copy_from_slice(&(k as u32).to_le_bytes()); // directory start
    out[56..60].copy_from_slice(&4096u32.to_le_bytes());
    out[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    out[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 0..109 {
        let v = if i < k { i as u32 } else { FREESECT };
        out[76 + 4 * i..80 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    for e in &fat {
        out.extend(e.to_le_bytes());
    }
    // directory: root + streams
    let mut dir = vec![0u8; 512];
    let mut entry = |i: usize, name: &str, typ: u8, start: u32, len: u32| {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let utf16: Vec<u16> = name.encode_utf16().collect();
        for (j, u) in utf16.iter().enumerate() {
            e[2 * j..2 * j + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[64..66].copy_from_slice(&(((utf16.len() + 1) * 2) as u16).to_le_bytes());
        e[66] = typ;
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&len.to_le_bytes());
    };
    entry(0, "Root Entry", 5, ENDOFCHAIN, 0);
    for (i, ((name, _), v)) in streams.iter().zip(&padded).enumerate() {
        entry(i + 1, name, 2, starts[i], v.len() as u32);
    }
    out.extend(dir);
    for v in padded {
        out.extend(v);
    }
    out
}

/// File offset of the FAT entry of sector `id` (FAT sectors come first).
pub fn fat_entry_offset(id: usize) -> usize {
    512 + 4 * id
}

/// Sector id where the first stream starts, for a file made by `cfb` (one FAT sector).
pub const FIRST_STREAM_SECTOR: usize = 2;
