//! The 公示版: the result as it is posted (附件1 四: the report is 公示 before it is final).
//!
//! `关于2020年度赤峰市工业园区综合发展评价考核结果的公示`, a sentence saying what is posted and
//! on what basis, then numbered sections — the ranking (rank, park, group subtotals, bonus,
//! total, place award), the special awards (决定 where the committee decided; else the
//! engine's 建议, or 由考核小组确定), the total of the award money, the vetoed parks (the
//! document has them 向社会公告), how the scores were computed (the reading without method
//! ids), the 公示期 and whom to tell of an objection — and the 落款: 制表单位, date, and a
//! place for the stamp (（盖章）).
//!
//! What it never shows: a raw figure or an indicator's value or score (only group subtotals,
//! which are sums of scores), a method or scheme id, the engine's notes (they name values),
//! or a decision's note (it is the committee's record; the 内部版 prints it).
//!
//! It is refused until the round's facts a notice needs are entered
//! ([`ReportError::NotReady`]); nothing is printed as a blank to fill in by hand.
//!
//! The workbook has one sheet, [`PUBLICITY_SHEET`], laid out as the printout: A4 landscape,
//! one page wide, the ranking's header repeated on every page, the page number in the footer.

use super::content::{
    not_rated_lines, number_sections, ranking_table, special_awards, vetoed_lines, AwardTotals,
    Block, Bounds, Cell, Section, Table,
};
use super::writer::XlsxError;
use super::xlsx::{workbook, Fit, SheetWriter, Styles};
use super::{ReportContext, ReportError};

/// The sheet of the 公示版 workbook.
pub const PUBLICITY_SHEET: &str = "公示";

/// What a stamp goes over: printed under the 落款.
pub const STAMP: &str = "（盖章）";

/// The 公示版's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publicity {
    /// `关于2020年度赤峰市工业园区综合发展评价考核结果的公示`.
    pub title: String,
    /// What is posted and on what basis.
    pub intro: String,
    /// The numbered sections: 考核结果排名, 专项奖励, 不予评价考核的园区 (when any), 计分说明,
    /// 公示期及异议反映.
    pub sections: Vec<Section>,
    /// 落款: 制表单位.
    pub issuer: String,
    /// 落款: the date (`2021年3月24日`).
    pub signed_on: String,
    /// The place for the stamp ([`STAMP`]).
    pub stamp: &'static str,
}

/// The 公示版 of `ctx`: refused while the year or any fact a notice needs is missing or
/// wrong, or a recorded decision no longer fits the result.
pub fn publicity(ctx: &ReportContext<'_>, bounds: Bounds) -> Result<Publicity, ReportError> {
    let facts = ctx.facts;
    let missing = facts.missing_for_publicity(ctx.files_year);
    let problem = facts.problem();
    if missing == ["年度"] && problem.is_none() {
        return Err(ReportError::YearUnknown);
    }
    if !missing.is_empty() || problem.is_some() {
        return Err(ReportError::NotReady { missing, problem });
    }
    let year = ctx.year()?;
    let (Some(period), Some(signed_on)) = (facts.publicity_period(), facts.signed_on) else {
        // missing_for_publicity checked both.
        return Err(ReportError::NotReady {
            missing: vec!["公示期", "落款日期"],
            problem: None,
        });
    };
    let issuer = facts.issuer.trim().to_owned();
    let subject = format!("{year}年度{}", ctx.scheme.report_title());

    let specials = special_awards(ctx)?;
    let mut sections = vec![Section {
        heading: "考核结果排名".to_owned(),
        sheet: PUBLICITY_SHEET,
        blocks: vec![Block::Table(ranking_table(ctx, bounds))],
    }];

    let recipients = format!("获奖{}", ctx.scheme.unit_noun());
    let special = Table {
        header: [
            "专项奖励",
            "金额（万元）",
            recipients.as_str(),
            "性质",
            "说明",
        ]
        .map(String::from)
        .to_vec(),
        rows: specials
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.name.clone()),
                    Cell::Amount(s.amount_wan),
                    Cell::Text(s.recipients.clone()),
                    Cell::Text(s.status.label_zh().to_owned()),
                    Cell::Text(s.basis.clone()),
                ]
            })
            .collect(),
        name_column: Some(2),
        more: None,
    };
    let mut award_blocks = Vec::new();
    let heading = if specials.is_empty() {
        "奖励资金"
    } else {
        award_blocks.push(Block::Table(special));
        "专项奖励及奖励资金"
    };
    if !ctx.evaluation.awards.places.is_empty() || !specials.is_empty() {
        award_blocks.push(Block::Paragraph(AwardTotals::of(ctx).sentence_zh()));
    }
    if !award_blocks.is_empty() {
        sections.push(Section {
            heading: heading.to_owned(),
            sheet: PUBLICITY_SHEET,
            blocks: award_blocks,
        });
    }

    let vetoed = vetoed_lines(ctx, bounds);
    if !vetoed.is_empty() {
        sections.push(Section {
            heading: format!("不予评价考核的{}", ctx.scheme.unit_noun()),
            sheet: PUBLICITY_SHEET,
            blocks: vec![Block::Lines(vetoed)],
        });
    }
    let not_rated = not_rated_lines(ctx, bounds);
    if !not_rated.is_empty() {
        sections.push(Section {
            heading: "不参评单位".to_owned(),
            sheet: PUBLICITY_SHEET,
            blocks: vec![Block::Lines(not_rated)],
        });
    }
    sections.push(Section {
        heading: "计分说明".to_owned(),
        sheet: PUBLICITY_SHEET,
        blocks: vec![Block::Lines(
            ctx.evaluation
                .reading
                .description_zh
                .iter()
                .cloned()
                .chain([format!(
                    "评分方案：{}。指纹由方案的全部规则算出，两份结果的指纹相同即按同一方案评分。",
                    ctx.scheme.title_with_fingerprint()
                )])
                .collect(),
        )],
    });
    let mut objection = vec![format!("公示期：{period}。")];
    objection.push(format!("公示期内如对考核结果有异议，请向{issuer}反映。"));
    objection.push(format!(
        "联系人：{}　联系电话：{}",
        facts.contact.trim(),
        facts.phone.trim()
    ));
    sections.push(Section {
        heading: "公示期及异议反映".to_owned(),
        sheet: PUBLICITY_SHEET,
        blocks: vec![Block::Lines(objection)],
    });
    number_sections(&mut sections);

    Ok(Publicity {
        title: ctx.marked(format!("关于{subject}的公示")),
        intro: format!(
            "根据{}的规定，现将{subject}公示如下。",
            ctx.scheme.document.trim()
        ),
        sections,
        issuer,
        signed_on: signed_on.to_string(),
        stamp: STAMP,
    })
}

/// The 公示版 as a workbook of one sheet ([`PUBLICITY_SHEET`]).
pub fn publicity_xlsx(ctx: &ReportContext<'_>) -> Result<Vec<u8>, ReportError> {
    let doc = publicity(ctx, Bounds::XLSX)?;
    let styles = Styles::new();
    let mut book = workbook(ctx.created_at)?;
    let columns = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.header.len()),
            _ => None,
        })
        .max()
        .unwrap_or(1);
    let ws = book.add_worksheet();
    ws.set_name(PUBLICITY_SHEET)?;
    let mut w = SheetWriter::new(ws, &styles, columns);
    w.title(&doc.title)?;
    w.skip(1);
    w.paragraph(&doc.intro)?;
    write_sections(&mut w, &doc.sections)?;
    w.skip(1);
    w.signature(doc.stamp)?;
    w.skip(1);
    w.signature(&doc.issuer)?;
    w.signature(&doc.signed_on)?;
    w.finish(Fit::Width, None)?;
    Ok(book.save_to_buffer()?)
}

/// Writes `sections` in order: heading, then each block.
pub(super) fn write_sections(
    w: &mut SheetWriter<'_>,
    sections: &[Section],
) -> Result<(), XlsxError> {
    for s in sections {
        w.section(&s.heading)?;
        for b in &s.blocks {
            write_block(w, b)?;
        }
    }
    Ok(())
}

/// Writes one block of a section: a paragraph, lines one under another, or a table.
pub(super) fn write_block(w: &mut SheetWriter<'_>, block: &Block) -> Result<(), XlsxError> {
    match block {
        Block::Paragraph(p) => w.paragraph(p)?,
        Block::Lines(lines) => {
            for l in lines {
                w.paragraph(l)?;
            }
        }
        Block::Table(t) => w.table(t)?,
    }
    Ok(())
}
