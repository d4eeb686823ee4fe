//! Phase 2 of the import: a [`RawTable`] and a [`Scheme`] to a [`Dataset`] and every located
//! issue (file, sheet, Excel row, column header, park, raw text, what was expected).

use super::derive::{self, DeriveError};
use super::header::{self, match_header, unit_factor, HeaderMatch, Period, RawKind, Target};
use super::number::{parse_number, CellNumber};
use super::{ColumnMatch, RawTable, Validated};
use crate::dataset::{Dataset, ParkName, ParkRecord, Veto};
use crate::issue::{Issue, Location};
use crate::scheme::{Indicator, IndicatorId, Method, Scheme};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// How many rows from the top the header row is looked for in.
const HEADER_SEARCH_ROWS: usize = 30;

/// A column and what validation does with it.
#[derive(Clone, Debug)]
struct Column {
    index: usize,
    header: String,
    target: Target,
    /// Multiply a parsed value by this to get the scheme's unit.
    factor: Decimal,
}

/// Excel's column letters for a 0-based index (0 → A, 26 → AA).
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

struct Ctx<'a> {
    table: &'a RawTable,
    issues: Vec<Issue>,
}

impl Ctx<'_> {
    fn loc(&self, row: Option<u32>, column: Option<String>, park: Option<&str>) -> Location {
        Location {
            file: Some(self.table.file_name.clone()),
            sheet: self.table.sheet.clone(),
            row,
            column,
            park: park.map(str::to_owned),
        }
    }

    fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }
}

/// The header row: the row in the first [`HEADER_SEARCH_ROWS`] with the most matched columns,
/// preferring rows that have a park-name column; at least two matches.
fn find_header(table: &RawTable, scheme: &Scheme) -> Option<usize> {
    let mut best: Option<(usize, (bool, usize))> = None;
    for (i, row) in table.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let matches: Vec<Target> = row
            .cells
            .iter()
            .filter_map(|c| match_header(c, scheme))
            .map(|m| m.target)
            .filter(|t| *t != Target::Ignored)
            .collect();
        let has_name = matches.contains(&Target::Name);
        let key = (has_name, matches.len());
        if matches.len() >= 2 && best.as_ref().is_none_or(|(_, k)| key > *k) {
            best = Some((i, key));
        }
    }
    best.map(|(i, _)| i)
}

/// The year in a title row (`2020年度赤峰市工业园区考核数据`).
fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(5) {
        if w[4] == '年' && w[..4].iter().all(|c| c.is_ascii_digit()) {
            let y: String = w[..4].iter().collect();
            if let Ok(y) = y.parse::<u16>() {
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}

fn is_total_row(name: &str) -> bool {
    let n = header::normalize(name);
    [
        "合计",
        "总计",
        "小计",
        "汇总",
        "平均",
        "平均值",
        "全市",
        "全市合计",
    ]
    .iter()
    .any(|w| n == *w || n.starts_with(&format!("{w}(")))
}

fn is_note(text: &str) -> bool {
    let n = header::normalize(text);
    [
        "注:",
        "注：",
        "说明",
        "备注",
        "填表",
        "填报说明",
        "数据来源",
        "制表",
        "审核",
    ]
    .iter()
    .any(|w| n.starts_with(w))
}

/// An .xls file does not tell which cells are formatted as percentages (calamine exposes no
/// cell formats for .xls), so a % column typed as `12.5%` arrives as `0.125`. When every value
/// of a % indicator column lies within [−1, 1] and some are not whole numbers, that is most
/// likely what happened: a warning asks the user to check, without changing any value.
fn warn_xls_fractions(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    header_row: u32,
    dataset: &Dataset,
) {
    for column in columns {
        let Target::Indicator(id) = &column.target else {
            continue;
        };
        if scheme.indicator(id).is_none_or(|i| i.unit.trim() != "%") {
            continue;
        }
        let values: Vec<Decimal> = dataset.parks.iter().filter_map(|p| p.value(id)).collect();
        let small = values.iter().all(|v| v.abs() <= Decimal::ONE);
        let fractional = values.iter().any(|v| !v.fract().is_zero());
        if !values.is_empty() && small && fractional {
            ctx.push(
                Issue::warning(
                    ctx.loc(Some(header_row), Some(column.header.clone()), None),
                    "本列数值都在 −1 到 1 之间：.xls 文件不记录单元格是否为百分比格式，显示为 12.5% 的单元格会读成 0.125；请核对，或在 Excel/WPS 中另存为 .xlsx 后再导入",
                )
                .with_expected("百分数的数值，例如 12.5 表示 12.5%"),
            );
        }
    }
}

/// A 是/否 flag: 是/Y/1/√ (and TRUE, yes) or 否/N/0/×/blank.
fn parse_flag(raw: &str) -> Option<bool> {
    let n = header::normalize(raw);
    match n.as_str() {
        "是" | "y" | "yes" | "1" | "√" | "✓" | "✔" | "true" | "是的" | "有" => Some(true),
        "" | "否" | "n" | "no" | "0" | "×" | "x" | "✗" | "✘" | "false" | "无" | "-" | "—" => {
            Some(false)
        }
        _ => None,
    }
}

/// Validates `table` against `scheme`.
pub fn validate(table: &RawTable, scheme: &Scheme) -> Validated {
    // What reading found (the sheet chosen, a damaged sheet) comes first.
    let mut ctx = Ctx {
        table,
        issues: table.notes.clone(),
    };
    let mut dataset = Dataset {
        year: None,
        source: Some(table.file_name.clone()),
        parks: Vec::new(),
    };
    let Some(header_at) = find_header(table, scheme) else {
        let names: Vec<&str> = scheme
            .indicators()
            .take(3)
            .map(|i| i.name.as_str())
            .collect();
        let issue = Issue::error(
            ctx.loc(None, None, None),
            format!(
                "在前 {HEADER_SEARCH_ROWS} 行中没有找到表头行（没有一行同时含有园区名称和指标列名）"
            ),
        )
        .with_expected(format!(
            "一行表头，例如「园区名称」「{}」…",
            names.join("」「")
        ));
        // A damaged sheet already says why there is nothing to read.
        let mut issues = ctx.issues;
        if !issues.iter().any(Issue::is_error) {
            issues.push(issue);
        }
        issues.sort_by_key(|i| std::cmp::Reverse(i.severity));
        return Validated {
            dataset,
            issues,
            header_row: None,
            columns: Vec::new(),
        };
    };
    let header_row = &table.rows[header_at];
    dataset.year = table.rows[..header_at]
        .iter()
        .flat_map(|r| r.cells.iter())
        .find_map(|c| year_in(c));

    let columns = match_columns(&mut ctx, header_at, scheme);
    check_required(&mut ctx, &columns, scheme, header_row.number);

    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    let name_col = columns.iter().find(|c| c.target == Target::Name).cloned();
    for row in &table.rows[header_at + 1..] {
        let cell = |i: usize| row.cells.get(i).map(String::as_str).unwrap_or("");
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let Some(name_col) = &name_col else { break };
        let name = cell(name_col.index).trim().to_owned();
        let others_empty = columns
            .iter()
            .filter(|c| c.index != name_col.index)
            .all(|c| cell(c.index).trim().is_empty());
        if is_total_row(&name) {
            ctx.push(
                Issue::info(
                    ctx.loc(Some(row.number), Some(name_col.header.clone()), None),
                    "合计/总计行，已忽略（不是园区）",
                )
                .with_raw(name.clone()),
            );
            continue;
        }
        if name.is_empty() || (others_empty && is_note(&name)) {
            let first = row
                .cells
                .iter()
                .find(|c| !c.trim().is_empty())
                .cloned()
                .unwrap_or_default();
            if is_note(&first) || (name.is_empty() && others_empty) {
                ctx.push(
                    Issue::info(ctx.loc(Some(row.number), None, None), "说明行，已忽略")
                        .with_raw(first),
                );
            } else {
                ctx.push(
                    Issue::error(
                        ctx.loc(Some(row.number), Some(name_col.header.clone()), None),
                        "这一行有数据，但园区名称为空",
                    )
                    .with_expected("园区名称，例如「东山园区」"),
                );
            }
            continue;
        }
        if let Some(first_row) = seen.get(&name) {
            ctx.push(
                Issue::error(
                    ctx.loc(Some(row.number), Some(name_col.header.clone()), Some(&name)),
                    format!("园区名称重复：与第 {first_row} 行相同，这一行未读取"),
                )
                .with_raw(name.clone())
                .with_expected("每个园区只占一行"),
            );
            continue;
        }
        seen.insert(name.clone(), row.number);
        let record = read_park(&mut ctx, scheme, &columns, row.number, &name, &row.cells);
        dataset.parks.push(record);
    }
    if dataset.parks.is_empty() && name_col.is_some() {
        ctx.push(Issue::error(
            ctx.loc(Some(header_row.number), None, None),
            "表头下面没有任何园区数据",
        ));
    }
    if table.format == super::Format::Xls {
        warn_xls_fractions(&mut ctx, scheme, &columns, header_row.number, &dataset);
    }
    let mut issues = ctx.issues;
    issues.sort_by_key(|i| std::cmp::Reverse(i.severity));
    Validated {
        dataset,
        issues,
        header_row: Some(header_at),
        columns: columns
            .iter()
            .map(|c| ColumnMatch {
                index: c.index,
                header: c.header.clone(),
                target: c.target.id(),
            })
            .collect(),
    }
}

/// Matches the header cells; reports unknown, duplicate and unit-mismatched columns.
fn match_columns(ctx: &mut Ctx<'_>, header_at: usize, scheme: &Scheme) -> Vec<Column> {
    let table = ctx.table;
    let header_row = &table.rows[header_at];
    let row_no = Some(header_row.number);
    let mut columns: Vec<Column> = Vec::new();
    let mut matches: Vec<(usize, String, HeaderMatch)> = Vec::new();
    for (index, raw_header) in header_row.cells.iter().enumerate() {
        let header = raw_header.trim().to_owned();
        if header.is_empty() {
            let has_data = table.rows[header_at + 1..]
                .iter()
                .any(|r| r.cells.get(index).is_some_and(|c| !c.trim().is_empty()));
            if has_data {
                ctx.push(Issue::warning(
                    ctx.loc(row_no, Some(format!("{} 列", column_letter(index))), None),
                    "这一列有数据但没有表头，已忽略",
                ));
            }
            continue;
        }
        match match_header(&header, scheme) {
            Some(m) => matches.push((index, header, m)),
            None => ctx.push(
                Issue::info(
                    ctx.loc(row_no, Some(header.clone()), None),
                    format!(
                        "未识别的列（{} 列），已保留但不参与评分",
                        column_letter(index)
                    ),
                )
                .with_raw(header.clone()),
            ),
        }
    }
    // `2019年工业总产值` / `2020年工业总产值`: the later year is 本年, the one before 上年.
    let latest_year = matches
        .iter()
        .filter_map(|(_, _, m)| match m.target {
            Target::Raw(_, Period::Year(y)) => Some(y),
            _ => None,
        })
        .max();
    for (index, header, m) in matches {
        let mut target = m.target.clone();
        if let Target::Raw(kind, Period::Year(y)) = target {
            let period = match latest_year {
                Some(latest) if y == latest => Period::Current,
                Some(latest) if y + 1 == latest => Period::Previous,
                _ => {
                    ctx.push(Issue::warning(
                        ctx.loc(row_no, Some(header.clone()), None),
                        format!("{y} 年的数据既不是本年也不是上年，已忽略"),
                    ));
                    continue;
                }
            };
            target = Target::Raw(kind, period);
        }
        if let Some(first) = columns.iter().find(|c| c.target == target) {
            ctx.push(
                Issue::error(
                    ctx.loc(row_no, Some(header.clone()), None),
                    format!(
                        "与 {} 列「{}」是同一项，重复的列（{} 列）未读取",
                        column_letter(first.index),
                        first.header,
                        column_letter(index)
                    ),
                )
                .with_expected("每一项只占一列"),
            );
            continue;
        }
        let wanted_unit: Option<String> = match &target {
            Target::Indicator(id) => scheme.indicator(id).map(|i| i.unit.clone()),
            Target::Raw(kind, _) => Some(kind.unit().to_owned()),
            _ => None,
        };
        let mut factor = Decimal::ONE;
        if let (Some(from), Some(to)) = (&m.unit, &wanted_unit) {
            match unit_factor(from, to) {
                Some(f) => {
                    factor = f;
                    if f != Decimal::ONE {
                        let how = if f < Decimal::ONE {
                            format!("÷ {}", (Decimal::ONE / f).normalize())
                        } else {
                            format!("× {}", f.normalize())
                        };
                        ctx.push(Issue::info(
                            ctx.loc(row_no, Some(header.clone()), None),
                            format!("表头单位为「{from}」，已换算为「{to}」（{how}）"),
                        ));
                    }
                }
                None => {
                    ctx.push(
                        Issue::error(
                            ctx.loc(row_no, Some(header.clone()), None),
                            format!(
                                "表头单位「{from}」与指标单位「{to}」不符，无法换算，这一列未读取"
                            ),
                        )
                        .with_raw(header.clone())
                        .with_expected(format!("单位「{to}」")),
                    );
                    continue;
                }
            }
        }
        columns.push(Column {
            index,
            header,
            target,
            factor,
        });
    }
    columns
}

fn has_raw(columns: &[Column], kind: RawKind, period: Period) -> bool {
    columns
        .iter()
        .any(|c| c.target == Target::Raw(kind, period))
}

/// Reports every missing required column at once, and notes optional ones.
fn check_required(ctx: &mut Ctx<'_>, columns: &[Column], scheme: &Scheme, header_row: u32) {
    let row = Some(header_row);
    let has = |t: &Target| columns.iter().any(|c| &c.target == t);
    if !has(&Target::Name) {
        ctx.push(
            Issue::error(
                ctx.loc(row, Some("园区名称".to_owned()), None),
                "缺少必需的列「园区名称」",
            )
            .with_expected("表头「园区名称」（或 园区、单位名称）"),
        );
    }
    for indicator in scheme.indicators() {
        if has(&Target::Indicator(indicator.id.clone())) {
            continue;
        }
        let recipe = derive::recipe(indicator.id.as_str());
        let derivable =
            recipe.is_some_and(|r| r.needs().iter().all(|(k, p)| has_raw(columns, *k, *p)));
        if derivable {
            let from: Vec<String> = recipe
                .map(|r| r.needs())
                .unwrap_or_default()
                .iter()
                .map(|(k, p)| raw_label(*k, *p))
                .collect();
            ctx.push(Issue::info(
                ctx.loc(row, Some(indicator.name.clone()), None),
                format!("没有「{}」列，由 {} 计算", indicator.name, from.join("、")),
            ));
            continue;
        }
        let alternative = recipe.map(|r| {
            let needs: Vec<String> = r.needs().iter().map(|(k, p)| raw_label(*k, *p)).collect();
            format!("，或由 {} 计算", needs.join("、"))
        });
        ctx.push(
            Issue::error(
                ctx.loc(row, Some(indicator.name.clone()), None),
                format!("缺少必需的列「{}」", indicator.name),
            )
            .with_expected(format!(
                "表头「{}（{}）」{}",
                indicator.name,
                indicator.unit,
                alternative.unwrap_or_default()
            )),
        );
    }
    let optional = [
        (Target::Provincial, "省级认定数", "按 0 项计"),
        (Target::National, "国家级认定数", "按 0 项计"),
        (Target::Veto, "一票否决", "按「否」计"),
    ];
    for (target, name, default) in optional {
        if !has(&target) {
            ctx.push(Issue::info(
                ctx.loc(row, Some(name.to_owned()), None),
                format!("没有「{name}」列，{default}"),
            ));
        }
    }
}

fn raw_label(kind: RawKind, period: Period) -> String {
    match (kind, period) {
        (RawKind::BuiltArea, _) => "建成区面积（亩）".to_owned(),
        (k, Period::Previous) => format!("上年{}", k.label()),
        (k, _) => format!("本年{}", k.label()),
    }
}

fn expected_for(indicator: &Indicator) -> String {
    match &indicator.method {
        Method::Direct { max } => format!("0 到 {} 之间的分数", max.normalize()),
        Method::CountCapped { .. } => "非负整数（户数），例如 2".to_owned(),
        _ if indicator.unit == "%" => "数字（%），例如 12.5 或 12.5%".to_owned(),
        _ => format!("数字（{}），例如 12.5", indicator.unit),
    }
}

/// Reads one park's row.
fn read_park(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    row_no: u32,
    name: &str,
    cells: &[String],
) -> ParkRecord {
    let mut record = ParkRecord::new(name);
    record.name = ParkName(name.to_owned());
    record.source_row = Some(row_no);
    let mut raws: BTreeMap<(RawKind, Period), Decimal> = BTreeMap::new();
    let mut veto_flag = false;
    let mut veto_reason: Option<(String, String)> = None;
    for col in columns {
        let raw = cells.get(col.index).map(String::as_str).unwrap_or("");
        let loc = ctx.loc(Some(row_no), Some(col.header.clone()), Some(name));
        match &col.target {
            Target::Name | Target::Ignored => {}
            Target::Indicator(id) => {
                let Some(indicator) = scheme.indicator(id) else {
                    continue;
                };
                if let Some(v) = indicator_value(ctx, indicator, col, raw, loc) {
                    record.values.insert(id.clone(), v);
                }
            }
            Target::Raw(kind, period) => match parse_number(raw) {
                Ok(CellNumber::Missing) => {}
                Ok(CellNumber::Plain(v)) => {
                    let v = v * col.factor;
                    if v < Decimal::ZERO && matches!(kind, RawKind::BuiltArea | RawKind::Employment)
                    {
                        ctx.push(
                            Issue::error(loc, format!("{}不能为负数", kind.label()))
                                .with_raw(raw)
                                .with_expected(format!("非负数（{}）", kind.unit())),
                        );
                    } else {
                        raws.insert((*kind, *period), v);
                    }
                }
                Ok(CellNumber::Percent(_)) | Err(_) => ctx.push(
                    Issue::error(loc, "不是数字")
                        .with_raw(raw)
                        .with_expected(format!("数字（{}），例如 12.5", kind.unit())),
                ),
            },
            Target::Provincial | Target::National => {
                if let Some(n) = count_value(ctx, raw, loc, "认定数") {
                    if col.target == Target::Provincial {
                        record.provincial_recognitions = n;
                    } else {
                        record.national_recognitions = n;
                    }
                }
            }
            Target::Veto => match parse_flag(raw) {
                Some(flag) => veto_flag = flag,
                None => ctx.push(
                    Issue::error(loc, "一票否决只能填 是 或 否")
                        .with_raw(raw)
                        .with_expected("是 或 否（也可写 Y/N、1/0、√/×；空白按否）"),
                ),
            },
            Target::VetoReason => {
                let text = raw.trim();
                if !text.is_empty() {
                    veto_reason = Some((text.to_owned(), col.header.clone()));
                }
            }
        }
    }
    if veto_flag {
        record.veto = Some(Veto {
            reason: veto_reason.map(|(r, _)| r),
        });
    } else if let Some((reason, header)) = veto_reason {
        ctx.push(
            Issue::warning(
                ctx.loc(Some(row_no), Some(header), Some(name)),
                "填写了否决原因，但一票否决不是「是」；按未否决处理",
            )
            .with_raw(reason)
            .with_expected("一票否决填「是」，或清空否决原因"),
        );
    }
    derive_values(ctx, scheme, columns, row_no, name, &raws, &mut record);
    record
}

/// Parses one indicator cell: number, unit, percent sign, range of a direct score, counts.
fn indicator_value(
    ctx: &mut Ctx<'_>,
    indicator: &Indicator,
    col: &Column,
    raw: &str,
    loc: Location,
) -> Option<Decimal> {
    let value = match parse_number(raw) {
        Ok(CellNumber::Missing) => return None,
        Ok(CellNumber::Plain(v)) => v * col.factor,
        Ok(CellNumber::Percent(v)) if indicator.unit == "%" => v,
        Ok(CellNumber::Percent(_)) => {
            ctx.push(
                Issue::error(
                    loc,
                    format!("本列单位是「{}」，不应填百分数", indicator.unit),
                )
                .with_raw(raw)
                .with_expected(expected_for(indicator)),
            );
            return None;
        }
        Err(_) => {
            ctx.push(
                Issue::error(loc, "不是数字")
                    .with_raw(raw)
                    .with_expected(expected_for(indicator)),
            );
            return None;
        }
    };
    match &indicator.method {
        Method::Direct { max } if value < Decimal::ZERO || value > *max => {
            ctx.push(
                Issue::error(
                    loc,
                    format!("评分超出本项分值范围（最高 {} 分）", max.normalize()),
                )
                .with_raw(raw)
                .with_expected(expected_for(indicator)),
            );
        }
        Method::CountCapped { .. } if value < Decimal::ZERO || !value.fract().is_zero() => {
            ctx.push(
                Issue::error(loc, "户数应为非负整数")
                    .with_raw(raw)
                    .with_expected(expected_for(indicator)),
            );
        }
        _ => {}
    }
    Some(value)
}

/// A recognition count: blank is 0; otherwise a non-negative integer.
fn count_value(ctx: &mut Ctx<'_>, raw: &str, loc: Location, what: &str) -> Option<u32> {
    let bad = |ctx: &mut Ctx<'_>, loc: Location| {
        ctx.push(
            Issue::error(loc, format!("{what}应为非负整数"))
                .with_raw(raw)
                .with_expected("非负整数，例如 0、1、2（空白按 0）"),
        );
        None
    };
    match parse_number(raw) {
        Ok(CellNumber::Missing) => Some(0),
        Ok(CellNumber::Plain(v)) if v >= Decimal::ZERO && v.fract().is_zero() => {
            match u32::try_from(v.trunc().mantissa() / 10i128.pow(v.scale())) {
                Ok(n) => Some(n),
                Err(_) => bad(ctx, loc),
            }
        }
        _ => bad(ctx, loc),
    }
}

/// Computes the indicators that have no column of their own from the row's raw figures.
fn derive_values(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    row_no: u32,
    name: &str,
    raws: &BTreeMap<(RawKind, Period), Decimal>,
    record: &mut ParkRecord,
) {
    let direct: BTreeSet<IndicatorId> = columns
        .iter()
        .filter_map(|c| match &c.target {
            Target::Indicator(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    for indicator in scheme.indicators() {
        if direct.contains(&indicator.id) {
            continue;
        }
        let Some(recipe) = derive::recipe(indicator.id.as_str()) else {
            continue;
        };
        if !recipe.needs().iter().all(|(k, p)| has_raw(columns, *k, *p)) {
            continue;
        }
        match derive::apply(recipe, &indicator.name, &indicator.unit, raws) {
            Ok(Some(d)) => {
                record.values.insert(indicator.id.clone(), d.value);
                ctx.push(Issue::info(
                    ctx.loc(Some(row_no), Some(indicator.name.clone()), Some(name)),
                    d.explain,
                ));
            }
            Ok(None) => {}
            Err(DeriveError::ZeroDivisor(kind, period)) => {
                let header = columns
                    .iter()
                    .find(|c| c.target == Target::Raw(kind, period))
                    .map(|c| c.header.clone());
                let what = if kind == RawKind::BuiltArea {
                    format!("建成区面积为 0，无法计算「{}」", indicator.name)
                } else {
                    format!(
                        "上年{}为 0，无法计算「{}」（增速没有定义）",
                        kind.label(),
                        indicator.name
                    )
                };
                ctx.push(
                    Issue::error(ctx.loc(Some(row_no), header, Some(name)), what)
                        .with_raw("0")
                        .with_expected("不为 0 的数"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_flags() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(parse_flag("√"), Some(true));
        assert_eq!(parse_flag(" 否 "), Some(false));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("可能"), None);
        assert_eq!(year_in("2020年度赤峰市工业园区考核数据"), Some(2020));
        assert!(is_total_row("合 计"));
    }
}
