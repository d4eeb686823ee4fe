//! Sorting and ordered collections off the hot paths, through one compiled sort.
//!
//! Every call of the standard library's `sort_by` (or `collect` into a `BTreeMap` or
//! `BTreeSet`, which sorts what it collects) compiles a copy of the whole sort for its element
//! type and comparison: 4 to 10 KB of WebAssembly each, some thirty of them, 36 KB of the
//! page's compressed program (issue 14: the page's size). The functions here sort a list of
//! positions instead, with the comparison behind a `dyn` reference, so that every caller
//! shares one compiled sort (`sort_positions`); what is generic per caller is a few hundred
//! bytes (the comparison, and putting the items in the order found).
//!
//! For code that sorts once per job's setup, per click or per export: a sort on the scoring
//! road (the ranking, the ranks, a row's values, a spreadsheet's cells, the parks' names of
//! a file's provenance) or once per sample of an analysis keeps the standard sort, which
//! compares inline and needs no buffer. At 100,000 items `order` takes some 50 % longer than
//! the standard sort (4 ms more for 100,000 names) and a buffer of positions: used so on the
//! xlsx writer's row numbers and the results table's sort by column, once per export or click.
//! The order is the standard library's: stable, equal items keep their order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` by `compare`, stably: `<[T]>::sort_by` through the shared sort.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut positions: Vec<usize> = (0..items.len()).collect();
    {
        let items: &[T] = items;
        sort_positions(
            &mut positions,
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => compare(x, y),
                // Never: the positions are the items' own.
                _ => Ordering::Equal,
            },
        );
    }
    arrange(items, &mut positions);
}

/// Sorts `items` by `key`, stably: `<[T]>::sort_by_key` through the shared sort.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, stably: `<[T]>::sort` through the shared sort.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// A set of `items`, inserted one by one (no sort compiled per type, unlike `collect`); of
/// two equal items the first is kept.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A map of `entries`, inserted one by one: the last value of a key wins, as with `collect`.
pub fn map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in entries {
        map.insert(key, value);
    }
    map
}

/// The one compiled sort: `positions` ordered by `compare`, stably.
#[inline(never)]
fn sort_positions(positions: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    positions.sort_by(|&a, &b| compare(a, b));
}

/// Puts `items` in the order `positions` gives (the item at `positions[i]` goes to `i`),
/// following each cycle of the permutation with swaps; `positions` is used up (each entry set
/// to its own index as it is done). `positions` must be a permutation of the items' indexes,
/// as [`sort_by`] makes it; anything else is left partly arranged, never a panic.
fn arrange<T>(items: &mut [T], positions: &mut [usize]) {
    let n = items.len().min(positions.len());
    for start in 0..n {
        let mut at = start;
        while let Some(slot) = positions.get_mut(at) {
            let from = std::mem::replace(slot, at);
            // The item that was at `start` is now at `at`; the cycle closes when `at` wants it.
            // A slot already done gives its own index back (`from == at`): in a permutation
            // only `start`'s does, and then `from == start` first; in anything else, each step
            // either does a slot not done before or stops here, so the loop ends.
            if from == start || from == at || from >= n {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_equal_items_in_order() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut items, |i| i.0);
        assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut words = vec!["乙", "甲", "b", "a", "甲"];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "乙", "甲", "甲"]);
        let mut none: Vec<u8> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        assert_eq!(set([3, 1, 3, 2]).into_iter().collect::<Vec<_>>(), [1, 2, 3]);
        let m = map([(2, "x"), (1, "y"), (2, "z")]);
        assert_eq!(m.into_iter().collect::<Vec<_>>(), [(1, "y"), (2, "z")]);
    }

    #[test]
    fn a_broken_permutation_only_swaps_items_without_a_panic_or_a_hang() {
        let mut short = vec!['a', 'b'];
        arrange(&mut short, &mut [2, 1, 0, 1]);
        assert_eq!(short, ['a', 'b']);
        for broken in [
            [7, 0, 0],
            [0, 0, 0],
            [1, 1, 1],
            [2, 2, 0],
            [1, 0, 0],
            [usize::MAX; 3],
        ] {
            let mut items = vec!['a', 'b', 'c'];
            arrange(&mut items, &mut broken.clone());
            let mut sorted = items.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, ['a', 'b', 'c'], "{broken:?}: swaps only");
        }
        let mut items = vec!['a', 'b', 'c'];
        arrange(&mut items, &mut [2, 0, 1]);
        assert_eq!(items, ['c', 'a', 'b']);
    }

    proptest! {
        #[test]
        fn any_list_of_positions_is_arranged_in_bounded_steps(
            positions in proptest::collection::vec(0usize..12, 0..10)
        ) {
            let mut items: Vec<usize> = (0..positions.len()).collect();
            arrange(&mut items, &mut positions.clone());
            let mut sorted = items.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..positions.len()).collect::<Vec<_>>());
        }

        #[test]
        fn every_permutation_is_arranged_exactly(
            items in proptest::collection::vec(any::<u8>(), 0..40).prop_shuffle()
        ) {
            let mut positions: Vec<usize> = (0..items.len()).collect();
            positions.sort_by_key(|&i| items[i]);
            let expected: Vec<u8> = positions.iter().map(|&i| items[i]).collect();
            let mut arranged = items.clone();
            arrange(&mut arranged, &mut positions);
            prop_assert_eq!(arranged, expected);
        }

        #[test]
        fn every_list_sorts_as_the_standard_stable_sort_does(
            items in proptest::collection::vec((0u8..6, any::<u16>()), 0..300)
        ) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |i| i.0);
            let mut std_sorted = items.clone();
            std_sorted.sort_by_key(|i| i.0);
            prop_assert_eq!(ours, std_sorted);
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut std_sorted = items;
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
