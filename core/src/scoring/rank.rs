//! Competition ranking (1, 2, 2, 4): tied values share the best rank of their block and the
//! next value's rank counts every park before it.
//!
//! One sort of (value, position) pairs, then one pass that gives each run of equal values
//! the rank of its first: O(n log n) whatever the ties, even at the import's row limit.

use crate::dataset::MaybeDecimal;
use crate::scheme::Direction;
use rust_decimal::Decimal;

/// The competition rank of each value, the largest first: rank = 1 + the number of values
/// strictly larger.
pub(crate) fn ranks_desc<T: Ord + Copy>(values: &[T]) -> Vec<u32> {
    let mut sorted: Vec<(T, usize)> = values.iter().copied().zip(0..).collect();
    sorted.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let mut ranks = vec![0; values.len()];
    let mut rank = rank_from_count(0);
    let mut previous: Option<T> = None;
    for (position, (value, index)) in sorted.into_iter().enumerate() {
        if previous != Some(value) {
            // Every value before this one is strictly larger.
            rank = rank_from_count(position);
            previous = Some(value);
        }
        if let Some(r) = ranks.get_mut(index) {
            *r = rank;
        }
    }
    ranks
}

/// The competition rank of each present value in the given direction; missing values
/// (`None`) all share the rank after the last present value.
pub(crate) fn ranks(values: &[MaybeDecimal], direction: Direction) -> Vec<u32> {
    let keyed: Vec<Decimal> = values
        .iter()
        .filter_map(|v| v.get())
        .map(|v| match direction {
            Direction::HigherIsBetter => v,
            // Negation is exact for Decimal (its range is symmetric).
            Direction::LowerIsBetter => -v,
        })
        .collect();
    let present = ranks_desc_decimal(&keyed);
    let after_last = rank_from_count(keyed.len());
    let mut present = present.into_iter();
    values
        .iter()
        .map(|v| {
            if v.is_none() {
                after_last
            } else {
                present.next().unwrap_or(after_last)
            }
        })
        .collect()
}

/// [`ranks_desc`] of decimals, compared as integers when they allow it: packed with their
/// position into one `i128` when every key fits an `i64` (one plain sort of 16-byte numbers),
/// else as `i128` keys, else as decimals.
pub(crate) fn ranks_desc_decimal(values: &[Decimal]) -> Vec<u32> {
    let Some(keys) = integer_keys(values) else {
        return ranks_desc(values);
    };
    let narrow: Option<Vec<i64>> = keys.iter().map(|&k| i64::try_from(k).ok()).collect();
    match narrow {
        Some(narrow) if u32::try_from(narrow.len()).is_ok() => ranks_desc_packed(&narrow),
        _ => ranks_desc(&keys),
    }
}

/// [`ranks_desc`] for `i64` keys: key and position packed as `key × 2³² + position`, sorted as
/// plain numbers (equal keys stay together, ordered by position, which ranks ignore). At most
/// `u32::MAX` values (the caller checks).
fn ranks_desc_packed(values: &[i64]) -> Vec<u32> {
    let mut packed: Vec<i128> = values
        .iter()
        .zip(0u32..)
        .map(|(&v, i)| (i128::from(v) << 32) | i128::from(i))
        .collect();
    packed.sort_unstable();
    let mut ranks = vec![0; values.len()];
    let mut rank = rank_from_count(0);
    let mut previous: Option<i128> = None;
    // Largest first.
    for (position, p) in packed.iter().rev().enumerate() {
        let key = p >> 32;
        if previous != Some(key) {
            rank = rank_from_count(position);
            previous = Some(key);
        }
        if let Some(r) = usize::try_from(p & 0xffff_ffff)
            .ok()
            .and_then(|index| ranks.get_mut(index))
        {
            *r = rank;
        }
    }
    ranks
}

/// The values as integers in one common scale (12.5 and 3 at scale 1: 125 and 30), which
/// order exactly as the decimals do and compare far faster; `None` when one would not fit an
/// `i128` (a value of 28 digits beside one of 28 decimals), and the decimals are compared.
fn integer_keys(values: &[Decimal]) -> Option<Vec<i128>> {
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    values
        .iter()
        .map(|v| {
            let factor = 10i128.checked_pow(scale - v.scale())?;
            v.mantissa().checked_mul(factor)
        })
        .collect()
}

/// `count + 1` as a rank, saturating (a dataset never holds 4 billion parks).
fn rank_from_count(count: usize) -> u32 {
    u32::try_from(count)
        .unwrap_or(u32::MAX - 1)
        .saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Option<Decimal> {
        Some(Decimal::from(v))
    }

    /// A column of values as the engine holds it.
    fn m(values: &[Option<Decimal>]) -> Vec<MaybeDecimal> {
        values.iter().map(|&v| MaybeDecimal::from(v)).collect()
    }

    #[test]
    fn ties_share_the_best_rank_and_the_next_rank_skips() {
        // 9 > 7 = 7 > 3: ranks 1, 2, 2, 4.
        assert_eq!(ranks_desc(&[7, 9, 3, 7]), vec![2, 1, 4, 2]);
        assert_eq!(ranks_desc(&[5, 5, 5]), vec![1, 1, 1]);
        assert_eq!(ranks_desc::<i32>(&[]), Vec::<u32>::new());
        assert_eq!(ranks_desc(&[42]), vec![1]);
    }

    #[test]
    fn negative_values_rank_below_positive_ones() {
        assert_eq!(
            ranks(&m(&[d(-5), d(0), d(-1), d(3)]), Direction::HigherIsBetter),
            vec![4, 2, 3, 1]
        );
    }

    #[test]
    fn lower_is_better_reverses_the_order() {
        assert_eq!(
            ranks(&m(&[d(-5), d(0), d(-1), d(3)]), Direction::LowerIsBetter),
            vec![1, 3, 2, 4]
        );
    }

    #[test]
    fn integer_keys_order_like_the_decimals_and_give_way_when_too_big() {
        use std::str::FromStr;
        let dec = |s: &str| Decimal::from_str(s).unwrap();
        let values = [
            dec("12.5"),
            dec("3"),
            dec("-0.25"),
            dec("12.50"),
            dec("100"),
        ];
        // Scale 2: 1250, 300, −25, 1250, 10000.
        assert_eq!(
            integer_keys(&values),
            Some(vec![1250, 300, -25, 1250, 10000])
        );
        assert_eq!(
            ranks_desc(&integer_keys(&values).unwrap()),
            ranks_desc(&values)
        );
        // MAX at scale 0 beside a value of 28 decimals: 7.9e28 × 10^28 does not fit an i128.
        let wide = [Decimal::MAX, dec("0.0000000000000000000000000001")];
        assert_eq!(integer_keys(&wide), None);
        assert_eq!(
            ranks(
                &m(&[Some(wide[0]), Some(wide[1])]),
                Direction::HigherIsBetter
            ),
            vec![1, 2]
        );
    }

    proptest::proptest! {
        /// The packed integer sort ranks as the plain sort of the decimals does, ties and
        /// negative values included.
        #[test]
        fn packed_ranks_equal_the_decimal_ranks(
            values in proptest::collection::vec((-1000i64..1000, 0u32..4), 0..200)
        ) {
            let decimals: Vec<Decimal> = values.iter().map(|&(m, s)| Decimal::new(m, s)).collect();
            proptest::prop_assert_eq!(ranks_desc_decimal(&decimals), ranks_desc(&decimals));
        }
    }

    #[test]
    fn packed_ranks_by_hand() {
        // 9 > 7 = 7 > −3: ranks 1, 2, 2, 4 (as in the test above), and i64's extremes.
        assert_eq!(ranks_desc_packed(&[7, 9, -3, 7]), vec![2, 1, 4, 2]);
        assert_eq!(ranks_desc_packed(&[i64::MIN, i64::MAX, 0]), vec![3, 1, 2]);
    }

    #[test]
    fn missing_values_share_the_rank_after_the_last_present_one() {
        // Present: 10 > 4 ranks 1, 2; both missing share rank 3.
        assert_eq!(
            ranks(&m(&[None, d(4), None, d(10)]), Direction::HigherIsBetter),
            vec![3, 2, 3, 1]
        );
    }
}
