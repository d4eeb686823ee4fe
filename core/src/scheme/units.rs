//! The official list of evaluated units ([`Scheme::units`], 附件1 一) and how a park name as an
//! office writes it is matched against it.
//!
//! Names are compared after [`normalize_unit_name`]: full-width letters, digits and
//! parentheses are made half-width, every whitespace character (also U+00A0, U+3000) is
//! dropped, and the bracket variants `（）〔〕[]【】` all become `()`. A name then
//! ([`Scheme::match_unit`]):
//! 1. equals an official name → that unit ([`UnitMatch::Official`]);
//! 2. equals an alias the scheme lists (`[unit_aliases]`) → that unit ([`UnitMatch::Alias`]);
//! 3. is contained in exactly one official name, at least 2 characters long
//!    (`林西工业园区` in `内蒙古林西工业园区`) → that unit ([`UnitMatch::Contained`]);
//! 4. otherwise is not on the list ([`UnitMatch::Unlisted`]), with the nearest official name
//!    as a suggestion when there is one: the smallest Levenshtein distance d (on normalised
//!    characters) with d ≤ ⌊L / 3⌋, L the length of the longer of the two names, at least 1
//!    (so `东山园` → `东山园区`, `阿鲁克尔沁旗工业园区` → `阿鲁科尔沁旗工业园区`, but `甲园区`
//!    suggests nothing), and no other official name equally near.
//!
//! A scheme with an empty unit list matches nothing: the check is skipped by the import.

use super::Scheme;
use crate::import::number::half_width;
use std::collections::HashMap;

/// What a park name written in a file is, with respect to the scheme's unit list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitMatch {
    /// The official name (possibly spelled with other widths, spaces or brackets).
    Official(String),
    /// An alias the scheme lists for this official name.
    Alias(String),
    /// A short name contained in exactly this official name.
    Contained(String),
    /// Not on the list; the nearest official name, if one is near enough.
    Unlisted {
        /// The suggested official name.
        suggestion: Option<String>,
    },
}

impl UnitMatch {
    /// The official name, when the name stands for a listed unit.
    pub fn official(&self) -> Option<&str> {
        match self {
            UnitMatch::Official(o) | UnitMatch::Alias(o) | UnitMatch::Contained(o) => Some(o),
            UnitMatch::Unlisted { .. } => None,
        }
    }
}

/// A park name for comparison: half width, no whitespace, `（）〔〕[]【】` as `()`.
pub fn normalize_unit_name(name: &str) -> String {
    // One pass and one allocation: called for every park of a file. No character grows in
    // UTF-8 (full-width forms become ASCII), so the name's length is room enough.
    let mut out = String::with_capacity(name.len());
    out.extend(
        name.chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{feff}' | '\u{200b}'))
            .map(|c| match c {
                '【' | '[' | '〔' | '［' => '(',
                '】' | ']' | '〕' | '］' => ')',
                _ => c,
            }),
    );
    out
}

/// The Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Names longer than this are not compared by edit distance (a cell of free text).
const MAX_SUGGEST_CHARS: usize = 64;

impl Scheme {
    /// Whether the scheme lists the evaluated units (the import checks files against them).
    pub fn has_unit_list(&self) -> bool {
        !self.units.is_empty()
    }

    /// Matches a park name as written against the unit list; see the module documentation.
    /// To match many names, build a [`UnitIndex`] once ([`Scheme::unit_index`]).
    pub fn match_unit(&self, written: &str) -> UnitMatch {
        self.unit_index().match_unit(written)
    }

    /// The unit list normalised once, for matching many names.
    pub fn unit_index(&self) -> UnitIndex<'_> {
        let units: Vec<(String, &str)> = self
            .units
            .iter()
            .map(|u| (normalize_unit_name(u), u.as_str()))
            .collect();
        let mut exact: HashMap<String, (&str, bool)> = HashMap::new();
        // Aliases first, official names over them: an official spelling always wins.
        for (official, aliases) in &self.unit_aliases {
            for alias in aliases {
                exact
                    .entry(normalize_unit_name(alias))
                    .or_insert((official.as_str(), true));
            }
        }
        for (norm, official) in &units {
            exact.insert(norm.clone(), (official, false));
        }
        let mut letters: Vec<char> = units.iter().flat_map(|(n, _)| n.chars()).collect();
        crate::order::sort(&mut letters);
        letters.dedup();
        UnitIndex {
            units,
            exact,
            letters,
        }
    }
}

/// A scheme's unit list, normalised once ([`Scheme::unit_index`]): matching a name costs a
/// hash look-up, and for a name not on the list one pass over the list.
#[derive(Debug)]
pub struct UnitIndex<'a> {
    /// Each official name, normalised, with its spelling.
    units: Vec<(String, &'a str)>,
    /// Normalised official names and aliases → the official name, and whether by an alias.
    exact: HashMap<String, (&'a str, bool)>,
    /// Every character of the normalised official names, sorted: a name with a character
    /// outside them is in none (`园区000123` has digits), without searching each name.
    letters: Vec<char>,
}

impl UnitIndex<'_> {
    /// Whether the scheme lists any unit (else nothing is checked).
    pub fn has_units(&self) -> bool {
        !self.units.is_empty()
    }

    /// Matches a park name as written; see the module documentation.
    pub fn match_unit(&self, written: &str) -> UnitMatch {
        self.match_listed(written)
            .unwrap_or_else(|| UnitMatch::Unlisted {
                suggestion: self.nearest_unit(&normalize_unit_name(written)),
            })
    }

    /// Like [`UnitIndex::match_unit`] for a name on the list; `None` for a name that is not,
    /// without looking for the nearest official name (for callers that only need to know,
    /// such as 100,000 enterprises none of which is on a park list).
    pub fn match_listed(&self, written: &str) -> Option<UnitMatch> {
        let norm = normalize_unit_name(written);
        if norm.is_empty() {
            return None;
        }
        if let Some(&(official, by_alias)) = self.exact.get(&norm) {
            return Some(if by_alias {
                UnitMatch::Alias(official.to_owned())
            } else {
                UnitMatch::Official(official.to_owned())
            });
        }
        if norm.chars().count() >= 2 {
            if norm
                .chars()
                .any(|c| self.letters.binary_search(&c).is_err())
            {
                return None;
            }
            // Only a name at least as long can contain it (the length test is cheap).
            let mut containing = self
                .units
                .iter()
                .filter(|(u, _)| u.len() >= norm.len() && u.contains(&norm));
            if let (Some((_, one)), None) = (containing.next(), containing.next()) {
                return Some(UnitMatch::Contained((*one).to_owned()));
            }
        }
        None
    }

    /// The official name nearest to the normalised `norm` by the rule of the module
    /// documentation.
    fn nearest_unit(&self, norm: &str) -> Option<String> {
        let len = norm.chars().count();
        if len > MAX_SUGGEST_CHARS {
            return None;
        }
        let mut best: Option<(usize, &str)> = None;
        let mut tied = false;
        for (official, unit) in &self.units {
            let longer = len.max(official.chars().count());
            // The distance is at least the difference in length: skip the far ones cheaply.
            let bound = (longer / 3).max(1);
            if longer - len.min(official.chars().count()) > bound {
                continue;
            }
            let d = edit_distance(norm, official);
            if d > bound {
                continue;
            }
            match best {
                Some((b, _)) if d > b => {}
                Some((b, _)) if d == b => tied = true,
                _ => {
                    best = Some((d, unit));
                    tied = false;
                }
            }
        }
        match (best, tied) {
            (Some((_, unit)), false) => Some(unit.to_owned()),
            _ => None,
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_widths_spaces_and_brackets() {
        assert_eq!(
            normalize_unit_name(" 东山　园区（Ａ１）"),
            normalize_unit_name("东山园区(A1)")
        );
        assert_eq!(normalize_unit_name("东山〔园区〕"), "东山(园区)");
        assert_eq!(normalize_unit_name("东山【园区】"), "东山(园区)");
        assert_eq!(normalize_unit_name("东\u{a0}山 园区"), "东山园区");
    }

    #[test]
    fn levenshtein_by_hand() {
        assert_eq!(edit_distance("东山园", "东山园区"), 1);
        assert_eq!(edit_distance("甲园区", "东山园区"), 2);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }

    #[test]
    fn matches_official_alias_contained_and_unlisted() {
        let scheme = Scheme::chifeng_2020();
        assert_eq!(
            scheme.match_unit("东山 园区"),
            UnitMatch::Official("东山园区".into())
        );
        assert_eq!(
            scheme.match_unit("林西工业园区"),
            UnitMatch::Contained("内蒙古林西工业园区".into())
        );
        assert_eq!(
            scheme.match_unit("敖汉工业园区"),
            UnitMatch::Alias("敖汉旗工业园区".into())
        );
        // 10 characters, one changed: d = 1 ≤ ⌊10/3⌋ = 3.
        assert_eq!(
            scheme.match_unit("阿鲁克尔沁旗工业园区"),
            UnitMatch::Unlisted {
                suggestion: Some("阿鲁科尔沁旗工业园区".into())
            }
        );
        // 东山园 is contained in 东山园区 only: a short name, accepted.
        assert_eq!(
            scheme.match_unit("东山园"),
            UnitMatch::Contained("东山园区".into())
        );
        // A typo: 东三园区 vs 东山园区, d = 1 ≤ max(⌊4/3⌋, 1) = 1.
        assert_eq!(
            scheme.match_unit("东三园区"),
            UnitMatch::Unlisted {
                suggestion: Some("东山园区".into())
            }
        );
        // 甲园区 vs any 4-character name: d ≥ 2 > 1: no suggestion.
        assert_eq!(
            scheme.match_unit("甲园区"),
            UnitMatch::Unlisted { suggestion: None }
        );
        // 园区 is contained in every name: not a short name of one unit.
        assert!(matches!(
            scheme.match_unit("园区"),
            UnitMatch::Unlisted { .. }
        ));
    }
}
