//! [`Dataset`]: one year's validated figures for the parks, ready to score.
//!
//! A dataset is what `import::validate` makes of a file (or what a caller builds by hand). It
//! holds numbers, not text: every value is an exact [`Decimal`] in the unit the scheme asks for.
//! A value that is absent stays absent; nothing here turns a blank into zero.

use crate::scheme::IndicatorId;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A park's name as written in the data (`东山园区`), trimmed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParkName(pub String);

impl ParkName {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ParkName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ParkName {
    fn from(s: &str) -> ParkName {
        ParkName(s.to_owned())
    }
}

/// A value that may be missing, in 16 bytes: an `Option<Decimal>` takes 20. The columns of
/// values (the engine's input, [`ValueColumns`], and the evaluation's `values`) hold one per
/// park and indicator: at 100,000 parks and 22 indicators 35 MB instead of 44 (issue 14).
///
/// A decimal's own 16 bytes ([`Decimal::serialize`]), the missing value marked by a flag bit
/// no decimal sets (bits 0–15 of the flags are always zero in a [`Decimal`]). Compares as the
/// `Option<Decimal>` it holds (`1.0` equals `1.00`).
#[derive(Clone, Copy)]
pub struct MaybeDecimal([u8; 16]);

impl MaybeDecimal {
    /// No value.
    pub const NONE: MaybeDecimal = MaybeDecimal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    /// `value`.
    pub const fn some(value: Decimal) -> MaybeDecimal {
        let mut bytes = value.serialize();
        // Zero in every decimal rust_decimal makes (and ignored by `Decimal::deserialize`):
        // cleared all the same, so that no value could ever read back as missing.
        bytes[0] &= !1;
        MaybeDecimal(bytes)
    }

    /// The value, or `None` when missing.
    #[inline]
    pub fn get(self) -> Option<Decimal> {
        // A serialised decimal never sets the marker bit.
        (self.0[0] & 1 == 0).then(|| Decimal::deserialize(self.0))
    }

    /// Whether the value is missing.
    pub fn is_none(self) -> bool {
        self.0[0] & 1 == 1
    }
}

impl Default for MaybeDecimal {
    /// No value.
    fn default() -> MaybeDecimal {
        MaybeDecimal::NONE
    }
}

impl From<Option<Decimal>> for MaybeDecimal {
    fn from(value: Option<Decimal>) -> MaybeDecimal {
        value.map_or(MaybeDecimal::NONE, MaybeDecimal::some)
    }
}

impl From<MaybeDecimal> for Option<Decimal> {
    fn from(value: MaybeDecimal) -> Option<Decimal> {
        value.get()
    }
}

impl PartialEq for MaybeDecimal {
    fn eq(&self, other: &MaybeDecimal) -> bool {
        self.get() == other.get()
    }
}

impl Eq for MaybeDecimal {}

impl fmt::Debug for MaybeDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for MaybeDecimal {
    /// As the `Option<Decimal>` it holds.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for MaybeDecimal {
    /// As an `Option<Decimal>`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<MaybeDecimal, D::Error> {
        Option::<Decimal>::deserialize(deserializer).map(MaybeDecimal::from)
    }
}

/// A park that is not evaluated this year (不予评价考核, the 一票否决 of 附件1 三.9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veto {
    /// Why, as the data says it (`重特大安全生产事故`); `None` when the file only says 是.
    pub reason: Option<String>,
}

/// One park's figures for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParkRecord {
    /// The park's name; unique within a dataset.
    pub name: ParkName,
    /// The indicator values, in the scheme's units. An indicator with no entry is missing.
    pub values: Values,
    /// Provincial-level (省级 / 自治区级) recognitions this year: green, smart, circular-economy park…
    pub provincial_recognitions: u32,
    /// National-level (国家级) recognitions this year.
    pub national_recognitions: u32,
    /// Set when the park is vetoed this year.
    pub veto: Option<Veto>,
    /// The row the park came from, as Excel numbers it, for messages.
    pub source_row: Option<u32>,
    /// The name as the file wrote it, when the import replaced it by the official name of the
    /// scheme's unit list (`林西工业园区` for `内蒙古林西工业园区`); `None` when the file wrote
    /// the official spelling, or the record was not imported. Absent in older sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_name: Option<String>,
}

impl ParkRecord {
    /// A park with no values, no recognitions and no veto.
    pub fn new(name: impl Into<String>) -> ParkRecord {
        ParkRecord {
            name: ParkName(name.into()),
            values: Values::default(),
            provincial_recognitions: 0,
            national_recognitions: 0,
            veto: None,
            source_row: None,
            written_name: None,
        }
    }

    /// The value of `indicator`, if present.
    pub fn value(&self, indicator: &IndicatorId) -> Option<Decimal> {
        self.values.get(indicator).copied()
    }
}

/// A park's indicator values by id: a small map kept as one vector sorted by id. A park has
/// some twenty values; a `BTreeMap`'s nodes took about twice the memory, which at 100,000
/// parks was a hundred megabytes. Serialised as a map, like the `BTreeMap` it replaces.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Values(Vec<(IndicatorId, Decimal)>);

impl Values {
    fn find(&self, id: &IndicatorId) -> Result<usize, usize> {
        // Ids are the scheme's shared text: the same pointer finds an entry without comparing
        // any text (a park has some twenty values, so the scan is short); an id made
        // elsewhere (a test, a session read back) is searched by its text.
        if let Some(at) = self.0.iter().position(|(k, _)| k.same(id)) {
            return Ok(at);
        }
        self.0.binary_search_by(|(k, _)| k.cmp(id))
    }

    /// Values already in this type's order (by id, each id once), as the import builds a row's
    /// (sorted once by the columns' places: see `import::validate`). The order is the
    /// caller's promise, checked in debug builds; a wrong order would make look-ups miss.
    pub(crate) fn from_sorted(entries: Vec<(IndicatorId, Decimal)>) -> Values {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        Values(entries)
    }

    /// Sets `id`'s value; returns the value it replaces.
    pub fn insert(&mut self, id: IndicatorId, value: Decimal) -> Option<Decimal> {
        match self.find(&id) {
            Ok(at) => self
                .0
                .get_mut(at)
                .map(|slot| std::mem::replace(&mut slot.1, value)),
            Err(at) => {
                self.0.insert(at, (id, value));
                None
            }
        }
    }

    /// Removes `id`'s value.
    pub fn remove(&mut self, id: &IndicatorId) -> Option<Decimal> {
        self.find(id).ok().map(|at| self.0.remove(at).1)
    }

    /// `id`'s value.
    pub fn get(&self, id: &IndicatorId) -> Option<&Decimal> {
        self.find(id)
            .ok()
            .and_then(|at| self.0.get(at))
            .map(|(_, v)| v)
    }

    /// Whether `id` has a value.
    pub fn contains_key(&self, id: &IndicatorId) -> bool {
        self.find(id).is_ok()
    }

    /// How many values.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The values by id.
    pub fn iter(&self) -> impl Iterator<Item = (&IndicatorId, &Decimal)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'a> IntoIterator for &'a Values {
    type Item = (&'a IndicatorId, &'a Decimal);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (IndicatorId, Decimal)>,
        fn(&'a (IndicatorId, Decimal)) -> (&'a IndicatorId, &'a Decimal),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Values {
    type Item = (IndicatorId, Decimal);
    type IntoIter = std::vec::IntoIter<(IndicatorId, Decimal)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(IndicatorId, Decimal)> for Values {
    fn from_iter<I: IntoIterator<Item = (IndicatorId, Decimal)>>(items: I) -> Values {
        let mut values = Values::default();
        for (id, v) in items {
            values.insert(id, v);
        }
        values
    }
}

impl Serialize for Values {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Values {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Values, D::Error> {
        BTreeMap::<IndicatorId, Decimal>::deserialize(d).map(|m| m.into_iter().collect())
    }
}

/// All parks of one evaluation year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    /// The year evaluated (`2020`), when the file says so.
    pub year: Option<u16>,
    /// Where the data came from (the file name), for reports.
    pub source: Option<String>,
    /// The parks, in the order of the file.
    pub parks: Vec<ParkRecord>,
}

impl Dataset {
    /// The park called `name`.
    pub fn park(&self, name: &str) -> Option<&ParkRecord> {
        self.parks.iter().find(|p| p.name.as_str() == name)
    }
}

/// A dataset's indicator values as columns: one per indicator of the scheme (its order), a
/// cell per park (the dataset's order); an empty cell is a missing value.
///
/// The road of a big file ([`crate::import::validate_columnar`] then
/// [`crate::evaluate_columnar`]): the import writes each row's values straight into the
/// columns the engine scores, and they move into the evaluation without a copy. The rows'
/// road ([`ParkRecord::values`]) made 23 small vectors' worth of blocks per park and then
/// the engine's columns beside them; in the wasm worker, whose memory never shrinks, the
/// blocks they left were too scattered to hold what the engine makes next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueColumns {
    /// The scheme's ids sorted by id, each with its column.
    by_id: Vec<(IndicatorId, usize)>,
    /// The columns, in the scheme's order; each as long as the other.
    columns: Vec<Vec<MaybeDecimal>>,
}

impl ValueColumns {
    /// Empty columns for `ids` (the scheme's indicators, in order), `rows` cells each.
    pub(crate) fn new<'a>(ids: impl Iterator<Item = &'a IndicatorId>, rows: usize) -> ValueColumns {
        let mut by_id: Vec<(IndicatorId, usize)> =
            ids.cloned().enumerate().map(|(i, id)| (id, i)).collect();
        crate::order::sort(&mut by_id);
        let columns: Vec<Vec<MaybeDecimal>> = vec![vec![MaybeDecimal::NONE; rows]; by_id.len()];
        ValueColumns { by_id, columns }
    }

    /// Puts `values` in row `row` (a row past the end is left alone); an id the columns do
    /// not have is skipped. `values` are walked beside the sorted ids, one comparison per
    /// step: ids made from the scheme share its text, so equal ones compare by pointer.
    pub(crate) fn place(&mut self, row: usize, values: &Values) {
        let mut ids = self.by_id.iter().peekable();
        for (id, v) in values {
            while let Some((known, c)) = ids.peek() {
                if known == id {
                    if let Some(cell) = self.columns.get_mut(*c).and_then(|col| col.get_mut(row)) {
                        *cell = MaybeDecimal::some(*v);
                    }
                    ids.next();
                    break;
                }
                if known > id {
                    break;
                }
                ids.next();
            }
        }
    }

    /// Row `row`'s value of `id`, if present.
    pub fn get(&self, row: usize, id: &IndicatorId) -> Option<Decimal> {
        let at = self
            .by_id
            .iter()
            .position(|(k, _)| k.same(id))
            .or_else(|| self.by_id.binary_search_by(|(k, _)| k.cmp(id)).ok())?;
        let column = self.by_id.get(at)?.1;
        self.columns.get(column)?.get(row)?.get()
    }

    /// Empty columns for `scheme`'s indicators, `rows` cells each.
    pub(crate) fn for_scheme(scheme: &crate::Scheme, rows: usize) -> ValueColumns {
        ValueColumns::new(scheme.indicators().map(|i| &i.id), rows)
    }

    /// Whether these are columns of `scheme`'s indicators (the same ids, in its order).
    pub fn made_for(&self, scheme: &crate::Scheme) -> bool {
        ValueColumns::for_scheme(scheme, 0).by_id == self.by_id
    }

    /// How many rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// Keeps the first `rows` rows.
    pub(crate) fn truncate(&mut self, rows: usize) {
        for c in &mut self.columns {
            c.truncate(rows);
        }
    }

    /// Keeps only the rows listed, in their order: `keep` must be ascending (each row at most
    /// once), as a filter of the rows gives it. Done in place, column by column.
    pub(crate) fn retain_rows(&mut self, keep: &[usize]) {
        debug_assert!(keep.windows(2).all(|w| w[0] < w[1]));
        for c in &mut self.columns {
            // Ascending: the row read is never before the row written.
            for (to, &from) in keep.iter().enumerate() {
                let cell = c.get(from).copied().unwrap_or_default();
                if let Some(slot) = c.get_mut(to) {
                    *slot = cell;
                }
            }
            c.truncate(keep.len());
        }
    }

    /// The columns, in the scheme's order.
    pub(crate) fn into_columns(self) -> Vec<Vec<MaybeDecimal>> {
        self.columns
    }

    /// Takes the values out of `parks` (their rows left empty) into columns for `scheme`'s
    /// indicators, a cell per park in order; a value of an indicator the scheme does not
    /// have is dropped. The inverse of [`ValueColumns::give_back`].
    pub fn take_from(scheme: &crate::Scheme, parks: &mut [ParkRecord]) -> ValueColumns {
        let mut columns = ValueColumns::for_scheme(scheme, parks.len());
        for (row, park) in parks.iter_mut().enumerate() {
            columns.place(row, &std::mem::take(&mut park.values));
        }
        columns
    }

    /// Gives each of `parks` (the rows, in order) its values, as the rows' road holds them.
    pub fn give_back(&self, parks: &mut [ParkRecord]) {
        for (row, park) in parks.iter_mut().enumerate() {
            // `by_id` is sorted by id: the order `Values` keeps.
            let entries = self
                .by_id
                .iter()
                .filter_map(|(id, c)| {
                    let v = self.columns.get(*c)?.get(row)?.get()?;
                    Some((id.clone(), v))
                })
                .collect();
            park.values = Values::from_sorted(entries);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maybe_decimal_is_16_bytes_and_gives_back_what_it_was_given() {
        assert_eq!(std::mem::size_of::<MaybeDecimal>(), 16);
        assert_eq!(std::mem::size_of::<Option<Decimal>>(), 20);
        let mut minus_zero = Decimal::new(0, 3);
        minus_zero.set_sign_negative(true);
        let tiny = Decimal::from_i128_with_scale(1, 28);
        for v in [
            Decimal::ZERO,
            minus_zero,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            tiny,
            -tiny,
            Decimal::new(6256, 1),
            Decimal::new(-123_456_789, 9),
        ] {
            let m = MaybeDecimal::some(v);
            let back = m.get().expect("a value");
            // The same number, scale and sign: the very decimal.
            assert_eq!(back.serialize(), v.serialize(), "{v}");
            assert!(!m.is_none());
            assert_eq!(MaybeDecimal::from(Some(v)), m);
            assert_eq!(Option::<Decimal>::from(m), Some(v));
        }
        assert_eq!(MaybeDecimal::NONE.get(), None);
        assert!(MaybeDecimal::NONE.is_none());
        assert_eq!(MaybeDecimal::default(), MaybeDecimal::NONE);
        assert_eq!(MaybeDecimal::from(None), MaybeDecimal::NONE);
        assert_ne!(MaybeDecimal::some(Decimal::ZERO), MaybeDecimal::NONE);
        // Compared as numbers, as Option<Decimal> compares.
        assert_eq!(
            MaybeDecimal::some(Decimal::new(10, 1)),
            MaybeDecimal::some(Decimal::ONE)
        );
        assert_eq!(
            format!("{:?}", MaybeDecimal::some(Decimal::new(15, 1))),
            "Some(1.5)"
        );
        assert_eq!(format!("{:?}", MaybeDecimal::NONE), "None");
    }

    #[test]
    fn a_maybe_decimal_serialises_as_an_option() {
        let cells = vec![MaybeDecimal::some(Decimal::new(-25, 1)), MaybeDecimal::NONE];
        let json = serde_json::to_string(&cells).unwrap();
        let plain: Vec<Option<Decimal>> = vec![Some(Decimal::new(-25, 1)), None];
        assert_eq!(json, serde_json::to_string(&plain).unwrap());
        assert_eq!(json, r#"["-2.5",null]"#);
        let back: Vec<MaybeDecimal> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, cells);
    }

    proptest::proptest! {
        #[test]
        fn every_decimal_goes_through_a_maybe_decimal_unchanged(
            lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28
        ) {
            let v = Decimal::from_parts(lo, mid, hi, negative, scale);
            let back = MaybeDecimal::some(v).get();
            proptest::prop_assert_eq!(back.map(|b| b.serialize()), Some(v.serialize()));
        }
    }

    #[test]
    fn values_behave_as_a_map_sorted_by_id() {
        let mut v = Values::default();
        assert_eq!(v.insert(IndicatorId::from("b"), Decimal::ONE), None);
        assert_eq!(v.insert(IndicatorId::from("a"), Decimal::TWO), None);
        assert_eq!(
            v.insert(IndicatorId::from("b"), Decimal::TEN),
            Some(Decimal::ONE)
        );
        assert_eq!(v.len(), 2);
        let ids: Vec<&str> = v.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(v.get(&IndicatorId::from("b")), Some(&Decimal::TEN));
        assert!(!v.contains_key(&IndicatorId::from("c")));
        assert_eq!(v.remove(&IndicatorId::from("a")), Some(Decimal::TWO));
        assert_eq!(v.remove(&IndicatorId::from("a")), None);
        // As JSON: a map, read back the same.
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"b":"10"}"#);
        assert_eq!(serde_json::from_str::<Values>(&json).unwrap(), v);
    }

    fn ids(names: &[&str]) -> Vec<IndicatorId> {
        names.iter().map(|n| IndicatorId::from(*n)).collect()
    }

    fn row(entries: &[(&IndicatorId, i64)]) -> Values {
        entries
            .iter()
            .map(|(id, v)| ((*id).clone(), Decimal::from(*v)))
            .collect()
    }

    #[test]
    fn columns_put_each_value_in_its_indicators_column_in_scheme_order() {
        // Scheme order c, a, b: not the ids' sorted order.
        let ids = ids(&["c", "a", "b"]);
        let [c, a, b] = [&ids[0], &ids[1], &ids[2]];
        let mut columns = ValueColumns::new(ids.iter(), 3);
        columns.place(0, &row(&[(a, 1), (b, 2), (c, 3)]));
        // A value of an id the columns do not have (`zz`, equal by text only) is skipped.
        let stranger = IndicatorId::from("zz");
        columns.place(1, &row(&[(b, 20), (&stranger, 99)]));
        // An id made elsewhere, equal by text, finds its column too.
        columns.place(2, &row(&[(&IndicatorId::from("c"), 30)]));
        columns.place(7, &row(&[(a, 70)])); // past the end: left alone
        assert_eq!(columns.rows(), 3);
        let d = |v: i64| Some(Decimal::from(v));
        let plain = |columns: Vec<Vec<MaybeDecimal>>| -> Vec<Vec<Option<Decimal>>> {
            columns
                .into_iter()
                .map(|c| c.into_iter().map(MaybeDecimal::get).collect())
                .collect()
        };
        assert_eq!(
            plain(columns.clone().into_columns()),
            vec![
                vec![d(3), None, d(30)],
                vec![d(1), None, None],
                vec![d(2), d(20), None]
            ]
        );
        assert_eq!(columns.get(1, b), d(20));
        assert_eq!(columns.get(1, &IndicatorId::from("b")), d(20));
        assert_eq!(columns.get(1, a), None);
        assert_eq!(columns.get(9, a), None);
        assert_eq!(columns.get(0, &stranger), None);
        // Rows 0 and 2 kept, in order.
        let mut kept = columns.clone();
        kept.retain_rows(&[0, 2]);
        assert_eq!(
            plain(kept.into_columns()),
            vec![vec![d(3), d(30)], vec![d(1), None], vec![d(2), None]]
        );
        let mut first = columns.clone();
        first.truncate(1);
        assert_eq!(first.rows(), 1);
    }

    #[test]
    fn columns_taken_from_rows_and_given_back_are_the_rows_again() {
        let scheme = crate::Scheme::chifeng_2020();
        let ids: Vec<&IndicatorId> = scheme.indicators().map(|i| &i.id).collect();
        let mut parks: Vec<ParkRecord> = (0..5)
            .map(|k| {
                let mut p = ParkRecord::new(format!("园区{k}"));
                // Park k has every k-th value (park 0 none).
                for (i, id) in ids.iter().enumerate() {
                    if k > 0 && i % k == 0 {
                        p.values
                            .insert((*id).clone(), Decimal::new(i as i64 * 10 + k as i64, 1));
                    }
                }
                p
            })
            .collect();
        let before = parks.clone();
        let columns = ValueColumns::take_from(&scheme, &mut parks);
        assert!(parks.iter().all(|p| p.values.is_empty()), "taken out");
        assert_eq!(columns.rows(), 5);
        assert_eq!(columns.get(3, ids[6]), Some(Decimal::new(63, 1)));
        assert_eq!(columns.get(3, ids[7]), None);
        columns.give_back(&mut parks);
        assert_eq!(parks, before);
    }
}
