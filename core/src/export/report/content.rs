//! The reports' content, shared by the xlsx writers and the page's print components: tables of
//! typed cells and the sentences around them, built from a [`ReportContext`]. Nothing here
//! knows how it is laid out; the words are decided once, here.
//!
//! Scores stay exact decimals ([`Cell::Score`] carries the reading's decimal places); the xlsx
//! writer turns them into numbers only when it writes the cell.
//!
//! Every table is bounded ([`Bounds`]): a printout shows 200 rows of a ranking, the workbook a
//! million; a table cut short says so in [`Table::more`].

use super::{DecisionProblem, ReportContext, ReportError};
use crate::import::merge::{Field, Provenance};
use crate::round::{AwardDecision, Change};
use crate::scoring::{Evaluation, SpecialProposal};
use rust_decimal::Decimal;

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A whole number (a rank, a count).
    Int(u64),
    /// A score, printed with exactly `places` decimals (`5.10`).
    Score {
        /// The score.
        value: Decimal,
        /// Decimal places (the reading's).
        places: u32,
    },
    /// An amount of money in 万元, printed with thousands separators (`1,000`).
    Amount(Decimal),
    /// A figure as the files give it, without trailing zeros (`38.6`).
    Value(Decimal),
    /// A percentage, printed with exactly `places` decimals (`12.35 %`); `value` is in
    /// percent (`12.35`), and a workbook stores the fraction (`0.1235`, shown `12.35%`).
    Percent {
        /// The percentage.
        value: Decimal,
        /// Decimal places.
        places: u32,
    },
}

impl Cell {
    /// The cell as printed: `5.10`, `1,000`, `38.6`, the text, or nothing.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Score { value, places } => crate::score::Score(*value).fixed(*places),
            Cell::Amount(d) => amount_zh(*d),
            Cell::Value(d) => d.normalize().to_string(),
            Cell::Percent { value, places } => {
                format!("{} %", crate::score::Score(*value).fixed(*places))
            }
        }
    }

    /// Whether the cell is a number (right-aligned when printed).
    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Empty | Cell::Text(_))
    }

    fn text_of(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }
}

/// A table: a header row and rows of cells (each row as long as the header).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The column headers.
    pub header: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// The column holding park names, printed without wrapping.
    pub name_column: Option<usize>,
    /// When rows were left out (a bound): what the reader is told (`仅列出前 200 名…`).
    pub more: Option<String>,
}

/// A piece of a report section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A sentence or paragraph.
    Paragraph(String),
    /// Sentences listed one under another (the reading, the notes).
    Lines(Vec<String>),
    /// A table.
    Table(Table),
}

/// A section of a report: a heading and what is under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading (`一、考核结果排名`).
    pub heading: String,
    /// The worksheet the section goes to in the workbook (the printout ignores it).
    pub sheet: &'static str,
    /// Its content, in order.
    pub blocks: Vec<Block>,
}

/// `一`, `二`, … `十`, then digits: the numbering of a report's sections.
pub fn numeral_zh(n: usize) -> String {
    const DIGITS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    n.checked_sub(1)
        .and_then(|i| DIGITS.get(i))
        .map_or_else(|| n.to_string(), |d| (*d).to_owned())
}

/// Numbers the sections' headings in order (`一、…`, `二、…`).
pub fn number_sections(sections: &mut [Section]) {
    for (i, s) in sections.iter_mut().enumerate() {
        s.heading = format!("{}、{}", numeral_zh(i + 1), s.heading);
    }
}

/// How much of a long table a report shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    /// Rows of a ranking, an award list, the change log.
    pub rows: usize,
    /// Parks whose every indicator the explanation table spells out (a row per indicator).
    pub explained_parks: usize,
    /// Parks given a 园区得分明细单 when all are asked for.
    pub park_sheets: usize,
}

impl Bounds {
    /// For workbooks: a worksheet holds 1,048,576 rows; a workbook of 500 sheets still opens.
    pub const XLSX: Bounds = Bounds {
        rows: 1_000_000,
        explained_parks: 20_000,
        park_sheets: 500,
    };
    /// For printouts: what a browser lays out without freezing (the page's ranking prints
    /// 200 rows too).
    pub const PRINT: Bounds = Bounds {
        rows: 200,
        explained_parks: 20,
        park_sheets: 50,
    };
}

/// `1,000`, `1,234.5`, `333.333333`: an amount with thousands separators and no trailing zeros.
pub fn amount_zh(d: Decimal) -> String {
    let text = d.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// The ranking: 名次, 参评园区 (`unit_header`: 参评企业 for a scheme of enterprises), each
/// group's subtotal (its weight in the header), 附加分, 总分, 等级 (when the scheme has
/// classes), 奖励（万元）. The same in the 公示版 and the 内部版.
pub fn ranking_table(ctx: &ReportContext<'_>, bounds: Bounds) -> Table {
    let eval = ctx.evaluation;
    let places = eval.reading.rounding_places;
    let mut header: Vec<String> = vec!["名次".into(), unit_header(ctx.scheme)];
    header.extend(
        ctx.scheme
            .groups
            .iter()
            .map(|g| format!("{}（{}分）", g.name, g.weight.normalize())),
    );
    header.extend(["附加分".into(), "总分".into()]);
    let classes = eval.classes.is_some();
    if classes {
        header.push("等级".into());
    }
    header.push("奖励（万元）".into());
    let score = |s: crate::Score| Cell::Score {
        value: s.value(),
        places,
    };
    let rows = eval
        .ranked()
        .take(bounds.rows)
        .map(|p| {
            let mut row = vec![Cell::Int(p.rank.into()), Cell::text_of(p.name.as_str())];
            row.extend(p.groups().map(|g| score(g.score)));
            row.push(score(p.bonus));
            row.push(score(p.total));
            if classes {
                row.push(p.class().map_or(Cell::Empty, Cell::text_of));
            }
            row.push(p.award_wan.map_or(Cell::Empty, Cell::Amount));
            row
        })
        .collect();
    Table {
        header,
        rows,
        name_column: Some(1),
        more: cut_note(
            eval.parks.len(),
            bounds.rows,
            &format!("个{}", unit_header(ctx.scheme)),
        ),
    }
}

/// The header of the reports' column of units: 参评 and the scheme's word (参评园区, 参评企业).
/// Deliberately not a name header the import knows (园区名称, 企业名称, …): the 内部版's
/// read-back finds its 原始数据 sheet because no other sheet has one
/// (`import::is_report_unit_header` says which headers these are).
pub fn unit_header(scheme: &crate::Scheme) -> String {
    format!("参评{}", scheme.unit_noun())
}

/// `仅列出前 200 个（共 1,000 个参评园区），完整名单见 Excel 文件`, when `total` exceeds `shown`.
fn cut_note(total: usize, shown: usize, what: &str) -> Option<String> {
    (total > shown).then(|| {
        format!(
            "仅列出前 {} 个（共 {} {what}），完整内容见 Excel 文件",
            amount_zh(Decimal::from(shown)),
            amount_zh(Decimal::from(total))
        )
    })
}

/// The vetoed parks, one sentence each: `某园区：重特大安全生产事故，当年不予评价考核。`
pub fn vetoed_lines(ctx: &ReportContext<'_>, bounds: Bounds) -> Vec<String> {
    let vetoed = &ctx.evaluation.vetoed;
    let mut lines: Vec<String> = vetoed
        .iter()
        .take(bounds.rows)
        .map(|v| {
            let reason = v
                .veto
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .unwrap_or("一票否决");
            format!("{}：{reason}，当年不予评价考核。", v.name)
        })
        .collect();
    if let Some(more) = cut_note(
        vetoed.len(),
        bounds.rows,
        &format!("个{}", ctx.scheme.unit_noun()),
    ) {
        lines.push(more);
    }
    lines
}

/// The units not rated (T, 不参评) in one sentence per 200 names at most:
/// `T 类（不参评，不评分、不排名）：甲公司、乙公司。`
pub fn not_rated_lines(ctx: &ReportContext<'_>, bounds: Bounds) -> Vec<String> {
    let names = &ctx.evaluation.not_rated;
    if names.is_empty() {
        return Vec::new();
    }
    let shown: Vec<&str> = names.iter().take(bounds.rows).map(|n| n.as_str()).collect();
    let mut lines = vec![format!(
        "{} 类（不参评，不评分、不排名，不计入参评单位数）：{}。",
        crate::scheme::NOT_RATED_CLASS,
        shown.join("、")
    )];
    if let Some(more) = cut_note(names.len(), bounds.rows, "个不参评单位") {
        lines.push(more);
    }
    lines
}

/// Whether a special award is decided, proposed, or open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwardStatus {
    /// The committee decided (an [`AwardDecision`]): printed as 决定.
    Decided,
    /// The engine proposes the best park of the award's group: printed as 建议.
    Proposed,
    /// Nobody yet: the award has no group to measure it by (园区公共服务平台), the top is tied,
    /// or no park scored in the group; printed as 待定.
    Open,
}

impl AwardStatus {
    /// `决定`, `建议`, `待定`.
    pub fn label_zh(self) -> &'static str {
        match self {
            AwardStatus::Decided => "决定",
            AwardStatus::Proposed => "建议",
            AwardStatus::Open => "待定",
        }
    }
}

/// One special award as the reports print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecialLine {
    /// The award (`创新发展`).
    pub name: String,
    /// Its amount in 万元.
    pub amount_wan: Decimal,
    /// Decided, proposed or open.
    pub status: AwardStatus,
    /// Who: the park decided, the park(s) proposed, or 由考核小组确定.
    pub recipients: String,
    /// Why, in words fit to post (`「科技创新」小计最高 6.00 分`, `考核小组决定`).
    pub basis: String,
    /// The engine's proposal, for the 内部版 (`「科技创新」小计最高 6.00 分：红山园区`).
    pub proposal: String,
    /// The note recorded with the decision (the 内部版 prints it; the 公示版 does not).
    pub note: String,
}

/// The special awards, each with the committee's decision when one is recorded (the last one
/// for the award counts), else the engine's proposal.
///
/// A decision naming an award the scheme does not have, or a park not in the ranking (removed
/// from the data, or vetoed since), is refused ([`ReportError::Decision`]): printing it would
/// award money to a park the result does not list. So is a decision the data has overtaken: an
/// award its group now proposes without a tie, or a tie the park decided on is not part of —
/// the page would show the rules' result while the paper printed the old decision.
pub fn special_awards(ctx: &ReportContext<'_>) -> Result<Vec<SpecialLine>, ReportError> {
    let eval = ctx.evaluation;
    for d in ctx.decisions {
        let known = eval
            .awards
            .special
            .iter()
            .any(|s| s.name.trim() == d.award.trim());
        if !known {
            return Err(decision_error(d, DecisionProblem::UnknownAward));
        }
    }
    eval.awards
        .special
        .iter()
        .map(|s| {
            let decision = ctx
                .decisions
                .iter()
                .rev()
                .find(|d| d.award.trim() == s.name.trim());
            match decision {
                Some(d) => {
                    if eval.row(d.park.as_str()).is_none() {
                        return Err(decision_error(d, DecisionProblem::ParkNotRanked));
                    }
                    if !s.is_open() {
                        return Err(decision_error(d, DecisionProblem::NotOpen));
                    }
                    if s.basis.is_some() && !s.candidates.contains(&d.park) {
                        return Err(decision_error(d, DecisionProblem::NotACandidate));
                    }
                    Ok(SpecialLine {
                        name: s.name.clone(),
                        amount_wan: s.amount_wan,
                        status: AwardStatus::Decided,
                        recipients: d.park.to_string(),
                        basis: "考核小组决定".to_owned(),
                        proposal: proposal_zh(s),
                        note: d.note.trim().to_owned(),
                    })
                }
                None => Ok(undecided(s, eval.reading.unit_noun())),
            }
        })
        .collect()
}

fn decision_error(d: &AwardDecision, problem: DecisionProblem) -> ReportError {
    ReportError::Decision {
        award: d.award.clone(),
        park: d.park.to_string(),
        problem,
    }
}

/// The engine's proposal as the 内部版 states it.
fn proposal_zh(s: &SpecialProposal) -> String {
    if s.basis.is_none() {
        "方案未规定评分依据，由考核小组研究确定".to_owned()
    } else {
        s.explain.clone()
    }
}

/// A special award nobody decided: the engine's proposal, or open; a long list of tied units
/// is counted by `noun` (`Reading::unit_noun`).
fn undecided(s: &SpecialProposal, noun: &str) -> SpecialLine {
    let (status, recipients, basis) = if s.basis.is_none() {
        (
            AwardStatus::Open,
            "由考核小组确定".to_owned(),
            "方案未规定评分依据，由考核小组研究确定".to_owned(),
        )
    } else if s.candidates.is_empty() {
        (AwardStatus::Open, "暂无建议".to_owned(), s.explain.clone())
    } else if s.tie {
        (
            AwardStatus::Open,
            format!("{}（并列）", s.recipients_zh_for(None, noun)),
            format!("{}；由考核小组确定", s.explain),
        )
    } else {
        (
            AwardStatus::Proposed,
            s.recipients_zh_for(None, noun),
            s.explain.clone(),
        )
    };
    SpecialLine {
        name: s.name.clone(),
        amount_wan: s.amount_wan,
        status,
        recipients,
        basis,
        proposal: proposal_zh(s),
        note: String::new(),
    }
}

/// The sums of the award money (`None` only if the amounts overflow).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AwardTotals {
    /// Every place award.
    pub places: Option<Decimal>,
    /// Every special award, decided or not (its money is set aside either way).
    pub special: Option<Decimal>,
    /// Both.
    pub total: Option<Decimal>,
}

impl AwardTotals {
    /// The sums of `ctx`'s awards.
    pub fn of(ctx: &ReportContext<'_>) -> AwardTotals {
        AwardTotals::of_evaluation(ctx.evaluation)
    }

    /// The sums of an evaluation's awards (what the page's awards view shows).
    pub fn of_evaluation(evaluation: &Evaluation) -> AwardTotals {
        let awards = &evaluation.awards;
        let places = awards
            .places
            .iter()
            .try_fold(Decimal::ZERO, |a, p| a.checked_add(p.amount_wan));
        let special = awards
            .special
            .iter()
            .try_fold(Decimal::ZERO, |a, s| a.checked_add(s.amount_wan));
        let total = places.zip(special).and_then(|(p, s)| p.checked_add(s));
        AwardTotals {
            places,
            special,
            total,
        }
    }

    /// `奖励资金合计 1,000 万元，其中名次奖励 600 万元、专项奖励 400 万元。`
    pub fn sentence_zh(&self) -> String {
        match (self.total, self.places, self.special) {
            (Some(t), Some(p), Some(s)) => format!(
                "奖励资金合计 {} 万元，其中名次奖励 {} 万元、专项奖励 {} 万元。",
                amount_zh(t),
                amount_zh(p),
                amount_zh(s)
            ),
            _ => "奖励金额过大，无法合计。".to_owned(),
        }
    }
}

/// The award money as one table — every place award, then every special award, then 合计
/// (the sum of every award, computed: [`AwardTotals`]), for the 内部版. A decided special
/// award says what the engine proposed and the decision's note.
pub fn awards_table(ctx: &ReportContext<'_>, specials: &[SpecialLine], bounds: Bounds) -> Table {
    let eval = ctx.evaluation;
    let recipients = format!("获奖{}", ctx.scheme.unit_noun());
    let header: Vec<String> = ["奖项", recipients.as_str(), "金额（万元）", "性质", "说明"]
        .map(String::from)
        .to_vec();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let places = &eval.awards.places;
    for a in places.iter().take(bounds.rows) {
        rows.push(vec![
            Cell::Text(format!("第 {} 名", a.rank)),
            Cell::text_of(a.park.as_str()),
            Cell::Amount(a.amount_wan),
            Cell::text_of("名次奖励"),
            Cell::Text(a.explain_for(eval.reading.unit_noun())),
        ]);
    }
    for s in specials {
        let mut why = match s.status {
            AwardStatus::Decided => format!("考核小组决定（建议：{}）", s.proposal),
            _ => s.basis.clone(),
        };
        if !s.note.is_empty() {
            why.push_str(&format!("；记录：{}", s.note));
        }
        rows.push(vec![
            Cell::Text(format!("专项：{}", s.name)),
            Cell::Text(s.recipients.clone()),
            Cell::Amount(s.amount_wan),
            Cell::text_of(s.status.label_zh()),
            Cell::Text(why),
        ]);
    }
    let totals = AwardTotals::of(ctx);
    let split = match (totals.places, totals.special) {
        (Some(p), Some(s)) => format!(
            "名次奖励 {} 万元，专项奖励 {} 万元",
            amount_zh(p),
            amount_zh(s)
        ),
        _ => "金额过大，无法合计".to_owned(),
    };
    rows.push(vec![
        Cell::text_of("合计"),
        Cell::Empty,
        totals.total.map_or(Cell::Empty, Cell::Amount),
        Cell::Empty,
        Cell::Text(split),
    ]);
    Table {
        header,
        rows,
        name_column: Some(1),
        more: cut_note(places.len(), bounds.rows, "项名次奖励"),
    }
}

/// Every indicator of every park (first [`Bounds::explained_parks`] by rank): 参评园区,
/// 一级指标, 二级指标, 数值, 单位, 来源 (file and cell, from the provenance), 名次, 得分, 满分,
/// 计算过程; after each park's indicators a 附加分 row.
pub fn explain_table(ctx: &ReportContext<'_>, bounds: Bounds) -> Table {
    let eval = ctx.evaluation;
    let places = eval.reading.rounding_places;
    let header: Vec<String> = [
        unit_header(ctx.scheme).as_str(),
        "一级指标",
        "二级指标",
        "数值",
        "单位",
        "来源",
        "名次",
        "得分",
        "满分",
        "计算过程",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for p in eval.ranked().take(bounds.explained_parks) {
        for g in &ctx.scheme.groups {
            for ind in &g.indicators {
                let Some(r) = p.indicator(ind.id.as_str()) else {
                    continue;
                };
                rows.push(vec![
                    Cell::text_of(p.name.as_str()),
                    Cell::text_of(g.name.as_str()),
                    Cell::text_of(ind.name.as_str()),
                    r.value.map_or_else(|| Cell::text_of("缺失"), Cell::Value),
                    Cell::text_of(ind.unit.as_str()),
                    Cell::Text(origin(
                        ctx.provenance,
                        p.name.as_str(),
                        &Field::Indicator(ind.id.clone()),
                    )),
                    r.rank.map_or(Cell::Empty, |k| Cell::Int(k.into())),
                    Cell::Score {
                        value: r.score.value(),
                        places,
                    },
                    Cell::Value(r.full),
                    Cell::Text(r.explain()),
                ]);
            }
        }
        let counts = [("省级", Field::Provincial), ("国家级", Field::National)]
            .into_iter()
            .filter_map(|(label, field)| {
                let o = origin(ctx.provenance, p.name.as_str(), &field);
                (!o.is_empty()).then(|| format!("{label}：{o}"))
            })
            .collect::<Vec<_>>()
            .join("；");
        rows.push(vec![
            Cell::text_of(p.name.as_str()),
            Cell::text_of("附加分"),
            Cell::text_of("省级、国家级认定"),
            Cell::Text(format!(
                "省级 {}，国家级 {}",
                p.provincial_recognitions, p.national_recognitions
            )),
            Cell::text_of("项"),
            Cell::Text(counts),
            Cell::Empty,
            Cell::Score {
                value: p.bonus.value(),
                places,
            },
            Cell::Empty,
            Cell::Text(p.bonus_explain()),
        ]);
    }
    Table {
        header,
        rows,
        name_column: Some(0),
        more: cut_note(
            eval.parks.len(),
            bounds.explained_parks,
            &format!("个{}", unit_header(ctx.scheme)),
        ),
    }
}

/// Where `park`'s `field` came from (`sample-2020.csv B3`), or nothing.
fn origin(provenance: Option<&Provenance>, park: &str, field: &Field) -> String {
    provenance
        .and_then(|p| p.origin(park, field))
        .map_or_else(String::new, |o| o.to_string())
}

/// The change log, one row per change in the order made: 序号, 时间, 文件, 单元格, 参评园区,
/// 列, 原值, 新值, 原因. An empty text reads （空）; a row inserted or deleted reads
/// `插入第 5 行` / `删除第 7 行` under 列, a deleted row's cells under 原值. The unit column is
/// headed by `unit` (`unit_header`: 参评园区, 参评企业).
pub fn change_table(changes: &[Change], unit: &str, bounds: Bounds) -> Table {
    let header: Vec<String> = [
        "序号",
        "时间",
        "文件",
        "单元格",
        unit,
        "列",
        "原值",
        "新值",
        "原因",
    ]
    .map(String::from)
    .to_vec();
    let rows = changes
        .iter()
        .take(bounds.rows)
        .enumerate()
        .map(|(i, c)| {
            vec![
                Cell::Int(u64::try_from(i + 1).unwrap_or(u64::MAX)),
                Cell::Text(c.at.clone()),
                Cell::Text(c.file.clone()),
                Cell::Text(c.cell.clone()),
                Cell::Text(c.park.clone().unwrap_or_default()),
                Cell::Text(c.what_zh()),
                Cell::Text(c.before_zh()),
                Cell::Text(c.after_zh()),
                Cell::Text(c.reason.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Table {
        header,
        rows,
        name_column: Some(4),
        more: cut_note(changes.len(), bounds.rows, "处修改"),
    }
}

/// The net summary of the change log (`共修改 3 处：…`), kept to a readable length: past
/// 2,000 characters only the count is given, the rows being in the 修改记录.
pub fn changes_summary(changes: &[Change]) -> String {
    let full = crate::round::changes_summary_zh(changes);
    if full.chars().count() <= SUMMARY_CHARS {
        return full;
    }
    let net = crate::round::net_changes(changes).len();
    format!(
        "共修改 {} 处（逐条见「修改记录」）",
        amount_zh(Decimal::from(net))
    )
}

/// The longest change summary printed in full.
const SUMMARY_CHARS: usize = 2_000;

/// The files the data came from, as printed (`工信局.xlsx（工作表「数据」）`): the provenance's,
/// else the tables'.
pub fn file_lines(ctx: &ReportContext<'_>) -> Vec<String> {
    match ctx.provenance {
        Some(p) => p.file_lines(),
        None => ctx.tables.iter().map(|t| t.source_line()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("a decimal")
    }

    #[test]
    fn amounts_have_thousands_separators() {
        assert_eq!(amount_zh(dec("1000")), "1,000");
        assert_eq!(amount_zh(dec("1000.00")), "1,000");
        assert_eq!(amount_zh(dec("300")), "300");
        assert_eq!(amount_zh(dec("1234567.5")), "1,234,567.5");
        assert_eq!(amount_zh(dec("333.333333")), "333.333333");
        assert_eq!(amount_zh(dec("-1234")), "-1,234");
        assert_eq!(amount_zh(dec("0")), "0");
        assert_eq!(amount_zh(dec("100000")), "100,000");
    }

    #[test]
    fn cells_print_as_published() {
        assert_eq!(
            Cell::Score {
                value: dec("5.1"),
                places: 2
            }
            .text(),
            "5.10"
        );
        assert_eq!(Cell::Value(dec("38.60")).text(), "38.6");
        assert_eq!(Cell::Amount(dec("1000")).text(), "1,000");
        assert_eq!(Cell::Int(3).text(), "3");
        assert_eq!(Cell::Empty.text(), "");
        assert!(Cell::Int(3).is_number());
        assert!(!Cell::text_of("x").is_number());
    }
}
