//! An [`Evaluation`] as JSON: the format `parkscore score --format json` prints and the app
//! downloads. Streamed: [`write_evaluation_json`] renders each park as it writes it; no tree of
//! values is built.
//!
//! ```text
//! {"scheme": "chifeng-2020", "scheme_fingerprint"‡, "method": "rank_linear",
//!  "units": {"listed": 14, "missing": […], "unlisted": […]‖, "unlisted_count"‖, "renamed": [{"written", "official"}]},
//!  "reading": ["…", …], "classes"§: ["A", "B", …],
//!  "columns": {"output_growth": {"method", "full", "n", "best", "min", "max"}, …},   (facts only)
//!  "parks": [{"name", "rank", "vetoed", "total", "base", "bonus", "bonus_explain"*,
//!             "award_wan", "class"§, "groups": {"总量指标": "25.08", …},
//!             "indicators": {"output_growth": {"value", "score", "rank", "explain"*}, …}}, …],
//!  "awards": {"places": [{"rank", "park", "amount_wan", "shared_by"†, "explain"*}],
//!  "special": […]}, "notes": ["…"]}
//! ```
//!
//! The fields marked * are there with [`Prose::Explained`] (the CLI's `--detail`, the app's
//! download): each sentence is rendered from the evaluation's facts as it is written. With
//! [`Prose::Facts`] (the CLI's default) the `columns` object carries those facts once per
//! indicator instead (the method's id, full points, N and the extremes; the method's own
//! parameters, direction and unit are in the scheme), so the output grows with the data, not
//! with the prose. † `shared_by`, facts only, is written for a place shared by tied parks.
//! ‡ `scheme_fingerprint` ([`Scheme::fingerprint`]) is written for every scheme but the
//! unchanged built-in 赤峰 2020, whose JSON stays byte for byte what it was (its fingerprint is
//! printed by the table, the CSV, the reports and `parkscore scheme check`). § With classes:
//! their names once, each ranked park's `class`, and the units not rated after the vetoed
//! ones (`not_rated` true, `class` `"T"`, null scores). ‖ `unlisted` names the first 20 parks
//! not on the scheme's list, in the file's order, and `unlisted_count` (written when not 0)
//! counts them all: a judgement call of issue 14, so that 100,000 enterprises none of which a
//! list names are not carried a second time through the result; every park's name is in
//! `parks`. A file whose parks are all listed gives the same JSON as before.
//!
//! Scores are strings with exactly the scheme's `rounding_places` decimals (2 for Chifeng:
//! `"5.08"`, `"6.00"`), values and amounts exact decimal strings (`"12.5"`), so that no reader
//! meets a binary float. `units` is null when the scheme lists no units. Ranked parks come
//! first, by rank; vetoed parks follow with `rank` null, `vetoed` true, null scores and their
//! `veto_reason`. Objects keep the scheme's order.

use crate::scheme::Scheme;
use crate::score::Score;
use crate::scoring::{Evaluation, VetoedPark};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::io::Write;

/// Whether the JSON carries the explanation sentences (`explain`, `bonus_explain`): each is
/// rendered from the evaluation's facts while it is written, never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prose {
    /// Facts only (value, score, rank per indicator; the column facts at the top): the size
    /// of the output follows the data, not the sentences.
    Facts,
    /// Facts and every explanation sentence.
    Explained,
}

/// Writes the evaluation as pretty-printed JSON (see the module documentation) to `out`,
/// streamed: no tree of values is built, each park is rendered as it is written.
pub fn write_evaluation_json(
    out: impl Write,
    scheme: &Scheme,
    evaluation: &Evaluation,
    prose: Prose,
) -> std::io::Result<()> {
    let mut out = out;
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Pretty::default());
    Doc {
        scheme,
        e: evaluation,
        prose,
    }
    .serialize(&mut ser)
    .map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// `serde_json`'s pretty form, byte for byte (two spaces a level), with each line break and
/// its indentation written in one call: the library's formatter writes the indentation a
/// level at a time, and at 100,000 parks those calls were a tenth of the command's time. The
/// golden files (written by `to_string_pretty` before) pin that the text is the same.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

/// `,` or nothing, a line break and up to 32 levels of indentation.
const BREAK: &[u8] = b",\n                                                                ";

impl Pretty {
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> std::io::Result<()> {
        let from = usize::from(!comma);
        match BREAK.get(from..2 + 2 * self.depth) {
            Some(bytes) => w.write_all(bytes),
            None => {
                w.write_all(&BREAK[from..2])?;
                for _ in 0..self.depth {
                    w.write_all(b"  ")?;
                }
                Ok(())
            }
        }
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The evaluation as pretty-printed JSON text, ending with a newline.
pub fn evaluation_json_string(scheme: &Scheme, evaluation: &Evaluation, prose: Prose) -> String {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail, and every value here serialises.
    let _ = write_evaluation_json(&mut bytes, scheme, evaluation, prose);
    String::from_utf8(bytes).unwrap_or_default()
}

/// The evaluation as a JSON value, for callers that inspect it (tests, small evaluations).
pub fn evaluation_json(
    scheme: &Scheme,
    evaluation: &Evaluation,
    prose: Prose,
) -> serde_json::Value {
    serde_json::to_value(Doc {
        scheme,
        e: evaluation,
        prose,
    })
    .unwrap_or_default()
}

/// The whole document.
struct Doc<'a> {
    scheme: &'a Scheme,
    e: &'a Evaluation,
    prose: Prose,
}

impl Serialize for Doc<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let reading = &self.e.reading;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("scheme", &reading.scheme_id)?;
        m.serialize_entry("scheme_name", &self.scheme.name)?;
        // The built-in scheme's JSON stays as it always was (the golden file pins it byte
        // for byte): the field is written for every other scheme, a changed copy of the
        // built-in included, so its absence says "exactly the built-in 赤峰 2020".
        let fingerprint = self.scheme.fingerprint();
        if fingerprint != crate::scheme::builtin_fingerprint() {
            m.serialize_entry("scheme_fingerprint", &fingerprint)?;
        }
        m.serialize_entry("document", &self.scheme.document)?;
        m.serialize_entry("method", reading.ranking_method.id())?;
        m.serialize_entry("method_zh", &reading.ranking_method.name_zh())?;
        m.serialize_entry("cumulative_bonus", &reading.cumulative_bonus)?;
        m.serialize_entry("missing", &reading.missing)?;
        m.serialize_entry("rounding_places", &reading.rounding_places)?;
        m.serialize_entry("units", &reading.units)?;
        if let Some(classes) = &self.e.classes {
            m.serialize_entry("classes", &classes.names)?;
        }
        m.serialize_entry("reading", &reading.description_zh)?;
        if self.prose == Prose::Facts {
            m.serialize_entry("columns", &Columns(self.e))?;
        }
        m.serialize_entry("parks", &Parks(self))?;
        m.serialize_entry("awards", &AwardsJson(self))?;
        m.serialize_entry("notes", &Notes(self.e))?;
        m.end()
    }
}

/// The facts of each indicator column, keyed by indicator id: what each explanation is
/// rendered from (method, full points, N and the extremes).
struct Columns<'a>(&'a Evaluation);

impl Serialize for Columns<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.columns.len()))?;
        for c in &self.0.columns {
            m.serialize_entry(
                c.id.as_str(),
                &ColumnJson {
                    method: c.method.id(),
                    full: dec(c.full),
                    n: c.facts.n,
                    best: c.facts.best.map(dec),
                    min: c.facts.min.map(dec),
                    max: c.facts.max.map(dec),
                },
            )?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct ColumnJson {
    method: &'static str,
    full: Plain,
    n: u32,
    best: Option<Plain>,
    min: Option<Plain>,
    max: Option<Plain>,
}

/// Ranked parks by rank, then vetoed parks.
struct Parks<'a>(&'a Doc<'a>);

impl Serialize for Parks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0.e;
        let mut seq = s.serialize_seq(Some(e.parks.len() + e.vetoed.len() + e.not_rated.len()))?;
        for row in 0..e.parks.len() {
            seq.serialize_element(&Ranked { doc: self.0, row })?;
        }
        for v in &e.vetoed {
            seq.serialize_element(&Vetoed {
                scheme: self.0.scheme,
                v,
            })?;
        }
        for name in &e.not_rated {
            seq.serialize_element(&NotRated {
                scheme: self.0.scheme,
                name: name.as_str(),
            })?;
        }
        seq.end()
    }
}

struct Ranked<'a> {
    doc: &'a Doc<'a>,
    row: usize,
}

impl Serialize for Ranked<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (e, row) = (self.doc.e, self.row);
        let places = e.reading.rounding_places;
        let Some(p) = e.parks.get(row) else {
            return s.serialize_none();
        };
        let explained = self.doc.prose == Prose::Explained;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", p.name.as_str())?;
        m.serialize_entry("rank", &p.rank)?;
        m.serialize_entry("vetoed", &false)?;
        m.serialize_entry("total", &score(p.total, places))?;
        m.serialize_entry("base", &score(p.base, places))?;
        m.serialize_entry("bonus", &score(p.bonus, places))?;
        if explained {
            m.serialize_entry("bonus_explain", &e.bonus_explain(row))?;
        }
        m.serialize_entry("award_wan", &p.award_wan.map(dec))?;
        if e.classes.is_some() {
            m.serialize_entry("class", &e.class_of(row))?;
        }
        m.serialize_entry("groups", &Groups { e, row })?;
        m.serialize_entry("indicators", &Indicators { e, row, explained })?;
        m.end()
    }
}

struct Groups<'a> {
    e: &'a Evaluation,
    row: usize,
}

impl Serialize for Groups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let places = self.e.reading.rounding_places;
        let mut m = s.serialize_map(Some(self.e.groups.len()))?;
        for g in self.e.groups_of(self.row) {
            m.serialize_entry(g.name, &score(g.score, places))?;
        }
        m.end()
    }
}

struct Indicators<'a> {
    e: &'a Evaluation,
    row: usize,
    explained: bool,
}

impl Serialize for Indicators<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let places = self.e.reading.rounding_places;
        let mut m = s.serialize_map(Some(self.e.columns.len()))?;
        for i in self.e.indicators(self.row) {
            m.serialize_entry(
                i.id.as_str(),
                &IndicatorJson {
                    value: i.value.map(dec),
                    score: score(i.score, places),
                    rank: i.rank,
                    explain: self.explained.then(|| i.explain()),
                },
            )?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct IndicatorJson {
    value: Option<Plain>,
    score: Fixed,
    rank: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<String>,
}

struct Vetoed<'a> {
    scheme: &'a Scheme,
    v: &'a VetoedPark,
}

impl Serialize for Vetoed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none: Option<String> = None;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", self.v.name.as_str())?;
        m.serialize_entry("rank", &none)?;
        m.serialize_entry("vetoed", &true)?;
        m.serialize_entry("veto_reason", &self.v.veto.reason)?;
        m.serialize_entry("total", &none)?;
        m.serialize_entry("base", &none)?;
        m.serialize_entry("bonus", &none)?;
        m.serialize_entry("award_wan", &none)?;
        m.serialize_entry("groups", &NullGroups(self.scheme))?;
        m.serialize_entry("indicators", &serde_json::Map::new())?;
        m.end()
    }
}

/// A unit not rated (class T): listed with null scores.
struct NotRated<'a> {
    scheme: &'a Scheme,
    name: &'a str,
}

impl Serialize for NotRated<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none: Option<String> = None;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", self.name)?;
        m.serialize_entry("rank", &none)?;
        m.serialize_entry("vetoed", &false)?;
        m.serialize_entry("not_rated", &true)?;
        m.serialize_entry("total", &none)?;
        m.serialize_entry("base", &none)?;
        m.serialize_entry("bonus", &none)?;
        m.serialize_entry("award_wan", &none)?;
        m.serialize_entry("class", crate::scheme::NOT_RATED_CLASS)?;
        m.serialize_entry("groups", &NullGroups(self.scheme))?;
        m.serialize_entry("indicators", &serde_json::Map::new())?;
        m.end()
    }
}

struct NullGroups<'a>(&'a Scheme);

impl Serialize for NullGroups<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none: Option<String> = None;
        let mut m = s.serialize_map(Some(self.0.groups.len()))?;
        for g in &self.0.groups {
            m.serialize_entry(&g.name, &none)?;
        }
        m.end()
    }
}

struct AwardsJson<'a>(&'a Doc<'a>);

impl Serialize for AwardsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (awards, explained) = (&self.0.e.awards, self.0.prose == Prose::Explained);
        let noun = self.0.e.reading.unit_noun();
        // Streamed, one entry at a time: a tie of 100,000 parks at first place is 100,000 entries.
        let places = Seq(|| {
            awards.places.iter().map(move |a| PlaceJson {
                rank: a.rank,
                park: a.park.as_str(),
                amount_wan: dec(a.amount_wan),
                // The facts of a shared place; with the sentences, `explain` says it instead
                // (and the explained form stays as it always was).
                shared_by: (!explained && a.share.parks > 1).then_some(a.share.parks),
                explain: explained.then(|| a.explain_for(noun)),
            })
        });
        let special: Vec<SpecialJson<'_>> = awards
            .special
            .iter()
            .map(|a| SpecialJson {
                name: &a.name,
                amount_wan: dec(a.amount_wan),
                basis: a.basis.as_ref().map(|b| b.0.as_str()),
                candidates: a.candidates.iter().map(|c| c.as_str()).collect(),
                tie: a.tie,
                explain: &a.explain,
            })
            .collect();
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("places", &places)?;
        m.serialize_entry("special", &special)?;
        m.end()
    }
}

#[derive(Serialize)]
struct PlaceJson<'a> {
    rank: u32,
    park: &'a str,
    amount_wan: Plain,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared_by: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<String>,
}

/// A sequence serialised from an iterator made afresh, element by element.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct SpecialJson<'a> {
    name: &'a str,
    amount_wan: Plain,
    basis: Option<&'a str>,
    candidates: Vec<&'a str>,
    tie: bool,
    explain: &'a str,
}

struct Notes<'a>(&'a Evaluation);

impl Serialize for Notes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.notes.iter().map(ToString::to_string))
    }
}

/// A score with exactly `places` decimals, written straight into the output (no `String`
/// per value: 100,000 parks have millions of them).
#[derive(Clone, Copy)]
struct Fixed(Decimal);

fn score(s: Score, places: u32) -> Fixed {
    let mut d = s.round(places).value();
    d.rescale(places);
    Fixed(d)
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Digits(self.0).serialize(s)
    }
}

/// A decimal written as [`Decimal`]'s `Display` writes it (the same text: a property test
/// checks it), from its mantissa's digits in a buffer on the stack: `Display` divides the
/// 96-bit mantissa by ten digit by digit, which at 100,000 parks took a tenth of the output's
/// time.
#[derive(Clone, Copy)]
struct Digits(Decimal);

impl std::fmt::Display for Digits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text(&mut [0u8; 42]))
    }
}

impl Serialize for Digits {
    /// The text as a JSON string, without the formatting machinery of `collect_str`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(&mut [0u8; 42]))
    }
}

impl Digits {
    /// The decimal's text, written into `text`.
    fn text(self, text: &mut [u8; 42]) -> &str {
        let d = self.0;
        let scale = d.scale() as usize;
        let mut m = d.mantissa().unsigned_abs();
        // 2^96 has 29 digits, and a scale is at most 28: 30 digits hold every decimal.
        let mut digits = [0u8; 40];
        let mut n = 0;
        while n < digits.len() && (m > 0 || n <= scale) {
            let digit = match u64::try_from(m) {
                Ok(small) => {
                    m = u128::from(small / 10);
                    small % 10
                }
                Err(_) => {
                    let (q, r) = (m / 10, m % 10);
                    m = q;
                    r as u64
                }
            };
            if let Some(slot) = digits.get_mut(n) {
                *slot = b'0' + digit as u8;
            }
            n += 1;
        }
        let mut len = 0;
        let mut put = |b: u8| {
            if let Some(slot) = text.get_mut(len) {
                *slot = b;
                len += 1;
            }
        };
        if d.is_sign_negative() {
            put(b'-');
        }
        for i in (0..n).rev() {
            if i + 1 == scale {
                put(b'.');
            }
            put(digits.get(i).copied().unwrap_or(b'0'));
        }
        // ASCII digits, a sign and a point: always UTF-8.
        std::str::from_utf8(text.get(..len).unwrap_or_default()).unwrap_or_default()
    }
}

/// A decimal without trailing zeros, written straight into the output.
#[derive(Clone, Copy)]
struct Plain(Decimal);

fn dec(d: Decimal) -> Plain {
    Plain(d.normalize())
}

impl Serialize for Plain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Digits(self.0).serialize(s)
    }
}

#[cfg(test)]
mod digits_tests {
    use super::Digits;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn digits_write_what_display_writes() {
        for text in [
            "0",
            "0.00",
            "-0",
            "-0.00",
            "5.08",
            "-228.28",
            "0.05",
            "100",
            "1000.11",
            "0.1",
            "-0.001",
            "7.9228162514264337593543950335",
            "-79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            let d = Decimal::from_str(text).unwrap();
            assert_eq!(Digits(d).to_string(), d.to_string(), "{text}");
        }
        assert_eq!(
            Digits(Decimal::new(-0, 2)).to_string(),
            Decimal::new(-0, 2).to_string()
        );
    }

    proptest::proptest! {
        #[test]
        fn digits_equal_display_for_any_decimal(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0u32..=28) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            proptest::prop_assert_eq!(Digits(d).to_string(), d.to_string());
        }
    }
}
