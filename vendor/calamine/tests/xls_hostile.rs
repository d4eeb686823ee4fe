//! parkscore: hostile .xls / compound files (the fuzz findings in /work/shared/fuzz-findings,
//! copied to tests/data/xls, and hand-made records) give an error or the right cells, never a
//! panic, an abort, a hang or an allocation by a size the file merely claims.

mod xls_common;

use std::io::Cursor;

use calamine::{Data, ReadLimits, Reader, SparseCell, Xls, XlsError, XlsOptions, Xlsx};
use xls_common::*;

fn data(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/xls/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn open(bytes: Vec<u8>) -> Result<Xls<Cursor<Vec<u8>>>, XlsError> {
    Xls::new(Cursor::new(bytes))
}

fn open_with(bytes: Vec<u8>, limits: ReadLimits) -> Result<Xls<Cursor<Vec<u8>>>, XlsError> {
    let mut o = XlsOptions::default();
    o.limits = Some(limits);
    Xls::new_with_options(Cursor::new(bytes), o)
}

/// What a reproducer gives: the error of `Xls::new`, or per sheet the number of cells or the
/// error of `worksheet_sparse`.
fn outcome(file: &str) -> String {
    match open(data(file)) {
        Err(e) => format!("Err: {e}"),
        Ok(mut xls) => {
            let mut out = Vec::new();
            for name in xls.sheet_names() {
                match xls.worksheet_sparse(&name) {
                    Ok(cells) => out.push(format!("{name}: {} cells", cells.len())),
                    Err(e) => out.push(format!("{name}: Err: {e}")),
                }
                // formulas and merged cells are read without panicking either
                let _ = xls.worksheet_formula(&name);
                let _ = xls.merge_cells_by_sheet_name(&name);
            }
            format!("Ok: {}", out.join("; "))
        }
    }
}

#[test]
fn reproducers_give_known_outcomes() {
    let cases = [
        // utils.rs:48 (read_u16 slicing): a MergeCells record of 1 byte; the other sheet reads
        (
            "xls-0545bda5-min.xls",
            "Ok: 说明: 2 cells; 数据: Err: Worksheet '数据' is broken: Invalid MergeCells length, expected at least 2, found 1",
        ),
        // utils.rs:38 (read_u32 slicing): an empty BoundSheet8
        (
            "xls-2a258f79-min.xls",
            "Err: Invalid BoundSheet8 length, expected at least 6, found 0",
        ),
        // utils.rs:29 (to_u32 assertion): a truncated FAT sector
        (
            "xls-3f6a9afa.xls",
            "Err: Cfb error: Sector 4293001215 points past end of file",
        ),
        (
            "xlsx-3f6a9afa.xlsx",
            "Err: Cfb error: Sector 4294443007 points past end of file",
        ),
        // xls.rs:633 (Lbl: `len - cce` underflow)
        (
            "xls-56d36ce0-min.xls",
            "Err: Invalid Lbl:rgce length, expected at least 32767, found 12",
        ),
        // xls.rs:850/838 (Lbl shorter than its fixed part)
        (
            "xls-5cd88f0a-min.xls",
            "Err: Invalid Lbl length, expected at least 14, found 2",
        ),
        // xls.rs:633: a BoundSheet8 offset past the stream: that sheet only
        (
            "xls-7c725796-min.xls",
            "Ok: 说明: 2 cells; 数据: Err: Worksheet '数据' is broken: End of stream 'BoundSheet8:lbPlyPos past the stream'",
        ),
        // xls.rs:772 (a BOF record of length 0)
        (
            "xls-b31b002a-min.xls",
            "Err: Invalid BOF length, expected at least 2, found 0",
        ),
        // cfb.rs:320 (a sector past the end of the file)
        (
            "xls-ae94d4d0.xls",
            "Err: Cfb error: Sector 1 points past end of file",
        ),
        (
            "xlsx-ae94d4d0.xlsx",
            "Err: Cfb error: Sector 1 points past end of file",
        ),
        // cfb.rs:344 (a FAT index past the FAT)
        (
            "xlsx-e6167d22.xlsx",
            "Err: Cfb error: Sector 1 points past end of file",
        ),
        // xls.rs:1289 (a CONTINUE record of length 0 inside an SST string)
        (
            "xls-continue-len-0.xls",
            "Err: Continued record too short while reading extended string",
        ),
        // aborts (DIMENSIONS taken as the sheet size; one far cell): now sparse
        ("xls-8097604a-min.xls", "Ok: 说明: 2 cells; 数据: 13 cells"),
        ("xls-d0c97154-min.xls", "Ok: 说明: 2 cells; 数据: 13 cells"),
        ("xls-dimensions-max.xls", "Ok: 数据: 466 cells"),
        ("xls-dimensions-inverted.xls", "Ok: 数据: 466 cells"),
        ("xls-62664df0.xls", "Ok: sample-2020: 407 cells"),
    ];
    let mut failures = Vec::new();
    for (file, want) in cases {
        let got = outcome(file);
        if got != want {
            failures.push(format!("{file}:\n  got  {got}\n  want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The CFB files named .xlsx also go through `Xlsx::new`'s encrypted-package probe (`Cfb::new`).
#[test]
fn cfb_reproducers_named_xlsx_do_not_panic_in_xlsx() {
    for file in ["xlsx-3f6a9afa.xlsx", "xlsx-ae94d4d0.xlsx", "xlsx-e6167d22.xlsx"] {
        let err = Xlsx::new(Cursor::new(data(file))).err().expect(file);
        assert!(err.to_string().contains("Zip"), "{file}: {err}");
    }
}

/// The allocation cases keep their cells sparse: the far cells are there, one entry each.
#[test]
fn far_cells_stay_sparse() {
    let mut xls = open(data("xls-62664df0.xls")).unwrap();
    let cells = xls.worksheet_sparse("sample-2020").unwrap();
    assert_eq!(cells.len(), 407);
    assert!(cells.iter().any(|c| c.col == 0xFFFF));
    assert_sorted(&cells);
    // the dense range would be 1001 × 65536 cells: refused by the default limit (4,000,000)
    let err = xls.worksheet_range("sample-2020").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Worksheet 'sample-2020' is broken: Worksheet has more cells in the dense range than the limit of 4000000"
    );

    let mut xls = open(data("xls-d0c97154-min.xls")).unwrap();
    let cells = xls.worksheet_sparse("数据").unwrap();
    assert_eq!(cells.iter().map(|c| c.row).max(), Some(65283));
    assert_eq!(cells.iter().map(|c| c.col).max(), Some(16128));
    assert!(xls.worksheet_range("数据").is_err());

    // DIMENSIONS says 0xFFFFFFFF rows (or end before start): ignored, the cells are the real ones
    for file in ["xls-dimensions-max.xls", "xls-dimensions-inverted.xls"] {
        let mut xls = open(data(file)).unwrap();
        let range = xls.worksheet_range("数据").unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{file}");
        assert_eq!(range.end(), Some((99, 27)), "{file}");
    }
}

fn assert_sorted(cells: &[SparseCell]) {
    assert!(
        cells.windows(2).all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col)),
        "cells are in row, then column order, one per position"
    );
}

/// Peak memory (VmHWM) of reading every sheet of each allocation reproducer, each in a child
/// process (the test binary re-run with PARKSCORE_XLS_CHILD set): at most 64 MiB, where
/// upstream asked for 5.5 GB to 44 TB.
#[test]
fn allocation_reproducers_use_bounded_memory() {
    const BOUND_KB: u64 = 64 * 1024;
    for file in [
        "xls-8097604a-min.xls",
        "xls-d0c97154-min.xls",
        "xls-dimensions-max.xls",
        "xls-dimensions-inverted.xls",
        "xls-62664df0.xls",
    ] {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "memory_child", "--nocapture", "--test-threads=1"])
            .env("PARKSCORE_XLS_CHILD", file)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{file}: child failed: {stdout}");
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("PARKSCORE_VMHWM_KB ").map(|(_, r)| r))
            .unwrap_or_else(|| panic!("{file}: no VmHWM line in {stdout}"));
        let (kb, cells) = line.split_once(' ').unwrap();
        let kb: u64 = kb.parse().unwrap();
        let cells: usize = cells.parse().unwrap();
        assert!(cells > 0, "{file}: no cells read");
        assert!(kb < BOUND_KB, "{file}: peak {kb} kB >= {BOUND_KB} kB");
    }
}

#[test]
fn memory_child() {
    let Ok(file) = std::env::var("PARKSCORE_XLS_CHILD") else {
        return; // only meaningful in the child process
    };
    let mut xls = open(data(&file)).unwrap();
    let mut n = 0;
    for name in xls.sheet_names() {
        n += xls.worksheet_sparse(&name).unwrap().len();
        let _ = xls.worksheet_formula(&name);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .unwrap()
        .trim()
        .trim_end_matches(" kB")
        .trim()
        .to_owned();
    println!("PARKSCORE_VMHWM_KB {kb} {n}");
}

// ---- hand-made workbooks ----

fn one_sheet(records: Vec<Vec<u8>>) -> Vec<u8> {
    cfb(&[("Workbook", &workbook(&[], &[("S", records)]))])
}

#[test]
fn hand_made_workbook_reads() {
    let mut xls = open(one_sheet(vec![number(1, 2, 0, 4.5), number(0, 0, 0, 1.0)])).unwrap();
    let cells = xls.worksheet_sparse("S").unwrap();
    assert_eq!(
        cells,
        vec![
            SparseCell { row: 0, col: 0, value: Data::Float(1.0), percent: false },
            SparseCell { row: 1, col: 2, value: Data::Float(4.5), percent: false },
        ]
    );
}

/// Item 5: a FilePass record gives `XlsError::Password`, as upstream did for RC4 encryption
/// (and now for XOR obfuscation, wEncryptionType 0, too).
#[test]
fn password_protected_workbook() {
    for typ in [1u16, 0] {
        let mut fp = typ.to_le_bytes().to_vec();
        fp.extend([1, 0, 1, 0]);
        fp.extend([0u8; 48]);
        let wb = workbook(&[rec(0x002F, &fp)], &[("S", vec![number(0, 0, 0, 1.0)])]);
        let err = open(cfb(&[("Workbook", &wb)])).err().expect("password error");
        assert!(matches!(err, XlsError::Password), "{err:?}");
    }
}

/// Item 4: one broken sheet fails alone, naming itself; the workbook and the other sheet read.
#[test]
fn broken_sheet_does_not_break_the_workbook() {
    // a MulRk whose last column is before its first (the u16 subtraction overflowed)
    let mut mulrk = vec![0u8, 0, 5, 0];
    mulrk.extend([0u8; 6]);
    mulrk.extend(2u16.to_le_bytes());
    let wb = workbook(
        &[],
        &[
            ("好", vec![number(0, 0, 0, 2.0)]),
            ("坏", vec![number(0, 0, 0, 1.0), rec(0x00BD, &mulrk)]),
        ],
    );
    let mut xls = open(cfb(&[("Workbook", &wb)])).expect("the workbook opens");
    assert_eq!(xls.sheet_names(), vec!["好", "坏"]);
    assert_eq!(xls.worksheet_sparse("好").unwrap().len(), 1);
    let err = xls.worksheet_sparse("坏").unwrap_err();
    match &err {
        XlsError::Sheet { name, source } => {
            assert_eq!(name, "坏");
            assert!(matches!(**source, XlsError::Len { typ: "rk", .. }), "{source:?}");
        }
        e => panic!("{e:?}"),
    }
    // the error is the same every time, and worksheet_range says the same
    assert_eq!(err.to_string(), xls.worksheet_sparse("坏").unwrap_err().to_string());
    assert_eq!(err.to_string(), xls.worksheet_range("坏").unwrap_err().to_string());
    assert_eq!(xls.worksheets().len(), 1);
    assert!(matches!(
        xls.worksheet_sparse("无"),
        Err(XlsError::WorksheetNotFound(_))
    ));
}

/// Two sheets that claim the same substream: the second is refused (n sheets sharing one long
/// substream would be n scans of it).
#[test]
fn sheets_sharing_a_substream() {
    let mut wb = workbook(&[], &[("A", vec![number(0, 0, 0, 1.0)])]);
    // append a second BoundSheet8 with the same offset by rewriting the globals
    let pos = u32::from_le_bytes(wb[24..28].try_into().unwrap());
    let mut d = pos.to_le_bytes().to_vec();
    d.extend([0, 0, 1, 0, b'B']);
    let extra = rec(0x0085, &d);
    let globals_end = 20 + 4 + 10; // BOF (20) + BoundSheet8 "A" (4 + 10, UTF-16 name)
    wb.splice(globals_end..globals_end, extra.iter().copied());
    let new_pos = pos + extra.len() as u32;
    wb[24..28].copy_from_slice(&new_pos.to_le_bytes());
    wb[globals_end + 4..globals_end + 8].copy_from_slice(&new_pos.to_le_bytes());
    let mut xls = open(cfb(&[("Workbook", &wb)])).unwrap();
    assert_eq!(xls.worksheet_sparse("A").unwrap().len(), 1);
    let err = xls.worksheet_sparse("B").unwrap_err().to_string();
    assert!(err.contains("shared with an earlier sheet"), "{err}");
}

/// Item 6: the stream may be called "Book" (BIFF5, some WPS writers) as well as "Workbook".
#[test]
fn book_stream_name() {
    let wb = workbook(&[], &[("S", vec![number(0, 0, 0, 1.0)])]);
    let mut xls = open(cfb(&[("Book", &wb)])).unwrap();
    assert_eq!(xls.worksheet_sparse("S").unwrap().len(), 1);
    let err = open(cfb(&[("Other", &wb)])).err().unwrap().to_string();
    assert_eq!(err, "Cfb error: Cannot find Workbook stream");
}

#[test]
fn percent_of_formula_number_cells() {
    // XF 0: General, XF 1: built-in 10 (0.00%), XF 2: custom 164 "0.0%", XF 3: custom 165 quoted
    let globals = [
        format(164, "0.0%"),
        format(165, "0.00\"%\""),
        xf(0),
        xf(10),
        xf(164),
        xf(165),
    ];
    let sheet = vec![
        formula_number(0, 0, 1, 0.25),
        formula_number(0, 1, 2, 0.5),
        formula_number(0, 2, 3, 0.75),
        formula_number(0, 3, 0, 1.0),
        number(1, 0, 1, 0.125),
        number(1, 1, 99, 0.125), // XF index past the table: not a percent, not an error
    ];
    let wb = workbook(&globals, &[("S", sheet)]);
    let mut xls = open(cfb(&[("Workbook", &wb)])).unwrap();
    let flags: Vec<_> = xls
        .worksheet_sparse("S")
        .unwrap()
        .into_iter()
        .map(|c| ((c.row, c.col), c.value, c.percent))
        .collect();
    assert_eq!(
        flags,
        vec![
            ((0, 0), Data::Float(0.25), true),
            ((0, 1), Data::Float(0.5), true),
            ((0, 2), Data::Float(0.75), false),
            ((0, 3), Data::Float(1.0), false),
            ((1, 0), Data::Float(0.125), true),
            ((1, 1), Data::Float(0.125), false),
        ]
    );
    // the formula text is still decompiled for worksheet_formula
    let f = xls.worksheet_formula("S").unwrap();
    assert_eq!(f.get_value((0, 0)), Some(&"1".to_string()));
}

/// A String record (0x0207) keeps the position of the string formula before it; a stray one
/// (no string formula before it) is ignored.
#[test]
fn formula_string_keeps_its_position() {
    let mut string_formula = formula_number(3, 4, 0, 0.0);
    // cached value: a string (byte 0 = 0x00, bytes 6..8 = 0xFFFF)
    let v = 4 + 6;
    string_formula[v..v + 8].copy_from_slice(&[0, 0, 0, 0, 0, 0, 0xFF, 0xFF]);
    let string = |s: &str| {
        let mut d = (s.len() as u16).to_le_bytes().to_vec();
        d.push(0);
        d.extend(s.as_bytes());
        rec(0x0207, &d)
    };
    let sheet = vec![string("stray"), number(0, 0, 0, 1.0), string_formula, string("abc")];
    let mut xls = open(one_sheet(sheet)).unwrap();
    let cells = xls.worksheet_sparse("S").unwrap();
    assert_eq!(cells.len(), 2);
    assert_eq!((cells[1].row, cells[1].col), (3, 4));
    assert_eq!(cells[1].value, Data::String("abc".into()));
}

#[test]
fn cell_limit() {
    let sheet: Vec<_> = (0..10).map(|i| number(i, 0, 0, 1.0)).collect();
    let limits = ReadLimits { max_inflated_bytes: 1 << 20, max_cells: 5 };
    let mut xls = open_with(one_sheet(sheet), limits).unwrap();
    let err = xls.worksheet_sparse("S").unwrap_err().to_string();
    assert_eq!(
        err,
        "Worksheet 'S' is broken: Worksheet has more cells than the limit of 5"
    );
}

/// A long shared string cloned into many cells is bounded by `max_inflated_bytes`.
#[test]
fn shared_string_clone_limit() {
    let long = "x".repeat(1000);
    let sheet: Vec<_> = (0..100).map(|i| label_sst(i, 0, 0)).collect();
    let globals = [sst(&[&long])];
    let wb = workbook(&globals, &[("S", sheet)]);
    let limits = ReadLimits { max_inflated_bytes: 50_000, max_cells: 1000 };
    let mut xls = open_with(cfb(&[("Workbook", &wb)]), limits).unwrap();
    let err = xls.worksheet_sparse("S").unwrap_err().to_string();
    assert!(err.ends_with("more string bytes than the limit of 50000"), "{err}");
    // within the limit it reads
    let limits = ReadLimits { max_inflated_bytes: 100_000, max_cells: 1000 };
    let mut xls = open_with(cfb(&[("Workbook", &wb)]), limits).unwrap();
    assert_eq!(xls.worksheet_sparse("S").unwrap().len(), 100);
}

/// A CONTINUE record of length 0 inside an SST string (xls-continue-len-0.xls, hand-made).
#[test]
fn empty_continue_in_sst_string() {
    let mut d = vec![0u8; 8];
    d.extend(10u16.to_le_bytes()); // cch 10
    d.push(0);
    d.extend(b"abc"); // only 3 characters here
    let mut globals = rec(0x00FC, &d);
    globals.extend(rec(0x003C, &[]));
    globals.extend(rec(0x003C, &[0, b'd']));
    let wb = workbook(&[globals], &[("S", vec![])]);
    let err = open(cfb(&[("Workbook", &wb)])).err().unwrap();
    assert!(matches!(err, XlsError::ContinueRecordTooShort), "{err:?}");
}

/// Many CONTINUE records: linear, not quadratic (upstream removed each from the front of a Vec).
#[test]
fn many_continue_records_are_linear() {
    let mut globals = sst(&[]);
    for _ in 0..200_000 {
        globals.extend(rec(0x003C, &[]));
    }
    let wb = workbook(&[globals], &[("S", vec![number(0, 0, 0, 1.0)])]);
    let t = std::time::Instant::now();
    let mut xls = open(cfb(&[("Workbook", &wb)])).unwrap();
    assert_eq!(xls.worksheet_sparse("S").unwrap().len(), 1);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

// ---- the compound file ----

fn stream_file() -> Vec<u8> {
    one_sheet(vec![number(0, 0, 0, 1.0)])
}

/// The Workbook stream's chain loops back on itself: an error, not a loop until out of memory.
#[test]
fn cfb_stream_chain_cycle() {
    let mut f = stream_file();
    let first = FIRST_STREAM_SECTOR;
    // first → first + 1 → first (the stream claims 4096 bytes = 8 sectors)
    let o = fat_entry_offset(first + 1);
    f[o..o + 4].copy_from_slice(&(first as u32).to_le_bytes());
    // and claim a long stream so that the claimed length does not end the loop
    let dir = 512 * 2 + 128; // directory sector (sector 1, after the header) + entry 1
    f[dir + 120..dir + 124].copy_from_slice(&1_000_000u32.to_le_bytes());
    let err = open(f).err().unwrap().to_string();
    assert_eq!(
        err,
        "Cfb error: Sector chain from sector 2 is longer than the file (a cycle)"
    );
}

#[test]
fn cfb_directory_chain_cycle() {
    let mut f = stream_file();
    let o = fat_entry_offset(1); // the directory sector points to itself
    f[o..o + 4].copy_from_slice(&1u32.to_le_bytes());
    let err = open(f).err().unwrap().to_string();
    assert_eq!(
        err,
        "Cfb error: Sector chain from sector 1 is longer than the file (a cycle)"
    );
}

#[test]
fn cfb_sector_index_past_the_end() {
    let mut f = stream_file();
    let o = fat_entry_offset(FIRST_STREAM_SECTOR);
    f[o..o + 4].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    let err = open(f).err().unwrap().to_string();
    assert_eq!(err, "Cfb error: Sector 16777215 points past end of file");
}

#[test]
fn cfb_truncated_file() {
    let f = stream_file();
    for cut in [0, 100, 511, 512, 700, 1024, 1536, 1600, 2048, f.len() - 1] {
        let r = open(f[..cut].to_vec());
        assert!(r.is_err() || cut > 1536, "{cut}");
    }
}

/// A 4096-byte-sector (version 4) header claiming a 64-bit stream size: no unwrap on wasm32's
/// usize, and no allocation by the size.
#[test]
fn cfb_huge_stream_size() {
    let mut f = stream_file();
    let dir = 512 * 2 + 128; // directory sector (sector 1, after the header) + entry 1
    f[dir + 120..dir + 124].copy_from_slice(&u32::MAX.to_le_bytes());
    // the chain ends at ENDOFCHAIN after 8 sectors: the stream is what the file holds
    let mut xls = open(f).unwrap();
    assert_eq!(xls.worksheet_sparse("S").unwrap().len(), 1);
}
