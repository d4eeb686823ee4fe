//! [`SchemeError`]: why a scheme file was refused, in Chinese; [`locate`]: the line of the file
//! an error is about.

use rust_decimal::Decimal;
use std::fmt;

/// Why a scheme could not be loaded or is not valid.
///
/// Every variant names the offending group, indicator or setting; [`fmt::Display`] gives the
/// message shown to users, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchemeError {
    /// The text is not valid TOML, or a setting has the wrong type or is unknown.
    Syntax {
        /// The parser's description, with line and column.
        message: String,
    },
    /// An id is empty or contains characters other than ASCII letters, digits, `_` and `-`.
    BadId {
        /// What the id belongs to (`分组`, `指标`).
        kind: &'static str,
        /// The id as written.
        id: String,
    },
    /// Two groups, two indicators, or a group and an indicator share an id.
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// Two groups share a name, so their subtotals could not be told apart.
    DuplicateGroupName {
        /// The repeated name.
        name: String,
    },
    /// A department list (of a group, of the bonus, of the veto) has an empty or a repeated
    /// name.
    BadDepartment {
        /// Where the list is (`分组「总量指标」`, `附加分 bonus`).
        owner: String,
        /// The name as written.
        name: String,
        /// Empty or repeated, in Chinese.
        why: String,
    },
    /// Two indicators share a Chinese name or alias, so a column could not be told apart.
    DuplicateName {
        /// The repeated name.
        name: String,
    },
    /// A unit (evaluated park) is listed twice in `units`: `参评单位「…」在 units 中重复列出`.
    DuplicateUnit {
        /// The repeated name.
        name: String,
    },
    /// An entry of `[unit_aliases]` is not usable: its official name is not in `units`, or
    /// the alias is empty, repeated, or normalises to another unit's name.
    BadUnitAlias {
        /// The official name the alias is listed under.
        official: String,
        /// The alias as written.
        alias: String,
        /// Why, in Chinese.
        why: String,
    },
    /// The scheme has no group, or a group has no indicator.
    Empty {
        /// What is empty (`方案`, or the group's id).
        what: String,
    },
    /// `method` is not one of the known methods.
    UnknownMethod {
        /// The indicator.
        indicator: String,
        /// The method as written.
        method: String,
    },
    /// A method lacks a parameter it needs (`step`, `per_unit`, `cap`, `max`).
    MissingParameter {
        /// The indicator.
        indicator: String,
        /// The method.
        method: &'static str,
        /// The parameter.
        parameter: &'static str,
    },
    /// A parameter was given that the method does not use.
    UnexpectedParameter {
        /// The indicator.
        indicator: String,
        /// The method.
        method: &'static str,
        /// The parameter.
        parameter: &'static str,
    },
    /// A number that must be positive (full points, step, per_unit, cap) is not.
    NotPositive {
        /// Where (`指标 output_growth 的 full`).
        what: String,
        /// The value given.
        value: Decimal,
    },
    /// A number that must not be negative (bonus points, award amounts) is.
    Negative {
        /// Where.
        what: String,
        /// The value given.
        value: Decimal,
    },
    /// A group's weight differs from the sum of its indicators' full points.
    WeightMismatch {
        /// The group.
        group: String,
        /// The declared weight.
        weight: Decimal,
        /// Σ full points of its indicators.
        sum: Decimal,
    },
    /// The declared `total` differs from the sum of the group weights.
    TotalMismatch {
        /// The declared total.
        total: Decimal,
        /// Σ group weights.
        sum: Decimal,
    },
    /// A `direct` indicator's `max` differs from its full points.
    DirectMaxMismatch {
        /// The indicator.
        indicator: String,
        /// The declared max.
        max: Decimal,
        /// Its full points.
        full: Decimal,
    },
    /// A `count_capped` indicator's `cap` exceeds its full points.
    CapAboveFull {
        /// The indicator.
        indicator: String,
        /// The declared cap.
        cap: Decimal,
        /// Its full points.
        full: Decimal,
    },
    /// A special award's `basis` names no group of the scheme.
    UnknownBasis {
        /// The award.
        award: String,
        /// The group id as written.
        basis: String,
    },
    /// `lower_is_better` on a method that does not compare parks (`count_capped`, `direct`).
    DirectionNotComparative {
        /// The indicator.
        indicator: String,
        /// The method.
        method: &'static str,
    },
    /// `rounding_places` is out of range.
    BadRounding {
        /// The value given.
        places: u32,
    },
    /// A method's parameter is out of its range or its levels are out of order.
    BadParameter {
        /// The indicator.
        indicator: String,
        /// The method.
        method: &'static str,
        /// The parameter (`floor`, `levels`, `otherwise`, `minimum`).
        parameter: &'static str,
        /// What was given, in Chinese (`第 2 档 ≥ 12`).
        value: String,
        /// What was expected, in Chinese.
        expected: String,
    },
    /// The classes (`[classes]`) break a rule.
    BadClasses {
        /// What is wrong, in Chinese.
        what: String,
        /// What was expected, in Chinese.
        expected: String,
    },
    /// A list of the scheme is longer than its limit ([`super::limits`]).
    TooMany {
        /// The list, in Chinese.
        what: String,
        /// Its length.
        count: usize,
        /// The limit.
        max: usize,
    },
    /// A text of the scheme is longer than its limit ([`super::limits`]).
    TooLong {
        /// The text, in Chinese.
        what: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// `unit_noun` (评价对象) is not a short word.
    BadUnitNoun {
        /// The word as written.
        noun: String,
    },
    /// The scheme file is larger than [`super::limits::FILE_BYTES`].
    TooBig {
        /// Its size in bytes.
        bytes: usize,
    },
}

/// The most decimal places `rounding_places` may ask for.
pub const MAX_ROUNDING_PLACES: u32 = 10;

impl fmt::Display for SchemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemeError::Syntax { message } => write!(f, "方案文件格式错误：{message}"),
            SchemeError::BadId { kind, id } => write!(
                f,
                "{kind}编号「{id}」无效：只能由英文字母、数字、下划线和连字符组成，且不能为空"
            ),
            SchemeError::DuplicateId { id } => write!(f, "编号「{id}」重复：分组和指标的编号必须唯一"),
            SchemeError::DuplicateGroupName { name } => {
                write!(f, "分组名称「{name}」重复：排名表和导出中无法区分两个分组的小计")
            }
            SchemeError::BadDepartment { owner, name, why } => {
                write!(f, "{owner}的负责单位 departments 中「{name}」{why}")
            }
            SchemeError::DuplicateName { name } => {
                write!(f, "指标名称或别名「{name}」重复：导入时无法区分对应的列")
            }
            SchemeError::DuplicateUnit { name } => {
                // 参评单位, the list's own word: it reads for any scheme's units (a scheme that
                // fails to load has no word to give).
                write!(f, "参评单位「{name}」在 units 中重复列出")
            }
            SchemeError::BadUnitAlias {
                official,
                alias,
                why,
            } => write!(f, "unit_aliases 中「{official}」的别名「{alias}」无效：{why}"),
            SchemeError::Empty { what } => write!(f, "{what}中没有任何指标"),
            SchemeError::UnknownMethod { indicator, method } => write!(
                f,
                "指标 {indicator} 的计分方法「{method}」未知：应为 {} 之一",
                super::Method::IDS.join("、")
            ),
            SchemeError::MissingParameter {
                indicator,
                method,
                parameter,
            } => write!(f, "指标 {indicator} 使用 {method} 方法，缺少参数 {parameter}"),
            SchemeError::UnexpectedParameter {
                indicator,
                method,
                parameter,
            } => write!(f, "指标 {indicator} 使用 {method} 方法，不应设置参数 {parameter}"),
            SchemeError::NotPositive { what, value } => write!(f, "{what} 为 {value}，应大于 0"),
            SchemeError::Negative { what, value } => write!(f, "{what} 为 {value}，不能为负数"),
            SchemeError::WeightMismatch { group, weight, sum } => write!(
                f,
                "分组 {group} 的权重为 {weight}，但其各项指标分值之和为 {sum}：两者应相等"
            ),
            SchemeError::TotalMismatch { total, sum } => write!(
                f,
                "方案声明总分 total = {total}，但各分组权重之和为 {sum}：两者应相等"
            ),
            SchemeError::DirectMaxMismatch {
                indicator,
                max,
                full,
            } => write!(
                f,
                "指标 {indicator} 为直接评分，最高分 max = {max} 应等于分值 full = {full}"
            ),
            SchemeError::CapAboveFull {
                indicator,
                cap,
                full,
            } => write!(
                f,
                "指标 {indicator} 的得分上限 cap = {cap} 超过了分值 full = {full}"
            ),
            SchemeError::UnknownBasis { award, basis } => write!(
                f,
                "专项奖励「{award}」的依据分组「{basis}」在方案中不存在"
            ),
            SchemeError::DirectionNotComparative { indicator, method } => {
                write!(
                    f,
                    "指标 {indicator} 使用 {method} 方法，不比较参评单位之间的数值，不能设置 direction = \"lower_is_better\""
                )?;
                match *method {
                    "ratio_to_benchmark" => f.write_str(
                        "：应写成越大越好的形式（如 税收 ÷ 能耗，而不是 能耗 ÷ 税收），再与基准值相比",
                    ),
                    "deduction" => f.write_str("：扣分项本身就是次数越少越好"),
                    _ => Ok(()),
                }
            }
            SchemeError::BadRounding { places } => write!(
                f,
                "rounding_places = {places} 超出范围：应为 0 到 {MAX_ROUNDING_PLACES} 之间的整数"
            ),
            SchemeError::BadParameter {
                indicator,
                method,
                parameter,
                value,
                expected,
            } => write!(
                f,
                "指标 {indicator} 使用 {method} 方法，参数 {parameter} 有误：{value}；应为{expected}"
            ),
            SchemeError::BadClasses { what, expected } => {
                write!(f, "等级设置 [classes] 有误：{what}；应为{expected}")
            }
            SchemeError::TooMany { what, count, max } => {
                write!(f, "{what}有 {count} 项，超过上限 {max} 项")
            }
            SchemeError::TooLong { what, chars, max } => {
                write!(f, "{what}长 {chars} 个字符，超过上限 {max} 个字符")
            }
            SchemeError::BadUnitNoun { noun } => write!(
                f,
                "评价对象 unit_noun =「{noun}」无效：应为 1 到 {} 个字的名称，不含空格、数字和标点，例如 \"园区\"、\"企业\"",
                super::limits::UNIT_NOUN_CHARS
            ),
            SchemeError::TooBig { bytes } => write!(
                f,
                "方案文件大小为 {bytes} 字节，超过上限 {} 字节（1 MB）",
                super::limits::FILE_BYTES
            ),
        }
    }
}

impl std::error::Error for SchemeError {}

/// What an error is about, for [`locate`].
enum Subject<'a> {
    /// The block of the indicator or group with this id, and a key inside it.
    Block(&'a str, Option<&'a str>),
    /// The `n`th line (0 = first) that has `key = "value"`.
    Value(&'static str, &'a str, usize),
    /// The `n`th line that quotes this text (`"value"`).
    Quoted(&'a str, usize),
    /// A top-level key or table (`total`, `[classes]`).
    Key(&'static str),
}

impl SchemeError {
    fn subject(&self) -> Option<Subject<'_>> {
        Some(match self {
            SchemeError::BadId { id, .. } => Subject::Value("id", id, 0),
            SchemeError::DuplicateId { id } => Subject::Value("id", id, 1),
            SchemeError::DuplicateGroupName { name } => Subject::Value("name", name, 1),
            SchemeError::DuplicateName { name } | SchemeError::DuplicateUnit { name } => {
                Subject::Quoted(name, 1)
            }
            SchemeError::BadUnitAlias { alias, .. } => Subject::Quoted(alias, 0),
            SchemeError::UnknownMethod { indicator, .. }
            | SchemeError::DirectionNotComparative { indicator, .. } => {
                Subject::Block(indicator, None)
            }
            SchemeError::MissingParameter { indicator, .. } => Subject::Block(indicator, None),
            SchemeError::UnexpectedParameter {
                indicator,
                parameter,
                ..
            }
            | SchemeError::BadParameter {
                indicator,
                parameter,
                ..
            } => Subject::Block(indicator, Some(parameter)),
            SchemeError::DirectMaxMismatch { indicator, .. } => {
                Subject::Block(indicator, Some("max"))
            }
            SchemeError::CapAboveFull { indicator, .. } => Subject::Block(indicator, Some("cap")),
            SchemeError::WeightMismatch { group, .. } => Subject::Block(group, Some("weight")),
            SchemeError::TotalMismatch { .. } => Subject::Key("total"),
            SchemeError::BadRounding { .. } => Subject::Key("rounding_places"),
            SchemeError::UnknownBasis { basis, .. } => Subject::Value("basis", basis, 0),
            SchemeError::BadClasses { .. } => Subject::Key("[classes]"),
            SchemeError::BadUnitNoun { .. } => Subject::Key("unit_noun"),
            // `指标 mu_tax 的基准值 benchmark`: the indicator's block, the last word's key.
            SchemeError::NotPositive { what, .. } => {
                let rest = what.strip_prefix("指标 ")?;
                let (id, _) = rest.split_once(' ')?;
                Subject::Block(id, rest.rsplit(' ').next())
            }
            _ => return None,
        })
    }
}

/// The line (1-based) of `text` that `error` is about, when it can be told from the file's
/// text: the indicator's or group's `id = "…"` line (or the parameter's line inside its block),
/// the repeated name's second line, a top-level key. `None` for a syntax error (its message has
/// the line already) and for errors about the whole file.
pub fn locate(text: &str, error: &SchemeError) -> Option<usize> {
    let key_of = |line: &str| -> Option<(String, String)> {
        let (k, v) = line.split_once('=')?;
        let v = v.trim();
        let v = v.split(" #").next().unwrap_or(v).trim();
        let v = v.trim_matches(|c| c == '"' || c == '\'');
        Some((k.trim().to_owned(), v.to_owned()))
    };
    let lines = || text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
    match error.subject()? {
        Subject::Value(key, value, nth) => lines()
            .filter(|(_, l)| key_of(l).is_some_and(|(k, v)| k == key && v == value))
            .nth(nth)
            .map(|(n, _)| n),
        Subject::Quoted(value, nth) => {
            let quoted = format!("\"{value}\"");
            let found: Vec<usize> = lines()
                .filter(|(_, l)| !l.starts_with('#') && l.contains(&quoted))
                .map(|(n, _)| n)
                .collect();
            found.get(nth).or(found.first()).copied()
        }
        Subject::Key(key) => lines()
            .find(|(_, l)| {
                if key.starts_with('[') {
                    *l == key
                } else {
                    key_of(l).is_some_and(|(k, _)| k == key)
                }
            })
            .map(|(n, _)| n),
        Subject::Block(id, key) => {
            let start = lines()
                .find(|(_, l)| key_of(l).is_some_and(|(k, v)| k == "id" && v == id))
                .map(|(n, _)| n)?;
            let Some(key) = key else {
                return Some(start);
            };
            // The key inside the block: before the next table header.
            lines()
                .skip(start)
                .take_while(|(_, l)| !l.starts_with('['))
                .find(|(_, l)| key_of(l).is_some_and(|(k, _)| k == key))
                .map_or(Some(start), |(n, _)| Some(n))
        }
    }
}
