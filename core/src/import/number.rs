//! Numbers as offices write them: `1,234.56`, ` 12.5 `, `12.5%`, full-width `１２.５`, the
//! minus sign U+2212 (`−3.2`, as parkscore's own explanations print it), accounting negatives
//! `(12.5)` / `（12.5）`, thin, narrow and ordinary no-break spaces as thousands separators
//! (`1 234.5`), and `—`, `-` or blank for a missing value; and the one place where a
//! spreadsheet's `f64` becomes a [`Decimal`].

use rust_decimal::Decimal;
use std::str::FromStr;

/// Excel shows at most 15 significant digits; a stored double is read as Excel shows it.
const EXCEL_SIGNIFICANT_DIGITS: u32 = 15;

/// What a cell's text says as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellNumber {
    /// Blank, `—`, `-`, `－`, `/`, `无数据`: no value (the engine's missing policy decides).
    Missing,
    /// A plain number.
    Plain(Decimal),
    /// A number written with a trailing `%` (`12.5%` is `Percent(12.5)`).
    Percent(Decimal),
}

/// Why a cell's text is not a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotANumber;

/// Full-width ASCII (`１２．５`, `，`, `％`, `－`) and the ideographic space to their half-width forms.
pub fn to_half_width(text: &str) -> String {
    text.chars().map(half_width).collect()
}

/// One character of [`to_half_width`].
pub fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '。' => '.',
        _ => c,
    }
}

/// Whether `text` is one of the ways a missing value is written.
fn is_missing_marker(text: &str) -> bool {
    matches!(
        text,
        "" | "-"
            | "--"
            | "—"
            | "——"
            | "–"
            | "/"
            | "\\"
            | "无"
            | "无数据"
            | "暂无"
            | "N/A"
            | "n/a"
            | "NA"
            | "#N/A"
    )
}

/// Thousands separators other than the comma: NBSP, thin space, narrow no-break space.
const SPACE_SEPARATORS: [char; 3] = ['\u{a0}', '\u{2009}', '\u{202f}'];

/// Parses a cell's text as a number.
///
/// Accepts surrounding spaces, full-width digits, thousands separators (`1,234.56`, or
/// `1 234.56` with U+00A0, U+2009 or U+202F grouping by three), a leading `+`, a leading
/// minus `-`, `－` or `−` (U+2212), an accounting negative in parentheses (`(12.5)`,
/// `（12.5）`, `(12.5%)`), and a trailing `%`. Missing markers give [`CellNumber::Missing`].
pub fn parse_number(raw: &str) -> Result<CellNumber, NotANumber> {
    if let Some(v) = plain_ascii(raw) {
        return Ok(CellNumber::Plain(v));
    }
    parse_general(raw)
}

/// [`parse_number`] without its fast path.
fn parse_general(raw: &str) -> Result<CellNumber, NotANumber> {
    let half = to_half_width(raw).replace('\u{2212}', "-");
    let text = half.trim_matches(|c: char| c.is_whitespace() || SPACE_SEPARATORS.contains(&c));
    if is_missing_marker(text) {
        return Ok(CellNumber::Missing);
    }
    // An accounting negative: `(12.5)` is −12.5. The inside must be an unsigned number.
    let (text, negated) = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => {
            let inner = inner.trim();
            if inner.starts_with(['-', '+']) || inner.is_empty() {
                return Err(NotANumber);
            }
            (inner, true)
        }
        None => (text, false),
    };
    let (body, percent) = match text.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (text, false),
    };
    let body = body.strip_prefix('+').unwrap_or(body);
    let body: String = if body.contains(SPACE_SEPARATORS) {
        if body.contains(',') {
            return Err(NotANumber);
        }
        body.replace(SPACE_SEPARATORS, ",")
    } else {
        body.to_owned()
    };
    let cleaned = strip_thousands(&body).ok_or(NotANumber)?;
    let value = parse_plain(&cleaned).ok_or(NotANumber)?;
    let value = if negated { -value } else { value };
    Ok(if percent {
        CellNumber::Percent(value)
    } else {
        CellNumber::Plain(value)
    })
}

/// The fast path for the common cell, `-?[0-9]+(.[0-9]+)?` in ASCII with nothing around it:
/// parsed without the copies the general path makes. Anything else (spaces, signs, commas,
/// percent, full-width digits, exponents) is `None` and takes the general path, which reads
/// these same strings the same way.
fn plain_ascii(raw: &str) -> Option<Decimal> {
    let digits = raw.strip_prefix('-').unwrap_or(raw).as_bytes();
    let (mut seen_digit, mut seen_dot) = (false, false);
    for &b in digits {
        match b {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    Decimal::from_str(raw).ok()
}

/// Removes `,` thousands separators when they group digits by three (`1,234,567.8`); `None`
/// when the commas are anywhere else (`12,5` is not accepted: it is ambiguous).
fn strip_thousands(body: &str) -> Option<String> {
    if !body.contains(',') {
        return Some(body.to_owned());
    }
    let unsigned = body.strip_prefix('-').unwrap_or(body);
    let int_part = unsigned.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.split(',').collect();
    let first_ok = matches!(groups.first(), Some(g) if (1..=3).contains(&g.len()));
    let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
    if first_ok && rest_ok && !unsigned[int_part.len()..].contains(',') {
        Some(body.replace(',', ""))
    } else {
        None
    }
}

/// A plain decimal: optional `-`, digits, optional `.` and digits, optional exponent.
fn parse_plain(text: &str) -> Option<Decimal> {
    if text.is_empty() {
        return None;
    }
    let mut chars = text.chars().peekable();
    if chars.peek() == Some(&'-') {
        chars.next();
    }
    let rest: String = chars.collect();
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest.as_str(), None),
    };
    let digits_ok = !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && mantissa.chars().filter(|&c| c == '.').count() <= 1
        && mantissa.chars().any(|c| c.is_ascii_digit());
    if !digits_ok {
        return None;
    }
    match exponent {
        None => Decimal::from_str(text).ok(),
        Some(exp) => {
            let exp_ok = !exp.is_empty()
                && exp
                    .strip_prefix(['+', '-'])
                    .unwrap_or(exp)
                    .chars()
                    .all(|c| c.is_ascii_digit());
            if !exp_ok {
                return None;
            }
            Decimal::from_scientific(text).ok()
        }
    }
}

/// A spreadsheet's stored double as the decimal Excel shows: the shortest representation that
/// reads back as the same double (`12.3`, not `12.299999999999999`), cut to Excel's 15
/// significant digits (so `=0.1+0.2` reads `0.3`). `None` for NaN, infinities and magnitudes a
/// [`Decimal`] cannot hold.
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    let shortest = format!("{value}");
    let exact = Decimal::from_str(&shortest).ok()?;
    Some(round_significant(exact, EXCEL_SIGNIFICANT_DIGITS).normalize())
}

/// `value` rounded half away from zero to `digits` significant digits.
fn round_significant(value: Decimal, digits: u32) -> Decimal {
    if value.is_zero() {
        return value;
    }
    // The mantissa's digit count, without writing it out (this runs for every number cell).
    let mantissa_digits = value
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |log| log + 1);
    if mantissa_digits <= digits {
        return value;
    }
    let drop = mantissa_digits - digits;
    let scale = value.scale();
    if drop <= scale {
        value.round_dp_with_strategy(
            scale - drop,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )
    } else {
        // Integers longer than 15 digits: Excel shows zeros past the 15th digit.
        // drop − scale ≤ 29 − 15 = 14 digits, so the power fits a u64 and the factor is exact;
        // the checked operations keep even an impossible input from panicking.
        let Some(power) = 10u64.checked_pow(drop - scale) else {
            return value;
        };
        let factor = Decimal::from(power);
        value
            .checked_div(factor)
            .map(|q| {
                q.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            })
            .and_then(|q| q.checked_mul(factor))
            .unwrap_or(value)
    }
}

/// A decimal as text for messages: at most `places` decimals, trailing zeros dropped, and `…`
/// when digits were cut (`15.96…`).
pub fn display_decimal(value: Decimal, places: u32) -> String {
    let rounded = value.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::ToZero);
    let shown = rounded.normalize().to_string();
    if rounded == value {
        shown
    } else {
        format!("{shown}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    proptest::proptest! {
        /// The fast path reads every string it takes exactly as the general path does.
        #[test]
        fn the_fast_path_agrees_with_the_general_one(raw in "-?[0-9.]{0,30}") {
            proptest::prop_assert_eq!(parse_number(&raw), parse_general(&raw));
        }
    }

    #[test]
    fn accepts_the_ways_offices_write_numbers() {
        assert_eq!(
            parse_number("1,234.56"),
            Ok(CellNumber::Plain(d("1234.56")))
        );
        assert_eq!(parse_number(" 12.5 "), Ok(CellNumber::Plain(d("12.5"))));
        assert_eq!(parse_number("12.5%"), Ok(CellNumber::Percent(d("12.5"))));
        assert_eq!(parse_number("１２.５"), Ok(CellNumber::Plain(d("12.5"))));
        assert_eq!(
            parse_number("１２．５％"),
            Ok(CellNumber::Percent(d("12.5")))
        );
        assert_eq!(parse_number("-3.2"), Ok(CellNumber::Plain(d("-3.2"))));
        assert_eq!(parse_number("－3.2"), Ok(CellNumber::Plain(d("-3.2"))));
        assert_eq!(parse_number("+4"), Ok(CellNumber::Plain(d("4"))));
        assert_eq!(parse_number("1.5E+3"), Ok(CellNumber::Plain(d("1500"))));
        assert_eq!(
            parse_number("-1,234,567"),
            Ok(CellNumber::Plain(d("-1234567")))
        );
    }

    #[test]
    fn accepts_unicode_minus_accounting_negatives_and_thin_spaces() {
        assert_eq!(parse_number("−3.2"), Ok(CellNumber::Plain(d("-3.2"))));
        assert_eq!(parse_number("(12.5)"), Ok(CellNumber::Plain(d("-12.5"))));
        assert_eq!(parse_number("（12.5）"), Ok(CellNumber::Plain(d("-12.5"))));
        assert_eq!(parse_number("(12.5%)"), Ok(CellNumber::Percent(d("-12.5"))));
        assert_eq!(
            parse_number("(1,234.5)"),
            Ok(CellNumber::Plain(d("-1234.5")))
        );
        assert_eq!(
            parse_number("1\u{2009}234.5"),
            Ok(CellNumber::Plain(d("1234.5")))
        );
        assert_eq!(
            parse_number("1\u{202f}234\u{202f}567"),
            Ok(CellNumber::Plain(d("1234567")))
        );
        assert_eq!(
            parse_number("\u{a0}1\u{a0}234.5\u{a0}"),
            Ok(CellNumber::Plain(d("1234.5")))
        );
        assert_eq!(
            parse_number("−1\u{2009}234"),
            Ok(CellNumber::Plain(d("-1234")))
        );
        // Grouping not by three, a sign inside the parentheses, mixed separators: refused.
        for raw in [
            "12\u{2009}34",
            "(-12.5)",
            "()",
            "(12.5",
            "1\u{2009}234,567",
            "1 234",
        ] {
            assert_eq!(parse_number(raw), Err(NotANumber), "{raw:?}");
        }
    }

    #[test]
    fn missing_markers_are_missing_not_zero() {
        for raw in ["", "  ", "—", "-", "－", "/", "——"] {
            assert_eq!(parse_number(raw), Ok(CellNumber::Missing), "{raw:?}");
        }
    }

    #[test]
    fn refuses_text_and_ambiguous_commas() {
        for raw in [
            "12..5", "abc", "12,5", "1,23", "十二", "12.5.1", "%", "1e", "--5",
        ] {
            assert_eq!(parse_number(raw), Err(NotANumber), "{raw:?}");
        }
    }

    #[test]
    fn doubles_read_as_excel_shows_them() {
        assert_eq!(decimal_from_f64(12.3), Some(d("12.3")));
        assert_eq!(decimal_from_f64(0.1 + 0.2), Some(d("0.3")));
        assert_eq!(decimal_from_f64(-45.1), Some(d("-45.1")));
        assert_eq!(decimal_from_f64(1e20), Some(d("100000000000000000000")));
        assert_eq!(decimal_from_f64(f64::NAN), None);
        // 15 significant digits kept, the 16th rounded (digit counts at the boundaries).
        assert_eq!(
            round_significant(d("999999999999999"), 15),
            d("999999999999999")
        );
        assert_eq!(
            round_significant(d("1234567890123456"), 15),
            d("1234567890123460")
        );
        assert_eq!(
            round_significant(d("0.1234567890123456"), 15),
            d("0.123456789012346")
        );
        assert_eq!(round_significant(d("-7"), 15), d("-7"));
    }

    #[test]
    fn messages_show_cut_digits() {
        // (52.3 − 45.1) ÷ 45.1 × 100 = 7.2 × 100 ÷ 45.1 = 15.9645…
        let growth = (d("52.3") - d("45.1")) / d("45.1") * d("100");
        assert_eq!(display_decimal(growth, 2), "15.96…");
        assert_eq!(display_decimal(d("7.20"), 2), "7.2");
    }
}
