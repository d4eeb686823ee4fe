//! Header matching: what a column header means, after normalising full/half width, spaces,
//! brackets and a unit suffix in parentheses (`新增工业总产值（万元）`).
//!
//! Indicator columns are matched against the scheme's [`Indicator::name`] and
//! [`Indicator::aliases`]; the other columns (park name, recognitions, veto) and the raw
//! figures that derived indicators are computed from have fixed Chinese names here.

use super::number::half_width;
use crate::scheme::{Indicator, IndicatorId, Scheme};

/// Headers of the park-name column.
///
/// None of them begins with 参评: the reports' unit column says 参评 and the scheme's word
/// (参评园区, 参评企业: `export::report::content::unit_header`), and the 内部版's read-back finds
/// its 原始数据 sheet because that is the only sheet with a name header
/// ([`is_report_unit_header`]; tested for both words).
pub const NAME_HEADERS: &[&str] = &[
    "园区名称",
    "企业名称",
    "园区",
    "单位名称",
    "园区名",
    "名称",
    "单位",
    "园区(单位)名称",
];
/// The name header the import's messages ask for when the units are called `noun`
/// (`Scheme::unit_noun`), and the other headers they mention: `园区名称` (or `园区、单位名称`)
/// for Chifeng's 园区, as always; `企业名称` (or `名称、单位名称`) for a word whose `…名称` is
/// one of [`NAME_HEADERS`]; else `单位名称` (or `名称`). [`NAME_HEADERS`] do not depend on the
/// scheme, so only headers the import accepts are suggested.
pub fn name_header_for(noun: &str) -> (String, String) {
    if noun == crate::scheme::DEFAULT_UNIT_NOUN {
        return ("园区名称".to_owned(), "园区、单位名称".to_owned());
    }
    let own = format!("{noun}名称");
    let header = if NAME_HEADERS.iter().any(|h| normalize(h) == normalize(&own)) {
        own
    } else {
        "单位名称".to_owned()
    };
    let others: Vec<&str> = ["名称", "单位名称"]
        .into_iter()
        .filter(|h| *h != header)
        .collect();
    (header, others.join("、"))
}

/// Headers of the provincial-recognition count column.
pub const PROVINCIAL_HEADERS: &[&str] = &[
    "省级认定数",
    "省级认定",
    "自治区级认定数",
    "省级(自治区级)认定数",
    "省级认定数量",
];
/// Headers of the national-recognition count column.
pub const NATIONAL_HEADERS: &[&str] = &["国家级认定数", "国家级认定", "国家级认定数量"];
/// Headers of the veto-flag column.
pub const VETO_HEADERS: &[&str] = &["一票否决", "是否一票否决", "否决", "一票否决(是/否)"];
/// Headers of the veto-reason column.
pub const VETO_REASON_HEADERS: &[&str] = &["否决原因", "一票否决原因", "否决事由", "一票否决事由"];
/// Headers recognised and deliberately ignored.
pub const IGNORED_HEADERS: &[&str] = &["序号", "编号", "排名", "名次", "备注"];

/// A raw figure that derived indicators are computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RawKind {
    /// 工业总产值 (亿元).
    Output,
    /// 上缴税金 / 税收 (亿元).
    Tax,
    /// 就业人员 (人).
    Employment,
    /// 工业固定资产投资 / 固定资产投资 (亿元).
    FixedInvestment,
    /// 基础设施建设投资 (亿元).
    InfraInvestment,
    /// 建成区面积 (亩).
    BuiltArea,
}

impl RawKind {
    /// The Chinese name used in messages.
    pub fn label(self) -> &'static str {
        match self {
            RawKind::Output => "工业总产值",
            RawKind::Tax => "上缴税金",
            RawKind::Employment => "就业人员",
            RawKind::FixedInvestment => "工业固定资产投资",
            RawKind::InfraInvestment => "基础设施建设投资",
            RawKind::BuiltArea => "建成区面积",
        }
    }

    /// The unit the figure is kept in after conversion.
    pub fn unit(self) -> &'static str {
        match self {
            RawKind::Employment => "人",
            RawKind::BuiltArea => "亩",
            _ => "亿元",
        }
    }

    /// A stable id for [`super::ColumnMatch::target`].
    pub fn id(self) -> &'static str {
        match self {
            RawKind::Output => "output",
            RawKind::Tax => "tax",
            RawKind::Employment => "employment",
            RawKind::FixedInvestment => "fixed_investment",
            RawKind::InfraInvestment => "infra_investment",
            RawKind::BuiltArea => "built_area",
        }
    }

    fn from_base(base: &str) -> Option<RawKind> {
        Some(match base {
            "工业总产值" | "工业产值" => RawKind::Output,
            "上缴税金" | "上缴税金总额" | "税收" | "税金" | "税收总额" | "上缴税收" => {
                RawKind::Tax
            }
            "就业人员" | "就业人数" | "从业人员" | "就业人员数" | "从业人数" => {
                RawKind::Employment
            }
            "工业固定资产投资" | "固定资产投资" | "固定资产投资额" => {
                RawKind::FixedInvestment
            }
            "基础设施建设投资" | "基础设施投资" | "基础设施建设投资额" => {
                RawKind::InfraInvestment
            }
            "建成区面积" | "建成区土地面积" | "建成区用地面积" => {
                RawKind::BuiltArea
            }
            _ => return None,
        })
    }
}

/// Which year a raw figure is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// 本年 (the year evaluated); also a figure with no period (建成区面积).
    Current,
    /// 上年.
    Previous,
    /// `2019年…`: decided once every column's year is known (the later year is 本年).
    Year(u16),
}

/// What a column is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The park name.
    Name,
    /// 省级认定数.
    Provincial,
    /// 国家级认定数.
    National,
    /// 一票否决.
    Veto,
    /// 否决原因.
    VetoReason,
    /// A scheme indicator.
    Indicator(IndicatorId),
    /// A raw figure for derived indicators.
    Raw(RawKind, Period),
    /// Recognised and ignored (序号).
    Ignored,
}

impl Target {
    /// The id written in [`super::ColumnMatch::target`].
    pub fn id(&self) -> String {
        match self {
            Target::Name => "name".to_owned(),
            Target::Provincial => "provincial".to_owned(),
            Target::National => "national".to_owned(),
            Target::Veto => "veto".to_owned(),
            Target::VetoReason => "veto_reason".to_owned(),
            Target::Indicator(id) => id.as_str().to_owned(),
            Target::Raw(kind, Period::Previous) => format!("raw:{}:previous", kind.id()),
            Target::Raw(kind, Period::Current) => format!("raw:{}:current", kind.id()),
            Target::Raw(kind, Period::Year(y)) => format!("raw:{}:{y}", kind.id()),
            Target::Ignored => "ignored".to_owned(),
        }
    }
}

/// A matched header: what the column is and the unit its header declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderMatch {
    /// What the column feeds.
    pub target: Target,
    /// The unit in the header's parentheses (`万元`), normalised, if any.
    pub unit: Option<String>,
}

/// Half width, no spaces, `（）【】[]` as `()`, ASCII lower case, no `*`/`★` required marks.
pub fn normalize(text: &str) -> String {
    // One pass and one allocation: called for every row's first cells. No character grows in
    // UTF-8 (full-width forms become ASCII), so the text's length is room enough.
    let mut out = String::with_capacity(text.len());
    out.extend(
        text.chars()
            .map(half_width)
            .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '★' | '\u{a0}' | '\u{feff}'))
            .map(|c| match c {
                '【' | '[' | '〔' => '(',
                '】' | ']' | '〕' => ')',
                _ => c.to_ascii_lowercase(),
            }),
    );
    out
}

/// Units a header may declare.
const UNITS: &[&str] = &[
    "亿元",
    "万元",
    "元",
    "%",
    "万元/亩",
    "元/亩",
    "亿元/亩",
    "户",
    "个",
    "家",
    "项",
    "分",
    "亩",
    "平方公里",
    "公顷",
    "人",
    "万人",
    "—",
    "-",
];

fn is_unit(token: &str) -> bool {
    UNITS.contains(&token)
}

/// The unit a units-row cell names (`亿元`, `(万元)`, `%`), normalised; `None` when the text
/// is not a unit. `norm` is the cell after [`normalize`].
pub fn unit_token(norm: &str) -> Option<String> {
    let inner = norm
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(norm);
    is_unit(inner).then(|| inner.to_owned())
}

/// Splits a normalised header into its base text and the tokens of a trailing parenthesis:
/// `新增工业总产值(本年,万元)` → (`新增工业总产值`, [`本年`, `万元`]). Also accepts a unit after
/// a slash at the end: `新增工业总产值/亿元`.
fn split_annotations(norm: &str) -> (String, Vec<String>) {
    let mut base = norm.to_owned();
    // The parentheses from the last to the first; put back in order once at the end.
    let mut groups: Vec<Vec<String>> = Vec::new();
    while base.ends_with(')') {
        let Some(open) = base.rfind('(') else { break };
        let inner = base[open + 1..base.len() - 1].to_owned();
        groups.push(
            inner
                .split([',', '、', ';', '，', '；'])
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        );
        base.truncate(open);
    }
    let mut tokens: Vec<String> = groups.into_iter().rev().flatten().collect();
    if let Some(at) = base.rfind('/') {
        let unit = &base[at + 1..];
        if is_unit(unit) && !base[..at].is_empty() {
            tokens.push(unit.to_owned());
            base.truncate(at);
        }
    }
    (base, tokens)
}

/// Cells longer than this are never headers (see [`match_header`]).
pub const MAX_HEADER_CHARS: usize = 256;

/// Matches one header.
pub fn match_header(header: &str, scheme: &Scheme) -> Option<HeaderMatch> {
    // No header is this long (the longest of the scheme is about 30 characters): a cell of free
    // text is not compared with every name, whatever its length.
    if header.chars().nth(MAX_HEADER_CHARS).is_some() {
        return None;
    }
    let norm = normalize(header);
    // A number is never a header, and most cells searched for a header row are numbers:
    // return before comparing with every name of the scheme.
    if norm
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | '%' | ',' | 'e'))
    {
        return None;
    }
    // The whole header first: some names have parentheses of their own (企业(项目)引入数).
    if let Some(target) = fixed_or_indicator(&norm, scheme) {
        return Some(HeaderMatch { target, unit: None });
    }
    let (base, tokens) = split_annotations(&norm);
    let unit = tokens.iter().find(|t| is_unit(t)).cloned();
    let period_tokens: Vec<Period> = tokens.iter().filter_map(|t| period_token(t)).collect();
    if period_tokens.is_empty() {
        if let Some(target) = fixed_or_indicator(&base, scheme) {
            return Some(HeaderMatch { target, unit });
        }
    }
    let (rest, mut period) = strip_period(&base);
    if period.is_none() {
        period = period_tokens.first().copied();
    }
    let kind = RawKind::from_base(&rest)?;
    Some(HeaderMatch {
        target: Target::Raw(kind, period.unwrap_or(Period::Current)),
        unit,
    })
}

fn fixed_or_indicator(text: &str, scheme: &Scheme) -> Option<Target> {
    let in_list = |list: &[&str]| list.iter().any(|h| normalize(h) == text);
    if in_list(NAME_HEADERS) {
        return Some(Target::Name);
    }
    if in_list(PROVINCIAL_HEADERS) {
        return Some(Target::Provincial);
    }
    if in_list(NATIONAL_HEADERS) {
        return Some(Target::National);
    }
    if in_list(VETO_HEADERS) {
        return Some(Target::Veto);
    }
    if in_list(VETO_REASON_HEADERS) {
        return Some(Target::VetoReason);
    }
    if in_list(IGNORED_HEADERS) {
        return Some(Target::Ignored);
    }
    scheme
        .indicators()
        .find(|ind| indicator_matches(ind, text))
        .map(|ind| Target::Indicator(ind.id.clone()))
}

fn indicator_matches(indicator: &Indicator, text: &str) -> bool {
    normalize(&indicator.name) == text
        || indicator.aliases.iter().any(|a| normalize(a) == text)
        || normalize(indicator.id.as_str()) == text
}

fn period_token(token: &str) -> Option<Period> {
    match token {
        "本年" | "当年" | "今年" | "本期" | "本年度" | "当年度" | "本年实际" => {
            Some(Period::Current)
        }
        "上年" | "去年" | "上期" | "上年度" | "上年同期" | "同期" => {
            Some(Period::Previous)
        }
        _ => year_token(token).map(Period::Year),
    }
}

/// `2019`, `2019年`, `2019年度` → 2019.
fn year_token(token: &str) -> Option<u16> {
    let t = token
        .strip_suffix("年度")
        .or_else(|| token.strip_suffix('年'))
        .unwrap_or(token);
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        t.parse().ok().filter(|y| (1990..=2100).contains(y))
    } else {
        None
    }
}

/// Removes a period word before or after the base name: `本年工业总产值`, `工业总产值上年`,
/// `2019年工业总产值`.
fn strip_period(base: &str) -> (String, Option<Period>) {
    const WORDS: &[&str] = &[
        "上年同期",
        "本年实际",
        "本年度",
        "上年度",
        "当年度",
        "本年",
        "当年",
        "今年",
        "本期",
        "上年",
        "去年",
        "上期",
    ];
    for w in WORDS {
        if let Some(rest) = base.strip_prefix(w).or_else(|| base.strip_suffix(w)) {
            return (rest.trim_start_matches('的').to_owned(), period_token(w));
        }
    }
    // A year prefix: 2019年工业总产值 / 2019年度工业总产值 / 2019工业总产值.
    let digits: String = base.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 {
        let rest = &base[4..];
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'))
            .unwrap_or(rest);
        if let Some(y) = year_token(&digits) {
            return (rest.to_owned(), Some(Period::Year(y)));
        }
    }
    (base.to_owned(), None)
}

/// The factor that turns a value in `from` into `to` (万元 → 亿元 is 1/10000), or `None` when
/// the units are not convertible. `Some(1)` when they are the same or equivalent (个 for 户).
pub fn unit_factor(from: &str, to: &str) -> Option<rust_decimal::Decimal> {
    use rust_decimal::Decimal;
    let to = to.trim();
    if from == to {
        return Some(Decimal::ONE);
    }
    let yuan = |u: &str| -> Option<Decimal> {
        match u {
            "元" => Some(Decimal::ONE),
            "万元" => Some(Decimal::from(10_000)),
            "亿元" => Some(Decimal::from(100_000_000)),
            _ => None,
        }
    };
    let per_mu = |u: &str| u.strip_suffix("/亩").and_then(yuan);
    if let (Some(f), Some(t)) = (yuan(from), yuan(to)) {
        return Some(f / t);
    }
    if let (Some(f), Some(t)) = (per_mu(from), per_mu(to)) {
        return Some(f / t);
    }
    let count = |u: &str| matches!(u, "户" | "个" | "家" | "项");
    if count(from) && count(to) {
        return Some(Decimal::ONE);
    }
    match (from, to) {
        ("万人", "人") => Some(Decimal::from(10_000)),
        ("公顷", "亩") => Some(Decimal::from(15)),
        ("平方公里", "亩") => Some(Decimal::from(1500)),
        ("—" | "-" | "分", "—" | "-" | "分" | "") => Some(Decimal::ONE),
        _ => None,
    }
}

/// Whether `header` is the reports' unit column (参评园区, 参评企业: 参评 and a scheme's word of
/// 1 to 10 characters), which is never the park-name column of a data sheet.
pub fn is_report_unit_header(header: &str) -> bool {
    let n = normalize(header);
    n.strip_prefix("参评").is_some_and(|noun| {
        (1..=crate::scheme::limits::UNIT_NOUN_CHARS).contains(&noun.chars().count())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reports_unit_headers_are_never_a_name_header() {
        let scheme = Scheme::chifeng_2020();
        for h in ["参评园区", "参评企业", "参评单位"] {
            assert!(is_report_unit_header(h), "{h}");
            let m = match_header(h, &scheme).map(|m| m.target);
            assert!(!matches!(m, Some(Target::Name)), "{h}: {m:?}");
        }
        assert!(NAME_HEADERS.iter().all(|h| !is_report_unit_header(h)));
        assert!(!is_report_unit_header("企业名称"));
        assert!(!is_report_unit_header("参评"));
    }

    #[test]
    fn normalises_width_space_and_brackets() {
        assert_eq!(
            normalize(" 新增工业总产值 （亿元）"),
            "新增工业总产值(亿元)"
        );
        assert_eq!(normalize("*园区名称【必填】"), "园区名称(必填)");
        assert_eq!(normalize("ＡＢＣ　１"), "abc1");
    }

    #[test]
    fn splits_units_and_periods() {
        assert_eq!(
            split_annotations("工业总产值(本年,万元)"),
            (
                "工业总产值".to_owned(),
                vec!["本年".to_owned(), "万元".to_owned()]
            )
        );
        assert_eq!(
            strip_period("上年工业总产值"),
            ("工业总产值".to_owned(), Some(Period::Previous))
        );
        assert_eq!(
            strip_period("2019年度工业总产值"),
            ("工业总产值".to_owned(), Some(Period::Year(2019)))
        );
        assert_eq!(
            strip_period("工业总产值本年"),
            ("工业总产值".to_owned(), Some(Period::Current))
        );
    }

    #[test]
    fn units_row_cells() {
        assert_eq!(unit_token("亿元"), Some("亿元".to_owned()));
        assert_eq!(unit_token(&normalize("（万元）")), Some("万元".to_owned()));
        assert_eq!(unit_token("%"), Some("%".to_owned()));
        assert_eq!(unit_token("东山园区"), None);
        assert_eq!(unit_token("12.5"), None);
    }

    #[test]
    fn unit_factors() {
        use rust_decimal::Decimal;
        assert_eq!(unit_factor("万元", "亿元"), Some(Decimal::new(1, 4)));
        assert_eq!(unit_factor("元/亩", "万元/亩"), Some(Decimal::new(1, 4)));
        assert_eq!(unit_factor("个", "户"), Some(Decimal::ONE));
        assert_eq!(unit_factor("%", "亿元"), None);
    }
}
