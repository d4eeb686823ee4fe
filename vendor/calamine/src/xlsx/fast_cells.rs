// SPDX-License-Identifier: MIT
//
// parkscore: a fast reader of a worksheet's cells. See PARKSCORE-PATCHES.md.

//! parkscore: the cells of one worksheet read straight from the bytes of its XML part, for
//! [`Xlsx::worksheet_sparse_into`](super::Xlsx::worksheet_sparse_into), and the shared strings
//! likewise ([`read_shared_strings`], for `Xlsx::read_shared_strings`).
//!
//! quick-xml's event reader, the attribute iterator and the per-event allocations made reading
//! a sheet of 2.7 million cells take seconds. This module cuts the same XML into the same
//! events (start tag, end tag, text, entity reference) with a small hand-written tokenizer,
//! and walks them with the very rules of `XlsxCellReader::next_cell_with_style_id`,
//! `read_value` and `read_string_with_bufs` (cells_reader.rs, mod.rs): local names, the `r`
//! reference or the next column, the last child of a `<c>` giving its value, `<v>` texts
//! turned into values by the same `read_v`, inline and rich strings joined the same way, the
//! same entity and `_xHHHH_` unescaping, the same limits. Cells go to a [`SparseSink`] as they
//! come, so the sheet is never held whole: the part is inflated 8 KiB at a time (the reads
//! quick-xml's `BufReader` makes, through the same [`Budgeted`](super::Budgeted) reader).
//! The common cell, `<c r="B7" s="1" t="s"><v>12</v></c>` whole in the buffer, is read on the
//! bytes without events (`Sheet::quick_cell`: [`quick_tag`], [`cell_reference`],
//! [`plain_number`]), each piece held to the function it stands for by a test below.
//!
//! It gives up — [`GiveUp`], and the caller reads the whole sheet again with quick-xml —
//! whenever it meets anything it does not fully understand or anything the quick-xml path
//! would report: comments, CDATA, processing instructions other than a leading UTF-8 XML
//! declaration, a byte-order mark or another encoding, malformed tags or references, invalid
//! UTF-8, an end of file before `</sheetData>`, an unusual `<v>`, an unknown child of `<c>`,
//! any error of `read_v` (a bad shared-string index, an unknown `t`, a number that does not
//! parse), a bad cell or row reference, more than `max_cells` cells, too much shared text,
//! cells out of row-then-column order (or twice at one position), and the inflation budget or
//! the XML run limit being crossed. Correctness never depends on what it covers: whatever it
//! completes, quick-xml would read to the same cells; everything else quick-xml reads.

use std::io::Read;
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesText};

use super::cells_reader::{cell_position, read_v, WorkbookContext};
use super::get_row;
use crate::attrs::RawAttributes;
use crate::datatype::DataRef;
use crate::formats::{format_excel_f64_ref, CellFormat};
use crate::utils::{unescape_entity_to_buffer, unescape_xml};
use crate::{ReadLimits, SparseSink};

/// Why the fast reader handed a sheet to quick-xml (for tests and debugging).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GiveUp(pub &'static str);

type Scan<T> = Result<T, GiveUp>;

/// The size of each read from the part: `BufReader`'s default capacity, so that the bytes
/// inflated (and counted against the budget) are those quick-xml's reader would take.
const CHUNK: usize = 8192;

/// Bytes already consumed are dropped from the buffer once there are this many.
const COMPACT_AT: usize = 1 << 16;

/// One XML event, as quick-xml (with `expand_empty_elements`) would give it; ranges index
/// [`Tokens::buf`].
#[derive(Debug, Clone)]
enum Ev {
    /// `<name attrs>` or `<name attrs/>` (then an `End` follows).
    Start {
        name: Range<usize>,
        attrs: Range<usize>,
    },
    /// `</name>`.
    End { name: Range<usize> },
    /// Text up to the next `<` or `&`, raw (not unescaped, EOLs not normalised).
    Text(Range<usize>),
    /// `&name;`: the name.
    Ref(Range<usize>),
    /// End of the part.
    Eof,
}

/// The tokenizer over a part read `CHUNK` bytes at a time.
struct Tokens<R> {
    src: R,
    /// The bytes read are `buf[..end]` (the rest is room for the next reads).
    buf: Vec<u8>,
    end: usize,
    pos: usize,
    eof: bool,
    /// Open elements (quick-xml refuses an end tag with none open).
    depth: usize,
    /// The end event of an empty element `<a/>`, given after its start.
    pending_end: Option<Range<usize>>,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\r' | b'\n' | b'\t')
}

/// Whether `name` is a plain element name (ASCII letters, digits, `_ - . :`): anything else
/// (a quote, which quick-xml's tag parser tracks even in an end tag, `<`, `=`, non-ASCII)
/// goes to quick-xml.
fn plain_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
}

impl<R: Read> Tokens<R> {
    fn new(src: R) -> Self {
        Tokens {
            src,
            buf: vec![0; COMPACT_AT + 2 * CHUNK],
            end: 0,
            pos: 0,
            eof: false,
            depth: 0,
            pending_end: None,
        }
    }

    /// Reads one more chunk; `false` at the end of the part.
    fn fill(&mut self) -> Scan<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.buf.len() < self.end + CHUNK {
            self.buf.resize(self.end + CHUNK, 0);
        }
        match self.src.read(&mut self.buf[self.end..self.end + CHUNK]) {
            Ok(n) => {
                self.end += n;
                if n == 0 {
                    self.eof = true;
                }
                Ok(n > 0)
            }
            Err(_) => Err(GiveUp("read error (budget, run limit, zip)")),
        }
    }

    /// Drops consumed bytes. Only between events whose ranges are no longer needed.
    fn compact(&mut self) {
        if self.pos >= COMPACT_AT {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
    }

    fn bytes(&self, r: &Range<usize>) -> &[u8] {
        &self.buf[r.clone()]
    }

    fn str(&self, r: &Range<usize>) -> Scan<&str> {
        std::str::from_utf8(&self.buf[r.clone()]).map_err(|_| GiveUp("invalid UTF-8"))
    }

    /// The local name (after the first `:`), as quick-xml's `QName::local_name`.
    fn local(&self, name: &Range<usize>) -> &[u8] {
        let n = self.bytes(name);
        match n.iter().position(|&b| b == b':') {
            Some(i) => &n[i + 1..],
            None => n,
        }
    }

    fn same(&self, a: &Range<usize>, b: &Range<usize>) -> bool {
        self.bytes(a) == self.bytes(b)
    }

    fn check_utf8(&self, r: Range<usize>) -> Scan<()> {
        self.str(&r).map(|_| ())
    }

    fn next(&mut self) -> Scan<Ev> {
        if let Some(name) = self.pending_end.take() {
            self.depth -= 1;
            return Ok(Ev::End { name });
        }
        while self.pos >= self.end {
            if !self.fill()? {
                return Ok(Ev::Eof);
            }
        }
        match self.buf[self.pos] {
            b'<' => self.markup(),
            b'&' => self.reference(),
            _ => self.text(),
        }
    }

    fn text(&mut self) -> Scan<Ev> {
        let start = self.pos;
        let mut from = start;
        let end = loop {
            match memchr::memchr2(b'<', b'&', &self.buf[from..self.end]) {
                Some(i) => break from + i,
                None => {
                    from = self.end;
                    if !self.fill()? {
                        break self.end;
                    }
                }
            }
        };
        self.check_utf8(start..end)?;
        self.pos = end;
        Ok(Ev::Text(start..end))
    }

    fn reference(&mut self) -> Scan<Ev> {
        let start = self.pos;
        let mut from = start + 1;
        loop {
            match memchr::memchr3(b';', b'&', b'<', &self.buf[from..self.end]) {
                Some(i) if self.buf[from + i] == b';' => {
                    let end = from + i;
                    self.check_utf8(start + 1..end)?;
                    self.pos = end + 1;
                    return Ok(Ev::Ref(start + 1..end));
                }
                Some(_) => return Err(GiveUp("& without ;")),
                None => {
                    from = self.end;
                    if !self.fill()? {
                        return Err(GiveUp("& without ;"));
                    }
                }
            }
        }
    }

    /// The index of the next `>` at or after `from` (outside quotes if `quoted`).
    fn find_gt(&mut self, mut from: usize, quoted: bool) -> Scan<usize> {
        let mut quote: Option<u8> = None;
        loop {
            let hay = &self.buf[from..self.end];
            let found = if quoted {
                match quote {
                    None => memchr::memchr3(b'>', b'"', b'\'', hay),
                    Some(q) => memchr::memchr(q, hay),
                }
            } else {
                memchr::memchr(b'>', hay)
            };
            match found {
                Some(i) => {
                    let at = from + i;
                    match (quote, self.buf[at]) {
                        (None, b'>') => return Ok(at),
                        (None, q) if quoted => quote = Some(q),
                        (Some(_), _) => quote = None,
                        _ => return Ok(at),
                    }
                    from = at + 1;
                }
                None => {
                    from = self.end;
                    if !self.fill()? {
                        return Err(GiveUp("unclosed tag"));
                    }
                }
            }
        }
    }

    fn markup(&mut self) -> Scan<Ev> {
        let start = self.pos;
        while self.end < start + 2 {
            if !self.fill()? {
                return Err(GiveUp("unclosed tag"));
            }
        }
        match self.buf[start + 1] {
            b'/' => {
                let gt = self.find_gt(start + 2, false)?;
                let name = start + 2..gt;
                if !plain_name(self.bytes(&name)) {
                    return Err(GiveUp("unusual end tag"));
                }
                self.check_utf8(name.clone())?;
                if self.depth == 0 {
                    return Err(GiveUp("end tag with no start"));
                }
                self.depth -= 1;
                self.pos = gt + 1;
                Ok(Ev::End { name })
            }
            b'!' => Err(GiveUp("comment, CDATA or DOCTYPE")),
            b'?' => Err(GiveUp("processing instruction")),
            _ => {
                let gt = self.find_gt(start + 1, true)?;
                let mut content = start + 1..gt;
                let empty = self.buf[gt - 1] == b'/' && gt - 1 > start;
                if empty {
                    content.end -= 1;
                }
                let c = self.bytes(&content);
                let name_len = c.iter().position(|&b| is_ws(b)).unwrap_or(c.len());
                if !plain_name(&c[..name_len]) || c.contains(&b'<') {
                    return Err(GiveUp("unusual start tag"));
                }
                self.check_utf8(content.clone())?;
                let name = content.start..content.start + name_len;
                let attrs = content.start + name_len..content.end;
                self.depth += 1;
                self.pos = gt + 1;
                if empty {
                    self.pending_end = Some(name.clone());
                }
                Ok(Ev::Start { name, attrs })
            }
        }
    }

    /// As quick-xml's `read_to_end_into`: up to the end tag matching `name`.
    fn skip_to_end(&mut self, name: &Range<usize>) -> Scan<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Start { name: n, .. } if self.same(&n, name) => depth += 1,
                Ev::End { name: n } if self.same(&n, name) => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Ev::Eof => return Err(GiveUp("end of part in an element")),
                _ => {}
            }
        }
    }

    /// As `read_string_with_bufs`: an `<is>`'s text, the `<t>`s of its runs joined, phonetic
    /// runs left out.
    fn read_inline_string(&mut self, closing: &Range<usize>) -> Scan<String> {
        let mut rich: Option<String> = None;
        let mut phonetic = false;
        loop {
            match self.next()? {
                Ev::Start { name, .. } if self.local(&name) == b"r" && rich.is_none() => {
                    rich = Some(String::new());
                }
                Ev::Start { name, .. } if self.local(&name) == b"rPh" => phonetic = true,
                Ev::End { name } if self.same(&name, closing) => {
                    return Ok(rich.unwrap_or_default());
                }
                Ev::End { name } if self.local(&name) == b"rPh" => phonetic = false,
                Ev::Start { name, attrs } if self.local(&name) == b"t" && !phonetic => {
                    let preserve = match self.str(&attrs)?.raw_attr("xml:space") {
                        Ok(v) => v == Some("preserve"),
                        Err(_) => return Err(GiveUp("t attributes")),
                    };
                    let mut value = String::new();
                    loop {
                        match self.next()? {
                            Ev::Text(r) => value
                                .push_str(&BytesText::from_escaped(self.str(&r)?).xml10_content()),
                            Ev::Ref(r) => {
                                unescape_entity_to_buffer(&BytesRef::new(self.str(&r)?), &mut value)
                                    .map_err(|_| GiveUp("unknown entity"))?
                            }
                            Ev::End { name: end } if self.same(&end, &name) => break,
                            Ev::Eof => return Err(GiveUp("end of part in <t>")),
                            _ => {}
                        }
                    }
                    let value = if preserve {
                        unescape_xml(&value).into_owned()
                    } else {
                        unescape_xml(value.trim_matches([' ', '\t', '\r', '\n'])).into_owned()
                    };
                    match &mut rich {
                        Some(s) => s.push_str(&value),
                        None => rich = Some(value),
                    }
                }
                Ev::Eof => return Err(GiveUp("end of part in <is>")),
                _ => {}
            }
        }
    }

    /// The leading `<?xml …?>` declaration, if any: only UTF-8 is read here (quick-xml would
    /// decode another encoding).
    fn declaration(&mut self) -> Scan<()> {
        while self.end < 2 {
            if !self.fill()? {
                return Err(GiveUp("empty part"));
            }
        }
        // A byte-order mark, UTF-16 or anything but markup first: quick-xml's business.
        if self.buf[0] != b'<' || self.buf[1] == 0 {
            return Err(GiveUp("not UTF-8 markup at the start"));
        }
        if self.buf[1] != b'?' {
            return Ok(());
        }
        let mut from = 2;
        let gt = loop {
            let gt = self.find_gt(from, false)?;
            if gt > 2 && self.buf[gt - 1] == b'?' {
                break gt;
            }
            from = gt + 1;
        };
        let content = 2..gt - 1;
        let c = self.bytes(&content);
        if !(c.starts_with(b"xml") && (c.len() == 3 || is_ws(c[3]))) {
            return Err(GiveUp("processing instruction"));
        }
        let attrs = self.str(&(content.start + 3..content.end))?;
        for item in attrs.iter_raw_attrs() {
            let (k, v) = item.map_err(|_| GiveUp("declaration attributes"))?;
            if k == "encoding" && !v.eq_ignore_ascii_case("utf-8") {
                return Err(GiveUp("declared encoding"));
            }
        }
        self.pos = gt + 1;
        Ok(())
    }
}

/// Reads the cells of the sheet XML `src` into `sink`: `Ok` when the whole of `<sheetData>`
/// was read (every non-empty cell sent, in order), `Err` when quick-xml must read the sheet
/// (cells may have been sent: the caller resets the sink).
pub(super) fn read_sheet<R: Read>(
    src: R,
    ctx: &WorkbookContext<'_>,
    percent_xfs: &[bool],
    limits: ReadLimits,
    sink: &mut dyn SparseSink,
) -> Scan<()> {
    let mut reader = Sheet {
        tok: Tokens::new(src),
        ctx,
    };
    reader.tok.declaration()?;
    reader.until_sheet_data()?;
    let mut taker = Taker {
        percent_xfs,
        limits,
        sink,
        count: 0,
        text_bytes: 0,
        last: None,
        taking: true,
    };
    reader.cells(&mut taker)
}

/// Reads the shared strings part `src` into `strings` as `Xlsx::read_shared_strings` does
/// (each `<si>` as `read_string_with_bufs` reads it; at most `reserve` reserved from
/// `uniqueCount`). `Err` when quick-xml must read it (`strings` may hold some: the caller
/// clears it).
pub(super) fn read_shared_strings<R: Read>(
    src: R,
    strings: &mut Vec<String>,
    reserve: usize,
) -> Scan<()> {
    let mut tok = Tokens::new(src);
    tok.declaration()?;
    loop {
        tok.compact();
        match tok.next()? {
            Ev::Start { name, attrs } if tok.local(&name) == b"sst" => {
                match tok.str(&attrs)?.raw_attr("uniqueCount") {
                    Ok(Some(count)) => {
                        if let Ok(n) = atoi_simd::parse::<usize, true, false>(count.as_bytes()) {
                            strings.reserve(n.min(reserve));
                        }
                    }
                    Ok(None) => {}
                    Err(_) => return Err(GiveUp("sst attributes")),
                }
                break;
            }
            Ev::Eof => return Err(GiveUp("no sst")),
            _ => {}
        }
    }
    loop {
        tok.compact();
        match tok.next()? {
            Ev::Start { name, .. } if tok.local(&name) == b"si" => {
                strings.push(tok.read_inline_string(&name)?);
            }
            Ev::End { name } if tok.local(&name) == b"sst" => return Ok(()),
            Ev::Eof => return Err(GiveUp("end of part in sst")),
            _ => {}
        }
    }
}

/// Where read cells go: the limits and checks of `worksheet_sparse`, then the sink.
struct Taker<'k> {
    percent_xfs: &'k [bool],
    limits: ReadLimits,
    sink: &'k mut dyn SparseSink,
    count: usize,
    text_bytes: u64,
    last: Option<(u32, u32)>,
    taking: bool,
}

impl Taker<'_> {
    /// One cell read: skipped when empty; refused past `max_cells` non-empty cells, past the
    /// shared-text budget, or out of order (quick-xml's path sorts and reports these); else
    /// sent to the sink (while it takes cells), with the `<v>` text of a number.
    fn take(
        &mut self,
        pos: (u32, u32),
        value: DataRef<'_>,
        style_id: usize,
        number_text: Option<&str>,
    ) -> Scan<()> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        if self.count >= self.limits.max_cells {
            return Err(GiveUp("too many cells"));
        }
        self.count += 1;
        if let DataRef::SharedString(s) = value {
            self.text_bytes = self.text_bytes.saturating_add(s.len() as u64);
            if self.text_bytes > self.limits.max_inflated_bytes {
                return Err(GiveUp("too much shared text"));
            }
        }
        if self.last.is_some_and(|l| l >= pos) {
            return Err(GiveUp("cells out of order"));
        }
        self.last = Some(pos);
        if self.taking {
            let number_text = number_text.filter(|_| matches!(value, DataRef::Float(_)));
            let percent = self.percent_xfs.get(style_id).copied().unwrap_or(false);
            self.taking = self.sink.cell(pos.0, pos.1, value, percent, number_text);
        }
        Ok(())
    }
}

/// The style id of `s` as `next_cell_with_style_id` takes it (0 when absent or unparsable).
fn style_id(s: Option<&str>) -> usize {
    s.and_then(|s| atoi_simd::parse::<usize, true, false>(s.as_bytes()).ok())
        .unwrap_or(0)
}

/// `get_row_column` (mod.rs) without its error values: letters (either case) then digits,
/// at most XFD and row 1048576, a column and a row both present. The test
/// `cell_reference_agrees_with_get_row_column` holds the two together.
fn cell_reference(r: &[u8]) -> Option<(u32, u32)> {
    let mut i = 0;
    let mut col: u32 = 0;
    let mut row: u32 = 0;
    while i < r.len() {
        match r[i] {
            c @ (b'A'..=b'Z' | b'a'..=b'z') => {
                let digit = (c.to_ascii_uppercase() - b'A') as u32 + 1;
                col = col
                    .checked_mul(26)?
                    .checked_add(digit)
                    .filter(|&v| v <= super::MAX_COLUMNS)?;
            }
            c @ b'0'..=b'9' => {
                row = (c - b'0') as u32;
                i += 1;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    while i < r.len() {
        match r[i] {
            c @ b'0'..=b'9' => {
                row = row
                    .checked_mul(10)?
                    .checked_add((c - b'0') as u32)
                    .filter(|&v| v <= super::MAX_ROWS)?;
            }
            _ => return None,
        }
        i += 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The attributes `r`, `s` and `t` found by [`quick_tag`].
type CellAttrs<'a> = (Option<&'a [u8]>, Option<&'a [u8]>, Option<&'a [u8]>);

/// A `<c …>` or `<c …/>` start tag at the start of `tag`, in a strict form: after the name,
/// attributes `key="value"` or `key='value'` (keys of ASCII letters, digits, `: _ . -`;
/// values of ASCII without `<` or their quote; spaces, tabs and line breaks around `=` and
/// between), then `>` or `/>`. Returns the index of the closing `>`, whether the tag is empty,
/// and `r`, `s`, `t` as `get_attrs!(e, "r" => r, "s" => s, "t" => t)` over `RawAttrIter`
/// gives them (the first three of them seen). In this form quick-xml's tag parser ends the tag
/// at the same `>` (the first outside quotes) and `RawAttrIter` cuts the same pairs; anything
/// else is `None` and goes to the event path. The test `quick_tag_agrees_with_quick_xml`
/// holds the two together.
fn quick_tag(tag: &[u8]) -> Option<(usize, bool, CellAttrs<'_>)> {
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if tag.get(..2) != Some(b"<c")
        || !matches!(tag.get(2), Some(&b) if ws(b) || b == b'>' || b == b'/')
    {
        return None;
    }
    let (mut r, mut s, mut t) = (None, None, None);
    let mut found = 0u8;
    let mut i = 2;
    loop {
        let b = *tag.get(i)?;
        match b {
            b'>' => return Some((i, false, (r, s, t))),
            b'/' => {
                return (tag.get(i + 1) == Some(&b'>')).then_some((i + 1, true, (r, s, t)));
            }
            _ if ws(b) => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let key_start = i;
        while i < tag.len()
            && (tag[i].is_ascii_alphanumeric() || matches!(tag[i], b':' | b'_' | b'.' | b'-'))
        {
            i += 1;
        }
        if i == key_start {
            return None;
        }
        let key = &tag[key_start..i];
        while i < tag.len() && ws(tag[i]) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        while i < tag.len() && ws(tag[i]) {
            i += 1;
        }
        let quote = match tag.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return None,
        };
        i += 1;
        let value_start = i;
        loop {
            let b = *tag.get(i)?;
            if b == quote {
                break;
            }
            if b >= 0x80 || b == b'<' {
                return None;
            }
            i += 1;
        }
        let value = &tag[value_start..i];
        i += 1;
        if found < 3 {
            match key {
                [b'r'] => r = Some(value),
                [b's'] => s = Some(value),
                [b't'] => t = Some(value),
                _ => continue,
            }
            found += 1;
        }
    }
}

/// Exact powers of ten as doubles (10^22 is the last one a double holds exactly).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number written `-?digits(.digits)?` with at most 19 digits whose value is below 2^53
/// and at most 22 after the point: the correctly rounded double, as one exact integer
/// divided by an exact power of ten (Clinger's fast path, which `fast_float2::parse` takes
/// for these too; both round correctly, so they agree). `None` for any other text. The test
/// `plain_number_agrees_with_fast_float` holds the two together.
fn plain_number(v: &[u8]) -> Option<f64> {
    let (negative, digits) = match v {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, v),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut point: Option<usize> = None;
    for (i, &b) in digits.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                count += 1;
                if count > 19 {
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(b - b'0');
            }
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    let frac = match point {
        // Digits on both sides of the point.
        Some(at) if at == 0 || at + 1 == digits.len() => return None,
        Some(at) => digits.len() - at - 1,
        None if digits.is_empty() => return None,
        None => 0,
    };
    if mantissa > 1 << 53 || frac >= POW10.len() {
        return None;
    }
    let value = mantissa as f64 / POW10[frac];
    Some(if negative { -value } else { value })
}

struct Sheet<'c, 's, R> {
    tok: Tokens<R>,
    ctx: &'c WorkbookContext<'s>,
}

impl<'s, R: Read> Sheet<'_, 's, R> {
    /// As `XlsxCellReader::new`: up to `<sheetData>`.
    fn until_sheet_data(&mut self) -> Scan<()> {
        loop {
            self.tok.compact();
            match self.tok.next()? {
                Ev::Start { name, attrs } => match self.tok.local(&name) {
                    b"dimension" => {
                        let a = self.tok.str(&attrs)?;
                        match a.raw_attr("ref") {
                            Ok(Some(_)) => {}
                            _ => return Err(GiveUp("dimension without ref")),
                        }
                    }
                    b"sheetData" => return Ok(()),
                    _ => {}
                },
                Ev::Eof => return Err(GiveUp("no sheetData")),
                _ => {}
            }
        }
    }

    /// As `Xlsx::worksheet_sparse` over `next_cell_with_style_id`.
    fn cells(&mut self, taker: &mut Taker<'_>) -> Scan<()> {
        let mut row_index: u32 = 0;
        let mut col_index: u32 = 0;
        loop {
            self.tok.compact();
            if let Some(next_col) = self.quick_cell(row_index, col_index, taker)? {
                col_index = next_col;
                continue;
            }
            match self.tok.next()? {
                Ev::Start { name, attrs } => match self.tok.local(&name) {
                    b"c" => {
                        let a = self.tok.str(&attrs)?;
                        let (r, s, t) = get_attrs!(a, "r" => r, "s" => s, "t" => t)
                            .map_err(|_| GiveUp("cell attributes"))?;
                        let pos = cell_position("", row_index, &mut col_index, r)
                            .map_err(|_| GiveUp("cell reference"))?;
                        let style_id = style_id(s);
                        let base = self.tok.buf.as_ptr() as usize;
                        let range = |x: &str| {
                            let at = x.as_ptr() as usize - base;
                            at..at + x.len()
                        };
                        let (s, t) = (s.map(range), t.map(range));
                        let (value, number_text) = self.cell_value(s, t)?;
                        col_index = col_index.saturating_add(1);
                        let number_text = match number_text {
                            Some(r) => Some(self.tok.str(&r)?),
                            None => None,
                        };
                        taker.take(pos, value, style_id, number_text)?;
                    }
                    b"row" => {
                        let a = self.tok.str(&attrs)?;
                        match a.raw_attr("r") {
                            Ok(Some(r)) => {
                                row_index = get_row(r).map_err(|_| GiveUp("row reference"))?
                            }
                            Ok(None) => {}
                            Err(_) => return Err(GiveUp("row attributes")),
                        }
                    }
                    _ => {}
                },
                Ev::End { name } => match self.tok.local(&name) {
                    b"row" => {
                        row_index = row_index.saturating_add(1);
                        col_index = 0;
                    }
                    b"sheetData" => return Ok(()),
                    _ => {}
                },
                Ev::Eof => return Err(GiveUp("end of part in sheetData")),
                _ => {}
            }
        }
    }

    /// The common cell read at once, when all of it is in the buffer: `<c …/>` or
    /// `<c …><v>text</v></c>` with ASCII attributes, a text without `&` and a `t` whose `<v>`
    /// is read raw (`n`, `s`, `b`, `e` or none). `Ok(None)` (nothing consumed) for anything
    /// else, which the event path then reads (or gives up on); else the next column. Gives
    /// what the event path would: the same attribute iterator, reference rule and `read_v`.
    fn quick_cell(
        &mut self,
        row_index: u32,
        col_index: u32,
        taker: &mut Taker<'_>,
    ) -> Scan<Option<u32>> {
        if self.tok.pending_end.is_some() {
            return Ok(None);
        }
        let p = self.tok.pos;
        let rest = &self.tok.buf[p..self.tok.end];
        if rest.len() < 4 || rest[0] != b'<' || rest[1] != b'c' {
            return Ok(None);
        }
        // The start tag, in the strict form `quick_tag` reads, with its attributes.
        let Some((i, empty, (r, s, t))) = quick_tag(rest) else {
            return Ok(None);
        };
        // The whole cell: `<c …/>`, or `<c …><v>text</v></c>`.
        let mut end = i + 1;
        let mut text = end..end;
        if !empty {
            // Bytes compared one by one: short slice comparisons are memcmp calls.
            let body = &rest[end.min(rest.len())..];
            if !matches!(body, [b'<', b'v', b'>', ..]) {
                return Ok(None);
            }
            let body = &body[3..];
            let Some(len) = memchr::memchr2(b'<', b'&', body) else {
                return Ok(None);
            };
            let closing = body
                .get(len..len + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok());
            if len == 0 || closing.map(u64::from_ne_bytes) != Some(u64::from_ne_bytes(*b"</v></c>"))
            {
                return Ok(None);
            }
            text = end + 3..end + 3 + len;
            end = text.end + b"</v></c>".len();
        }
        let pos = match r {
            Some(r) => match cell_reference(r) {
                Some(pos) => pos,
                None => return Ok(None),
            },
            None => (row_index, col_index),
        };
        if pos.0 >= super::MAX_ROWS || pos.1 >= super::MAX_COLUMNS {
            return Ok(None);
        }
        let style = s
            .and_then(|s| atoi_simd::parse::<usize, true, false>(s).ok())
            .unwrap_or(0);
        let v = &rest[text];
        let value = if empty {
            DataRef::Empty
        } else {
            let number = match t {
                None | Some([b'n']) => plain_number(v),
                _ => None,
            };
            match t {
                // As `read_v` for a number: `fast_float2::parse` (which `plain_number` gives
                // exactly, when it applies), then the cell's format may make it a date.
                _ if number.is_some() => {
                    let n = number.unwrap_or_default();
                    let format = match s {
                        Some(_) => self.ctx.formats.get(style),
                        None => Some(&CellFormat::Other),
                    };
                    format_excel_f64_ref(n, format, self.ctx.is_1904)
                }
                // As `read_v` for a shared string: an index of digits only (`trim` changes
                // nothing), parsed as `read_v` parses it, in the table.
                Some([b's']) if v.len() <= 19 && v.iter().all(u8::is_ascii_digit) => {
                    let Ok(index) = atoi_simd::parse::<usize, true, false>(v) else {
                        return Ok(None);
                    };
                    match self.ctx.strings.get(index) {
                        Some(string) => DataRef::SharedString(string),
                        None => return Ok(None),
                    }
                }
                None | Some([b'n'] | [b's'] | [b'b'] | [b'e']) => {
                    let (Ok(v), Ok(s), Ok(t)) = (
                        std::str::from_utf8(v),
                        s.map(std::str::from_utf8).transpose(),
                        t.map(std::str::from_utf8).transpose(),
                    ) else {
                        return Ok(None);
                    };
                    match read_v(self.ctx, v, s, t) {
                        Ok(value) => value,
                        Err(_) => return Ok(None),
                    }
                }
                _ => return Ok(None),
            }
        };
        let number_text = match value {
            DataRef::Float(_) => match std::str::from_utf8(v) {
                Ok(v) => Some(v),
                Err(_) => return Ok(None),
            },
            _ => None,
        };
        taker.take(pos, value, style, number_text)?;
        self.tok.pos = p + end;
        Ok(Some(pos.1.saturating_add(1)))
    }

    /// A `<c>`'s children up to its end: the value of the last one (as the quick-xml loop
    /// overwrites it with each), and the `<v>` text a number came from.
    fn cell_value(
        &mut self,
        s: Option<Range<usize>>,
        t: Option<Range<usize>>,
    ) -> Scan<(DataRef<'s>, Option<Range<usize>>)> {
        let mut value = (DataRef::Empty, None);
        loop {
            match self.tok.next()? {
                Ev::Start { name, .. } => value = self.read_value(name, s.clone(), t.clone())?,
                Ev::End { name } if self.tok.local(&name) == b"c" => return Ok(value),
                Ev::Eof => return Err(GiveUp("end of part in a cell")),
                _ => {}
            }
        }
    }

    /// As `cells_reader::read_value`.
    fn read_value(
        &mut self,
        name: Range<usize>,
        s: Option<Range<usize>>,
        t: Option<Range<usize>>,
    ) -> Scan<(DataRef<'s>, Option<Range<usize>>)> {
        let tok = &self.tok;
        let t_is = |x: &str| t.as_ref().is_some_and(|t| tok.bytes(t) == x.as_bytes());
        match self.tok.local(&name) {
            b"is" => {
                let text = self.tok.read_inline_string(&name)?;
                Ok((DataRef::String(text), None))
            }
            b"v" if t_is("inlineStr") || t_is("is") => {
                self.tok.skip_to_end(&name)?;
                Ok((DataRef::Empty, None))
            }
            b"v" if t.is_none() || t_is("n") || t_is("s") || t_is("b") || t_is("e") => {
                match self.tok.next()? {
                    Ev::Text(text) => {
                        let value = {
                            let tok = &self.tok;
                            let v = tok.str(&text)?;
                            let s = s.as_ref().map(|r| tok.str(r)).transpose()?;
                            let t = t.as_ref().map(|r| tok.str(r)).transpose()?;
                            read_v(self.ctx, v, s, t).map_err(|_| GiveUp("read_v error"))?
                        };
                        self.tok.skip_to_end(&name)?;
                        Ok((value, Some(text)))
                    }
                    Ev::End { name: end } if self.tok.same(&end, &name) => {
                        Ok((DataRef::Empty, None))
                    }
                    _ => Err(GiveUp("unusual <v>")),
                }
            }
            b"v" => {
                let mut value = String::new();
                loop {
                    match self.tok.next()? {
                        Ev::Text(r) => value
                            .push_str(&BytesText::from_escaped(self.tok.str(&r)?).xml10_content()),
                        Ev::Ref(r) => {
                            unescape_entity_to_buffer(&BytesRef::new(self.tok.str(&r)?), &mut value)
                                .map_err(|_| GiveUp("unknown entity"))?
                        }
                        Ev::End { name: end } if self.tok.same(&end, &name) => break,
                        Ev::Eof => return Err(GiveUp("end of part in <v>")),
                        _ => {}
                    }
                }
                let tok = &self.tok;
                let s = s.as_ref().map(|r| tok.str(r)).transpose()?;
                let t = t.as_ref().map(|r| tok.str(r)).transpose()?;
                let v = read_v(self.ctx, &value, s, t).map_err(|_| GiveUp("read_v error"))?;
                Ok((v, None))
            }
            b"f" => {
                self.tok.skip_to_end(&name)?;
                Ok((DataRef::Empty, None))
            }
            _ => Err(GiveUp("unexpected element in <c>")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency for a test).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn text(&mut self, alphabet: &[u8], max: u64) -> Vec<u8> {
            let len = self.next() % (max + 1);
            (0..len)
                .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
                .collect()
        }
    }

    /// The first `>` outside quotes, as quick-xml's `ElementParser` finds the end of a tag.
    fn tag_end(tag: &[u8]) -> Option<usize> {
        let mut quote = None;
        for (i, &b) in tag.iter().enumerate() {
            match (quote, b) {
                (None, b'>') => return Some(i),
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), b) if q == b => quote = None,
                _ => {}
            }
        }
        None
    }

    #[test]
    fn quick_tag_agrees_with_quick_xml() {
        let mut rng = Lcg(7);
        let alphabet = b" \t\rrstx:=\"'a1>/<";
        let mut cases: Vec<Vec<u8>> = [
            r#"<c r="A1" s="3" t="s">"#,
            r#"<c t='s' r='B2'/>"#,
            r#"<c r="A1" r="B1" s="1">"#,
            r#"<c r = "A1"  x:r="C3" t="n" s="2" r="D4">"#,
            r#"<c r="A1" s="1" t="n" r="B2">"#,
            r#"<c r="a>b" t='"'>"#,
            r#"<c/>"#,
            r#"<c>"#,
            r#"<c r="A1"/ >"#,
            r#"<cr="A1">"#,
            r#"<c r=A1>"#,
            "<c\tr=\"A1\"\n>",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        for _ in 0..300_000 {
            let mut tag = b"<c".to_vec();
            tag.extend(rng.text(alphabet, 16));
            cases.push(tag);
        }
        let mut taken = 0;
        for tag in cases {
            let Some((gt, empty, (r, s, t))) = quick_tag(&tag) else {
                continue;
            };
            taken += 1;
            let text = std::str::from_utf8(&tag).unwrap();
            // quick-xml ends the tag there, empty when it ends with `/>`.
            assert_eq!(tag_end(&tag), Some(gt), "{text:?}");
            assert_eq!(empty, tag[gt - 1] == b'/' && gt > 2, "{text:?}");
            // Its name is `c`, and its attributes are those get_attrs! reads.
            let content = &text[1..if empty { gt - 1 } else { gt }];
            let name_len = content
                .bytes()
                .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .unwrap_or(content.len());
            assert_eq!(&content[..name_len], "c", "{text:?}");
            let attrs = &content[name_len..];
            let expected = get_attrs!(attrs, "r" => r, "s" => s, "t" => t).map(|(r, s, t)| {
                (
                    r.map(str::as_bytes),
                    s.map(str::as_bytes),
                    t.map(str::as_bytes),
                )
            });
            assert_eq!(expected, Ok((r, s, t)), "{text:?}");
        }
        assert!(taken > 1000, "{taken}");
    }

    #[test]
    fn plain_number_agrees_with_fast_float() {
        let mut rng = Lcg(11);
        let mut cases: Vec<Vec<u8>> = [
            "0",
            "-0",
            "1",
            "85.81",
            "0.10",
            "007",
            "9007199254740992",
            "9007199254740993",
            "1234567890123456789",
            "12345678901234567890",
            "0.0000000000000000000001",
            "0.00000000000000000000001",
            "1.7976931348623157",
            ".5",
            "5.",
            "-",
            "",
            "1e5",
            "+1",
            "1.2.3",
            "-.5",
            "0.30000000000000004",
            "4.35",
            "0.1",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        for _ in 0..500_000 {
            cases.push(rng.text(b"0123456789.-", 24));
        }
        for _ in 0..200_000 {
            // Numbers as writers write them: digits, a point, more digits.
            let int = rng.next() % 10_000_000_000;
            let frac = rng.next() % 1_000_000;
            let places = rng.next() % 8;
            cases.push(format!("{int}.{frac:0width$}", width = places as usize).into_bytes());
        }
        for v in cases {
            if let Some(n) = plain_number(&v) {
                let expected: f64 = fast_float2::parse(&v).unwrap();
                assert_eq!(
                    n.to_bits(),
                    expected.to_bits(),
                    "{:?}",
                    String::from_utf8_lossy(&v)
                );
            }
        }
        assert!(plain_number(b"85.81").is_some() && plain_number(b"-0.5").is_some());
    }

    #[test]
    fn cell_reference_agrees_with_get_row_column() {
        let mut cases: Vec<String> = vec![
            "",
            "A",
            "1",
            "A0",
            "A1",
            "a1",
            "Zz9",
            "XFD1048576",
            "XFE1",
            "A1048577",
            "AAAA1",
            "A01",
            "1A",
            "A1B",
            "A-1",
            "A 1",
            "B2 ",
            "ZZZZZZZZ1",
            "A99999999999",
            "é1",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        // Every short reference over a small alphabet.
        let alphabet = ['A', 'z', 'X', '0', '1', '9', '$', ':'];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            cases.extend(next.iter().cloned());
            frontier = next;
        }
        for r in cases {
            assert_eq!(
                cell_reference(r.as_bytes()),
                super::super::get_row_column(&r).ok(),
                "{r:?}"
            );
        }
    }
}
