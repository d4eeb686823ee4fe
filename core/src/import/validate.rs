//! Phase 2 of the import: a [`RawTable`] and a [`Scheme`] to a [`Dataset`] and every located
//! issue (file, sheet, Excel row, column header, park, raw text, what was expected).
//!
//! What is read, and what is not:
//! - the header row is the row (in the first 30) that matches the most columns; a two-level
//!   header (a group row such as 总量指标 above it, with 园区名称 merged over both rows) and a
//!   units row right under it (亿元, %, 户 …, used like a unit in the header's parentheses) are
//!   read as header, never as parks;
//! - columns the scheme does not score (序号, 备注, 联系人, 所属旗县区 …) are kept in the
//!   [`RawTable`] and listed once, in one note; only two columns that feed the same item are
//!   duplicates;
//! - rows that are not parks are skipped with a note: 合计/平均/小计 rows, signature and note
//!   lines (注：, 说明：, 审核人：, 制表人：, 填报人：, 联系电话：, 填报日期：), and a line of
//!   text alone below an empty row (unless it names a listed unit);
//! - park names are checked against the scheme's unit list (see [`crate::scheme::units`]): a
//!   short name or alias of one unit is recorded under the official name with a note; any
//!   other name, and a listed unit missing from the file, are errors unless the caller's
//!   [`ValidateOptions`] say otherwise; two rows naming the same unit are duplicates;
//! - every product and quotient on user data is checked: a value a `Decimal` cannot hold is an
//!   error naming the cell (数值超出可计算范围);
//! - a growth rate beyond ±1000 % is a warning; under [`ValidateOptions::missing`] =
//!   [`MissingPolicy::Error`] missing values are errors here, in the same pass as the rest.

use super::derive::{self, DeriveError};
use super::header::{self, match_header, unit_factor, HeaderMatch, Period, RawKind, Target};
use super::number::{parse_number, CellNumber};
use super::{column_letter, Cells, ColumnMatch, RawTable, Validated};
use crate::dataset::{Dataset, ParkRecord, ValueColumns, Values, Veto};
use crate::issue::{Issue, Location};
use crate::scheme::{
    normalize_unit_name, Indicator, IndicatorId, Method, Scheme, UnitIndex, UnitMatch,
};
use crate::scoring::MissingPolicy;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
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

struct Ctx<'a> {
    table: &'a RawTable,
    /// The scheme's word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业), as the messages
    /// about a row's unit name it.
    noun: &'a str,
    issues: Vec<Issue>,
    /// Per derived indicator: the parks whose computation got a note of its own, then those
    /// counted in one note at the end ([`DERIVED_NOTES_PER_INDICATOR`]).
    derived: BTreeMap<IndicatorId, (usize, usize)>,
}

/// Notes on values computed from a row's raw figures, per indicator: one each for the first
/// parks, then one note that counts the rest (a file of 100,000 rows in the raw shape would
/// otherwise carry a million sentences).
const DERIVED_NOTES_PER_INDICATOR: usize = 20;

impl Ctx<'_> {
    fn loc(&self, row: Option<u32>, column: Option<String>, park: Option<&str>) -> Location {
        Location {
            file: Some(self.table.file_name.clone()),
            sheet: self.table.sheet.clone(),
            row,
            column,
            park: park.map(str::to_owned),
            noun: None,
        }
        .with_noun(self.noun)
    }

    /// The [`Location`] of a data cell, made only when an issue about it is reported.
    fn at(&self, cell: CellAt<'_>) -> Location {
        self.loc(
            Some(cell.row),
            Some(cell.header.to_owned()),
            Some(cell.park),
        )
    }

    fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }
}

/// Where a data cell is: its row, its column's header and the row's park. Reading a row
/// builds no [`Location`] (four strings) per cell; [`Ctx::at`] makes one for an issue.
#[derive(Clone, Copy)]
struct CellAt<'a> {
    row: u32,
    header: &'a str,
    park: &'a str,
}

/// The header row: the row in the first [`HEADER_SEARCH_ROWS`] with the most matched columns,
/// preferring rows that have a park-name column; at least two matches. A row is judged with
/// the cells a two-level header gives it ([`header_cells`]), so the indicator row under a
/// group row wins over the group row.
fn find_header(table: &RawTable, scheme: &Scheme) -> Option<usize> {
    let mut best: Option<(usize, (bool, usize))> = None;
    for i in 0..table.rows.len().min(HEADER_SEARCH_ROWS) {
        let cells = header_cells(table, i, scheme);
        let matches: Vec<Target> = cells
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
pub(super) fn year_in(text: &str) -> Option<u16> {
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

/// The years named in the rows above a header, top down ([`year_in`] on every cell), except in
/// a row that carries a form field: a cell such as 填报单位：, 填报人：, 联系电话：, 填报日期：
/// ([`is_signature`]). That row is where a template asks who filled it in and when (the import
/// template puts its fields there); the year of `填报日期：2021年3月15日` is the date of filling
/// in, not the year evaluated, and is never taken for it. A title that shares its row with such
/// a field loses its year too: a form row is never read as a title.
pub(super) fn title_years(rows: &[super::RawRow]) -> impl Iterator<Item = u16> + '_ {
    rows.iter()
        .filter(|r| !r.cells.iter().any(is_signature))
        .flat_map(|r| r.cells.iter())
        .filter_map(year_in)
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
        "平均数",
        "全市",
        "全市合计",
        "全市平均",
        "合计数",
    ]
    .iter()
    .any(|w| {
        n.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('('))
    })
}

/// A signature or note line under the data: `注：…`, `说明：…`, `审核人：…`, `制表人：…`,
/// `填报人：…`, `联系电话：…`, `填报日期：…` (whatever the other cells hold).
fn is_signature(text: &str) -> bool {
    let n = header::normalize(text);
    const WORDS: &[&str] = &[
        "审核人",
        "制表人",
        "填报人",
        "填表人",
        "联系人",
        "联系电话",
        "填报日期",
        "制表日期",
        "填报单位:",
        "负责人",
        "单位负责人",
        "统计负责人",
        "分管领导",
    ];
    if WORDS.iter().any(|w| n.starts_with(w)) {
        return true;
    }
    // 注：/ 注1：/ 说明：/ 备注：/ 数据来源： with a colon or a number after the word.
    ["注", "说明", "备注", "数据来源", "填报说明"]
        .iter()
        .any(|w| {
            n.strip_prefix(w).is_some_and(|rest| {
                rest.starts_with([
                    ':', '1', '2', '3', '4', '5', '6', '7', '8', '9', '①', '(', '.',
                ])
            })
        })
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

/// A % column whose values are all within [−1, 1], some not whole, looks like proportions
/// typed as fractions (0.125 for 12.5 %) in plain cells — a percent-formatted cell reads as its
/// percentage in every format, so that is not the cause. The tool reads 0.125 as 0.125 %; a
/// warning asks the user to check, without changing any value.
fn warn_fraction_like(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    header_row: u32,
    (dataset, value): (&Dataset, ValueOf<'_>),
) {
    for column in columns {
        let Target::Indicator(id) = &column.target else {
            continue;
        };
        if scheme.indicator(id).is_none_or(|i| i.unit.trim() != "%") {
            continue;
        }
        let values: Vec<Decimal> = (0..dataset.parks.len())
            .filter_map(|row| value(row, id))
            .collect();
        let small = values.iter().all(|v| v.abs() <= Decimal::ONE);
        let fractional = values.iter().any(|v| !v.fract().is_zero());
        if !values.is_empty() && small && fractional {
            ctx.push(
                Issue::warning(
                    ctx.loc(Some(header_row), Some(column.header.clone()), None),
                    "本列数值都在 −1 到 1 之间，像是把百分比写成了小数（0.125 表示 12.5%）；本工具把 0.125 读作 0.125%，请核对",
                )
                .with_expected("百分数的数值，例如 12.5 表示 12.5%"),
            );
        }
    }
}

/// A numbered note line: digits, then `.`, `、`, `)` or `）`, then text (`1. 本表数据截至…`).
fn is_numbered_note(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && t[digits..].starts_with(['.', '．', '、', ')', '）'])
        && t[digits..].chars().skip(1).any(char::is_alphabetic)
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

/// The caller's choices for [`validate_with`]. The default is the strict reading: every unit of
/// the scheme's list must be in the file and every park must be on it; missing values are left
/// to the engine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidateOptions {
    /// Go on when a unit of the scheme's list is missing from the file (N shrinks for every
    /// park). The missing units are then named in one note instead of an error each, and the evaluation's
    /// reading names the units left out (CLI `--allow-missing-units`).
    #[serde(default)]
    pub allow_missing_units: bool,
    /// Score parks whose names are not on the scheme's list, under the names written. Each is
    /// then listed in one note instead of an error per row, and the reading names them (CLI
    /// `--allow-unlisted`).
    #[serde(default)]
    pub allow_unlisted: bool,
    /// The missing-value policy the evaluation will use, so that missing values are reported
    /// in the same pass as the file's other errors: under [`MissingPolicy::Error`] every
    /// missing value of a park that is evaluated (not vetoed) is an error here, except in a
    /// cell that already has an error. `None` leaves missing values to the engine alone.
    #[serde(default)]
    pub missing: Option<MissingPolicy>,
}

impl ValidateOptions {
    /// What [`crate::import::validate`] uses: unlisted parks and missing units are let through, each
    /// reported (one note listing the unlisted parks, one naming the missing units) and
    /// printed in the evaluation's reading. Callers that let the user choose (the command line,
    /// the app) call [`validate_with`] with [`ValidateOptions::default`], the strict reading.
    pub const LENIENT: ValidateOptions = ValidateOptions {
        allow_missing_units: true,
        allow_unlisted: true,
        missing: None,
    };
}

/// Validates `table` against `scheme` with [`ValidateOptions::LENIENT`]: the entry for callers
/// that have not made the unit-list choices (see [`validate_with`] for the strict check).
pub fn validate(table: &RawTable, scheme: &Scheme) -> Validated {
    validate_with(table, scheme, &ValidateOptions::LENIENT)
}

/// Validates `table` against `scheme` with the caller's `options`.
///
/// Finds the header row (one or two levels, with an optional units row under it), matches
/// columns, parses every cell, converts units, derives indicators, checks the park names
/// against the scheme's unit list, and reports every issue at once, errors first.
pub fn validate_with(table: &RawTable, scheme: &Scheme, options: &ValidateOptions) -> Validated {
    validate_in(table, scheme, options, Mode::Whole, false).0
}

/// [`validate_with`] for a caller that only scores the result ([`crate::evaluate_columnar`]):
/// the values go into columns, one per indicator, instead of into the parks' rows. The
/// dataset's parks carry no values; the columns have a cell per park, in the dataset's
/// order. Everything else (issues, columns matched, what is unreadable) is what
/// [`validate_with`] gives.
pub fn validate_columnar(
    table: &RawTable,
    scheme: &Scheme,
    options: &ValidateOptions,
) -> (Validated, ValueColumns) {
    let (validated, columns) = validate_in(table, scheme, options, Mode::Whole, true);
    let columns = columns.unwrap_or_else(|| ValueColumns::for_scheme(scheme, 0));
    (validated, columns)
}

/// Validates `table` as one of several files to be merged ([`crate::import::merge`]): a
/// bureau's file has only its own columns. Everything is checked as by [`validate_with`]
/// except what only the merged whole can tell — a scheme column no file has, a listed unit no
/// file names, a value still missing — which the merge reports. The values that had an error
/// are listed in [`Validated::unreadable`], so that the merge does not call them missing.
pub fn validate_part(table: &RawTable, scheme: &Scheme, options: &ValidateOptions) -> Validated {
    validate_in(table, scheme, options, Mode::Part, false).0
}

/// A whole file, or one part of a merge.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Whole,
    Part,
}

/// Validates `table`; with `columnar`, the values are given in columns (and the parks'
/// rows have none), else in the rows.
fn validate_in(
    table: &RawTable,
    scheme: &Scheme,
    options: &ValidateOptions,
    mode: Mode,
    columnar: bool,
) -> (Validated, Option<ValueColumns>) {
    // What reading found (the sheet chosen, a damaged sheet) comes first.
    let mut ctx = Ctx {
        table,
        noun: scheme.unit_noun(),
        issues: table.notes.clone(),
        derived: BTreeMap::new(),
    };
    let mut dataset = Dataset {
        year: None,
        source: Some(table.file_name.clone()),
        // At most a park per row: sized once, not grown by doubling (up to twice the rows).
        parks: Vec::with_capacity(table.rows.len()),
    };
    let Some(header_at) = find_header(table, scheme) else {
        let names: Vec<&str> = scheme
            .indicators()
            .take(3)
            .map(|i| i.name.as_str())
            .collect();
        let (name_header, _) = super::header::name_header_for(ctx.noun);
        let issue = Issue::error(
            ctx.loc(None, None, None),
            format!(
                "在前 {HEADER_SEARCH_ROWS} 行中没有找到表头行（没有一行同时含有{name_header}和指标列名）"
            ),
        )
        .with_expected(format!(
            "一行表头，例如「{name_header}」「{}」…",
            names.join("」「")
        ));
        // A damaged sheet already says why there is nothing to read.
        let mut issues = ctx.issues;
        if !issues.iter().any(Issue::is_error) {
            issues.push(issue);
        }
        crate::order::sort_by_key(&mut issues, |i| std::cmp::Reverse(i.severity));
        let validated = Validated {
            dataset,
            issues,
            supplies: Vec::new(),
            unreadable: Vec::new(),
            header_row: None,
            columns: Vec::new(),
        };
        return (validated, None);
    };
    let header_row = &table.rows[header_at];
    dataset.year = title_years(&table.rows[..header_at]).next();

    let header_cells = header_cells(table, header_at, scheme);
    let units_at = units_row(table, header_at);
    let units_cells = units_at.and_then(|i| table.rows.get(i)).map(|r| &r.cells);
    let columns = match_columns(&mut ctx, header_at, &header_cells, units_cells, scheme);
    if let Some(i) = units_at {
        ctx.push(Issue::info(
            ctx.loc(table.rows.get(i).map(|r| r.number), None, None),
            format!("表头下面的单位行，已按各列的单位读取（不是{}）", ctx.noun),
        ));
    }
    check_required(&mut ctx, &columns, scheme, header_row.number, mode);

    let data_start = units_at.map_or(header_at + 1, |i| i + 1);
    let name_col = columns.iter().find(|c| c.target == Target::Name).cloned();
    let mut names = Names::default();
    // The unit list normalised once: 100,000 rows are matched against it.
    let units = scheme.unit_index();
    // Each column's indicator looked up once, not once per cell.
    let indicators: Vec<Option<&Indicator>> = columns
        .iter()
        .map(|c| match &c.target {
            Target::Indicator(id) => scheme.indicator(id),
            _ => None,
        })
        .collect();
    let places = value_places(&indicators);
    let mut blank_seen = false;
    let mut failures: Vec<BTreeSet<IndicatorId>> = Vec::new();
    let mut held = if columnar {
        // At most a park per row below the header.
        let rows = table.rows.len().saturating_sub(data_start);
        Held::Columns(ValueColumns::for_scheme(scheme, rows))
    } else {
        Held::Rows(HeldValues::default())
    };
    for row in table.rows.get(data_start..).unwrap_or_default() {
        let cell = |i: usize| row.cells.get(i).unwrap_or("");
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            blank_seen = true;
            continue;
        }
        let Some(name_col) = &name_col else { break };
        let name = cell(name_col.index).trim().to_owned();
        let first = row
            .cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .map(|c| c.trim().to_owned())
            .unwrap_or_default();
        let data_empty = columns
            .iter()
            .filter(|c| !matches!(c.target, Target::Name | Target::Ignored))
            .all(|c| cell(c.index).trim().is_empty());
        if is_total_row(&name) || (name.is_empty() && is_total_row(&first)) {
            let raw = if name.is_empty() { first } else { name };
            ctx.push(
                Issue::info(
                    ctx.loc(Some(row.number), Some(name_col.header.clone()), None),
                    format!("合计/平均/小计行，已忽略（不是{}，不参与评分）", ctx.noun),
                )
                .with_raw(raw),
            );
            continue;
        }
        let listed = |n: &str| units.has_units() && units.match_listed(n).is_some();
        let plain_note = is_signature(&first)
            || (name.is_empty() && data_empty)
            || (data_empty && (is_note(&name) || is_numbered_note(&name)));
        // Below an empty row, a line of text alone is a note, unless it names a listed unit.
        // It might still be a park with no data at all (under 包括名单外的园区 it would count
        // in N): not silent, a warning that says how to make it a park.
        let lone_text = !plain_note && blank_seen && data_empty && !listed(&name);
        if lone_text {
            ctx.push(
                Issue::warning(
                    ctx.loc(Some(row.number), Some(name_col.header.clone()), None),
                    "表格下方、空行之后的一行只有文字，没有任何数据，按说明行忽略（不参与评分）",
                )
                .with_raw(first.clone())
                .with_expected(format!(
                    "若它是一个{}：删除它上方的空行，或填写它的数据",
                    ctx.noun
                )),
            );
            continue;
        }
        if plain_note {
            ctx.push(
                Issue::info(
                    ctx.loc(Some(row.number), None, None),
                    format!(
                        "表格下方的说明、签名或备注行，已忽略（不是{}，不参与评分）",
                        ctx.noun
                    ),
                )
                .with_raw(first),
            );
            continue;
        }
        if name.is_empty() {
            ctx.push(
                Issue::error(
                    ctx.loc(Some(row.number), Some(name_col.header.clone()), None),
                    format!("这一行有数据，但{}名称为空", ctx.noun),
                )
                .with_expected(if ctx.noun == crate::scheme::DEFAULT_UNIT_NOUN {
                    "园区名称，例如「东山园区」".to_owned()
                } else {
                    format!("{}名称", ctx.noun)
                }),
            );
            continue;
        }
        let Some((official, written)) = names.admit(
            &mut ctx,
            &units,
            options,
            row.number,
            &name_col.header,
            &name,
        ) else {
            continue;
        };
        let (mut record, failed) = read_park(
            &mut ctx,
            scheme,
            (&columns, &indicators, &places),
            row.number,
            &official,
            &row.cells,
        );
        record.written_name = written;
        held.hold(dataset.parks.len(), &mut record);
        dataset.parks.push(record);
        failures.push(failed);
    }
    let value_columns = held.finish(&mut dataset.parks);
    let value = |row: usize, id: &IndicatorId| match &value_columns {
        Some(columns) => columns.get(row, id),
        None => dataset.parks.get(row).and_then(|p| p.value(id)),
    };
    if dataset.parks.is_empty() && name_col.is_some() {
        ctx.push(Issue::error(
            ctx.loc(Some(header_row.number), None, None),
            format!("表头下面没有任何{}数据", ctx.noun),
        ));
    }
    if let Some(name_col) = &name_col {
        if !dataset.parks.is_empty() {
            names.finish(&mut ctx, scheme, options, &name_col.header, mode);
        }
    }
    if options.missing == Some(MissingPolicy::Error) && mode == Mode::Whole {
        report_missing_values(&mut ctx, scheme, &columns, (&dataset, &value), &failures);
    }
    warn_fraction_like(
        &mut ctx,
        scheme,
        &columns,
        header_row.number,
        (&dataset, &value),
    );
    for (id, (_, more)) in std::mem::take(&mut ctx.derived) {
        if more == 0 {
            continue;
        }
        let name = scheme
            .indicator(&id)
            .map_or(id.to_string(), |i| i.name.clone());
        ctx.push(Issue::info(
            ctx.loc(None, Some(name.clone()), None),
            format!(
                "另有 {more} 个{}的「{name}」也由原始数据按同一公式计算（逐个说明从略）",
                ctx.noun
            ),
        ));
    }
    let mut issues = ctx.issues;
    crate::order::sort_by_key(&mut issues, |i| std::cmp::Reverse(i.severity));
    let supplies = scheme
        .indicators()
        .filter(|i| supplied(&columns, &i.id))
        .map(|i| i.id.clone())
        .collect();
    let unreadable = failures
        .into_iter()
        .enumerate()
        .flat_map(|(park, failed)| failed.into_iter().map(move |id| (park, id)))
        .collect();
    let validated = Validated {
        dataset,
        issues,
        supplies,
        unreadable,
        header_row: Some(header_at),
        columns: columns
            .iter()
            .map(|c| ColumnMatch {
                index: c.index,
                header: c.header.clone(),
                target: c.target.id(),
            })
            .collect(),
    };
    (validated, value_columns)
}

/// A row's value of an indicator, wherever the values are held (see [`Held`]).
type ValueOf<'a> = &'a dyn Fn(usize, &IndicatorId) -> Option<Decimal>;

/// Where the rows' values go while the rows are read.
enum Held {
    /// Aside, then back into the parks' rows at the end.
    Rows(HeldValues),
    /// Into columns ([`validate_columnar`]).
    Columns(ValueColumns),
}

impl Held {
    /// Takes `record`'s values, the values of the dataset's row `row`.
    fn hold(&mut self, row: usize, record: &mut ParkRecord) {
        match self {
            Held::Rows(held) => held.hold(record),
            Held::Columns(columns) => columns.place(row, &std::mem::take(&mut record.values)),
        }
    }

    /// Gives the values back to `parks` (the records held, in order), or the columns (as many
    /// rows as `parks`).
    fn finish(self, parks: &mut [ParkRecord]) -> Option<ValueColumns> {
        match self {
            Held::Rows(held) => {
                held.give_back(parks);
                None
            }
            Held::Columns(mut columns) => {
                columns.truncate(parks.len());
                Some(columns)
            }
        }
    }
}

/// The parks' values, held aside while the rows are read and given back to the parks in one
/// pass at the end.
///
/// Why: each row also leaves small blocks that stay (its name, the names checked so far). Made
/// row by row, the parks' value vectors sit between those blocks, and when the engine takes
/// the values out ([`crate::evaluate_owned`]) the holes they leave are too small for anything
/// it makes next. The wasm worker's allocator never gives memory back, so at 100,000 parks its
/// memory grew by the whole 55 MB of values. Made together at the end, they sit side by side
/// and are freed as one region the engine's columns then use. (One big file now takes the
/// columnar road, [`validate_columnar`]; this is the road of the files of a merged round.)
///
/// They are held in chunks of [`HeldValues::CHUNK`] entries (a row never split between two),
/// each freed as soon as its rows are given back: never the values twice over, and no big
/// buffer grown by doubling.
#[derive(Default)]
struct HeldValues {
    /// The rows' values, one row after another; the last chunk is being filled.
    chunks: Vec<Vec<(IndicatorId, Decimal)>>,
    /// Each row's count of values, in order.
    lens: Vec<u32>,
}

impl HeldValues {
    /// Entries a chunk holds (1.5 MB): big enough to be few, small enough not to count.
    const CHUNK: usize = 1 << 16;

    /// Takes `record`'s values aside.
    fn hold(&mut self, record: &mut ParkRecord) {
        let values = std::mem::take(&mut record.values);
        let n = values.len();
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= n);
        if !fits {
            self.chunks.push(Vec::with_capacity(Self::CHUNK.max(n)));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.extend(values);
        }
        // A row holds at most one value per indicator: far below u32::MAX.
        self.lens.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// Gives each park its values back (`parks` are the records held, in order).
    fn give_back(self, parks: &mut [ParkRecord]) {
        debug_assert_eq!(parks.len(), self.lens.len(), "a record for every row held");
        let mut chunks = self.chunks.into_iter();
        let mut chunk = Vec::new().into_iter();
        for (park, &n) in parks.iter_mut().zip(&self.lens) {
            let n = n as usize;
            if n == 0 {
                continue;
            }
            // A row is never split: when this chunk is used up, the row is at the next one's
            // start (and the used-up chunk is freed here).
            if chunk.len() < n {
                chunk = chunks.next().unwrap_or_default().into_iter();
            }
            let mut row = Vec::with_capacity(n);
            row.extend(chunk.by_ref().take(n));
            park.values = Values::from_sorted(row);
        }
    }
}

/// The park names seen so far, checked against the scheme's unit list.
#[derive(Default)]
struct Names {
    /// Official name (or normalised written name, for unlisted parks) → (row, name as written).
    seen: BTreeMap<String, (u32, String)>,
    /// The first unlisted names admitted under [`ValidateOptions::allow_unlisted`], in file
    /// order: as many as the note names ([`crate::scoring::NAMES_LISTED`]).
    unlisted: Vec<String>,
    /// How many unlisted names were admitted.
    unlisted_count: usize,
    /// Official name → (row, name as written) of unlisted rows that suggest it.
    suggested: BTreeMap<String, (u32, String)>,
}

impl Names {
    /// Checks one row's park name; returns the name to record and the name as written (when
    /// it differs), or `None` when the row is a duplicate and is not read.
    fn admit(
        &mut self,
        ctx: &mut Ctx<'_>,
        units: &UnitIndex<'_>,
        options: &ValidateOptions,
        row: u32,
        header: &str,
        name: &str,
    ) -> Option<(String, Option<String>)> {
        let at =
            |ctx: &Ctx<'_>, park: &str| ctx.loc(Some(row), Some(header.to_owned()), Some(park));
        let found = if options.allow_unlisted {
            // An unlisted name is admitted: no need to look for the nearest official name.
            units
                .match_listed(name)
                .unwrap_or(UnitMatch::Unlisted { suggestion: None })
        } else {
            units.match_unit(name)
        };
        let (key, official) = if units.has_units() {
            match found {
                UnitMatch::Official(o) => (o.clone(), Some(o)),
                UnitMatch::Alias(o) | UnitMatch::Contained(o) => {
                    ctx.push(
                        Issue::info(
                            at(ctx, &o),
                            format!(
                                "{noun}名称「{name}」按方案的参评单位名单视为「{o}」，结果中使用正式名称",
                                noun = ctx.noun
                            ),
                        )
                        .with_raw(name),
                    );
                    (o.clone(), Some(o))
                }
                UnitMatch::Unlisted { suggestion } => {
                    if !options.allow_unlisted {
                        let mut issue = Issue::error(
                            at(ctx, name),
                            match &suggestion {
                                Some(s) => format!(
                                    "{noun}「{name}」不在方案的参评单位名单中，是否为「{s}」？",
                                    noun = ctx.noun
                                ),
                                None => format!(
                                    "{noun}「{name}」不在方案的参评单位名单中",
                                    noun = ctx.noun
                                ),
                            },
                        )
                        .with_raw(name)
                        .with_expected(format!(
                            "名单中的单位名称；或确认要评分名单外的{noun}（--allow-unlisted，或在页面上勾选「包括名单外的{noun}」）",
                            noun = ctx.noun
                        ));
                        if let Some(s) = suggestion {
                            self.suggested
                                .entry(s.clone())
                                .or_insert((row, name.to_owned()));
                            issue = issue.with_suggestion(s);
                        }
                        ctx.push(issue);
                    }
                    (normalize_unit_name(name), None)
                }
            }
        } else {
            (normalize_unit_name(name), None)
        };
        if let Some((first_row, first_name)) = self.seen.get(&key) {
            let same = if first_name == name {
                String::new()
            } else {
                format!("（「{first_name}」与「{name}」是同一单位）")
            };
            ctx.push(
                Issue::error(
                    at(ctx, official.as_deref().unwrap_or(name)),
                    format!(
                        "{}名称重复：与第 {first_row} 行相同{same}，这一行未读取",
                        ctx.noun
                    ),
                )
                .with_raw(name)
                .with_expected(format!("每个{}只占一行", ctx.noun)),
            );
            return None;
        }
        self.seen.insert(key, (row, name.to_owned()));
        match official {
            Some(o) if o == name => Some((o, None)),
            Some(o) => {
                if !matches!(
                    units.match_listed(name),
                    Some(UnitMatch::Alias(_) | UnitMatch::Contained(_))
                ) {
                    ctx.push(
                        Issue::info(
                            at(ctx, &o),
                            format!("{}名称「{name}」按名单的写法统一为「{o}」", ctx.noun),
                        )
                        .with_raw(name),
                    );
                }
                Some((o, Some(name.to_owned())))
            }
            None => {
                if units.has_units() && options.allow_unlisted {
                    if self.unlisted.len() < crate::scoring::NAMES_LISTED {
                        self.unlisted.push(name.to_owned());
                    }
                    self.unlisted_count = self.unlisted_count.saturating_add(1);
                }
                Some((name.to_owned(), None))
            }
        }
    }

    /// After the last row: the listed units missing from the file, and the one note on the
    /// unlisted parks admitted.
    fn finish(
        &self,
        ctx: &mut Ctx<'_>,
        scheme: &Scheme,
        options: &ValidateOptions,
        header: &str,
        mode: Mode,
    ) {
        if self.unlisted_count > 0 {
            ctx.push(Issue::info(
                ctx.loc(None, Some(header.to_owned()), None),
                format!(
                    "按所选口径，名单外的 {} 个{noun}也参加评分：{}（计入参评{noun}数 N）",
                    self.unlisted_count,
                    crate::scoring::names_zh_of(
                        self.unlisted.iter().map(String::as_str),
                        self.unlisted_count,
                        ctx.noun
                    ),
                    noun = ctx.noun
                ),
            ));
        }
        // One part of a merge need not name every unit: the merge checks the whole.
        if mode == Mode::Part {
            return;
        }
        let missing: Vec<&String> = scheme
            .units
            .iter()
            .filter(|u| !self.seen.contains_key(u.as_str()))
            .collect();
        if missing.is_empty() {
            return;
        }
        if options.allow_missing_units {
            let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            ctx.push(Issue::info(
                ctx.loc(None, Some(header.to_owned()), None),
                format!(
                    "方案名单中的 {} 个单位不在文件中：{}；按所选口径继续评分，它们不参加评分，参评{}数 N 不含它们",
                    missing.len(),
                    names.join("、"),
                    ctx.noun
                ),
            ));
            return;
        }
        for unit in missing {
            let hint = self
                .suggested
                .get(unit.as_str())
                .map(|(row, name)| format!("（第 {row} 行的「{name}」可能就是它）"))
                .unwrap_or_default();
            ctx.push(
                Issue::error(
                    ctx.loc(None, Some(header.to_owned()), Some(unit)),
                    format!(
                        "方案名单中的参评单位「{unit}」不在文件中{hint}：缺少它会改变每个{noun}排序法得分的 N",
                        noun = ctx.noun
                    ),
                )
                .with_expected(format!(
                    "文件中有「{unit}」一行；或确认它今年不参评后选择继续（--allow-missing-units，或在页面上勾选「允许缺少名单中的单位」）"
                )),
            );
        }
    }
}

/// Under [`MissingPolicy::Error`]: every missing value of a park that will be evaluated, in
/// the same pass as the other errors. A value whose cell (or raw figure) already has an error
/// is not reported twice.
fn report_missing_values(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    (dataset, value): (&Dataset, ValueOf<'_>),
    failures: &[BTreeSet<IndicatorId>],
) {
    // A column the file does not have at all is one error already (缺少必需的列): its cells
    // are not each reported again (a department's file would list every park of every other
    // department's column).
    let absent: BTreeSet<&IndicatorId> = crate::order::set(
        scheme
            .indicators()
            .filter(|i| !supplied(columns, &i.id))
            .map(|i| &i.id),
    );
    for (row, (park, failed)) in dataset.parks.iter().zip(failures).enumerate() {
        if park.veto.is_some() {
            continue;
        }
        for indicator in scheme.indicators() {
            if value(row, &indicator.id).is_some()
                || failed.contains(&indicator.id)
                || absent.contains(&indicator.id)
            {
                continue;
            }
            // Named like the engine names it (the indicator), so that a missing value reads
            // the same whichever step reports it.
            let column = indicator.name.clone();
            ctx.push(
                Issue::error(
                    ctx.loc(park.source_row, Some(column), Some(park.name.as_str())),
                    "缺少数值",
                )
                .with_expected("数字；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后）后再评分"),
            );
        }
    }
}

/// A header row's cells; in a two-level header (a group row such as 总量指标 above the
/// indicator row, with 园区名称 merged down over both rows) a cell left empty under a merged
/// cell takes the text of the row above. The row above counts as the header's upper level
/// only when it names the park column or a group of the scheme.
fn header_cells(table: &RawTable, at: usize, scheme: &Scheme) -> Vec<String> {
    let Some(row) = table.rows.get(at) else {
        return Vec::new();
    };
    let mut cells: Vec<String> = row.cells.iter().map(|c| c.trim().to_owned()).collect();
    // Rows are ragged: a column with data but no header text must still be seen (and warned
    // about), so the header spans the table's whole width.
    cells.resize(cells.len().max(table.width()), String::new());
    let upper = at
        .checked_sub(1)
        .and_then(|i| table.rows.get(i))
        .filter(|r| is_group_row(&r.cells, scheme));
    if let Some(upper) = upper {
        for (i, cell) in cells.iter_mut().enumerate() {
            if cell.is_empty() {
                if let Some(above) = upper.cells.get(i) {
                    cell.clone_from(&above.trim().to_owned());
                }
            }
        }
    }
    cells
}

/// Whether a row is the upper level of a two-level header: it has the park-name header or a
/// group name of the scheme (总量指标, 效益指标 …).
fn is_group_row(cells: &Cells, scheme: &Scheme) -> bool {
    let groups: Vec<String> = scheme
        .groups
        .iter()
        .map(|g| header::normalize(&g.name))
        .collect();
    cells.iter().any(|c| {
        let n = header::normalize(c);
        !n.is_empty()
            && (groups.iter().any(|g| n == *g || n.starts_with(g.as_str()))
                || matches!(match_header_fixed(c), Some(Target::Name)))
    })
}

fn match_header_fixed(cell: &str) -> Option<Target> {
    let n = header::normalize(cell);
    header::NAME_HEADERS
        .iter()
        .any(|h| header::normalize(h) == n)
        .then_some(Target::Name)
}

/// The units row right under the header (`亿元`, `%`, `户` …), if there is one: every
/// non-empty cell is a unit (optionally in parentheses) or a label such as 单位 / 计量单位,
/// and at least one is a real unit (not a dash).
fn units_row(table: &RawTable, header_at: usize) -> Option<usize> {
    let at = header_at.checked_add(1)?;
    let row = table.rows.get(at)?;
    let mut units = 0;
    for cell in &row.cells {
        let n = header::normalize(cell);
        if n.is_empty() || matches!(n.as_str(), "单位" | "计量单位" | "单位:" | "计量单位:")
        {
            continue;
        }
        match header::unit_token(&n) {
            Some(u) if u != "—" && u != "-" => units += 1,
            Some(_) => {}
            None => return None,
        }
    }
    (units > 0).then_some(at)
}

/// Matches the header cells; reports duplicate and unit-mismatched columns, and lists every
/// column that is not scored (序号, 备注, 联系人, any unknown header) once, in one note.
///
/// `units` is the units row under the header, if any: a unit there works like a unit in the
/// header's parentheses.
fn match_columns(
    ctx: &mut Ctx<'_>,
    header_at: usize,
    header_cells: &[String],
    units: Option<&Cells>,
    scheme: &Scheme,
) -> Vec<Column> {
    let table = ctx.table;
    let header_row = &table.rows[header_at];
    let row_no = Some(header_row.number);
    let mut columns: Vec<Column> = Vec::new();
    let mut matches: Vec<(usize, String, HeaderMatch)> = Vec::new();
    let mut not_scored: Vec<String> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    // Which columns have data under the header: one pass, not one per column.
    let mut filled = vec![false; header_cells.len()];
    for row in &table.rows[header_at + 1..] {
        for (i, c) in row.cells.iter().enumerate().take(filled.len()) {
            filled[i] |= !c.trim().is_empty();
        }
    }
    for (index, header) in header_cells.iter().enumerate() {
        let header = header.trim().to_owned();
        if header.is_empty() {
            let has_data = filled[index];
            let is_unit = units
                .and_then(|u| u.get(index))
                .is_some_and(|c| !c.trim().is_empty());
            if has_data && !is_unit {
                ctx.push(Issue::warning(
                    ctx.loc(row_no, Some(format!("{} 列", column_letter(index))), None),
                    "这一列有数据但没有表头，已忽略",
                ));
            }
            continue;
        }
        match match_header(&header, scheme) {
            Some(mut m) => {
                if m.target == Target::Ignored {
                    not_scored.push(format!("{header}（{} 列）", column_letter(index)));
                }
                let below = units
                    .and_then(|u| u.get(index))
                    .and_then(|c| header::unit_token(&header::normalize(c)));
                match (&m.unit, below) {
                    (None, Some(u)) => m.unit = Some(u),
                    (Some(h), Some(u)) if *h != u => ctx.push(
                        Issue::warning(
                            ctx.loc(row_no, Some(header.clone()), None),
                            format!("表头单位「{h}」与单位行的「{u}」不同，按表头的「{h}」读取"),
                        )
                        .with_raw(header.clone()),
                    ),
                    _ => {}
                }
                matches.push((index, header, m));
            }
            None => {
                not_scored.push(format!("{header}（{} 列）", column_letter(index)));
                unknown.push(header);
            }
        }
    }
    if !not_scored.is_empty() {
        // The note is placed on the one unrecognised column when there is exactly one (序号,
        // 编号, 排名, 备注 are recognised and deliberately not scored).
        let only = match unknown.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        };
        let mut issue = Issue::info(
            ctx.loc(row_no, only.clone(), None),
            format!(
                "未识别的列（不是评分指标），已保留但不参与评分：{}",
                not_scored.join("、")
            ),
        );
        if let Some(only) = only {
            issue = issue.with_raw(only);
        }
        ctx.push(issue);
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
        // 序号, 编号, 排名, 备注 feed nothing: any number of them is fine.
        let duplicate = (target != Target::Ignored)
            .then(|| columns.iter().find(|c| c.target == target))
            .flatten();
        if let Some(first) = duplicate {
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

/// Whether the file gives `indicator`: its own column, or every raw figure it is derived from.
fn supplied(columns: &[Column], indicator: &IndicatorId) -> bool {
    let own = Target::Indicator(indicator.clone());
    columns.iter().any(|c| c.target == own)
        || derive::recipe(indicator.as_str())
            .is_some_and(|r| r.needs().iter().all(|(k, p)| has_raw(columns, *k, *p)))
}

fn has_raw(columns: &[Column], kind: RawKind, period: Period) -> bool {
    columns
        .iter()
        .any(|c| c.target == Target::Raw(kind, period))
}

/// Reports every missing required column at once, and notes optional ones.
fn check_required(
    ctx: &mut Ctx<'_>,
    columns: &[Column],
    scheme: &Scheme,
    header_row: u32,
    mode: Mode,
) {
    let row = Some(header_row);
    let has = |t: &Target| columns.iter().any(|c| &c.target == t);
    if !has(&Target::Name) {
        let (header, others) = super::header::name_header_for(ctx.noun);
        ctx.push(
            Issue::error(
                ctx.loc(row, Some(header.clone()), None),
                format!("缺少必需的列「{header}」"),
            )
            .with_expected(format!("表头「{header}」（或 {others}）")),
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
        // A bureau's file has only its own columns: the merge reports a column no file has.
        if mode == Mode::Part {
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
    if mode == Mode::Part {
        return;
    }
    let optional = [
        (Target::Provincial, "省级认定数", "按 0 项计"),
        (Target::National, "国家级认定数", "按 0 项计"),
        (Target::Veto, "一票否决", "按「否」计"),
    ];
    // A scheme without bonus points or veto events (the 亩均 presets) does not ask for them.
    let asked = |target: &Target| match target {
        Target::Provincial | Target::National => scheme.has_bonus(),
        Target::Veto => scheme.has_veto(),
        _ => true,
    };
    for (target, name, default) in optional {
        if !has(&target) && asked(&target) {
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
        Method::Deduction { .. } => "非负整数（发生次数），例如 0 或 2".to_owned(),
        _ if indicator.unit == "%" => "数字（%），例如 12.5 或 12.5%".to_owned(),
        _ => format!("数字（{}），例如 12.5", indicator.unit),
    }
}

/// The error for a value a [`Decimal`] cannot hold after scaling or converting.
fn overflow(loc: Location, raw: &str) -> Issue {
    Issue::error(loc, "数值超出可计算范围")
        .with_raw(raw)
        .with_expected("合理范围内的数（换算后绝对值小于约 7.9 × 10²⁸）")
}

/// Reads one park's row; returns the record and the indicators whose cells (or raw figures)
/// had an error, so that they are not reported missing too.
/// Each indicator column's place among the columns' indicator ids in the order a park's
/// [`Values`] keep them (columns of the same indicator share one): a row's values are then put
/// in order by a small integer, once per row, rather than each searched into place by its text.
fn value_places(indicators: &[Option<&Indicator>]) -> Vec<u32> {
    let mut order: Vec<(usize, &IndicatorId)> = indicators
        .iter()
        .enumerate()
        .filter_map(|(c, i)| i.map(|i| (c, &i.id)))
        .collect();
    crate::order::sort_by(&mut order, |a, b| a.1.cmp(b.1));
    let mut places = vec![u32::MAX; indicators.len()];
    let mut place = 0u32;
    let mut previous: Option<&IndicatorId> = None;
    for (c, id) in order {
        if previous.is_some_and(|p| p != id) {
            place += 1;
        }
        if let Some(slot) = places.get_mut(c) {
            *slot = place;
        }
        previous = Some(id);
    }
    places
}

fn read_park(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    (columns, indicators, places): (&[Column], &[Option<&Indicator>], &[u32]),
    row_no: u32,
    name: &str,
    cells: &Cells,
) -> (ParkRecord, BTreeSet<IndicatorId>) {
    let mut record = ParkRecord::new(name);
    record.source_row = Some(row_no);
    // The row's values with their places (see `value_places`), in column order.
    let mut found: Vec<(u32, IndicatorId, Decimal)> = Vec::with_capacity(places.len());
    let mut failed: BTreeSet<IndicatorId> = BTreeSet::new();
    let mut failed_raws: BTreeSet<(RawKind, Period)> = BTreeSet::new();
    let mut raws: BTreeMap<(RawKind, Period), Decimal> = BTreeMap::new();
    let mut veto_flag = false;
    let mut veto_reason: Option<(String, String)> = None;
    for ((col, indicator), &place) in columns.iter().zip(indicators).zip(places) {
        let raw = cells.get(col.index).unwrap_or("");
        let loc = CellAt {
            row: row_no,
            header: &col.header,
            park: name,
        };
        match &col.target {
            Target::Name | Target::Ignored => {}
            Target::Indicator(id) => {
                let Some(indicator) = indicator else {
                    continue;
                };
                // Only the issues this cell adds are looked at: counting every issue so far
                // for every cell made validation quadratic in the number of issues.
                let before = ctx.issues.len();
                if let Some(v) = indicator_value(ctx, indicator, col, raw, loc) {
                    // The scheme's own id: shared text, found by pointer later.
                    found.push((place, indicator.id.clone(), v));
                }
                if ctx.issues[before..].iter().any(Issue::is_error) {
                    failed.insert(id.clone());
                }
            }
            Target::Raw(kind, period) => match parse_number(raw) {
                Ok(CellNumber::Missing) => {}
                Ok(CellNumber::Plain(v)) => match v.checked_mul(col.factor) {
                    None => {
                        ctx.push(overflow(ctx.at(loc), raw));
                        failed_raws.insert((*kind, *period));
                    }
                    Some(v)
                        if v < Decimal::ZERO
                            && matches!(kind, RawKind::BuiltArea | RawKind::Employment) =>
                    {
                        ctx.push(
                            Issue::error(ctx.at(loc), format!("{}不能为负数", kind.label()))
                                .with_raw(raw)
                                .with_expected(format!("非负数（{}）", kind.unit())),
                        );
                        failed_raws.insert((*kind, *period));
                    }
                    Some(v) => {
                        raws.insert((*kind, *period), v);
                    }
                },
                Ok(CellNumber::Percent(_)) | Err(_) => {
                    ctx.push(
                        Issue::error(ctx.at(loc), "不是数字")
                            .with_raw(raw)
                            .with_expected(format!("数字（{}），例如 12.5", kind.unit())),
                    );
                    failed_raws.insert((*kind, *period));
                }
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
                    Issue::error(ctx.at(loc), "一票否决只能填 是 或 否")
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
    // In the values' order; of two columns of one indicator the later one's value stands, as
    // when each was set in turn.
    found.sort_by_key(|(place, ..)| *place);
    let mut sorted: Vec<(IndicatorId, Decimal)> = Vec::with_capacity(found.len());
    let mut last_place = None;
    for (place, id, v) in found {
        match sorted.last_mut() {
            Some(slot) if last_place == Some(place) => *slot = (id, v),
            _ => sorted.push((id, v)),
        }
        last_place = Some(place);
    }
    record.values = Values::from_sorted(sorted);
    let derived = Derivation {
        raws: &raws,
        failed_raws: &failed_raws,
    };
    derive_values(
        ctx,
        scheme,
        columns,
        row_no,
        name,
        derived,
        &mut record,
        &mut failed,
    );
    warn_extreme_growth(ctx, scheme, columns, row_no, name, &record);
    (record, failed)
}

/// Growth rates beyond ±1000 % are most likely a unit slip (a value in 元 under 亿元, a
/// fraction typed twice): a warning, not an error. A growth rate is a % indicator whose name
/// contains 增速 or 增长, given in a column or derived.
fn warn_extreme_growth(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    row_no: u32,
    name: &str,
    record: &ParkRecord,
) {
    let limit = Decimal::ONE_THOUSAND;
    for indicator in scheme.indicators() {
        let is_growth = indicator.unit.trim() == "%"
            && (indicator.name.contains("增速") || indicator.name.contains("增长"));
        if !is_growth {
            continue;
        }
        let Some(v) = record.value(&indicator.id) else {
            continue;
        };
        if v.abs() <= limit {
            continue;
        }
        let column = columns
            .iter()
            .find(|c| c.target == Target::Indicator(indicator.id.clone()))
            .map_or_else(|| indicator.name.clone(), |c| c.header.clone());
        ctx.push(
            Issue::warning(
                ctx.loc(Some(row_no), Some(column), Some(name)),
                format!(
                    "「{}」为 {}%，超过 ±1000%：请核对单位和数值（仍按此数值评分）",
                    indicator.name,
                    super::number::display_decimal(v, 2)
                ),
            )
            .with_raw(super::number::display_decimal(v, 4))
            .with_expected("一般在 −100% 到 1000% 之间的增速"),
        );
    }
}

/// One park's raw figures and the ones whose cells had an error.
#[derive(Clone, Copy)]
struct Derivation<'a> {
    raws: &'a BTreeMap<(RawKind, Period), Decimal>,
    failed_raws: &'a BTreeSet<(RawKind, Period)>,
}

/// Parses one indicator cell: number, unit, percent sign, range of a direct score, counts.
fn indicator_value(
    ctx: &mut Ctx<'_>,
    indicator: &Indicator,
    col: &Column,
    raw: &str,
    loc: CellAt<'_>,
) -> Option<Decimal> {
    let value = match parse_number(raw) {
        Ok(CellNumber::Missing) => return None,
        // Most columns need no conversion: no multiplication per cell.
        Ok(CellNumber::Plain(v)) if col.factor == Decimal::ONE => v,
        Ok(CellNumber::Plain(v)) => match v.checked_mul(col.factor) {
            Some(v) => v,
            None => {
                ctx.push(overflow(ctx.at(loc), raw));
                return None;
            }
        },
        Ok(CellNumber::Percent(v)) if indicator.unit == "%" => v,
        Ok(CellNumber::Percent(_)) => {
            ctx.push(
                Issue::error(
                    ctx.at(loc),
                    format!("本列单位是「{}」，不应填百分数", indicator.unit),
                )
                .with_raw(raw)
                .with_expected(expected_for(indicator)),
            );
            return None;
        }
        Err(_) => {
            ctx.push(
                Issue::error(ctx.at(loc), "不是数字")
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
                    ctx.at(loc),
                    format!("评分超出本项分值范围（最高 {} 分）", max.normalize()),
                )
                .with_raw(raw)
                .with_expected(expected_for(indicator)),
            );
        }
        m if m.counts() && (value < Decimal::ZERO || !value.fract().is_zero()) => {
            let what = if matches!(m, Method::Deduction { .. }) {
                "发生次数应为非负整数"
            } else {
                "户数应为非负整数"
            };
            ctx.push(
                Issue::error(ctx.at(loc), what)
                    .with_raw(raw)
                    .with_expected(expected_for(indicator)),
            );
        }
        _ => {}
    }
    Some(value)
}

/// A recognition count: blank is 0; otherwise a non-negative integer.
fn count_value(ctx: &mut Ctx<'_>, raw: &str, loc: CellAt<'_>, what: &str) -> Option<u32> {
    let bad = |ctx: &mut Ctx<'_>, loc: CellAt<'_>| {
        ctx.push(
            Issue::error(ctx.at(loc), format!("{what}应为非负整数"))
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
/// An indicator whose figures had an error, or whose computation fails, goes into `failed`.
#[allow(clippy::too_many_arguments)]
fn derive_values(
    ctx: &mut Ctx<'_>,
    scheme: &Scheme,
    columns: &[Column],
    row_no: u32,
    name: &str,
    derivation: Derivation<'_>,
    record: &mut ParkRecord,
    failed: &mut BTreeSet<IndicatorId>,
) {
    let raws = derivation.raws;
    // With no raw figure in the table (the template's shape) nothing can be derived.
    if !columns.iter().any(|c| matches!(c.target, Target::Raw(..))) {
        return;
    }
    for indicator in scheme.indicators() {
        let Some(recipe) = derive::recipe(indicator.id.as_str()) else {
            continue;
        };
        let direct = columns
            .iter()
            .any(|c| matches!(&c.target, Target::Indicator(id) if *id == indicator.id));
        if direct {
            continue;
        }
        if !recipe.needs().iter().all(|(k, p)| has_raw(columns, *k, *p)) {
            continue;
        }
        if recipe
            .needs()
            .iter()
            .any(|need| derivation.failed_raws.contains(need))
        {
            failed.insert(indicator.id.clone());
            continue;
        }
        match derive::apply(recipe, &indicator.name, &indicator.unit, raws) {
            Ok(Some(d)) => {
                record.values.insert(indicator.id.clone(), d.value);
                let (noted, more) = ctx.derived.entry(indicator.id.clone()).or_default();
                if *noted < DERIVED_NOTES_PER_INDICATOR {
                    *noted += 1;
                    ctx.push(Issue::info(
                        ctx.loc(Some(row_no), Some(indicator.name.clone()), Some(name)),
                        d.explain,
                    ));
                } else {
                    *more += 1;
                }
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
                failed.insert(indicator.id.clone());
            }
            Err(DeriveError::Overflow(figures)) => {
                let header = recipe.needs().first().and_then(|(k, p)| {
                    columns
                        .iter()
                        .find(|c| c.target == Target::Raw(*k, *p))
                        .map(|c| c.header.clone())
                });
                ctx.push(
                    Issue::error(
                        ctx.loc(Some(row_no), header, Some(name)),
                        format!("计算「{}」时数值超出可计算范围", indicator.name),
                    )
                    .with_raw(figures)
                    .with_expected("合理范围内的数（上年数值不宜过小，本年与上年之差不宜过大）"),
                );
                failed.insert(indicator.id.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every park gets back exactly the values it had, in order: rows of every length (none at
    /// all, the usual score, one longer than a whole chunk), many chunks, a row that does not
    /// fit the chunk's rest starting the next one.
    #[test]
    fn held_values_come_back_to_the_park_they_came_from() {
        let ids: Vec<IndicatorId> = (0..100)
            .map(|i| IndicatorId::from(format!("i{i:03}").as_str()))
            .collect();
        let lens = |row: usize| match row {
            7 => HeldValues::CHUNK + 5,
            r if r % 11 == 0 => 0,
            r => r % 37,
        };
        let value = |row: usize, k: usize| Decimal::new((row * 1000 + k) as i64, 2);
        let mut parks: Vec<ParkRecord> = Vec::new();
        let mut held = HeldValues::default();
        let mut expected = Vec::new();
        for row in 0..12_000 {
            let mut record = ParkRecord::new(format!("p{row}"));
            let n = lens(row);
            // A row longer than the ids repeats none: its ids are made for it.
            let row_ids: Vec<IndicatorId> = if n > ids.len() {
                (0..n)
                    .map(|k| IndicatorId::from(format!("x{k:06}").as_str()))
                    .collect()
            } else {
                ids[..n].to_vec()
            };
            let entries: Vec<(IndicatorId, Decimal)> = row_ids
                .into_iter()
                .enumerate()
                .map(|(k, id)| (id, value(row, k)))
                .collect();
            record.values = Values::from_sorted(entries.clone());
            expected.push(entries);
            held.hold(&mut record);
            assert!(record.values.is_empty(), "the values are held aside");
            parks.push(record);
        }
        assert!(
            held.chunks.len() > 3,
            "several chunks: {}",
            held.chunks.len()
        );
        held.give_back(&mut parks);
        for (row, (park, entries)) in parks.iter().zip(&expected).enumerate() {
            let back: Vec<(IndicatorId, Decimal)> =
                park.values.iter().map(|(k, v)| (k.clone(), *v)).collect();
            assert_eq!(&back, entries, "row {row}");
            assert_eq!(park.name.as_str(), format!("p{row}"));
        }
    }

    #[test]
    fn letters_and_flags() {
        assert_eq!(
            super::super::derived_from("output_growth"),
            ["raw:output:current", "raw:output:previous"]
        );
        assert_eq!(
            super::super::derived_from("tax_per_mu"),
            ["raw:tax:current", "raw:built_area:current"]
        );
        assert!(super::super::derived_from("park_count").is_empty());
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(parse_flag("√"), Some(true));
        assert_eq!(parse_flag(" 否 "), Some(false));
        assert_eq!(parse_flag(""), Some(false));
        assert_eq!(parse_flag("可能"), None);
        assert_eq!(year_in("2020年度赤峰市工业园区考核数据"), Some(2020));
        assert_eq!(year_in("2021-03-15"), None);
        assert_eq!(year_in("13904761234"), None);
        assert!(is_total_row("合 计"));
        assert!(is_total_row("全市合计（14个园区）"));
        assert!(is_total_row("平均值"));
        assert!(!is_total_row("合计园区"));
        assert!(!is_total_row("东山园区"));
        assert!(is_numbered_note("1. 本表数据截至2020年12月31日。"));
        assert!(is_numbered_note("2、增速按可比价计算"));
        assert!(!is_numbered_note("12.5"));
        assert!(!is_numbered_note("东山园区"));
    }

    fn row(number: u32, cells: &[&str]) -> super::super::RawRow {
        super::super::RawRow {
            number,
            cells: cells.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    #[test]
    fn a_form_row_names_no_year_of_evaluation() {
        // The template's rows above its header: a title without a year, then the fields.
        let rows = [
            row(1, &["赤峰市工业园区综合发展评价考核数据填报表（市科技局）"]),
            row(2, &["填报单位：", "市科技局", "填报人：", "张三"]),
            row(
                3,
                &["联系电话：", "13904761234", "填报日期：", "2021年3月15日"],
            ),
        ];
        assert_eq!(title_years(&rows).next(), None);
        // The date written into the label's own cell, or in a row of its own.
        let rows = [
            row(1, &["填报日期：2021年3月15日"]),
            row(2, &["填报人：李四"]),
        ];
        assert_eq!(title_years(&rows).next(), None);
        // A title's year is still read, above or below the fields, and the first one wins.
        let rows = [
            row(1, &["填报日期：", "2021年3月15日"]),
            row(2, &["2020年度赤峰市工业园区考核数据"]),
            row(3, &["（2019年度对照）"]),
        ];
        assert_eq!(title_years(&rows).collect::<Vec<_>>(), vec![2020, 2019]);
    }
}
