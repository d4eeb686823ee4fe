//! The 内部版: everything, for the leaders.
//!
//! Its sections, in order (and the sheet each goes to in the workbook):
//!
//! | section | sheet |
//! | --- | --- |
//! | 考核结果排名, 不予评价考核的园区, 说明 (the engine's notes) | 总表 |
//! | 奖励资金: every award with its amount and 合计 (computed), the decisions and their notes | 奖励资金 |
//! | 各项指标得分及计算过程: value, 来源 (file and cell), rank, score, explanation | 计算说明 |
//! | 修改记录: every change (time, file, cell, park, column, before, after, reason) and the net summary | 修改记录 |
//! | 数据文件, 本轮信息, 计分口径 | 口径 |
//!
//! The workbook adds two kinds of sheet the printout has no room for: 分项得分 (every
//! indicator's score per park, one row a park) and 原始数据 — each table imported, edits
//! applied, one sheet per file (`原始数据` for one file; `原始数据1-工信局` … for a merge).
//!
//! 原始数据 keeps the file's cell addresses: the file's row 3 is the sheet's row 3, so the 来源
//! of a value (`sample-2020.csv B3`) names the cell it is in here too. That is why the sheet
//! has no title row of its own: its title is the printed page header and the file's own title
//! row, when the file has one. An edited cell is filled yellow and carries a note with the
//! text it had when imported, when and why it was changed. For one file the workbook reads
//! back: `parkscore score 内部版.xlsx` finds 原始数据 (the only sheet whose header has a
//! park-name column — the others say 参评园区) and gives the same totals.

use super::content::{
    awards_table, change_table, changes_summary, explain_table, file_lines, not_rated_lines,
    number_sections, ranking_table, special_awards, unit_header, vetoed_lines, AwardStatus,
    AwardTotals, Block, Bounds, Cell, Section, Table,
};
use super::publicity::write_sections;
use super::writer::{Note, Worksheet, XlsxError};
use super::xlsx::{
    col_num, display_width, header_text, lines, number, sheet_name, workbook, Fit, SheetWriter,
    Styles,
};
use super::{ReportContext, ReportError};
use crate::import::RawTable;
use crate::round::{net_changes, Change};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

/// The sheets of the 内部版 workbook, in order; the 原始数据 sheets come before 修改记录.
pub const INTERNAL_SHEETS: [&str; 6] = [
    "总表",
    "奖励资金",
    "分项得分",
    "计算说明",
    "修改记录",
    "口径",
];

/// The 内部版's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Internal {
    /// `赤峰市工业园区综合发展评价考核结果（2020年度）`.
    pub title: String,
    /// `内部版…`, and 制表单位, 生成日期, 依据.
    pub subtitle: Vec<String>,
    /// The numbered sections (see the module documentation).
    pub sections: Vec<Section>,
}

/// The 内部版 of `ctx`: refused without a year, or when a recorded decision no longer fits.
pub fn internal(ctx: &ReportContext<'_>, bounds: Bounds) -> Result<Internal, ReportError> {
    let title = ctx.title()?;
    let eval = ctx.evaluation;
    let facts = ctx.facts;
    let mut info = Vec::new();
    if !facts.issuer.trim().is_empty() {
        info.push(format!("制表单位：{}", facts.issuer.trim()));
    }
    if let Some(date) = ctx.generated_on {
        info.push(format!("生成日期：{date}"));
    }
    info.push(format!("依据：{}", ctx.scheme.document.trim()));
    let subtitle = vec![
        "内部版：含原始数据来源、各项指标得分及计算过程和修改记录，供审定，不对外公示".to_owned(),
        info.join("　"),
    ];

    let mut sections = vec![Section {
        heading: "考核结果排名".to_owned(),
        sheet: INTERNAL_SHEETS[0],
        blocks: vec![Block::Table(ranking_table(ctx, bounds))],
    }];
    let vetoed = vetoed_lines(ctx, bounds);
    if !vetoed.is_empty() {
        sections.push(Section {
            heading: format!("不予评价考核的{}", ctx.scheme.unit_noun()),
            sheet: INTERNAL_SHEETS[0],
            blocks: vec![Block::Lines(vetoed)],
        });
    }
    let not_rated = not_rated_lines(ctx, bounds);
    if !not_rated.is_empty() {
        sections.push(Section {
            heading: "不参评单位".to_owned(),
            sheet: INTERNAL_SHEETS[0],
            blocks: vec![Block::Lines(not_rated)],
        });
    }
    if !eval.notes.is_empty() {
        let mut notes: Vec<String> = eval
            .notes
            .iter()
            .take(bounds.rows)
            .map(ToString::to_string)
            .collect();
        if eval.notes.len() > bounds.rows {
            notes.push(format!(
                "另有 {} 条说明未列出",
                eval.notes.len() - bounds.rows
            ));
        }
        sections.push(Section {
            heading: "说明".to_owned(),
            sheet: INTERNAL_SHEETS[0],
            blocks: vec![Block::Lines(notes)],
        });
    }

    let specials = special_awards(ctx)?;
    let mut award_blocks = vec![
        Block::Table(awards_table(ctx, &specials, bounds)),
        Block::Paragraph(AwardTotals::of(ctx).sentence_zh()),
    ];
    let decisions: Vec<String> = specials
        .iter()
        .filter(|s| s.status == AwardStatus::Decided)
        .map(|s| {
            let mut line = format!("专项奖励「{}」：考核小组决定 {}", s.name, s.recipients);
            if !s.note.is_empty() {
                line.push_str(&format!("（记录：{}）", s.note));
            }
            line.push_str(&format!("；评分建议：{}。", s.proposal));
            line
        })
        .collect();
    if !decisions.is_empty() {
        award_blocks.push(Block::Lines(decisions));
    }
    sections.push(Section {
        heading: "奖励资金".to_owned(),
        sheet: INTERNAL_SHEETS[1],
        blocks: award_blocks,
    });

    sections.push(Section {
        heading: "各项指标得分及计算过程".to_owned(),
        sheet: INTERNAL_SHEETS[3],
        blocks: vec![Block::Table(explain_table(ctx, bounds))],
    });

    let mut change_blocks = vec![Block::Paragraph(changes_summary(ctx.changes))];
    if !ctx.changes.is_empty() {
        change_blocks.push(Block::Table(change_table(
            ctx.changes,
            &unit_header(ctx.scheme),
            bounds,
        )));
    }
    sections.push(Section {
        heading: "修改记录".to_owned(),
        sheet: INTERNAL_SHEETS[4],
        blocks: change_blocks,
    });

    let files = file_lines(ctx);
    sections.push(Section {
        heading: "数据文件".to_owned(),
        sheet: INTERNAL_SHEETS[5],
        blocks: vec![Block::Lines(if files.is_empty() {
            vec!["（未提供数据文件信息）".to_owned()]
        } else {
            files
                .iter()
                .enumerate()
                .map(|(i, f)| format!("{}. {f}", i + 1))
                .collect()
        })],
    });
    if !ctx.conflicts.is_empty() {
        sections.push(Section {
            heading: "合并时的数值冲突及取值".to_owned(),
            sheet: INTERNAL_SHEETS[5],
            blocks: vec![Block::Lines(conflict_lines(ctx, bounds))],
        });
    }
    sections.push(Section {
        heading: "本轮信息".to_owned(),
        sheet: INTERNAL_SHEETS[5],
        blocks: vec![Block::Table(facts_table(ctx))],
    });
    sections.push(Section {
        heading: "计分口径".to_owned(),
        sheet: INTERNAL_SHEETS[5],
        blocks: vec![Block::Table(reading_table(ctx))],
    });
    number_sections(&mut sections);
    Ok(Internal {
        title,
        subtitle,
        sections,
    })
}

/// 项目 / 内容: the round's facts, `（未填写）` where none was entered.
fn facts_table(ctx: &ReportContext<'_>) -> Table {
    let f = ctx.facts;
    let given = |t: &str| {
        if t.trim().is_empty() {
            "（未填写）".to_owned()
        } else {
            t.trim().to_owned()
        }
    };
    let year = match (f.year, ctx.files_year) {
        (Some(y), _) => format!("{y}（填写）"),
        (None, Some(y)) => format!("{y}（数据文件）"),
        (None, None) => "（未填写）".to_owned(),
    };
    let rows = [
        ("年度", year),
        ("制表单位", given(&f.issuer)),
        (
            "公示期",
            f.publicity_period()
                .unwrap_or_else(|| "（未填写）".to_owned()),
        ),
        ("联系人", given(&f.contact)),
        ("联系电话", given(&f.phone)),
        (
            "落款日期",
            f.signed_on
                .map_or_else(|| "（未填写）".to_owned(), |d| d.to_string()),
        ),
    ];
    two_columns(
        ["项目", "内容"],
        rows.into_iter().map(|(k, v)| (k.to_owned(), v)),
    )
}

/// 项目 / 设置: the scheme (with its id — this version is internal), the settings and every
/// sentence of the reading.
fn reading_table(ctx: &ReportContext<'_>) -> Table {
    let reading = &ctx.evaluation.reading;
    let s = ctx.scheme;
    let mut rows: Vec<(String, String)> = vec![
        ("指标体系".into(), format!("{}（{}）", s.name, s.document)),
        ("方案指纹".into(), s.fingerprint()),
        (
            "排序法指标的折算方法".into(),
            reading.ranking_method.name_zh(),
        ),
        (
            "附加分是否累加".into(),
            if reading.cumulative_bonus {
                "累加"
            } else {
                "不累加，取最高一级"
            }
            .into(),
        ),
        (
            "缺失值处理方式".into(),
            reading.missing.label_zh().to_owned(),
        ),
        (
            "得分保留小数位".into(),
            format!("{} 位，四舍五入", reading.rounding_places),
        ),
    ];
    for (i, line) in reading.description_zh.iter().enumerate() {
        rows.push((format!("口径说明 {}", i + 1), line.clone()));
    }
    two_columns(["项目", "设置"], rows.into_iter())
}

fn two_columns(header: [&str; 2], rows: impl Iterator<Item = (String, String)>) -> Table {
    Table {
        header: header.map(String::from).to_vec(),
        rows: rows
            .map(|(k, v)| vec![Cell::Text(k), Cell::Text(v)])
            .collect(),
        name_column: None,
        more: None,
    }
}

/// 分项得分: 名次, 参评园区, every indicator's score (its full points in the header), 附加分,
/// 总分 — one row a park (workbook only).
fn scores_table(ctx: &ReportContext<'_>, bounds: Bounds) -> Table {
    let eval = ctx.evaluation;
    let places = eval.reading.rounding_places;
    let mut header: Vec<String> = vec!["名次".into(), super::content::unit_header(ctx.scheme)];
    header.extend(
        ctx.scheme
            .indicators()
            .map(|i| format!("{}（{}分）", i.name, i.full.normalize())),
    );
    header.extend(["附加分".into(), "总分".into()]);
    let score = |value: Decimal| Cell::Score { value, places };
    let rows = eval
        .ranked()
        .take(bounds.rows)
        .map(|p| {
            let mut row = vec![Cell::Int(p.rank.into()), Cell::Text(p.name.to_string())];
            row.extend(ctx.scheme.indicators().map(|i| {
                p.indicator(i.id.as_str())
                    .map_or(Cell::Empty, |r| score(r.score.value()))
            }));
            row.push(score(p.bonus.value()));
            row.push(score(p.total.value()));
            row
        })
        .collect();
    Table {
        header,
        rows,
        name_column: Some(1),
        more: None,
    }
}

/// The 内部版 as a workbook: [`INTERNAL_SHEETS`] with the 原始数据 sheets before 修改记录.
pub fn internal_xlsx(ctx: &ReportContext<'_>) -> Result<Vec<u8>, ReportError> {
    let doc = internal(ctx, Bounds::XLSX)?;
    let styles = Styles::new();
    let mut book = workbook(ctx.created_at)?;
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for sheet in INTERNAL_SHEETS {
        taken.insert(sheet.to_lowercase());
    }
    let raw_names: Vec<String> = match ctx.tables {
        [] => Vec::new(),
        [_] => vec![sheet_name("原始数据", &mut taken)],
        many => many
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let stem = t
                    .file_name
                    .rsplit_once('.')
                    .map_or(t.file_name.as_str(), |(s, _)| s);
                sheet_name(&format!("原始数据{}-{stem}", i + 1), &mut taken)
            })
            .collect(),
    };
    let raw_list: Vec<String> = raw_names
        .iter()
        .zip(ctx.tables)
        .map(|(name, t)| format!("工作表「{name}」：{}", t.source_line()))
        .collect();

    for sheet in INTERNAL_SHEETS {
        if sheet == INTERNAL_SHEETS[4] {
            for (name, table) in raw_names.iter().zip(ctx.tables) {
                let ws = book.add_worksheet();
                ws.set_name(name)?;
                raw_sheet(ws, table, ctx.changes, &styles)?;
            }
        }
        let ws = book.add_worksheet();
        ws.set_name(sheet)?;
        let sections: Vec<Section> = doc
            .sections
            .iter()
            .filter(|s| s.sheet == sheet)
            .cloned()
            .collect();
        let extra = (sheet == INTERNAL_SHEETS[2]).then(|| scores_table(ctx, Bounds::XLSX));
        let columns = sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.header.len()),
                _ => None,
            })
            .chain(extra.as_ref().map(|t| t.header.len()))
            .max()
            .unwrap_or(2)
            .max(2);
        let mut w = SheetWriter::new(ws, &styles, columns);
        w.title(&doc.title)?;
        for line in &doc.subtitle {
            w.subtitle(line)?;
        }
        if let Some(table) = &extra {
            w.section("各项指标得分")?;
            w.table(table)?;
        }
        write_sections(&mut w, &sections)?;
        if sheet == INTERNAL_SHEETS[5] && !raw_list.is_empty() {
            w.section("原始数据工作表")?;
            for line in &raw_list {
                w.paragraph(line)?;
            }
            w.paragraph("原始数据工作表保持数据文件的单元格位置；导入后修改过的单元格以黄色标出，批注中有导入时的内容、修改时间和原因。")?;
        }
        w.finish(Fit::Width, None)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Whether `text` is written as a number: a plain decimal (`12`, `-3.5`) of at most 15
/// significant digits without a leading zero, which a spreadsheet reads back as the same text.
fn as_number(text: &str) -> Option<Decimal> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac.is_empty())
        && !(int.len() > 1 && int.starts_with('0'))
        && !frac.ends_with('0');
    let significant = int.trim_start_matches('0').len() + frac.len();
    if !plain || significant > 15 || t != text {
        return None;
    }
    Decimal::from_str(t).ok()
}

/// The note on an edited cell: what it was, when and why it changed.
fn edit_note(change: &Change) -> String {
    let shown = |t: &str| {
        if t.trim().is_empty() {
            "（空）".to_owned()
        } else {
            t.to_owned()
        }
    };
    let mut note = format!(
        "导入时为：{}\n修改为：{}\n修改时间：{}",
        shown(&change.before),
        shown(&change.after),
        change.at
    );
    if let Some(reason) = change.reason.as_deref().filter(|r| !r.trim().is_empty()) {
        note.push_str(&format!("\n原因：{}", reason.trim()));
    }
    note
}

/// One table as imported, at its own cell addresses, edits marked.
fn raw_sheet(
    ws: &mut Worksheet,
    table: &RawTable,
    changes: &[Change],
    styles: &Styles,
) -> Result<(), XlsxError> {
    // The net change of each cell of this file, by (row, column), zero-based; a change whose
    // cell is no address is only in 修改记录.
    let mut edits: BTreeMap<(u32, u16), Change> = crate::order::map(
        net_changes(changes)
            .into_iter()
            .filter(|c| c.file == table.file_name)
            .filter_map(|c| Some((parse_address(&c.cell.trim().to_ascii_uppercase())?, c))),
    );
    let edited_format = Styles::edited();
    let header = table
        .rows
        .iter()
        .position(|r| crate::import::looks_like_header_row(&r.cells));
    let width = table.width();
    let mut content = vec![0usize; width];
    let mut heads = vec![0usize; width];
    let mut last_row = 0u32;
    for (i, r) in table.rows.iter().enumerate() {
        let row = r.number.saturating_sub(1);
        last_row = last_row.max(row);
        let is_header = Some(i) == header;
        for (c, text) in r.cells.iter().enumerate() {
            let col = col_num(c);
            let edit = if edits.is_empty() {
                None
            } else {
                edits.remove(&(row, col))
            };
            if let Some(slot) = if is_header {
                heads.get_mut(c)
            } else {
                content.get_mut(c)
            } {
                *slot = (*slot).max(display_width(text));
            }
            if let Some(edit) = &edit {
                match as_number(text) {
                    Some(d) => ws.write_number_with_format(row, col, number(d), &edited_format)?,
                    None if text.is_empty() => ws.write_blank(row, col, &edited_format)?,
                    None => ws.write_string_with_format(row, col, text, &edited_format)?,
                };
                let note = Note::new(edit_note(edit))
                    .add_author_prefix(false)
                    .set_width(260)
                    .set_height(90);
                ws.insert_note(row, col, &note)?;
            } else if is_header {
                ws.write_string_with_format(row, col, text, styles.raw_header())?;
            } else if let Some(d) = as_number(text) {
                ws.write_number(row, col, number(d))?;
            } else if !text.is_empty() {
                ws.write_string(row, col, text)?;
            }
        }
    }
    // The edits left are of cells past a row's last text (rows are ragged), now empty:
    // marked too.
    for ((row, col), edit) in &edits {
        ws.write_blank(*row, *col, &edited_format)?;
        let note = Note::new(edit_note(edit))
            .add_author_prefix(false)
            .set_width(260)
            .set_height(90);
        ws.insert_note(*row, *col, &note)?;
    }
    let mut widths = Vec::with_capacity(width);
    for c in 0..width {
        let body = content.get(c).copied().unwrap_or(0);
        let head = heads.get(c).copied().unwrap_or(0);
        let w = body.max(head.min(body.max(12))).max(4) + 2;
        // Widths are small whole numbers.
        ws.set_column_width(col_num(c), w as f64)?;
        widths.push((head, w));
    }
    if let Some(h) = header.and_then(|h| table.rows.get(h)) {
        let row = h.number.saturating_sub(1);
        let n = widths
            .iter()
            .map(|(head, w)| lines(*head, *w))
            .max()
            .unwrap_or(1);
        // A header is a few lines.
        ws.set_row_height(row, 15.0 * n as f64 + 3.0)?;
        ws.set_freeze_panes(row + 1, 1)?;
        ws.set_repeat_rows(row, row)?;
    }
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.7, 0.7, 0.3, 0.3);
    ws.set_header(format!(
        "&C原始数据：{}（黄色单元格为导入后修改，批注中有原值）",
        header_text(&table.source_line())
    ));
    ws.set_footer("&C第 &P 页，共 &N 页");
    if width > 0 {
        ws.set_print_area(0, 0, last_row, col_num(width - 1))?;
    }
    Ok(())
}

/// `C5` → (row 4, column 2), zero-based; `None` for anything else.
fn parse_address(address: &str) -> Option<(u32, u16)> {
    let letters: String = address
        .chars()
        .take_while(char::is_ascii_uppercase)
        .collect();
    let digits = address.get(letters.len()..)?;
    if letters.is_empty()
        || letters.len() > 3
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    let col = letters
        .bytes()
        .try_fold(0u32, |acc, b| Some(acc * 26 + u32::from(b - b'A') + 1))?;
    Some((
        row.checked_sub(1)?,
        u16::try_from(col.checked_sub(1)?).ok()?,
    ))
}

/// One line per conflict between the merged files — every file's value and what was taken and
/// how (`红山园区 · 新增工业总产值：工信局.csv 为 12.3 亿元；统计局.csv 为 40 亿元 → 取 统计局.csv（选定）`),
/// the first [`Bounds::rows`] of them, then how many more.
fn conflict_lines(ctx: &ReportContext<'_>, bounds: Bounds) -> Vec<String> {
    let names: Vec<String> = match ctx.provenance {
        Some(p) => p.files().map(str::to_owned).collect(),
        None => ctx.tables.iter().map(|t| t.file_name.clone()).collect(),
    };
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    let mut lines: Vec<String> = ctx
        .conflicts
        .iter()
        .take(bounds.rows)
        .enumerate()
        .map(|(i, c)| {
            let offers: Vec<String> = c
                .offers
                .iter()
                .map(|o| {
                    format!(
                        "{} 为 {}",
                        name(o.part),
                        o.value.shown(&c.field, ctx.scheme)
                    )
                })
                .collect();
            let taken = match c.chosen.and_then(|k| c.offers.get(k)) {
                Some(o) if c.decided => format!("取 {}（选定）", name(o.part)),
                Some(o) => format!("取 {}（按文件优先顺序）", name(o.part)),
                None => "未选定".to_owned(),
            };
            format!(
                "{}. {} · {}：{} → {taken}",
                i + 1,
                c.park,
                c.field.label(ctx.scheme),
                offers.join("；")
            )
        })
        .collect();
    if ctx.conflicts.len() > bounds.rows {
        lines.push(format!(
            "另有 {} 处冲突未列出。",
            ctx.conflicts.len() - bounds.rows
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_become_numbers_and_everything_else_stays_text() {
        assert_eq!(as_number("38.6"), Decimal::from_str("38.6").ok());
        assert_eq!(as_number("-3"), Decimal::from_str("-3").ok());
        assert_eq!(as_number("0.5"), Decimal::from_str("0.5").ok());
        // Would not read back as the same text:
        assert_eq!(as_number("12.50"), None);
        assert_eq!(as_number("007"), None);
        assert_eq!(as_number("12."), None);
        assert_eq!(as_number(" 12"), None);
        assert_eq!(as_number("1234567890.1234567"), None);
        // Not plain decimals:
        assert_eq!(as_number("12.5%"), None);
        assert_eq!(as_number("1,234"), None);
        assert_eq!(as_number("1e3"), None);
        assert_eq!(as_number("否"), None);
        assert_eq!(as_number(""), None);
    }

    #[test]
    fn cell_addresses_parse() {
        assert_eq!(parse_address("A1"), Some((0, 0)));
        assert_eq!(parse_address("C5"), Some((4, 2)));
        assert_eq!(parse_address("AA10"), Some((9, 26)));
        assert_eq!(parse_address("A0"), None);
        assert_eq!(parse_address("5"), None);
        assert_eq!(parse_address("B"), None);
        assert_eq!(parse_address("b3"), None);
        assert_eq!(parse_address("B3x"), None);
        assert_eq!(parse_address("ABCD1"), None);
        assert_eq!(parse_address("A+5"), None);
    }
}
