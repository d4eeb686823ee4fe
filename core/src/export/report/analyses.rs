//! The analyses of issue 12 as a workbook: one sheet per analysis given — 口径对比 (the
//! readings side by side, [`Readings`]), 稳定性分析 (rank stability, [`Stability`]) and 年度对比
//! (year over year, [`Comparison`]).
//!
//! As with the reports, each sheet is content first ([`AnalysisSheet`]: a title, lines under
//! it and numbered [`Section`]s of sentences and [`Table`]s of typed [`Cell`]s, the words
//! decided here) and then laid out by the reports' writer: the same fonts, widths, A4
//! landscape one page wide, the first table's header repeated on every page, the page number
//! in the footer. Every sheet's title is the scheme's report title with the year
//! (`赤峰市工业园区综合发展评价考核结果（2020年度）`; 年度对比: this year's); an analysis is not a
//! posted report, so a year no file names is left out of the title rather than refused.
//!
//! 稳定性分析 prints its parameters (s, N, seed) under the title; its table gives per park the
//! official rank, the probability of an award place, the median rank and the 5–95 % band,
//! then the rank acceptability matrix (the share of samples at each rank, as percentages; a
//! blank cell: never at that rank) under a white-to-blue colour scale fixed at 0 %–100 %, so
//! that a colour means the same share in every cell.
//!
//! Under every sheet's title, the last line names the scheme with its fingerprint
//! ([`scheme_line`]), as every output of the page does.

use super::content::{number_sections, Block, Bounds, Cell, Section, Table};
use super::publicity::{write_block, write_sections};
use super::writer::{Color, ConditionalFormat2ColorScale, ConditionalFormatType};
use super::xlsx::{col_num, workbook, Fit, SheetWriter, Styles};
use super::{report_title, ReportError};
use crate::analysis::compare::{Comparison, Growth, YearResult};
use crate::analysis::move_up::{Gap, ParkGap, ParkTargets, Target};
use crate::analysis::readings::Readings;
use crate::analysis::stability::Stability;
use crate::scheme::Scheme;
use crate::score::Score;
use rust_decimal::Decimal;
use std::ops::Range;

/// The sheet of the readings side by side.
pub const READINGS_SHEET: &str = "口径对比";
/// The sheet of rank stability.
pub const STABILITY_SHEET: &str = "稳定性分析";
/// The sheet of the year-over-year comparison.
pub const COMPARISON_SHEET: &str = "年度对比";
/// The sheet of what it takes to move up.
pub const MOVE_UP_SHEET: &str = "提升空间";

/// The colour of a share of 100 % in the acceptability matrix (0 % is white).
const HEAT_COLOR: u32 = 0x005B_9BD5;

/// The analyses a workbook is written from: each one given is a sheet, in this order.
#[derive(Clone, Copy, Debug, Default)]
pub struct Analyses<'a> {
    /// The year of the data the readings and the stability were run on (the dataset's); the
    /// comparison has its own years.
    pub year: Option<u16>,
    /// 口径对比.
    pub readings: Option<&'a Readings>,
    /// 稳定性分析.
    pub stability: Option<&'a Stability>,
    /// 年度对比.
    pub comparison: Option<&'a Comparison>,
    /// 提升空间: every park's gap to the park above (empty: no sheet) …
    pub gaps: &'a [ParkGap],
    /// … and the targets of the parks given (the first parks by rank, or the one asked for).
    pub targets: &'a [ParkTargets],
    /// What every sheet says with its title (the sample: `示例数据，非真实统计`), as
    /// [`super::ReportContext::notice`].
    pub notice: Option<&'a str>,
    /// When the workbook is made, as [`super::ReportContext::created_at`].
    pub created_at: Option<i64>,
}

/// The columns of one table that get the colour scale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heat {
    /// The section (index in [`AnalysisSheet::sections`]) whose first table it is.
    pub section: usize,
    /// Its columns.
    pub columns: Range<usize>,
}

/// One analysis as a sheet's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnalysisSheet {
    /// The worksheet's name.
    pub sheet: &'static str,
    /// The report title with the year.
    pub title: String,
    /// What the sheet is, and its parameters.
    pub subtitle: Vec<String>,
    /// The numbered sections.
    pub sections: Vec<Section>,
    /// A table's columns shown as a heat map (稳定性分析's acceptability matrix).
    pub heat: Option<Heat>,
}

/// `赤峰市工业园区综合发展评价考核结果（2020年度）`, or without the year when it is unknown.
/// `title（notice）`.
fn marked(title: String, notice: Option<&str>) -> String {
    match notice {
        Some(notice) => format!("{title}（{notice}）"),
        None => title,
    }
}

fn title(scheme: &Scheme, year: Option<u16>) -> String {
    year.map_or_else(|| scheme.report_title(), |y| report_title(scheme, y))
}

fn section(sheet: &'static str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        heading: heading.to_owned(),
        sheet,
        blocks,
    }
}

/// `rows` cut to `bounds.rows`, with the note a cut table carries.
fn bounded(header: Vec<String>, mut rows: Vec<Vec<Cell>>, bounds: Bounds) -> Table {
    let total = rows.len();
    let more = (total > bounds.rows).then(|| {
        rows.truncate(bounds.rows);
        format!("仅列出前 {} 行，共 {total} 行", bounds.rows)
    });
    Table {
        header,
        rows,
        name_column: Some(0),
        more,
    }
}

/// `count` of `total` as a percentage cell with one decimal.
fn share(count: u32, total: u32) -> Cell {
    if total == 0 {
        return Cell::Empty;
    }
    Decimal::from(count)
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|c| c.checked_div(Decimal::from(total)))
        .map_or(Cell::Empty, |value| Cell::Percent { value, places: 1 })
}

/// 口径对比: the readings' summary, then each park's rank, total and award under each reading.
pub fn readings_sheet(
    scheme: &Scheme,
    r: &Readings,
    year: Option<u16>,
    bounds: Bounds,
) -> AnalysisSheet {
    let labels: Vec<String> = (0..r.readings.len()).map(|i| r.label_zh(i)).collect();
    let noun = scheme.unit_noun();
    let header = |last: Option<&str>| {
        let mut h = vec![noun.to_owned()];
        h.extend(labels.iter().cloned());
        h.extend(last.map(str::to_owned));
        h
    };
    let varies = |rank: bool, award: bool| match (rank, award) {
        (true, true) => "名次、奖励",
        (true, false) => "名次",
        (false, true) => "奖励",
        (false, false) => "",
    };
    let rows = |cell: &dyn Fn(&crate::analysis::readings::ReadingCell) -> Cell, flag: bool| {
        r.parks
            .iter()
            .map(|p| {
                let mut row = vec![Cell::Text(p.name.to_string())];
                row.extend(p.cells.iter().map(cell));
                if flag {
                    row.push(Cell::Text(varies(p.rank_varies, p.award_varies).to_owned()));
                }
                row
            })
            .collect::<Vec<_>>()
    };
    let places = scheme.rounding_places;
    let mut sections = vec![
        section(
            READINGS_SHEET,
            "结论",
            vec![Block::Paragraph(r.summary_zh.clone())],
        ),
        section(
            READINGS_SHEET,
            "各口径下的名次",
            vec![Block::Table(bounded(
                header(Some("有变化")),
                rows(&|c| Cell::Int(u64::from(c.rank)), true),
                bounds,
            ))],
        ),
        section(
            READINGS_SHEET,
            "各口径下的总分",
            vec![Block::Table(bounded(
                header(None),
                rows(
                    &|c| Cell::Score {
                        value: c.total.value(),
                        places,
                    },
                    false,
                ),
                bounds,
            ))],
        ),
        section(
            READINGS_SHEET,
            "各口径下的奖励（万元）",
            vec![Block::Table(bounded(
                header(None),
                rows(&|c| c.award_wan.map_or(Cell::Empty, Cell::Amount), false),
                bounds,
            ))],
        ),
    ];
    number_sections(&mut sections);
    AnalysisSheet {
        sheet: READINGS_SHEET,
        title: title(scheme, year),
        subtitle: vec![format!(
            "口径对比：全部 {} 种口径（排序法计分方法 × 附加分是否累加）下的名次、总分和奖励",
            r.readings.len()
        )],
        sections,
        heat: None,
    }
}

/// 稳定性分析: the parameters, each park's figures with the acceptability matrix, the
/// neighbours' pairwise index, the summary.
pub fn stability_sheet(
    scheme: &Scheme,
    s: &Stability,
    year: Option<u16>,
    bounds: Bounds,
) -> AnalysisSheet {
    let n = s.parks.len();
    let samples = s.params.samples;
    let noun = scheme.unit_noun();
    let mut header = vec![
        "名次".to_owned(),
        noun.to_owned(),
        format!("获奖（前 {} 名）概率", s.award_places),
        "中位名次".to_owned(),
        "5–95 % 区间".to_owned(),
    ];
    let first_rank = header.len();
    header.extend((1..=n).map(|r| format!("第 {r} 名")));
    let rows: Vec<Vec<Cell>> = s
        .parks
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::Int(u64::from(p.official_rank)),
                Cell::Text(p.name.to_string()),
                share(p.award_count, samples),
                Cell::Int(u64::from(p.median_rank)),
                Cell::Text(format!("{}–{}", p.band_low, p.band_high)),
            ];
            // The matrix leaves a rank never taken blank, so that the heat map shows where
            // the park can be.
            row.extend(
                (0..n).map(|r| match p.rank_counts.get(r).copied().unwrap_or(0) {
                    0 => Cell::Empty,
                    count => share(count, samples),
                }),
            );
            row
        })
        .collect();
    let mut table = bounded(header, rows, bounds);
    table.name_column = Some(1);
    let pairs: Vec<Vec<Cell>> = s
        .pairs
        .iter()
        .map(|q| {
            vec![
                Cell::Text(q.above.to_string()),
                Cell::Text(q.below.to_string()),
                share(q.above_count, samples),
                share(q.below_count, samples),
            ]
        })
        .collect();
    let pairs = bounded(
        vec![
            "上者".to_owned(),
            "下者".to_owned(),
            "上者排在前".to_owned(),
            "下者排在前".to_owned(),
        ],
        pairs,
        bounds,
    );
    let mut sections = vec![
        section(
            STABILITY_SHEET,
            "方法",
            vec![Block::Lines(vec![
                format!(
                    "扰动指标 {} 项：{}",
                    s.perturbed_names.len(),
                    s.perturbed_names.join("、")
                ),
                "每次抽样把每项排序法指标的满分乘以 [1 − s, 1 + s] 上均匀分布的随机因子，再按同一比例缩放，使这些指标的满分之和不变；其余指标和附加分不变。".to_owned(),
                format!("各名次一栏是{noun}在全部抽样中排该名次的比例（并列时取并列的最好名次），空白表示从未排到该名次；颜色越深比例越高。"),
            ])],
        ),
        section(STABILITY_SHEET, &format!("各{noun}的名次概率"), vec![Block::Table(table)]),
        section(
            STABILITY_SHEET,
            &format!("相邻{noun}的先后"),
            vec![
                Block::Paragraph(format!("按正式排名相邻的两个{noun}，在全部抽样中谁排在前面的比例（名次相同的抽样两边都不计）。")),
                Block::Table(pairs),
            ],
        ),
        section(STABILITY_SHEET, "结论", vec![Block::Paragraph(s.summary_zh())]),
    ];
    number_sections(&mut sections);
    AnalysisSheet {
        sheet: STABILITY_SHEET,
        title: title(scheme, year),
        subtitle: vec![
            "排名稳定性分析：排序法指标满分随机扰动（蒙特卡洛抽样）".to_owned(),
            s.params.describe_zh(),
        ],
        sections,
        heat: Some(Heat {
            section: 1,
            columns: first_rank..first_rank + n,
        }),
    }
}

/// 年度对比: the issues and the summary, each park's ranks, totals and group changes, each raw
/// value's change and growth, and a sentence per park.
pub fn comparison_sheet(scheme: &Scheme, c: &Comparison, bounds: Bounds) -> AnalysisSheet {
    let (last, this) = (c.last_label(), c.this_label());
    let places = c.places;
    let rank = |y: &Option<YearResult>| {
        y.as_ref()
            .and_then(|r| r.rank)
            .map_or_else(|| Cell::Text("—".to_owned()), |r| Cell::Int(u64::from(r)))
    };
    let score = |s: Option<Score>| {
        s.map_or_else(
            || Cell::Text("—".to_owned()),
            |s| Cell::Score {
                value: s.value(),
                places,
            },
        )
    };
    let value = |v: Option<Decimal>| v.map_or_else(|| Cell::Text("—".to_owned()), Cell::Value);
    let noun = scheme.unit_noun();

    let mut header = vec![
        noun.to_owned(),
        "状态".to_owned(),
        format!("{last}名次"),
        format!("{this}名次"),
        "名次变化".to_owned(),
        format!("{last}总分"),
        format!("{this}总分"),
        "总分变化".to_owned(),
    ];
    header.extend(c.groups.iter().map(|g| format!("{}变化", g.name)));
    header.push("说明".to_owned());
    let rows: Vec<Vec<Cell>> = c
        .parks
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::Text(p.name.to_string()),
                Cell::Text(p.status.label_zh().to_owned()),
                rank(&p.last),
                rank(&p.this),
                Cell::Text(p.movement.label_zh()),
                score(p.total.last),
                score(p.total.this),
                score(p.total.change),
            ];
            row.extend(p.groups.iter().map(|g| score(g.change)));
            row.push(Cell::Text(c.veto_note(p)));
            row
        })
        .collect();
    let ranking = bounded(header, rows, bounds);

    let total_rows = c.parks.len().saturating_mul(c.indicators.len());
    let rows: Vec<Vec<Cell>> = c
        .parks
        .iter()
        .flat_map(|p| {
            c.indicators
                .iter()
                .zip(&p.values)
                .map(move |(i, v)| (p, i, v))
        })
        .take(bounds.rows)
        .map(|(p, i, v)| {
            vec![
                Cell::Text(p.name.to_string()),
                Cell::Text(i.name.clone()),
                Cell::Text(i.unit.clone().unwrap_or_default()),
                value(v.last),
                value(v.this),
                value(v.change),
                match v.growth {
                    Growth::Percent(g) => Cell::Percent { value: g, places },
                    Growth::Undefined(_) => Cell::Text("—".to_owned()),
                },
                Cell::Text(v.reason_zh().unwrap_or_default().to_owned()),
            ]
        })
        .collect();
    let more = (total_rows > rows.len())
        .then(|| format!("仅列出前 {} 行，共 {total_rows} 行", rows.len()));
    let values = Table {
        header: vec![
            noun.to_owned(),
            "指标".to_owned(),
            "单位".to_owned(),
            last.clone(),
            this.clone(),
            "变化".to_owned(),
            "增长率".to_owned(),
            "说明".to_owned(),
        ],
        rows,
        name_column: Some(0),
        more,
    };

    let mut lead = Vec::new();
    lead.extend(c.issues.iter().map(|i| Block::Paragraph(i.to_string())));
    lead.push(Block::Paragraph(c.summary_zh()));
    lead.push(Block::Lines(vec![
        format!("名次变化：↑ 上升、↓ 下降（名次数字变小为上升）；新参评：上年的数据中没有这个{noun}；未参评：本年的数据中没有这个{noun}；一票否决的{noun}当年不予排名。"),
        format!("排序法指标的得分取决于全部参评{noun}的数值，{noun}自身数值提高，得分也可能下降；两年的分数不宜直接比较，名次变化比分数变化更说明问题。"),
        "增长率 = (本年 − 上年) ÷ |上年| × 100 %；上年为 0 或任一年缺失时不计算，记为「—」并注明原因。".to_owned(),
    ]));
    let shown = c.parks.len().min(bounds.explained_parks);
    let mut sentences: Vec<String> = c.parks[..shown].iter().map(|p| c.sentence_zh(p)).collect();
    if c.parks.len() > shown {
        sentences.push(format!(
            "仅列出前 {shown} 个{noun}，共 {} 个",
            c.parks.len()
        ));
    }
    let mut sections = vec![
        section(COMPARISON_SHEET, "结论", lead),
        section(COMPARISON_SHEET, "名次与总分", vec![Block::Table(ranking)]),
        section(
            COMPARISON_SHEET,
            "各项指标数值变化",
            vec![Block::Table(values)],
        ),
        section(
            COMPARISON_SHEET,
            &format!("各{noun}"),
            vec![Block::Lines(sentences)],
        ),
    ];
    number_sections(&mut sections);
    AnalysisSheet {
        sheet: COMPARISON_SHEET,
        title: title(scheme, c.this_year),
        subtitle: vec![format!("年度对比：{last} → {this}")],
        sections,
        heat: None,
    }
}

/// 提升空间: each park's gap to the park above, then, for the parks given, on each 排序法
/// indicator the value that gains a place and what it gives (re-scored), and each park's
/// summary sentence.
pub fn move_up_sheet(
    scheme: &Scheme,
    gaps: &[ParkGap],
    targets: &[ParkTargets],
    year: Option<u16>,
    bounds: Bounds,
) -> AnalysisSheet {
    let places = scheme.rounding_places;
    let noun = scheme.unit_noun();
    let score = |value: Decimal| Cell::Score { value, places };
    let gap_rows: Vec<Vec<Cell>> = gaps
        .iter()
        .map(|g| {
            let (above, points) = match &g.gap {
                Gap::First => (String::new(), Cell::Empty),
                Gap::Tied { with } => (
                    format!("与 {} 并列", with.zh_for(noun)),
                    score(Decimal::ZERO),
                ),
                Gap::Behind {
                    rank,
                    parks,
                    points,
                    ..
                } => (
                    format!("第 {rank} 名 {}", parks.zh_for(noun)),
                    score(*points),
                ),
            };
            vec![
                Cell::Text(g.name.to_string()),
                Cell::Int(u64::from(g.rank)),
                score(g.total.value()),
                Cell::Text(above),
                points,
            ]
        })
        .collect();
    let mut target_rows = Vec::new();
    for t in targets {
        for i in &t.indicators {
            let value = |v: Option<Decimal>| {
                v.map_or(Cell::Text("—".to_owned()), |v| {
                    Cell::Text(crate::analysis::move_up::shown(v, i.unit.as_deref()))
                })
            };
            let mut row = vec![
                Cell::Text(t.park.name.to_string()),
                Cell::Text(i.name.clone()),
                value(i.value),
                Cell::Int(u64::from(i.rank)),
                score(i.score.value()),
            ];
            match &i.target {
                Target::Reach(r) => row.extend([
                    value(Some(r.value)),
                    Cell::Int(u64::from(r.rank)),
                    score(r.points),
                    score(r.total.value()),
                    Cell::Int(u64::from(r.overall_rank)),
                ]),
                Target::Best => row.push(Cell::Text("已是本项第 1 名".to_owned())),
                Target::Missing => row.push(Cell::Text("缺少数值，须先补报".to_owned())),
            }
            target_rows.push(row);
        }
    }
    let mut sections = vec![section(
        MOVE_UP_SHEET,
        "与上一名次的差距",
        vec![Block::Table(bounded(
            vec![
                noun.to_owned(),
                "名次".to_owned(),
                "总分".to_owned(),
                "上一名次".to_owned(),
                "差距（分）".to_owned(),
            ],
            gap_rows,
            bounds,
        ))],
    )];
    if !targets.is_empty() {
        sections.push(section(
            MOVE_UP_SHEET,
            "单项提升一个名次所需的数值",
            vec![
                Block::Paragraph(format!(
                    "达到相邻较优{noun}的数值即与其并列、名次上升；得分、总分和总名次按改动后的数据重新评分得出（其他{noun}的得分随之变化），原数据不变。"
                )),
                Block::Table(bounded(
                    vec![
                        noun.to_owned(),
                        "指标".to_owned(),
                        "现值".to_owned(),
                        "本项名次".to_owned(),
                        "本项得分".to_owned(),
                        "所需数值".to_owned(),
                        "达到后本项名次".to_owned(),
                        "本项得分增加".to_owned(),
                        "达到后总分".to_owned(),
                        "达到后总名次".to_owned(),
                    ],
                    target_rows,
                    bounds,
                )),
            ],
        ));
        sections.push(section(
            MOVE_UP_SHEET,
            &format!("各{noun}"),
            vec![Block::Lines(
                targets.iter().map(ParkTargets::summary_zh).collect(),
            )],
        ));
    }
    number_sections(&mut sections);
    AnalysisSheet {
        sheet: MOVE_UP_SHEET,
        title: title(scheme, year),
        subtitle: vec![format!(
            "提升空间：各{noun}与上一名次的差距{}",
            if targets.is_empty() {
                String::new()
            } else {
                format!(
                    "，{} 个{noun}各项排序法指标提升一个名次所需的数值",
                    targets.len()
                )
            }
        )],
        sections,
        heat: None,
    }
}

impl Analyses<'_> {
    /// The sheets of the analyses given, in order.
    pub fn sheets(&self, scheme: &Scheme, bounds: Bounds) -> Vec<AnalysisSheet> {
        let mut out = Vec::new();
        if let Some(r) = self.readings {
            out.push(readings_sheet(scheme, r, self.year, bounds));
        }
        if let Some(s) = self.stability {
            out.push(stability_sheet(scheme, s, self.year, bounds));
        }
        if let Some(c) = self.comparison {
            out.push(comparison_sheet(scheme, c, bounds));
        }
        if !self.gaps.is_empty() {
            out.push(move_up_sheet(
                scheme,
                self.gaps,
                self.targets,
                self.year,
                bounds,
            ));
        }
        // Every sheet names the rules it was run under, with their fingerprint.
        for sheet in &mut out {
            sheet.subtitle.push(scheme_line(scheme));
        }
        out
    }
}

/// `评分方案：赤峰市工业园区综合发展评价考核指标体系（指纹 1a2b3c4d）`: the line under every sheet's
/// title.
pub fn scheme_line(scheme: &Scheme) -> String {
    format!("评分方案：{}", scheme.title_with_fingerprint())
}

/// The workbook of the analyses given, a sheet each (see the module's docs); with none, one
/// sheet 说明 saying so.
pub fn analyses_xlsx(scheme: &Scheme, analyses: &Analyses<'_>) -> Result<Vec<u8>, ReportError> {
    let styles = Styles::new();
    let mut book = workbook(analyses.created_at)?;
    let sheets = analyses.sheets(scheme, Bounds::XLSX);
    if sheets.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name("说明")?;
        let mut w = SheetWriter::new(ws, &styles, 4);
        w.title(&marked(title(scheme, analyses.year), analyses.notice))?;
        w.subtitle(&scheme_line(scheme))?;
        w.paragraph("没有要写出的分析（口径对比、稳定性分析或年度对比）。")?;
        w.finish(Fit::Width, None)?;
    }
    for sheet in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.sheet)?;
        let columns = sheet
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Table(t) => Some(t.header.len()),
                _ => None,
            })
            .max()
            .unwrap_or(2)
            .max(2);
        let mut w = SheetWriter::new(ws, &styles, columns);
        w.title(&marked(sheet.title.clone(), analyses.notice))?;
        for line in &sheet.subtitle {
            w.subtitle(line)?;
        }
        for (i, s) in sheet.sections.iter().enumerate() {
            let heat = sheet.heat.as_ref().filter(|h| h.section == i);
            let Some(heat) = heat else {
                write_sections(&mut w, std::slice::from_ref(s))?;
                continue;
            };
            w.section(&s.heading)?;
            let mut coloured = false;
            for b in &s.blocks {
                let Block::Table(t) = b else {
                    write_block(&mut w, b)?;
                    continue;
                };
                let header_row = w.row();
                w.table(t)?;
                let rows = u32::try_from(t.rows.len()).unwrap_or(u32::MAX);
                if !coloured && rows > 0 && !heat.columns.is_empty() {
                    let scale = ConditionalFormat2ColorScale::new()
                        .set_minimum(ConditionalFormatType::Number, 0)
                        .set_maximum(ConditionalFormatType::Number, 1)
                        .set_minimum_color(Color::White)
                        .set_maximum_color(Color::RGB(HEAT_COLOR));
                    w.sheet().add_conditional_format(
                        header_row + 1,
                        col_num(heat.columns.start),
                        header_row.saturating_add(rows),
                        col_num(heat.columns.end - 1),
                        &scale,
                    )?;
                }
                coloured = true;
            }
        }
        w.finish(Fit::Width, None)?;
    }
    Ok(book.save_to_buffer()?)
}
