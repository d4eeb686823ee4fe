//! The award money: place awards (tied parks share the sum of the places they occupy) and the
//! special-award proposals (the best park of a group; ties flagged).

use super::explain;
use super::{Awards, GroupColumn, ParkResult, PlaceAward, PlaceShare, SpecialProposal};
use crate::issue::{Issue, Location};
use crate::scheme::Scheme;
use crate::score::Score;
use rust_decimal::Decimal;

/// Shared amounts are rounded to 6 decimals of 万元, i.e. to the 分 (0.01 元).
pub(crate) const AWARD_PLACES: u32 = 6;

/// The awards for `parks` (sorted by rank; `groups` their subtotals at the same rows); sets
/// each winner's `award_wan` and adds notes for shared places and tied proposals. Linear in
/// the parks, whatever the ties; every sentence names a bounded number of parks.
pub(super) fn awards(
    scheme: &Scheme,
    parks: &mut [ParkResult],
    groups: &[GroupColumn],
    notes: &mut Vec<Issue>,
) -> Awards {
    let noun = scheme.unit_noun();
    let paid = place_awards_for(&scheme.awards.places_wan, parks, notes, noun);
    let mut places = Vec::with_capacity(paid.len());
    for (index, award) in paid {
        if let Some(park) = parks.get_mut(index) {
            park.award_wan = Some(award.amount_wan);
        }
        places.push(award);
    }
    let special = scheme
        .awards
        .special
        .iter()
        .map(|award| {
            let basis = award.basis.as_ref().and_then(|id| {
                let column = groups.iter().find(|g| &g.id == id)?;
                Some((id, scheme.group(id)?, column))
            });
            let Some((id, group, column)) = basis else {
                return SpecialProposal {
                    name: award.name.clone(),
                    amount_wan: award.amount_wan,
                    basis: None,
                    candidates: Vec::new(),
                    tie: false,
                    explain: format!("方案中没有对应的评分分组，由考核小组研究确定获奖{noun}"),
                };
            };
            let best = column.scores.iter().max();
            let (candidates, explain) = match best {
                None => (Vec::new(), format!("没有参评{noun}，无法提名")),
                Some(best) if best <= Score::ZERO => (
                    Vec::new(),
                    format!("各{noun}「{}」得分均为 0，不提名", group.name),
                ),
                Some(best) => {
                    let c: Vec<_> = parks
                        .iter()
                        .zip(column.scores.iter())
                        .filter(|(_, s)| *s == best)
                        .map(|(p, _)| p.name.clone())
                        .collect();
                    let names = explain::names(c.iter().map(|n| n.as_str()), noun);
                    let explain = if c.len() > 1 {
                        format!(
                            "「{}」小计最高 {} 分：{names} 并列，需研究确定",
                            group.name,
                            best.fixed(scheme.rounding_places),
                        )
                    } else {
                        format!(
                            "「{}」小计最高 {} 分：{names}",
                            group.name,
                            best.fixed(scheme.rounding_places),
                        )
                    };
                    (c, explain)
                }
            };
            let tie = candidates.len() > 1;
            if tie {
                notes.push(Issue::warning(
                    Location::default(),
                    format!("专项奖励「{}」的提名并列：{explain}", award.name),
                ));
            }
            SpecialProposal {
                name: award.name.clone(),
                amount_wan: award.amount_wan,
                basis: Some(id.clone()),
                candidates,
                tie,
                explain,
            }
        })
        .collect();
    Awards { places, special }
}

/// Place awards: the parks of each rank block share the sum of the places they occupy.
///
/// `parks` are sorted by rank; each award comes with the index of its park in `parks`. Only
/// blocks that start within the paid places are looked at, so the cost is the paid places
/// plus the parks tied at them.
#[cfg(test)]
fn place_awards(
    amounts: &[Decimal],
    parks: &[ParkResult],
    notes: &mut Vec<Issue>,
) -> Vec<(usize, PlaceAward)> {
    place_awards_for(amounts, parks, notes, crate::scheme::DEFAULT_UNIT_NOUN)
}

/// The place awards (`place_awards`) with the tie notes naming the units by `noun` (`Scheme::unit_noun`).
fn place_awards_for(
    amounts: &[Decimal],
    parks: &[ParkResult],
    notes: &mut Vec<Issue>,
    noun: &str,
) -> Vec<(usize, PlaceAward)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < parks.len() && start < amounts.len() {
        let rank = parks[start].rank;
        let end = parks[start..]
            .iter()
            .position(|p| p.rank != rank)
            .map_or(parks.len(), |len| start + len);
        let first = start;
        let block = &parks[start..end];
        // The places the block occupies, 1-based: start + 1 ..= end; those the scheme pays.
        let paid: Vec<Decimal> = amounts
            .get(start..end.min(amounts.len()))
            .unwrap_or_default()
            .to_vec();
        start = end;
        let Some(sum) = paid
            .iter()
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
        else {
            notes.push(Issue::error(Location::default(), "奖励金额过大，无法计算"));
            continue;
        };
        if sum <= Decimal::ZERO {
            continue;
        }
        let count = Decimal::from(block.len());
        let Some(each) = sum.checked_div(count) else {
            continue;
        };
        let each = Score(each).round(AWARD_PLACES).value().normalize();
        let share = PlaceShare {
            parks: u32::try_from(block.len()).unwrap_or(u32::MAX),
            paid,
        };
        if block.len() > 1 {
            let names = explain::names(block.iter().map(|p| p.name.as_str()), noun);
            let explain = explain::place_award(rank, &share, each, noun);
            notes.push(Issue::warning(
                Location::default(),
                format!("{names} 总分并列第 {rank} 名，平分所占名次的奖励：{explain}"),
            ));
        }
        out.extend(block.iter().enumerate().map(|(i, p)| {
            (
                first + i,
                PlaceAward {
                    rank,
                    park: p.name.clone(),
                    amount_wan: each,
                    share: share.clone(),
                },
            )
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::ParkName;

    fn park(name: &str, rank: u32) -> ParkResult {
        ParkResult {
            name: ParkName(name.to_owned()),
            rank,
            total: Score::ZERO,
            base: Score::ZERO,
            bonus: Score::ZERO,
            national_recognitions: 0,
            provincial_recognitions: 0,
            award_wan: None,
        }
    }

    fn plan() -> Vec<Decimal> {
        vec![Decimal::from(300), Decimal::from(200), Decimal::from(100)]
    }

    fn amounts(awards: &[(usize, PlaceAward)]) -> Vec<(String, String)> {
        awards
            .iter()
            .map(|(_, a)| (a.park.0.clone(), a.amount_wan.to_string()))
            .collect()
    }

    #[test]
    fn no_ties_pays_300_200_100() {
        let parks = [park("A", 1), park("B", 2), park("C", 3), park("D", 4)];
        let mut notes = Vec::new();
        let out = place_awards(&plan(), &parks, &mut notes);
        assert_eq!(
            amounts(&out),
            [
                ("A".into(), "300".into()),
                ("B".into(), "200".into()),
                ("C".into(), "100".into())
            ]
        );
        assert_eq!(out[0].1.explain(), "第 1 名 = 300 万元");
        assert_eq!(out.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(notes.is_empty());
    }

    #[test]
    fn two_tied_at_second_share_200_plus_100() {
        // (200 + 100) ÷ 2 = 150 each.
        let parks = [park("A", 1), park("B", 2), park("C", 2), park("D", 4)];
        let mut notes = Vec::new();
        let out = place_awards(&plan(), &parks, &mut notes);
        assert_eq!(
            amounts(&out),
            [
                ("A".into(), "300".into()),
                ("B".into(), "150".into()),
                ("C".into(), "150".into())
            ]
        );
        assert_eq!(
            out[1].1.explain(),
            "第 2、3 名并列 2 个园区，(200 + 100) ÷ 2 = 150 万元"
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].message.contains("B、C 总分并列第 2 名"));
    }

    #[test]
    fn a_tie_reaching_past_the_paid_places_shares_with_zeros() {
        // Tied at 3rd with 3 parks: places 3, 4, 5 → (100 + 0 + 0) ÷ 3 = 33.333333 (to the 分).
        let parks = [
            park("A", 1),
            park("B", 2),
            park("C", 3),
            park("D", 3),
            park("E", 3),
        ];
        let mut notes = Vec::new();
        let out = place_awards(&plan(), &parks, &mut notes);
        assert_eq!(out.len(), 5);
        assert_eq!(out[2].1.amount_wan.to_string(), "33.333333");
        assert_eq!(
            out[2].1.explain(),
            "第 3、4、5 名并列 3 个园区，(100 + 0 + 0) ÷ 3 = 33.333333 万元"
        );
        // All tied at 1st: (300 + 200 + 100 + 0) ÷ 4 = 150.
        let parks = [park("A", 1), park("B", 1), park("C", 1), park("D", 1)];
        let out = place_awards(&plan(), &parks, &mut notes);
        assert!(out.iter().all(|(_, a)| a.amount_wan == Decimal::from(150)));
    }

    #[test]
    fn up_to_five_tied_parks_every_place_is_spelled_out_beyond_a_range() {
        // Five tied at 3rd: places 3–7, (100 + 0 + 0 + 0 + 0) ÷ 5 = 20.
        let five: Vec<ParkResult> = [("A", 1), ("B", 2)]
            .into_iter()
            .chain(["C", "D", "E", "F", "G"].map(|n| (n, 3)))
            .map(|(n, r)| park(n, r))
            .collect();
        let out = place_awards(&plan(), &five, &mut Vec::new());
        assert_eq!(
            out[2].1.explain(),
            "第 3、4、5、6、7 名并列 5 个园区，(100 + 0 + 0 + 0 + 0) ÷ 5 = 20 万元"
        );
        // Six: places 3–8 as a range, the five unpaid ones in one term;
        // 100 ÷ 6 = 16.666666… → 16.666667 (to the 分).
        let mut six = five.clone();
        six.push(park("H", 3));
        let out = place_awards(&plan(), &six, &mut Vec::new());
        assert_eq!(out.len(), 8);
        assert_eq!(
            out[2].1.explain(),
            "第 3–8 名并列 6 个园区，(100 + 0 × 5) ÷ 6 = 16.666667 万元"
        );
    }

    #[test]
    fn an_unpaid_place_between_paid_ones_skips_only_its_park() {
        // Plan 300, 0, 100: the 2nd place pays nothing, the 3rd still gets 100.
        let plan = vec![Decimal::from(300), Decimal::ZERO, Decimal::from(100)];
        let parks = [park("A", 1), park("B", 2), park("C", 3)];
        let out = place_awards(&plan, &parks, &mut Vec::new());
        assert_eq!(out.iter().map(|(i, _)| *i).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(
            amounts(&out),
            [("A".into(), "300".into()), ("C".into(), "100".into())]
        );
    }

    #[test]
    fn no_parks_no_awards() {
        let mut notes = Vec::new();
        assert!(place_awards(&plan(), &[], &mut notes).is_empty());
    }
}
