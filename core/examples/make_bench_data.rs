//! Writes the input files of `make bench` (tools/bench.mjs): synthetic, deterministic, not real
//! data. Only for measuring how the app and the command line cope with many parks.
//!
//!     cargo run --release -p parkscore --example make_bench_data -- [DIR]   (default target/bench-data)
//!
//! For N = 14, 1,000, 10,000 and 100,000 parks, `random-N.csv` and `random-N.xlsx` in the shape
//! of the import template (the header of `export::template::template_headers`, one row per park;
//! the CSV UTF-8 with a BOM, the xlsx one sheet 数据). Every ranked indicator gets N distinct
//! values in random order (so no ties); counts are small integers, bureau scores lie within
//! [0, max] with one decimal, a few parks have a recognition, none is vetoed. With 14 parks the
//! names are the scheme's 14 units (the real case: no list option needed); otherwise 园区000001…,
//! which the scheme does not list (the app's two list choices, the CLI's `--allow-unlisted
//! --allow-missing-units`).
//!
//! And `ties-100000.csv`: the sample's rows copied over and over, renamed `<name>-<k>`, every
//! decimal nudged by one of 97 small amounts, so that hundreds of parks tie on every indicator
//! and on the total — byte for byte what `node tools/make-big-csv.mjs 100000` writes (that script
//! stays for the end-to-end tests, which need node only).
//!
//! The random values come from a xorshift generator with a fixed seed: the same files on every
//! machine and every run.

use parkscore::export::template::template_headers;
use parkscore::{Method, Scheme};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The sizes written, in parks.
const SIZES: [usize; 4] = [14, 1_000, 10_000, 100_000];
/// The size of the many-ties file.
const TIES: usize = 100_000;
/// The generator's seed.
const SEED: u64 = 0x5eed_2020_c1f3_0172;

/// xorshift64* (Vigna): small, fast, good enough to shuffle benchmark data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// 0, 1, …, n − 1 in random order (Fisher–Yates).
    fn permutation(&mut self, n: usize) -> Vec<u64> {
        let mut v: Vec<u64> = (0..n as u64).collect();
        for i in (1..n).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
        v
    }
}

/// One cell: text, a number in hundredths (`Fixed(-1234, 2)` is −12.34), or empty.
#[derive(Clone)]
enum Cell {
    Text(String),
    Fixed(i64, u32),
    Empty,
}

impl Cell {
    fn write(&self, out: &mut String) {
        match self {
            Cell::Text(s) => out.push_str(s),
            Cell::Fixed(v, 0) => {
                let _ = write!(out, "{v}");
            }
            Cell::Fixed(v, places) => {
                let scale = 10i64.pow(*places);
                let sign = if *v < 0 { "-" } else { "" };
                let (int, frac) = (v.abs() / scale, v.abs() % scale);
                let _ = write!(out, "{sign}{int}.{frac:0width$}", width = *places as usize);
            }
            Cell::Empty => {}
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            // The double nearest the decimal: calamine's shortest representation reads it back
            // as the same decimal.
            Cell::Fixed(v, places) => Some(*v as f64 / 10f64.powi(*places as i32)),
            _ => None,
        }
    }
}

/// The rows (without the header) of a file of `n` parks with random distinct values.
fn random_rows(scheme: &Scheme, n: usize, rng: &mut Rng) -> Vec<Vec<Cell>> {
    let names: Vec<String> = if n == scheme.units.len() {
        scheme.units.clone()
    } else {
        (1..=n).map(|i| format!("园区{i:06}")).collect()
    };
    let mut columns: Vec<Vec<Cell>> = vec![names.into_iter().map(Cell::Text).collect()];
    // Hundredths between two neighbouring values of a ranked indicator: the N values span
    // about 100 (at least 0.01 apart), so a % column is never all within ±1 (the import's
    // fraction warning) and never beyond ±1000 % (its growth warning).
    let step = (10_000 / n as i64).max(1);
    for indicator in scheme.indicators() {
        let column: Vec<Cell> = match &indicator.method {
            Method::CountCapped { .. } => (0..n)
                .map(|_| Cell::Fixed(rng.below(6) as i64, 0))
                .collect(),
            Method::Direct { max } => {
                let tenths = (max * rust_decimal::Decimal::TEN).to_u64().unwrap_or(10);
                (0..n)
                    .map(|_| Cell::Fixed(rng.below(tenths + 1) as i64, 1))
                    .collect()
            }
            // Ranked: a permutation of N evenly spaced values.
            _ if indicator.unit == "户" => rng
                .permutation(n)
                .into_iter()
                .map(|k| Cell::Fixed(k as i64, 0))
                .collect(),
            _ => {
                let span = step * n as i64;
                let low = if indicator.unit == "%" {
                    -span / 4
                } else {
                    rng.below(1_000) as i64
                };
                rng.permutation(n)
                    .into_iter()
                    .map(|k| Cell::Fixed(low + k as i64 * step, 2))
                    .collect()
            }
        };
        columns.push(column);
    }
    // 省级认定数, 国家级认定数: a few parks have one.
    columns.push(
        (0..n)
            .map(|_| Cell::Fixed(i64::from(rng.below(10) == 0), 0))
            .collect(),
    );
    columns.push(
        (0..n)
            .map(|_| Cell::Fixed(i64::from(rng.below(30) == 0), 0))
            .collect(),
    );
    // 一票否决, 否决原因: empty.
    columns.push(vec![Cell::Empty; n]);
    columns.push(vec![Cell::Empty; n]);
    (0..n)
        .map(|r| columns.iter().map(|c| c[r].clone()).collect())
        .collect()
}

/// UTF-8 with a BOM and CRLF, like the CSV template.
fn csv_bytes(header: &[String], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = String::from('\u{feff}');
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell.write(&mut out);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// One sheet 数据: the header, then names as text and numbers as numbers.
fn xlsx_bytes(header: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("数据")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, c as u16, s)?;
                }
                Cell::Fixed(..) => {
                    sheet.write_number(r, c as u16, cell.as_f64().unwrap_or_default())?;
                }
                Cell::Empty => {}
            }
        }
    }
    workbook.save_to_buffer()
}

/// The many-ties file, as tools/make-big-csv.mjs writes it: the sample's title and header, then
/// `count` rows made from the sample's rows.
fn ties_csv(count: usize) -> Vec<u8> {
    let text = std::str::from_utf8(parkscore::sample::sample_csv()).expect("the sample is UTF-8");
    let lines: Vec<&str> = text.split(['\r', '\n']).filter(|l| !l.is_empty()).collect();
    let (title, header) = (lines[0], lines[1]);
    let data: Vec<Vec<&str>> = lines[2..]
        .iter()
        .filter(|l| !l.starts_with(','))
        .map(|l| l.split(',').collect())
        .collect();
    let mut out = format!("{title}\r\n{header}\r\n");
    for i in 0..count {
        let base = &data[i % data.len()];
        let k = i / data.len();
        for (c, cell) in base.iter().enumerate() {
            if c > 0 {
                out.push(',');
                out.push_str(&nudge(cell, i));
            } else {
                let _ = write!(out, "{cell}-{}", k + 1);
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A decimal cell (`-?digits.digits`) moved by one of 97 amounts within ±0.5 %, to its own
/// number of places, never beyond the sample's value in magnitude (a bureau score stays within
/// its full marks); any other cell unchanged.
fn nudge(cell: &str, i: usize) -> String {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let Some((int, frac)) = digits.split_once('.') else {
        return cell.to_owned();
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || !all_digits(frac) {
        return cell.to_owned();
    }
    let value: f64 = cell.parse().expect("a decimal");
    let nudged = value * (1.0 + (((i * 7919) % 97) as f64 - 48.0) / 10000.0);
    let kept = if nudged.abs() > value.abs() {
        value
    } else {
        nudged
    };
    to_fixed(kept, frac.len())
}

/// JavaScript's `Number.prototype.toFixed`: the exact value of the double rounded half away
/// from zero (Rust's `{:.N}` rounds an exact half to even).
fn to_fixed(x: f64, places: usize) -> String {
    let exact = format!("{:.*}", places + 30, x.abs());
    let (int, frac) = exact.split_once('.').expect("a point");
    let (keep, rest) = frac.split_at(places);
    let mut digits: Vec<u8> = format!("{int}{keep}").into_bytes();
    if rest.as_bytes()[0] >= b'5' {
        // Add one at the last kept place, carrying.
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let digits = String::from_utf8(digits).expect("ASCII digits");
    let (int, frac) = digits.split_at(digits.len() - places);
    // As in JavaScript, a negative number keeps its sign even when it rounds to zero.
    let sign = if x < 0.0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("{}: {} bytes", path.display(), bytes.len());
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench-data".to_owned()),
    );
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let scheme = Scheme::chifeng_2020();
    let header = template_headers(&scheme);
    let mut rng = Rng(SEED);
    for n in SIZES {
        let rows = random_rows(&scheme, n, &mut rng);
        write(&dir, &format!("random-{n}.csv"), &csv_bytes(&header, &rows));
        let xlsx = xlsx_bytes(&header, &rows).expect("rust_xlsxwriter writes the workbook");
        write(&dir, &format!("random-{n}.xlsx"), &xlsx);
    }
    write(&dir, &format!("ties-{TIES}.csv"), &ties_csv(TIES));
}
