//! How numbers are written on screen: plain text helpers shared by the components.

use parkscore::MissingPolicy;
use rust_decimal::Decimal;

/// A decimal without trailing zeros (`150.00` → `150`, `12.50` → `12.5`).
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// An optional value: the number, or `—` (缺失).
pub fn value(v: Option<Decimal>) -> String {
    v.map_or_else(|| "—（缺失）".to_owned(), plain)
}

/// An amount in 万元: `300 万元`.
pub fn wan(d: Decimal) -> String {
    format!("{} 万元", plain(d))
}

/// The menu's label of a missing-value policy: the core's name ([`MissingPolicy::label_zh`],
/// the words every message and explanation quotes) and what it means.
pub fn missing_label(policy: MissingPolicy) -> &'static str {
    match policy {
        MissingPolicy::Error => "缺失即报错（须补齐数据）",
        MissingPolicy::Zero => "缺失计 0 分",
        MissingPolicy::RankLast => "缺失排最后（排序法按末名）",
    }
}

/// Every missing-value policy, in the order offered, with its id.
pub const MISSING_POLICIES: [(MissingPolicy, &str); 3] = [
    (MissingPolicy::Error, "error"),
    (MissingPolicy::Zero, "zero"),
    (MissingPolicy::RankLast, "rank_last"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(Decimal::from_str("150.00").unwrap()), "150");
        assert_eq!(plain(Decimal::from_str("12.50").unwrap()), "12.5");
        assert_eq!(value(None), "—（缺失）");
        assert_eq!(wan(Decimal::from_str("300").unwrap()), "300 万元");
    }
}
