//! What moved between two evaluations of the same round: each park's rank and award before
//! and after (issue 12 §1: "when the user changes a setting, the page says what moved").
//!
//! The comparison is by park name. A park ranked in one evaluation and not in the other (a
//! veto that came or went, a unit let in or out by a setting) has no rank on that side. The
//! result lists only the parks whose rank or award differs, in the order of the later
//! ranking (then the parks it no longer ranks, in the earlier order); the sentence names at
//! most [`MOVES_LISTED`] of them and counts the rest, so its length does not grow with the
//! parks.

use crate::dataset::ParkName;
use crate::scoring::{num, Evaluation};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Parks named one by one in [`Moves::sentence_zh`]; the rest are counted.
pub const MOVES_LISTED: usize = 5;

/// One park whose rank or award differs between the two evaluations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Move {
    /// The park.
    pub name: ParkName,
    /// Its rank before; `None` when it was not ranked.
    pub rank_before: Option<u32>,
    /// Its rank after; `None` when it is not ranked.
    pub rank_after: Option<u32>,
    /// Its place award before, in 万元 (none: 0).
    pub award_before: Decimal,
    /// Its place award after, in 万元 (none: 0).
    pub award_after: Decimal,
}

impl Move {
    /// Whether the rank differs.
    pub fn rank_moved(&self) -> bool {
        self.rank_before != self.rank_after
    }

    /// Whether the award differs.
    pub fn award_moved(&self) -> bool {
        self.award_before != self.award_after
    }
}

/// The parks whose rank or award differs between two evaluations.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moves {
    /// The parks that moved (see the module docs for the order).
    pub moves: Vec<Move>,
}

/// Compares `before` with `after` park by park.
pub fn moves(before: &Evaluation, after: &Evaluation) -> Moves {
    fn index(e: &Evaluation) -> HashMap<&str, (u32, Decimal)> {
        e.parks
            .iter()
            .map(|p| {
                (
                    p.name.as_str(),
                    (p.rank, p.award_wan.unwrap_or(Decimal::ZERO)),
                )
            })
            .collect()
    }
    let (was, now) = (index(before), index(after));
    let mut moves = Vec::new();
    for p in &after.parks {
        let old = was.get(p.name.as_str());
        let m = Move {
            name: p.name.clone(),
            rank_before: old.map(|o| o.0),
            rank_after: Some(p.rank),
            award_before: old.map_or(Decimal::ZERO, |o| o.1),
            award_after: p.award_wan.unwrap_or(Decimal::ZERO),
        };
        if m.rank_moved() || m.award_moved() {
            moves.push(m);
        }
    }
    for p in before
        .parks
        .iter()
        .filter(|p| !now.contains_key(p.name.as_str()))
    {
        moves.push(Move {
            name: p.name.clone(),
            rank_before: Some(p.rank),
            rank_after: None,
            award_before: p.award_wan.unwrap_or(Decimal::ZERO),
            award_after: Decimal::ZERO,
        });
    }
    Moves { moves }
}

impl Moves {
    /// Whether nothing moved.
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty()
    }

    /// How many parks changed rank.
    pub fn rank_changes(&self) -> usize {
        self.moves.iter().filter(|m| m.rank_moved()).count()
    }

    /// How many parks' awards changed.
    pub fn award_changes(&self) -> usize {
        self.moves.iter().filter(|m| m.award_moved()).count()
    }

    /// The award money that changed hands: the sum of the increases, in 万元 (what some parks
    /// gain, others lose, while the places pay the same in total).
    pub fn award_gained_wan(&self) -> Decimal {
        self.moves
            .iter()
            .filter(|m| m.award_after > m.award_before)
            .fold(Decimal::ZERO, |sum, m| {
                sum.saturating_add(m.award_after.saturating_sub(m.award_before))
            })
    }

    /// One sentence: `名次和奖励均无变化`, or the counts, then the first [`MOVES_LISTED`]
    /// parks (`东山园区 第 2 → 3 名，奖励 200 → 100 万元`), then `等 N 个园区`.
    pub fn sentence_zh(&self) -> String {
        self.sentence_for(crate::scheme::DEFAULT_UNIT_NOUN)
    }

    /// [`Moves::sentence_zh`] with the units named by `noun` (`Scheme::unit_noun`: `各企业的名次
    /// 和奖励均无变化`, `2 个企业名次变化`).
    pub fn sentence_for(&self, noun: &str) -> String {
        if self.is_empty() {
            return format!("各{noun}的名次和奖励均无变化");
        }
        let mut head = Vec::new();
        let ranks = self.rank_changes();
        if ranks > 0 {
            head.push(format!("{ranks} 个{noun}名次变化"));
        } else {
            head.push("名次均无变化".to_owned());
        }
        let awards = self.award_changes();
        if awards > 0 {
            head.push(format!(
                "{awards} 个{noun}奖励变化（转移 {} 万元）",
                num(self.award_gained_wan())
            ));
        }
        let listed: Vec<String> = self
            .moves
            .iter()
            .take(MOVES_LISTED)
            .map(Move::text_zh)
            .collect();
        let mut out = format!("{}：{}", head.join("，"), listed.join("；"));
        if self.moves.len() > MOVES_LISTED {
            out.push_str(&format!(
                "；等 {} 个{noun}",
                self.moves.len() - MOVES_LISTED
            ));
        }
        out
    }
}

impl Move {
    /// `东山园区 第 2 → 3 名，奖励 200 → 100 万元`; an unranked side is `不排名`
    /// (`东山园区 第 14 名 → 不排名`).
    pub fn text_zh(&self) -> String {
        let place =
            |r: Option<u32>| r.map_or_else(|| "不排名".to_owned(), |r| format!("第 {r} 名"));
        let mut t = match (self.rank_before, self.rank_after) {
            (Some(a), Some(b)) if a != b => format!("{} 第 {a} → {b} 名", self.name),
            (a, b) if a != b => format!("{} {} → {}", self.name, place(a), place(b)),
            (_, b) => format!("{} 名次不变（{}）", self.name, place(b)),
        };
        if self.award_moved() {
            t.push_str(&format!(
                "，奖励 {} → {} 万元",
                num(self.award_before),
                num(self.award_after)
            ));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import;
    use crate::scheme::Scheme;
    use crate::scoring::{evaluate, Options};

    fn sample() -> Evaluation {
        let scheme = Scheme::chifeng_2020();
        let table = import::read(crate::sample::sample_csv(), "sample.csv", None, &scheme)
            .expect("the sample reads");
        let data = import::validate(&table, &scheme).dataset;
        evaluate(&scheme, &data, &Options::default()).expect("the sample scores")
    }

    #[test]
    fn the_same_evaluation_moves_nothing() {
        let e = sample();
        let m = moves(&e, &e);
        assert!(m.is_empty());
        assert_eq!(m.sentence_zh(), "各园区的名次和奖励均无变化");
        assert_eq!(m.sentence_for("企业"), "各企业的名次和奖励均无变化");
    }

    #[test]
    fn a_swap_of_two_award_places_is_two_moves_and_the_money_that_changed_hands() {
        let before = sample();
        let mut after = before.clone();
        // Parks 2 and 3 swap places, and with them the 200 and 100 万元 awards.
        let (a, b) = (after.parks[1].clone(), after.parks[2].clone());
        after.parks[1].name = b.name.clone();
        after.parks[2].name = a.name.clone();
        assert_eq!(a.award_wan, Some(Decimal::from(200)));
        assert_eq!(b.award_wan, Some(Decimal::from(100)));
        let m = moves(&before, &after);
        assert_eq!(m.rank_changes(), 2);
        assert_eq!(m.award_changes(), 2);
        // One gains 100 (100 → 200), the other loses 100: 100 changed hands.
        assert_eq!(m.award_gained_wan(), Decimal::from(100));
        assert_eq!(m.moves[0].name, b.name);
        assert_eq!(
            (m.moves[0].rank_before, m.moves[0].rank_after),
            (Some(3), Some(2))
        );
        assert_eq!(
            m.sentence_zh(),
            format!(
                "2 个园区名次变化，2 个园区奖励变化（转移 100 万元）：{} 第 3 → 2 名，奖励 100 → 200 万元；{} 第 2 → 3 名，奖励 200 → 100 万元",
                b.name, a.name
            )
        );
    }

    #[test]
    fn a_park_no_longer_ranked_is_listed_last_and_the_list_is_bounded() {
        let before = sample();
        let mut after = before.clone();
        let gone = after.parks.pop().expect("a park");
        // Every other park one place down: 13 moves, plus the one gone.
        for p in &mut after.parks {
            p.rank += 1;
        }
        let m = moves(&before, &after);
        assert_eq!(m.moves.len(), before.parks.len());
        let last = m.moves.last().expect("a move");
        assert_eq!(last.name, gone.name);
        assert_eq!(last.rank_after, None);
        let s = m.sentence_zh();
        assert!(
            s.contains(&format!(
                "；等 {} 个园区",
                before.parks.len() - MOVES_LISTED
            )),
            "{s}"
        );
        assert!(!s.contains(gone.name.as_str()), "{s}");
        assert_eq!(
            last.text_zh(),
            format!("{} 第 {} 名 → 不排名", gone.name, gone.rank)
        );
    }
}
