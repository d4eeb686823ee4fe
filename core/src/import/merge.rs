//! Merge: the bureaus' files into one [`Dataset`], every value with the file and cell it came
//! from.
//!
//! The document has each group's figures supplied by its departments (附件2: 总量 — 市工信局、
//! 市统计局; 科技 — 市科技局; …), and the 领导小组办公室 puts them together. Each file is read
//! and validated on its own with [`super::validate_part`] (its own columns only; its errors
//! located in it), then [`merge`] joins them:
//!
//! - by park: the official name of the scheme's unit list (names normalised as the import
//!   does), an unlisted name by its normalised spelling; parks in the order first seen;
//! - by field: each indicator, and the recognition counts and the veto where a file has
//!   those columns. A blank cell gives nothing (another file may give the value);
//! - the same field given differently by two files is a [`Conflict`], listed with every value
//!   and its source. Equal values (`38.6` and `38.60`, or the same amount written in 万元 and
//!   亿元 — compared after unit conversion) are not conflicts. A conflict is settled by the
//!   user's [`Choice`] (recorded, and printed as a note) or by a file order of preference
//!   ([`Choices::prefer`], the command line's `--prefer`); an unsettled one is an error;
//! - what the whole still lacks is reported as validation of one file would: a listed unit no
//!   file names, and values missing, listed by the departments responsible
//!   (「市科技局 尚未提供：园区内新增高新技术企业数（14 个园区）」) — an error under the missing-value
//!   policy 报错, a warning otherwise;
//! - files that disagree on the year are an error.
//!
//! Every value's origin is kept compactly (one small index per park and field) and rendered
//! as text only when asked ([`Merged::origin`]).
//!
//! Judgement calls: an indicator derived from raw figures (增速 from 本年/上年, 亩均 from the
//! built area) is derived within one file — figures are not combined across files; a veto's
//! reason is taken from the first file that gives one (two different reasons are joined
//! with ；), only the 是/否 of a veto can conflict.

use super::{ValidateOptions, Validated};
use crate::dataset::{Dataset, ParkName, ParkRecord, Veto};
use crate::issue::{Issue, Location};
use crate::scheme::{normalize_unit_name, IndicatorId, Scheme};
use crate::scoring::{names_zh, MissingPolicy};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// One file of a merge: its name (unique among the files merged), the sheet read, its table and
/// what [`super::validate_part`] made of it.
#[derive(Clone, Copy, Debug)]
pub struct Part<'a> {
    /// The file name as the user chose it (or the path given to the command line).
    pub name: &'a str,
    /// The worksheet read, for workbooks.
    pub sheet: Option<&'a str>,
    /// The table read (to tell a blank count cell, which gives nothing, from a written 0).
    pub table: &'a super::RawTable,
    /// The file validated as a part.
    pub validated: &'a Validated,
}

/// What a file can give for a park besides its name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// A scheme indicator.
    Indicator(IndicatorId),
    /// 省级认定数.
    Provincial,
    /// 国家级认定数.
    National,
    /// 一票否决 (是/否, with its reason).
    Veto,
}

impl Field {
    /// The field's name as the user reads it: the indicator's name, 省级认定数, …
    pub fn label(&self, scheme: &Scheme) -> String {
        match self {
            Field::Indicator(id) => scheme
                .indicator(id)
                .map_or_else(|| id.to_string(), |i| i.name.clone()),
            Field::Provincial => "省级认定数".to_owned(),
            Field::National => "国家级认定数".to_owned(),
            Field::Veto => "一票否决".to_owned(),
        }
    }

    /// The column target id this field is read from ([`super::ColumnMatch::target`]).
    fn target(&self) -> &str {
        match self {
            Field::Indicator(id) => id.as_str(),
            Field::Provincial => "provincial",
            Field::National => "national",
            Field::Veto => "veto",
        }
    }
}

/// The user's decision of a conflict: take `file`'s value of `field` for `park`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The park.
    pub park: ParkName,
    /// The field.
    pub field: Field,
    /// The file whose value is taken.
    pub file: String,
}

/// How conflicts are settled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    /// Decisions of single conflicts (the page's); they win over `prefer`.
    #[serde(default)]
    pub cells: Vec<Choice>,
    /// Files in order of preference (the command line's `--prefer`): a conflict no decision
    /// settles takes the value of the first of these files that gives one.
    #[serde(default)]
    pub prefer: Vec<String>,
}

/// A value as a file gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Given {
    /// An indicator's value, in the scheme's unit.
    Number(Decimal),
    /// A count of recognitions.
    Count(u32),
    /// Vetoed or not, with the reason when given.
    Veto(Option<Option<String>>),
}

impl Given {
    /// Whether two files say the same: numbers by value, a veto by 是/否 only.
    fn agrees(&self, other: &Given) -> bool {
        match (self, other) {
            (Given::Number(a), Given::Number(b)) => a == b,
            (Given::Count(a), Given::Count(b)) => a == b,
            (Given::Veto(a), Given::Veto(b)) => a.is_some() == b.is_some(),
            _ => false,
        }
    }
}

impl Given {
    /// The value as the user reads it, with the indicator's unit (`12.3 亿元`, `2 项`, `是`).
    pub fn shown(&self, field: &Field, scheme: &Scheme) -> String {
        let unit = match field {
            Field::Indicator(id) => scheme.indicator(id).and_then(|i| i.value_unit()),
            _ => None,
        };
        match (self, unit) {
            (Given::Number(_), Some(unit)) => format!("{self} {unit}"),
            (Given::Number(_), None) if matches!(field, Field::Indicator(_)) => {
                format!("{self} 分")
            }
            _ => self.to_string(),
        }
    }
}

/// Issues listed one by one per field, for conflicts still open and for those settled; the
/// rest of a field's are counted in one issue (two files differing everywhere must not make a
/// hundred thousand messages).
pub const CONFLICTS_LISTED: usize = 20;

impl fmt::Display for Given {
    /// `38.6`, `2 项`, `是（重特大安全生产事故）`, `否`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Given::Number(d) => write!(f, "{}", d.normalize()),
            Given::Count(n) => write!(f, "{n} 项"),
            Given::Veto(None) => f.write_str("否"),
            Given::Veto(Some(None)) => f.write_str("是"),
            Given::Veto(Some(Some(reason))) => write!(f, "是（{reason}）"),
        }
    }
}

/// One file's value in a [`Conflict`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// The file (index in the parts merged).
    pub part: usize,
    /// The value.
    pub value: Given,
}

/// One field of one park given differently by two or more files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The park.
    pub park: ParkName,
    /// The field.
    pub field: Field,
    /// Every file's value, in the order of the files.
    pub offers: Vec<Offer>,
    /// The offer taken, when a decision or the order of preference settled it.
    pub chosen: Option<usize>,
    /// Whether the user decided it (else the order of preference did, or nothing).
    pub decided: bool,
}

/// Values no file gives, for one indicator: the parks (not vetoed) that lack it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    /// The departments responsible (the indicator's group's); empty when the scheme names none.
    pub departments: Vec<String>,
    /// The indicator.
    pub indicator: IndicatorId,
    /// How many parks lack it.
    pub parks: usize,
    /// The first ten of them, in the merged order.
    pub named: Vec<ParkName>,
    /// How many parks are evaluated (not vetoed): `parks` of them lack it.
    pub evaluated: usize,
}

/// Where a merged value came from, for tooltips and notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin<'a> {
    /// The file.
    pub file: &'a str,
    /// The worksheet, for workbooks.
    pub sheet: Option<&'a str>,
    /// The cells, as Excel names them (`C5`; a derived value names each figure's cell).
    pub cells: Vec<String>,
}

impl fmt::Display for Origin<'_> {
    /// `科技局.xlsx（工作表「数据」）C5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file)?;
        if let Some(sheet) = self.sheet {
            write!(f, "（工作表「{sheet}」）")?;
        }
        if !self.cells.is_empty() {
            write!(f, " {}", self.cells.join("、"))?;
        }
        Ok(())
    }
}

/// What a file contributes to origins: its name, sheet, columns, and each park's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct PartInfo {
    name: String,
    sheet: Option<String>,
    /// Target id → column indexes (one, or a derived value's raw figures).
    columns: BTreeMap<String, Vec<usize>>,
    /// Park (index in the dataset) → the Excel row it is on in this file (0: not in it).
    rows: Vec<u32>,
}

/// What an open conflict asks for.
const CHOOSE_A_FILE: &str =
    "选定以哪个文件的数值为准：页面上在「数据与校验 → 合并情况」中选择，命令行用 --prefer 文件";

/// No value: the marker in [`Provenance`]'s origin table.
const NONE: u16 = u16::MAX;

/// Where every value of a dataset came from: the files, and per park and field the file
/// that gave it. Kept compactly (one small index per park and field; nothing at all for a
/// single file, whose every value is its own) and rendered only when asked
/// ([`Provenance::origin`]). Serialisable, so that the page can show origins of a merge the
/// worker made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    parts: Vec<PartInfo>,
    /// Park names in order, with their index in the dataset, for lookups by name.
    keys: Keys,
    /// The fields, in the order of the origin table's columns.
    fields: Vec<Field>,
    /// parks × fields: the part each value came from, or [`NONE`]; empty for a single file.
    origins: Vec<u16>,
}

impl Provenance {
    /// The provenance of one file's dataset: every value is from it.
    pub fn single(name: &str, sheet: Option<&str>, validated: &Validated) -> Provenance {
        let info = part_info(name, sheet, validated);
        let rows = validated
            .dataset
            .parks
            .iter()
            .map(|p| p.source_row.unwrap_or(0))
            .collect();
        Provenance {
            parts: vec![PartInfo { rows, ..info }],
            keys: Keys::new(&validated.dataset.parks),
            fields: Vec::new(),
            origins: Vec::new(),
        }
    }

    /// The names of the files, in order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.name.as_str())
    }

    /// The files with their sheets, as printed (`科技局.xlsx（工作表「数据」）`).
    pub fn file_lines(&self) -> Vec<String> {
        self.parts
            .iter()
            .map(|p| match &p.sheet {
                Some(sheet) => format!("{}（工作表「{sheet}」）", p.name),
                None => p.name.clone(),
            })
            .collect()
    }

    /// Where `park`'s `field` came from; `None` when no file gave it (or the park is unknown).
    pub fn origin(&self, park: &str, field: &Field) -> Option<Origin<'_>> {
        let row = self.keys.find(park)?;
        let part = if self.origins.is_empty() {
            0
        } else {
            let column = self.fields.iter().position(|f| f == field)?;
            let part = *self.origins.get(row * self.fields.len() + column)?;
            if part == NONE {
                return None;
            }
            usize::from(part)
        };
        let info = self.parts.get(part)?;
        let excel_row = *info.rows.get(row)?;
        if excel_row == 0 {
            return None;
        }
        // A file without the field's column gave no value for it (a single file's provenance
        // names no origin for a column it lacks).
        let cells = info
            .columns
            .get(field.target())?
            .iter()
            .map(|c| format!("{}{excel_row}", super::column_letter(*c)))
            .collect();
        Some(Origin {
            file: &info.name,
            sheet: info.sheet.as_deref(),
            cells,
        })
    }
}

/// The parks' names in name order, each with its index in the dataset, for lookups by name:
/// the names as one text, and per park where its name ends in it. One allocation of text
/// rather than one per park: at 100,000 parks some 2 MB of the worker's peak memory instead
/// of 6 MB (issue 14).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Keys {
    /// The names, in name order, one after the other.
    text: String,
    /// Per name in that order: where it ends in `text` (it begins where the one before ends),
    /// and the park's index in the dataset.
    ends: Vec<(u32, u32)>,
}

impl Keys {
    /// The keys of `parks`. A name that would end past 4 GiB of names, or a park past index
    /// 2³² − 1, is left out (its origins are then not shown); no input the import accepts
    /// comes near either.
    fn new(parks: &[ParkRecord]) -> Keys {
        let mut order: Vec<(&str, u32)> = parks
            .iter()
            .zip(0..u32::MAX)
            .map(|(p, i)| (p.name.as_str(), i))
            .collect();
        // Every park's name, once per job: the standard sort, inline (`order`'s costs 50 %
        // more time here and a buffer of positions in the worker's peak).
        order.sort_unstable();
        let mut keys = Keys {
            text: String::with_capacity(order.iter().map(|(n, _)| n.len()).sum()),
            ends: Vec::with_capacity(order.len()),
        };
        for (name, index) in order {
            let Ok(end) = u32::try_from(keys.text.len().saturating_add(name.len())) else {
                break;
            };
            keys.text.push_str(name);
            keys.ends.push((end, index));
        }
        keys
    }

    /// The `at`-th name in name order; `None` past the end (or in keys that do not hold
    /// together, such as a damaged serialised copy).
    fn name(&self, at: usize) -> Option<&str> {
        let start = match at.checked_sub(1) {
            Some(before) => self.ends.get(before)?.0,
            None => 0,
        };
        let end = self.ends.get(at)?.0;
        self.text
            .get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
    }

    /// The dataset index of the park named `park`.
    fn find(&self, park: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.name(mid)?.cmp(park) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => {
                    return usize::try_from(self.ends.get(mid)?.1).ok();
                }
            }
        }
        None
    }
}

/// A file's name, sheet and columns (a derived indicator's cells are its raw figures').
fn part_info(name: &str, sheet: Option<&str>, v: &Validated) -> PartInfo {
    let mut columns: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for c in &v.columns {
        columns.entry(c.target.clone()).or_default().push(c.index);
    }
    for id in &v.supplies {
        if columns.contains_key(id.as_str()) {
            continue;
        }
        if let Some(recipe) = super::derive::recipe(id.as_str()) {
            let cols: Vec<usize> = recipe
                .needs()
                .iter()
                .filter_map(|(k, period)| {
                    let target = super::header::Target::Raw(*k, *period).id();
                    v.columns
                        .iter()
                        .find(|c| c.target == target)
                        .map(|c| c.index)
                })
                .collect();
            columns.insert(id.as_str().to_owned(), cols);
        }
    }
    PartInfo {
        name: name.to_owned(),
        sheet: sheet.map(str::to_owned),
        columns,
        rows: Vec::new(),
    }
}

/// The merged whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The parks with their values from every file (`source` names the files).
    pub dataset: Dataset,
    /// Every file's issues (in the order of the files), then the merge's own; errors first.
    pub issues: Vec<Issue>,
    /// Every conflict, settled or not.
    pub conflicts: Vec<Conflict>,
    /// What is still missing, indicator by indicator, in the scheme's order.
    pub missing: Vec<Missing>,
    /// Where each value came from.
    pub provenance: Provenance,
}

impl Merged {
    /// Whether any issue blocks scoring.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// The names of the files merged, in order.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.provenance.files()
    }

    /// Where `park`'s `field` came from; `None` when no file gave it.
    pub fn origin(&self, park: &str, field: &Field) -> Option<Origin<'_>> {
        self.provenance.origin(park, field)
    }
}

/// The state of one field of one merged park while the files are read.
struct Slot {
    part: u16,
    value: Given,
}

/// Merges `parts` (each validated with [`super::validate_part`] under the same `options`),
/// settling conflicts by `choices`. See the module documentation for the rules.
pub fn merge(
    scheme: &Scheme,
    parts: &[Part<'_>],
    choices: &Choices,
    options: &ValidateOptions,
) -> Merged {
    // The scheme's word for a unit (园区, 企业), in the messages and the issues' places.
    let noun = scheme.unit_noun();
    let mut issues: Vec<Issue> = Vec::new();
    let mut merge_issues: Vec<Issue> = Vec::new();
    let fields: Vec<Field> = scheme
        .indicators()
        .map(|i| Field::Indicator(i.id.clone()))
        .chain([Field::Provincial, Field::National, Field::Veto])
        .collect();
    let width = fields.len();
    let veto_col = width - 1;

    // The parts taken: a second file of the same name is refused (its conflicts could not be
    // told apart), and so is a merge of more files than the origin table can name.
    let mut taken: Vec<(usize, &Part<'_>)> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if taken.iter().any(|(_, p)| p.name == part.name) {
            merge_issues.push(
                Issue::error(
                    Location {
                        file: Some(part.name.to_owned()),
                        ..Location::default()
                    },
                    "这个文件名已在合并的文件中，同名的第二个文件未合并",
                )
                .with_expected("每个文件只合并一次；不同的文件请用不同的文件名"),
            );
            continue;
        }
        if taken.len() >= usize::from(NONE) {
            merge_issues.push(Issue::error(
                Location {
                    file: Some(part.name.to_owned()),
                    ..Location::default()
                },
                format!("合并的文件超过 {} 个，这个文件未合并", NONE),
            ));
            continue;
        }
        taken.push((i, part));
        issues.extend(part.validated.issues.iter().cloned());
    }

    // Parks by normalised name, in the order first seen.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut records: Vec<ParkRecord> = Vec::new();
    let mut slots: Vec<Option<Slot>> = Vec::new();
    let mut unreadable: Vec<bool> = Vec::new();
    let mut conflicts: BTreeMap<(usize, usize), Conflict> = BTreeMap::new();
    let mut infos: Vec<PartInfo> = Vec::new();
    let mut reasons: Vec<Option<String>> = Vec::new();

    for (p, (_, part)) in taken.iter().enumerate() {
        let p16 = u16::try_from(p).unwrap_or(NONE);
        let v = part.validated;
        let info = part_info(part.name, part.sheet, v);
        let has = |target: &str| v.columns.iter().any(|c| c.target == target);
        let column = |target: &str| {
            v.columns
                .iter()
                .find(|c| c.target == target)
                .map(|c| c.index)
        };
        let provincial_at = column("provincial");
        let national_at = column("national");
        let gives_veto = has("veto");
        // A count cell left blank gives nothing (another department may give the count); a
        // written 0 is a value.
        let written = |row: Option<u32>, col: usize| {
            row.and_then(|n| {
                part.table
                    .rows
                    .binary_search_by_key(&n, |r| r.number)
                    .ok()
                    .and_then(|i| part.table.rows.get(i))
            })
            .and_then(|r| r.cells.get(col))
            .is_some_and(|c| !c.trim().is_empty())
        };
        let supplied: Vec<(usize, &IndicatorId)> = v
            .supplies
            .iter()
            .filter_map(|id| {
                fields
                    .iter()
                    .position(|f| matches!(f, Field::Indicator(x) if x == id))
                    .map(|col| (col, id))
            })
            .collect();
        let bad: std::collections::HashSet<(usize, &IndicatorId)> =
            v.unreadable.iter().map(|(k, id)| (*k, id)).collect();
        let mut rows: Vec<u32> = vec![0; records.len()];

        for (k, record) in v.dataset.parks.iter().enumerate() {
            let key = normalize_unit_name(record.name.as_str());
            let m = match index.get(&key) {
                Some(m) => *m,
                None => {
                    let m = records.len();
                    index.insert(key, m);
                    let mut fresh = ParkRecord::new(record.name.as_str());
                    fresh.written_name = record.written_name.clone();
                    records.push(fresh);
                    slots.extend((0..width).map(|_| None));
                    unreadable.extend(std::iter::repeat_n(false, width));
                    reasons.push(None);
                    for info in &mut infos {
                        info.rows.push(0);
                    }
                    rows.push(0);
                    m
                }
            };
            if let Some(r) = rows.get_mut(m) {
                *r = record.source_row.unwrap_or(0);
            }
            if records[m].written_name.is_none() {
                records[m].written_name = record.written_name.clone();
            }
            let mut offer = |col: usize, value: Given| {
                let at = m * width + col;
                match &slots[at] {
                    None => slots[at] = Some(Slot { part: p16, value }),
                    Some(slot) => {
                        let differs = !slot.value.agrees(&value);
                        let entry = conflicts.get_mut(&(m, col));
                        match entry {
                            Some(c) => c.offers.push(Offer { part: p, value }),
                            None if differs => {
                                conflicts.insert(
                                    (m, col),
                                    Conflict {
                                        park: records[m].name.clone(),
                                        field: fields[col].clone(),
                                        offers: vec![
                                            Offer {
                                                part: usize::from(slot.part),
                                                value: slot.value.clone(),
                                            },
                                            Offer { part: p, value },
                                        ],
                                        chosen: None,
                                        decided: false,
                                    },
                                );
                            }
                            None => {}
                        }
                    }
                }
            };
            for (col, id) in &supplied {
                match record.values.get(id) {
                    Some(value) => offer(*col, Given::Number(*value)),
                    None if bad.contains(&(k, *id)) => unreadable[m * width + col] = true,
                    None => {}
                }
            }
            if provincial_at.is_some_and(|c| written(record.source_row, c)) {
                offer(width - 3, Given::Count(record.provincial_recognitions));
            }
            if national_at.is_some_and(|c| written(record.source_row, c)) {
                offer(width - 2, Given::Count(record.national_recognitions));
            }
            // 一票否决 is each department's report of its own events (安全生产事故 from one,
            // 环境污染事件 from another): a park is vetoed when any file says 是; 否 or blank
            // never contradicts it, and the reasons given are joined.
            if let (true, Some(veto)) = (gives_veto, &record.veto) {
                if let Some(text) = &veto.reason {
                    let kept = &mut reasons[m];
                    match kept {
                        None => *kept = Some(text.clone()),
                        Some(old) if !old.split('；').any(|r| r == text) => {
                            old.push('；');
                            old.push_str(text);
                        }
                        Some(_) => {}
                    }
                }
                let at = m * width + veto_col;
                if slots[at].is_none() {
                    slots[at] = Some(Slot {
                        part: p16,
                        value: Given::Veto(Some(veto.reason.clone())),
                    });
                }
            }
        }
        infos.push(PartInfo { rows, ..info });
    }
    for info in &mut infos {
        info.rows.resize(records.len(), 0);
    }

    // Conflicts: a decision, else the order of preference, else an error.
    let name_of = |p: usize| infos.get(p).map_or("", |i| i.name.as_str());
    let mut settled: Vec<Conflict> = Vec::with_capacity(conflicts.len());
    // Per field: (open, settled) conflicts seen.
    let mut seen: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for ((m, col), mut conflict) in conflicts {
        let label = fields[col].label(scheme);
        let listed: Vec<String> = conflict
            .offers
            .iter()
            .map(|o| {
                format!(
                    "{} 为 {}",
                    name_of(o.part),
                    o.value.shown(&conflict.field, scheme)
                )
            })
            .collect();
        let count = seen.entry(col).or_default();
        let decision = choices
            .cells
            .iter()
            .rev()
            .find(|c| c.park == conflict.park && c.field == conflict.field)
            .and_then(|c| {
                conflict
                    .offers
                    .iter()
                    .position(|o| name_of(o.part) == c.file)
            });
        let preferred = || {
            choices.prefer.iter().find_map(|file| {
                conflict
                    .offers
                    .iter()
                    .position(|o| name_of(o.part) == file.as_str())
            })
        };
        let at = Location {
            column: Some(label.clone()),
            park: Some(conflict.park.to_string()),
            ..Location::default()
        }
        .with_noun(noun);
        let (chosen, decided) = match decision {
            Some(i) => (Some(i), true),
            None => (preferred(), false),
        };
        match chosen.and_then(|i| conflict.offers.get(i)) {
            Some(offer) => {
                let how = if decided {
                    "已选定"
                } else {
                    "按文件优先顺序取"
                };
                count.1 += 1;
                if count.1 <= CONFLICTS_LISTED {
                    merge_issues.push(Issue::info(
                        at,
                        format!(
                            "各文件的数值不一致（{}），{how} {} 的 {}",
                            listed.join("；"),
                            name_of(offer.part),
                            offer.value.shown(&conflict.field, scheme)
                        ),
                    ));
                }
                slots[m * width + col] = Some(Slot {
                    part: u16::try_from(offer.part).unwrap_or(NONE),
                    value: offer.value.clone(),
                });
            }
            None => {
                count.0 += 1;
                if count.0 <= CONFLICTS_LISTED {
                    merge_issues.push(
                        Issue::error(at, format!("各文件的数值不一致：{}", listed.join("；")))
                            .with_expected(CHOOSE_A_FILE),
                    );
                }
            }
        }
        conflict.chosen = chosen;
        conflict.decided = decided;
        settled.push(conflict);
    }

    for (col, (open, done)) in seen {
        let label = fields[col].label(scheme);
        let at = Location {
            column: Some(label.clone()),
            ..Location::default()
        };
        if open > CONFLICTS_LISTED {
            merge_issues.push(
                Issue::error(
                    at.clone(),
                    format!(
                        "「{label}」另有 {} 个{noun}的数值各文件不一致（逐个说明从略）",
                        open - CONFLICTS_LISTED
                    ),
                )
                .with_expected(CHOOSE_A_FILE),
            );
        }
        if done > CONFLICTS_LISTED {
            merge_issues.push(Issue::info(
                at,
                format!(
                    "「{label}」另有 {} 个{noun}的数值各文件不一致，已按选定或文件优先顺序取值（逐个说明从略）",
                    done - CONFLICTS_LISTED
                ),
            ));
        }
    }

    // The merged records and the origin table.
    let mut origins = vec![NONE; records.len() * width];
    for (m, record) in records.iter_mut().enumerate() {
        for (col, field) in fields.iter().enumerate() {
            let Some(slot) = slots[m * width + col].take() else {
                continue;
            };
            origins[m * width + col] = slot.part;
            match (field, slot.value) {
                (Field::Indicator(id), Given::Number(v)) => {
                    record.values.insert(id.clone(), v);
                }
                (Field::Provincial, Given::Count(n)) => record.provincial_recognitions = n,
                (Field::National, Given::Count(n)) => record.national_recognitions = n,
                (Field::Veto, Given::Veto(Some(_))) => {
                    record.veto = Some(Veto {
                        reason: reasons[m].clone(),
                    });
                }
                _ => {}
            }
        }
    }

    // The year: every file that names one must name the same.
    let mut years: Vec<(u16, &str)> = Vec::new();
    for (_, part) in &taken {
        if let Some(y) = part.validated.dataset.year {
            if !years.iter().any(|(seen, _)| *seen == y) {
                years.push((y, part.name));
            }
        }
    }
    if years.len() > 1 {
        let said: Vec<String> = years
            .iter()
            .map(|(y, f)| format!("{f} 为 {y} 年度"))
            .collect();
        merge_issues.push(
            Issue::error(
                Location::default(),
                format!("合并的文件年度不一致：{}", said.join("；")),
            )
            .with_expected("同一年度的各部门文件"),
        );
    }

    // The unit list, over the whole.
    if scheme.has_unit_list() && !records.is_empty() {
        let absent: Vec<&str> = scheme
            .units
            .iter()
            .filter(|u| !index.contains_key(&normalize_unit_name(u)))
            .map(String::as_str)
            .collect();
        if !absent.is_empty() && options.allow_missing_units {
            merge_issues.push(Issue::info(
                Location::default(),
                format!(
                    "方案名单中的 {} 个单位不在任何文件中：{}；按所选口径继续评分，它们不参加评分，参评{noun}数 N 不含它们",
                    absent.len(),
                    absent.join("、")
                ),
            ));
        } else {
            for unit in absent {
                merge_issues.push(
                    Issue::error(
                        Location {
                            park: Some(unit.to_owned()),
                            ..Location::default()
                        }
                        .with_noun(noun),
                        format!(
                            "方案名单中的参评单位「{unit}」不在任何一个合并的文件中：缺少它会改变每个{noun}排序法得分的 N"
                        ),
                    )
                    .with_expected(format!(
                        "某个文件中有「{unit}」一行；或确认它今年不参评后选择继续（--allow-missing-units，或在页面上勾选「允许缺少名单中的单位」）"
                    )),
                );
            }
        }
    }

    // What is still missing, by the departments responsible.
    let everyone = records.iter().filter(|r| r.veto.is_none()).count();
    let mut missing: Vec<Missing> = Vec::new();
    for (col, field) in fields.iter().enumerate() {
        let Field::Indicator(id) = field else {
            continue;
        };
        let lacking: Vec<&ParkName> = records
            .iter()
            .enumerate()
            .filter(|(m, r)| {
                r.veto.is_none() && origins[m * width + col] == NONE && !unreadable[m * width + col]
            })
            .map(|(_, r)| &r.name)
            .collect();
        if lacking.is_empty() {
            continue;
        }
        missing.push(Missing {
            departments: scheme.departments_of(id).to_vec(),
            indicator: id.clone(),
            parks: lacking.len(),
            named: lacking.iter().take(10).map(|n| (*n).clone()).collect(),
            evaluated: everyone,
        });
    }
    let strict = options.missing == Some(MissingPolicy::Error);
    for (departments, message) in missing_by_department(scheme, &missing) {
        let list: Vec<&Missing> = missing
            .iter()
            .filter(|m| m.departments == departments)
            .collect();
        let at = Location {
            column: (list.len() == 1)
                .then(|| scheme.indicator(&list[0].indicator).map(|i| i.name.clone()))
                .flatten(),
            ..Location::default()
        };
        merge_issues.push(if strict {
            Issue::error(at, message)
                .with_expected("补齐这些数值（合并该部门的文件，或在数据表中填写）；或选择缺失值处理方式（缺失计 0 分 / 缺失排最后）")
        } else {
            Issue::warning(at, message)
        });
    }

    // Optional columns no file has.
    let none_gives = |target: &str| {
        !taken
            .iter()
            .any(|(_, p)| p.validated.columns.iter().any(|c| c.target == target))
    };
    for (target, name, default) in [
        ("provincial", "省级认定数", "按 0 项计"),
        ("national", "国家级认定数", "按 0 项计"),
        ("veto", "一票否决", "按「否」计"),
    ] {
        if none_gives(target) && !records.is_empty() {
            merge_issues.push(Issue::info(
                Location {
                    column: Some(name.to_owned()),
                    ..Location::default()
                },
                format!("合并的文件都没有「{name}」列，{default}"),
            ));
        }
    }

    issues.extend(merge_issues);
    crate::order::sort_by_key(&mut issues, |i| std::cmp::Reverse(i.severity));
    let names: Vec<&str> = infos.iter().map(|i| i.name.as_str()).collect();
    let source = Some(names.join("、"));
    let year = years.first().map(|(y, _)| *y);
    let provenance = Provenance {
        keys: Keys::new(&records),
        parts: infos,
        fields,
        origins,
    };
    Merged {
        dataset: Dataset {
            year,
            source,
            parks: records,
        },
        issues,
        conflicts: settled,
        missing,
        provenance,
    }
}

/// What is missing, one line per group of responsible departments, in the order first seen:
/// `市科技局 尚未提供：园区内新增高新技术企业数（14 个园区）；…` — an indicator every evaluated park
/// lacks is counted, otherwise its parks are named (ten, then `等 N 个园区`). The units are
/// called by the scheme's word (`Scheme::unit_noun`: `（14 个企业）`). The page lists the same
/// lines as the merge's issues.
pub fn missing_by_department(scheme: &Scheme, missing: &[Missing]) -> Vec<(Vec<String>, String)> {
    let noun = scheme.unit_noun();
    let mut by_department: Vec<(Vec<String>, Vec<&Missing>)> = Vec::new();
    for m in missing {
        match by_department.iter_mut().find(|(d, _)| *d == m.departments) {
            Some((_, list)) => list.push(m),
            None => by_department.push((m.departments.clone(), vec![m])),
        }
    }
    by_department
        .into_iter()
        .map(|(departments, list)| {
            let who = if departments.is_empty() {
                "（方案未注明负责单位）".to_owned()
            } else {
                departments.join("、")
            };
            let items: Vec<String> = list
                .iter()
                .map(|m| {
                    let name = scheme
                        .indicator(&m.indicator)
                        .map_or_else(|| m.indicator.to_string(), |i| i.name.clone());
                    if m.parks == m.evaluated {
                        format!("{name}（{} 个{noun}）", m.parks)
                    } else {
                        let named = names_with_more(&m.named, m.parks, noun);
                        format!("{name}（{} 个{noun}：{named}）", m.parks)
                    }
                })
                .collect();
            let line = format!("{who} 尚未提供：{}", items.join("；"));
            (departments, line)
        })
        .collect()
}

/// `A、B、C`, or the first ten and `等 N 个园区` (the scheme's word, `noun`).
fn names_with_more(named: &[ParkName], total: usize, noun: &str) -> String {
    let shown = names_zh(named.iter().map(ParkName::as_str));
    if total > named.len() {
        format!("{shown}等 {total} 个{noun}")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_every_park_by_name_and_nothing_else() {
        let names = [
            "乙园区",
            "甲",
            "A",
            "红山高新技术产业开发区",
            "Ab",
            "",
            "甲园区",
        ];
        let parks: Vec<ParkRecord> = names.iter().map(|n| ParkRecord::new(*n)).collect();
        let keys = Keys::new(&parks);
        for (i, name) in names.iter().enumerate() {
            assert_eq!(keys.find(name), Some(i), "{name}");
        }
        for absent in ["甲园", "B", "园区", "红山", "乙园区 "] {
            assert_eq!(keys.find(absent), None, "{absent}");
        }
        // In name order, one text: the names' bytes once, no more.
        assert_eq!(
            keys.text.len(),
            names.iter().map(|n| n.len()).sum::<usize>()
        );
        assert_eq!(keys.name(0), Some(""));
        assert_eq!(keys.name(1), Some("A"));
        assert_eq!(keys.name(2), Some("Ab"));
        assert_eq!(keys.name(names.len()), None);
    }

    #[test]
    fn damaged_keys_find_nothing_and_do_not_panic() {
        let parks: Vec<ParkRecord> = ["甲园区", "乙园区"].map(ParkRecord::new).into();
        let good = Keys::new(&parks);
        // An end inside a character, an end past the text, ends that go backwards.
        for ends in [
            vec![(1, 0), (9, 1)],
            vec![(9, 0), (40, 1)],
            vec![(9, 0), (3, 1)],
        ] {
            let keys = Keys {
                text: good.text.clone(),
                ends,
            };
            // Each search meets the damaged entry in the middle and stops there.
            for name in ["甲园区", "乙园区", ""] {
                assert_eq!(keys.find(name), None, "{name} in {:?}", keys.ends);
            }
        }
        let bad = Keys {
            text: good.text.clone(),
            ends: vec![(1, 0), (40, 1)],
        };
        assert_eq!(bad.find("甲园区"), None);
    }
}
