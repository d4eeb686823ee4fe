// SPDX-License-Identifier: MIT
//
// parkscore: an inflation budget shared by every entry read from one zip container
// (.xlsx, .xlsb, .ods), so that a zip bomb is refused as soon as the budget is crossed instead
// of being inflated whole. See PARKSCORE-PATCHES.md.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The io error payload raised when the budget is crossed.
#[derive(Debug)]
pub(crate) struct BudgetExceeded {
    pub(crate) limit: u64,
}

impl std::fmt::Display for BudgetExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the workbook inflates to more than {} bytes", self.limit)
    }
}

impl std::error::Error for BudgetExceeded {}

/// Bytes inflated so far and the most allowed, shared by all readers of one workbook.
#[derive(Debug, Clone)]
pub(crate) struct InflateBudget {
    used: Arc<AtomicU64>,
    limit: u64,
}

impl InflateBudget {
    pub(crate) fn new(limit: u64) -> Self {
        InflateBudget {
            used: Arc::new(AtomicU64::new(0)),
            limit,
        }
    }

    /// Whether more than `limit` bytes were inflated (or asked for).
    pub(crate) fn exceeded(&self) -> bool {
        self.used.load(Ordering::Relaxed) > self.limit
    }

    fn error(&self) -> io::Error {
        io::Error::other(BudgetExceeded { limit: self.limit })
    }

    /// Counts `n` more bytes; an error once the total is over the limit.
    pub(crate) fn charge(&self, n: u64) -> io::Result<()> {
        let before = self.used.fetch_add(n, Ordering::Relaxed);
        if before.saturating_add(n) > self.limit {
            // Keep the counter over the limit even if it wrapped.
            self.used.store(u64::MAX, Ordering::Relaxed);
            return Err(self.error());
        }
        Ok(())
    }

    /// parkscore: the bytes counted so far (for [`InflateBudget::rewind`]).
    pub(crate) fn used(&self) -> u64 {
        self.used.load(Ordering::Relaxed)
    }

    /// parkscore: sets the count back to `used` (a value from [`InflateBudget::used`]), also
    /// when the budget was crossed since. Only for a part that is then read again from its
    /// start (the fast sheet reader giving a sheet to quick-xml): the second reading counts
    /// the same bytes again, so the workbook's total ends as if the part was read once.
    pub(crate) fn rewind(&self, used: u64) {
        self.used.store(used, Ordering::Relaxed);
    }

    /// Wraps one zip entry's (inflating) reader.
    pub(crate) fn wrap<R: Read>(&self, inner: R) -> Budgeted<R> {
        Budgeted {
            inner,
            budget: self.clone(),
            xml_run: None,
        }
    }

    /// Wraps one XML part's reader: as [`InflateBudget::wrap`], and a run of more than
    /// [`MAX_XML_RUN`] bytes without markup is refused too.
    pub(crate) fn wrap_xml<R: Read>(&self, inner: R) -> Budgeted<R> {
        Budgeted {
            xml_run: Some(0),
            ..self.wrap(inner)
        }
    }
}

/// parkscore: the longest run of bytes an XML part may have between two markup characters
/// (`<`, `>`). quick-xml gathers a whole text node (or a whole tag) into one buffer, so a zip
/// bomb of 100 MB of whitespace between two rows, or of one 100 MB string, would be held in
/// memory whole before the inflation budget is crossed. No legitimate part comes near this: a
/// cell holds at most 32,767 characters (≤ 128 KiB of UTF-8, ≤ 640 KiB escaped).
pub(crate) const MAX_XML_RUN: u64 = 4 << 20;

/// A reader whose every byte counts against an [`InflateBudget`].
pub(crate) struct Budgeted<R> {
    inner: R,
    budget: InflateBudget,
    /// For an XML part: the bytes since the last `<` or `>`.
    xml_run: Option<u64>,
}

impl<R: Read> Budgeted<R> {
    /// Tracks the run of bytes without markup in `read`; an error when it gets too long.
    fn check_run(&mut self, read: &[u8]) -> io::Result<()> {
        let Some(run) = self.xml_run.as_mut() else {
            return Ok(());
        };
        match read.iter().rposition(|&b| b == b'<' || b == b'>') {
            Some(at) => *run = (read.len() - 1 - at) as u64,
            None => *run = run.saturating_add(read.len() as u64),
        }
        if *run > MAX_XML_RUN {
            return Err(io::Error::other(BudgetExceeded { limit: MAX_XML_RUN }));
        }
        Ok(())
    }
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.budget.exceeded() {
            return Err(self.budget.error());
        }
        // Never inflate much past the limit: ask for at most what is left, plus one byte to
        // notice the crossing.
        let used = self.budget.used.load(Ordering::Relaxed);
        let left = self.budget.limit.saturating_sub(used).saturating_add(1);
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.budget.charge(n as u64)?;
        self.check_run(&buf[..n])?;
        Ok(n)
    }
}

/// The limit, if `e` is (or wraps) the budget's error.
pub(crate) fn io_exceeded(e: &io::Error) -> Option<u64> {
    let inner = e.get_ref()?;
    if let Some(b) = inner.downcast_ref::<BudgetExceeded>() {
        return Some(b.limit);
    }
    // zip wraps some io errors in its own error type; look one level down.
    let mut source = std::error::Error::source(inner);
    while let Some(s) = source {
        if let Some(b) = s.downcast_ref::<BudgetExceeded>() {
            return Some(b.limit);
        }
        if let Some(io) = s.downcast_ref::<io::Error>() {
            return io_exceeded(io);
        }
        source = s.source();
    }
    None
}

/// The limit, if `e` is the budget's error coming through quick-xml.
pub(crate) fn xml_exceeded(e: &quick_xml::Error) -> Option<u64> {
    match e {
        quick_xml::Error::Io(io) => io_exceeded(io),
        _ => None,
    }
}

/// The limit, if `e` is the budget's error coming through the zip crate.
pub(crate) fn zip_exceeded(e: &zip::result::ZipError) -> Option<u64> {
    match e {
        zip::result::ZipError::Io(io) => io_exceeded(io),
        _ => None,
    }
}

/// parkscore: the zip path cache of upstream together with the workbook's inflation budget,
/// so that every `xml_reader(zip, path, &self.zip_path_cache)` call site charges the budget
/// without changing its arguments.
#[derive(Debug, Clone)]
pub(crate) struct ZipIndex {
    pub(crate) paths: HashMap<String, String>,
    pub(crate) budget: InflateBudget,
}

impl ZipIndex {
    pub(crate) fn new(paths: HashMap<String, String>, limit: u64) -> Self {
        ZipIndex {
            paths,
            budget: InflateBudget::new(limit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_stops_at_the_limit() {
        let budget = InflateBudget::new(10);
        let mut r = budget.wrap(io::repeat(b'x'));
        let mut buf = [0u8; 4];
        let mut total = 0;
        let e = loop {
            match r.read(&mut buf) {
                Ok(n) => total += n,
                Err(e) => break e,
            }
        };
        // Ten bytes are allowed; the eleventh crosses the limit.
        assert_eq!(total, 8);
        assert_eq!(io_exceeded(&e), Some(10));
        assert!(budget.exceeded());
        // A second reader of the same workbook fails at once.
        let mut r2 = budget.wrap(io::repeat(b'y'));
        assert!(r2.read(&mut buf).is_err());
    }

    #[test]
    fn under_the_limit_reads_everything() {
        let budget = InflateBudget::new(100);
        let mut r = budget.wrap(&[1u8; 100][..]);
        let mut v = Vec::new();
        r.read_to_end(&mut v).unwrap();
        assert_eq!(v.len(), 100);
        assert!(!budget.exceeded());
    }
}

#[cfg(test)]
mod parkscore_run_tests {
    use super::*;

    fn read_all(xml: bool, data: &[u8]) -> io::Result<usize> {
        let budget = InflateBudget::new(u64::MAX - 1);
        let mut r = if xml {
            budget.wrap_xml(data)
        } else {
            budget.wrap(data)
        };
        let mut out = Vec::new();
        r.read_to_end(&mut out)
    }

    #[test]
    fn a_long_run_without_markup_is_refused_in_xml_only() {
        let long = vec![b' '; (MAX_XML_RUN + 1) as usize];
        let err = read_all(true, &long).unwrap_err();
        assert_eq!(io_exceeded(&err), Some(MAX_XML_RUN));
        // The same bytes in a binary part (xlsb) are only counted.
        assert_eq!(read_all(false, &long).unwrap(), long.len());
        // Markup resets the run: many runs just under the limit are fine.
        let mut ok = Vec::new();
        for _ in 0..3 {
            ok.extend(std::iter::repeat_n(b'x', (MAX_XML_RUN - 1) as usize));
            ok.extend(b"<a>");
        }
        assert_eq!(read_all(true, &ok).unwrap(), ok.len());
    }
}
