//! 园区得分明细单: one page per park — what each park is given about its own result.
//!
//! A sheet names the park and the year, its place (and its 等级 when the scheme grades), total
//! and place award, the scheme with its fingerprint, then one table:
//! every indicator (group, name, value, unit, rank, score, full points, how the score was
//! computed), a 小计 row closing each group, the 附加分 row with its explanation, and the
//! 总分 row. No other park's figure appears (the explanations name N, the best value, the
//! minimum and maximum, which the method needs — the same facts the 内部版 prints).
//!
//! The workbook has **one worksheet per park**, named by the park (`东山园区`), by rank, each
//! printed on exactly one A4 landscape page; before them a 目录 linking to each. One sheet per
//! park rather than one long sheet with a page break per park: a park's sheet can be printed,
//! copied or sent on its own, the tabs are the index, and every sheet has its own title and
//! print titles. All parks ([`ParkSelection::All`], at most [`Bounds::park_sheets`], then a
//! note says how many were left out) or one ([`ParkSelection::One`]: its sheet alone).

use super::content::{Bounds, Cell, Table};
use super::writer::{Color, Format, FormatBorder, FormatUnderline, Url};
use super::xlsx::{col_num, sheet_name, workbook, Fit, SheetWriter, Styles, BODY_FONT};
use super::{ReportContext, ReportError};
use crate::scoring::ParkView;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Which parks get a sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParkSelection<'a> {
    /// Every ranked park, by rank (at most [`Bounds::park_sheets`]).
    All,
    /// The park of this name.
    One(&'a str),
}

/// One park's 得分明细单.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkSheet {
    /// The park.
    pub park: String,
    /// `东山园区得分明细单`.
    pub title: String,
    /// `赤峰市工业园区综合发展评价考核结果（2020年度）`.
    pub subtitle: String,
    /// `名次：第 2 名（共 14 个参评园区）`, `等级：A` (with classes), `总分：94.80 = 基础分 89.80 +
    /// 附加分 5.00`, the award, `评分方案：…（指纹 1a2b3c4d）`.
    pub summary: Vec<String>,
    /// The indicators, group subtotals, bonus and total.
    pub table: Table,
}

/// The sheets asked for, and what was left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParkSheets {
    /// One per park, by rank.
    pub sheets: Vec<ParkSheet>,
    /// When parks were left out (a bound): what the reader is told.
    pub more: Option<String>,
}

/// The 得分明细单 of the parks `selection` names: refused without a year, or for a park not in
/// the ranking.
pub fn park_sheets(
    ctx: &ReportContext<'_>,
    selection: ParkSelection<'_>,
    bounds: Bounds,
) -> Result<ParkSheets, ReportError> {
    let subtitle = ctx.title()?;
    let eval = ctx.evaluation;
    match selection {
        ParkSelection::One(name) => {
            let view = eval
                .park(name.trim())
                .ok_or_else(|| ReportError::UnknownPark(name.trim().to_owned()))?;
            Ok(ParkSheets {
                sheets: vec![sheet(ctx, &view, &subtitle)],
                more: None,
            })
        }
        ParkSelection::All => {
            let sheets = eval
                .ranked()
                .take(bounds.park_sheets)
                .map(|view| sheet(ctx, &view, &subtitle))
                .collect();
            let more = (eval.parks.len() > bounds.park_sheets).then(|| {
                let noun = ctx.scheme.unit_noun();
                format!(
                    "共 {} 个参评{noun}，这里列出前 {} 名的得分明细单；其他{noun}请逐个生成",
                    eval.parks.len(),
                    bounds.park_sheets
                )
            });
            Ok(ParkSheets { sheets, more })
        }
    }
}

/// One park's sheet.
fn sheet(ctx: &ReportContext<'_>, p: &ParkView<'_>, subtitle: &str) -> ParkSheet {
    let eval = ctx.evaluation;
    let places = eval.reading.rounding_places;
    let score = |value: Decimal| Cell::Score { value, places };
    let mut summary = vec![format!(
        "名次：第 {} 名（共 {} 个参评{}）",
        p.rank,
        eval.parks.len(),
        ctx.scheme.unit_noun()
    )];
    if let Some(class) = p.class() {
        summary.push(format!("等级：{class}"));
    }
    summary.extend([format!(
        "总分：{} = 基础分 {} + 附加分 {}",
        p.total.fixed(places),
        p.base.fixed(places),
        p.bonus.fixed(places)
    )]);
    if let Some(award) = eval.awards.places.iter().find(|a| a.park == p.name) {
        summary.push(format!(
            "名次奖励：{}",
            award.explain_for(eval.reading.unit_noun())
        ));
    }
    summary.push(format!("评分方案：{}", ctx.scheme.title_with_fingerprint()));

    let header: Vec<String> = [
        "一级指标",
        "二级指标",
        "数值",
        "单位",
        "名次",
        "得分",
        "满分",
        "计算过程",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for g in &ctx.scheme.groups {
        for ind in &g.indicators {
            let Some(r) = p.indicator(ind.id.as_str()) else {
                continue;
            };
            rows.push(vec![
                Cell::Text(g.name.clone()),
                Cell::Text(ind.name.clone()),
                r.value
                    .map_or_else(|| Cell::Text("缺失".to_owned()), Cell::Value),
                Cell::Text(ind.unit.clone()),
                r.rank.map_or(Cell::Empty, |k| Cell::Int(k.into())),
                score(r.score.value()),
                Cell::Value(r.full),
                Cell::Text(r.explain()),
            ]);
        }
        if let Some(sub) = p.group(&g.id.0) {
            rows.push(vec![
                Cell::Text(g.name.clone()),
                Cell::Text("小计".to_owned()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                score(sub.score.value()),
                Cell::Value(sub.full),
                Cell::Text(format!("{}各项得分之和", g.name)),
            ]);
        }
    }
    rows.push(vec![
        Cell::Text("附加分".to_owned()),
        Cell::Text("省级、国家级认定".to_owned()),
        Cell::Text(format!(
            "省级 {}，国家级 {}",
            p.provincial_recognitions, p.national_recognitions
        )),
        Cell::Text("项".to_owned()),
        Cell::Empty,
        score(p.bonus.value()),
        Cell::Empty,
        Cell::Text(p.bonus_explain()),
    ]);
    rows.push(vec![
        Cell::Text("总分".to_owned()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Int(p.rank.into()),
        score(p.total.value()),
        ctx.scheme.total.map_or(Cell::Empty, Cell::Value),
        Cell::Text(format!(
            "基础分 {} + 附加分 {} = {}",
            p.base.fixed(places),
            p.bonus.fixed(places),
            p.total.fixed(places)
        )),
    ]);
    ParkSheet {
        park: p.name.to_string(),
        title: format!("{}得分明细单", p.name),
        subtitle: subtitle.to_owned(),
        summary,
        table: Table {
            header,
            rows,
            name_column: None,
            more: None,
        },
    }
}

/// The 得分明细单 as a workbook: for [`ParkSelection::All`] a 目录 and one sheet per park;
/// for one park its sheet alone.
pub fn park_sheets_xlsx(
    ctx: &ReportContext<'_>,
    selection: ParkSelection<'_>,
) -> Result<Vec<u8>, ReportError> {
    let doc = park_sheets(ctx, selection, Bounds::XLSX)?;
    let styles = Styles::new();
    let mut book = workbook(ctx.created_at)?;
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let all = selection == ParkSelection::All;
    if all {
        taken.insert("目录".to_owned());
    }
    let names: Vec<String> = doc
        .sheets
        .iter()
        .map(|s| sheet_name(&s.park, &mut taken))
        .collect();
    if all {
        let ws = book.add_worksheet();
        ws.set_name("目录")?;
        let index = Table {
            header: [
                "名次".to_owned(),
                super::content::unit_header(ctx.scheme),
                "总分".to_owned(),
                "工作表".to_owned(),
            ]
            .to_vec(),
            rows: doc
                .sheets
                .iter()
                .zip(&names)
                .filter_map(|(s, name)| {
                    let p = ctx.evaluation.park(&s.park)?;
                    Some(vec![
                        Cell::Int(p.rank.into()),
                        Cell::Text(s.park.clone()),
                        Cell::Score {
                            value: p.total.value(),
                            places: ctx.evaluation.reading.rounding_places,
                        },
                        Cell::Text(name.clone()),
                    ])
                })
                .collect(),
            name_column: Some(1),
            more: doc.more.clone(),
        };
        let first = doc
            .sheets
            .first()
            .map(|s| s.subtitle.clone())
            .unwrap_or_default();
        let mut w = SheetWriter::new(ws, &styles, index.header.len());
        w.title(&format!("{}得分明细单", ctx.scheme.unit_noun()))?;
        w.subtitle(&first)?;
        w.skip(1);
        let top = w.row() + 1;
        w.table(&index)?;
        let link = Format::new()
            .set_font_name(BODY_FONT)
            .set_font_size(11)
            .set_font_color(Color::RGB(0x0000_56B3))
            .set_underline(FormatUnderline::Single)
            .set_border(FormatBorder::Thin);
        for (i, name) in names.iter().enumerate() {
            let row = top + super::xlsx::row_num(i);
            let url = Url::new(format!("internal:'{}'!A1", name.replace('\'', "''")))
                .set_text(name.clone());
            w.sheet()
                .write_url_with_format(row, col_num(3), url, &link)?;
        }
        w.finish(Fit::Width, None)?;
    }
    for (s, name) in doc.sheets.iter().zip(&names) {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        let mut w = SheetWriter::new(ws, &styles, s.table.header.len());
        w.title(&s.title)?;
        w.subtitle(&s.subtitle)?;
        for line in &s.summary {
            w.paragraph(line)?;
        }
        w.table(&s.table)?;
        w.finish(Fit::Page, None)?;
    }
    Ok(book.save_to_buffer()?)
}
