//! [`Cells`]: one row's cells as text, stored compactly.
//!
//! A table of 100,000 rows × 27 columns held as one `String` per cell made 2.7 million heap
//! blocks: some 150 MB in the reader, again in the page's copy, and most of the time of
//! reading and of handing the table from the worker to the page went into allocating and
//! freeing them. A row here is one string with every cell one after the other, plus the end
//! offset of each cell: two heap blocks per row, whatever its width.
//!
//! It behaves like the `Vec<String>` it replaces where the callers need it (get, iterate,
//! push, set, truncate, compare with a vector of strings) and is serialised as the same JSON
//! array of strings, so saved sessions read as before.

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One row's cells as text; an empty cell is `""`.
///
/// Invariant: `ends` is non-decreasing, its last entry (if any) is `text.len()`, and every
/// entry falls on a character boundary of `text`; cell `i` is `text[ends[i-1]..ends[i]]`
/// (from 0 for the first). Offsets are `u32`: a row's text is bounded far below 4 GiB by the
/// import's limits (20 MB a file, [`super::MAX_CELL_CHARS`] a cell), and a cell that would pass
/// it is stored empty rather than wrapping (see [`Cells::push`]).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Cells {
    text: String,
    ends: Vec<u32>,
}

impl Cells {
    /// A row with no cells.
    pub fn new() -> Cells {
        Cells::default()
    }

    /// A row with room for `cells` cells of `bytes` bytes of text in all.
    pub fn with_capacity(cells: usize, bytes: usize) -> Cells {
        Cells {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
        }
    }

    /// How many cells (trailing empty ones included, if pushed).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn start(&self, i: usize) -> usize {
        match i.checked_sub(1) {
            Some(before) => self.ends.get(before).map_or(0, |&e| e as usize),
            None => 0,
        }
    }

    /// Cell `i`'s text, if the row has that many cells.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        self.text.get(self.start(i)..end)
    }

    /// The first cell.
    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    /// The cells in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            cells: self,
            front: 0,
            back: self.ends.len(),
        }
    }

    /// Appends a cell. A cell that would take the row's text past 4 GiB is stored empty (the
    /// import refuses far smaller files; see the type's invariant).
    pub fn push(&mut self, cell: &str) {
        let before = self.text.len();
        self.text.push_str(cell);
        let end = match u32::try_from(self.text.len()) {
            Ok(end) => end,
            Err(_) => {
                self.text.truncate(before);
                u32::try_from(before).unwrap_or(u32::MAX)
            }
        };
        self.ends.push(end);
    }

    /// Sets cell `i` to `cell`, adding empty cells up to it when the row is shorter; returns
    /// the text it had (`""` for a cell that did not exist). The text is replaced in place and
    /// the later cells' offsets shifted. A cell that would take the row past 4 GiB is set
    /// empty (as [`Cells::push`] does).
    pub fn set(&mut self, i: usize, cell: &str) -> String {
        while self.ends.len() <= i {
            self.push("");
        }
        let start = self.start(i);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        let old = self.text.get(start..end).unwrap_or_default().to_owned();
        let rest = self.text.len() - (end - start);
        let cell = if u32::try_from(rest + cell.len()).is_ok() {
            cell
        } else {
            ""
        };
        self.text.replace_range(start..end, cell);
        for e in self.ends.iter_mut().skip(i) {
            // Every offset from cell i on moves by the change in length; the new total fits
            // a u32 (checked above), so each shifted offset does too.
            let shifted = (*e as usize + cell.len()).saturating_sub(end - start);
            *e = u32::try_from(shifted).unwrap_or(u32::MAX);
        }
        old
    }

    /// Gives back memory a row holds beyond twice what it uses (a short row read after a long
    /// one, sized like it).
    pub fn shrink_loose(&mut self) {
        if self.text.capacity() > 2 * self.text.len() + 16 {
            self.text.shrink_to_fit();
        }
        if self.ends.capacity() > 2 * self.ends.len() + 4 {
            self.ends.shrink_to_fit();
        }
    }

    /// Keeps the first `len` cells.
    pub fn truncate(&mut self, len: usize) {
        if len < self.ends.len() {
            let end = self.start(len);
            self.ends.truncate(len);
            self.text.truncate(end);
        }
    }

    /// Pads the row with empty cells, or cuts it, to `len` cells.
    pub fn resize(&mut self, len: usize) {
        self.truncate(len);
        while self.ends.len() < len {
            self.push("");
        }
    }

    /// Whether a cell's text is `cell`.
    pub fn contains(&self, cell: &str) -> bool {
        self.iter().any(|c| c == cell)
    }

    /// The cells as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// The cells joined by `sep`.
    pub fn join(&self, sep: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + sep.len() * self.len());
        for (i, c) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(c);
        }
        out
    }

    /// The row's text, every cell one after the other, and each cell's end offset in it:
    /// the compact form, for a binary transport that copies it whole.
    pub fn parts(&self) -> (&str, &[u32]) {
        (&self.text, &self.ends)
    }

    /// The row from its compact form; `None` unless the offsets are non-decreasing, end at
    /// the text's length and fall on character boundaries (untrusted bytes come this way).
    pub fn from_parts(text: String, ends: Vec<u32>) -> Option<Cells> {
        let mut last = 0usize;
        for &e in &ends {
            let e = e as usize;
            if e < last || !text.is_char_boundary(e) {
                return None;
            }
            last = e;
        }
        if last != text.len() {
            return None;
        }
        Some(Cells { text, ends })
    }
}

/// The cells of a row in order: see [`Cells::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    cells: &'a Cells,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.front >= self.back {
            return None;
        }
        let cell = self.cells.get(self.front);
        self.front += 1;
        cell
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.back.saturating_sub(self.front);
        (left, Some(left))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        self.back -= 1;
        self.cells.get(self.back)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Cells {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Cells {
    fn from_iter<I: IntoIterator<Item = S>>(items: I) -> Cells {
        let mut cells = Cells::new();
        for c in items {
            cells.push(c.as_ref());
        }
        cells
    }
}

impl From<Vec<String>> for Cells {
    fn from(v: Vec<String>) -> Cells {
        v.iter().collect()
    }
}

impl From<Vec<&str>> for Cells {
    fn from(v: Vec<&str>) -> Cells {
        v.into_iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Cells {
    fn eq(&self, other: &Vec<S>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Cells {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl std::ops::Index<usize> for Cells {
    type Output = str;

    /// Cell `i`; panics past the row's end, as a vector's index does (tests and callers that
    /// checked the length; the import itself uses [`Cells::get`]).
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(c) => c,
            None => panic!("cell {i} of a row of {} cells", self.len()),
        }
    }
}

impl fmt::Debug for Cells {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for c in self.iter() {
            seq.serialize_element(c)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cells, D::Error> {
        struct CellsVisitor;
        impl<'de> Visitor<'de> for CellsVisitor {
            type Value = Cells;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of cell texts")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cells, A::Error> {
                let mut cells = Cells::new();
                while seq.next_element_seed(Append(&mut cells))?.is_some() {}
                Ok(cells)
            }
        }
        /// One cell's text appended as it is read: no `String` per cell.
        struct Append<'a>(&'a mut Cells);
        impl<'de> DeserializeSeed<'de> for Append<'_> {
            type Value = ();

            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_str(self)
            }
        }
        impl<'de> Visitor<'de> for Append<'_> {
            type Value = ();

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a cell's text")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
                self.0.push(v);
                Ok(())
            }
        }
        d.deserialize_seq(CellsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_behave_like_a_vector_of_strings() {
        let mut c: Cells = ["东山园区", "", "12.5%"].iter().collect();
        assert_eq!(c.len(), 3);
        assert_eq!(c.get(0), Some("东山园区"));
        assert_eq!(c.get(1), Some(""));
        assert_eq!(c.get(2), Some("12.5%"));
        assert_eq!(c.get(3), None);
        assert_eq!(
            c.iter().rev().collect::<Vec<_>>(),
            ["12.5%", "", "东山园区"]
        );
        assert_eq!(c.iter().len(), 3);
        assert_eq!(c.set(1, "3"), "");
        assert_eq!(c, vec!["东山园区", "3", "12.5%"]);
        // In place: longer, shorter, emptied, the first cell; later offsets follow.
        assert_eq!(c.set(0, "红山工业园区"), "东山园区");
        assert_eq!(c, vec!["红山工业园区", "3", "12.5%"]);
        assert_eq!(c.set(0, "东山园区"), "红山工业园区");
        assert_eq!(c.set(2, ""), "12.5%");
        assert_eq!(c, vec!["东山园区", "3", ""]);
        assert_eq!(c.set(2, "12.5%"), "");
        assert_eq!(c.parts().1, &[12, 13, 18]);
        // Setting past the end pads with empty cells.
        assert_eq!(c.set(5, "x"), "");
        assert_eq!(c, vec!["东山园区", "3", "12.5%", "", "", "x"]);
        c.truncate(2);
        assert_eq!(c, ["东山园区", "3"]);
        c.resize(3);
        assert_eq!(c, ["东山园区", "3", ""]);
        assert_eq!(c.join("\t"), "东山园区\t3\t");
        assert_eq!(&c[0], "东山园区");
        assert!(c.contains("3") && !c.contains("4"));
        assert_eq!(format!("{c:?}"), r#"["东山园区", "3", ""]"#);
        assert!(Cells::new().is_empty());
    }

    #[test]
    fn cells_are_a_json_array_of_strings() {
        let c = Cells::from(vec!["a", "", "b\"c"]);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(json, r#"["a","","b\"c"]"#);
        assert_eq!(serde_json::from_str::<Cells>(&json).unwrap(), c);
        assert!(serde_json::from_str::<Cells>(r#"[1]"#).is_err());
        // Escapes are read as text, from a borrowed and from an owned source.
        let escaped = r#"["a\nb","\u4e1c"]"#;
        assert_eq!(
            serde_json::from_str::<Cells>(escaped).unwrap(),
            vec!["a\nb", "东"]
        );
        let value: serde_json::Value = serde_json::from_str(escaped).unwrap();
        assert_eq!(
            serde_json::from_value::<Cells>(value).unwrap(),
            vec!["a\nb", "东"]
        );
    }

    #[test]
    fn a_loose_row_gives_memory_back() {
        let mut c = Cells::with_capacity(1000, 100_000);
        c.push("1");
        c.shrink_loose();
        assert!(c.parts().0.len() == 1 && c.text.capacity() < 100);
        assert!(c.ends.capacity() < 100);
        assert_eq!(c, ["1"]);
    }

    #[test]
    fn the_compact_form_is_checked_when_read_back() {
        let c = Cells::from(vec!["红山", "1"]);
        let (text, ends) = c.parts();
        assert_eq!((text, ends), ("红山1", &[6u32, 7][..]));
        assert_eq!(
            Cells::from_parts(text.to_owned(), ends.to_vec()),
            Some(c.clone())
        );
        // Decreasing, past the end, inside a character, short of the end.
        assert_eq!(Cells::from_parts("ab".into(), vec![2, 1]), None);
        assert_eq!(Cells::from_parts("ab".into(), vec![3]), None);
        assert_eq!(Cells::from_parts("红".into(), vec![1, 3]), None);
        assert_eq!(Cells::from_parts("ab".into(), vec![1]), None);
        assert_eq!(Cells::from_parts(String::new(), vec![]), Some(Cells::new()));
    }
}
