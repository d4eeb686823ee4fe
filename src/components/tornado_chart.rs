//! The tornado of 提升空间 (issue 12 §3): for each 排序法 indicator, the park's rank when that
//! indicator's full marks alone are × (1 − s) and × (1 + s) (the others rescaled so that their
//! sum stays the scheme's), as a bar over the ranks it spans, widest first, the official rank
//! marked. Hand-written SVG; every figure is the core's ([`Tornado`]), this only draws it.

use parkscore::analysis::move_up::Tornado;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`TornadoChart`].
#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    /// The core's tornado.
    pub tornado: Rc<Tornado>,
}

/// The axis's width when its ranks are few (a rank is 14 to 60 px wide).
const AXIS_W: u32 = 300;
const ROW_H: u32 = 22;
/// Width of one character of an indicator's name (CJK glyphs are square at 12px).
const CHAR: u32 = 13;
/// Ranks drawn at most (views are bounded): a bar past them is cut at the edge.
const MAX_RANKS: u32 = 50;
/// Width of the text after the axis.
const NOTE_W: u32 = 250;

/// The chart (`data-testid="tornado"`), without ids (it is drawn on screen and for print).
#[component(TornadoChart)]
pub fn tornado_chart(props: &TornadoChartProps) -> Html {
    let t = &props.tornado;
    let last = t
        .bars
        .iter()
        .map(|b| b.worst)
        .max()
        .unwrap_or(t.official_rank)
        .max(t.official_rank)
        .clamp(1, MAX_RANKS);
    let longest = t
        .bars
        .iter()
        .map(|b| b.name.chars().count())
        .max()
        .unwrap_or(4);
    let label = u32::try_from(longest).unwrap_or(16).min(16) * CHAR + 12;
    let rows = u32::try_from(t.bars.len()).unwrap_or(0);
    // A chart of 2 ranks is as wide as one of 20, so its bars can be read.
    let rank_w = (AXIS_W / last).clamp(14, 60);
    let axis = last * rank_w;
    let width = label + axis + NOTE_W;
    let height = ROW_H * (rows + 1) + 8;
    // ±20 %: s as a whole percentage for the labels.
    let pct = format!("{}", (t.spread * 100.0).round());
    let x_of = move |rank: u32| label + (rank.clamp(1, last) - 1) * rank_w;
    let official_x = x_of(t.official_rank) + rank_w / 2;
    html! {
        <figure class="tornado-figure">
            <svg class="tornado" data-testid="tornado" role="img"
                aria-label={format!("单项敏感性（龙卷风图）：{}", t.summary_zh())}
                width={width.to_string()} height={height.to_string()}
                viewBox={format!("0 0 {width} {height}")}>
                { for (1..=last).map(|r| html! {
                    <text x={(x_of(r) + rank_w / 2).to_string()} y="14" text-anchor="middle"
                        class={classes!("axis", (r == t.official_rank).then_some("official"))}>{ r.to_string() }</text>
                }) }
                { for t.bars.iter().enumerate().map(|(i, b)| {
                    let y = ROW_H * (u32::try_from(i).unwrap_or(0) + 1);
                    let x = x_of(b.best);
                    let w = (b.worst.min(last) - b.best.min(last) + 1) * rank_w;
                    let moves = b.width() > 0;
                    html! {
                        <g data-indicator={b.id.to_string()}>
                            <title>{ t.bar_zh(b) }</title>
                            <text x={(label - 6).to_string()} y={(y + 15).to_string()} text-anchor="end"
                                class="bar-name">{ b.name.clone() }</text>
                            <rect x={label.to_string()} y={(y + 3).to_string()} width={axis.to_string()}
                                height={(ROW_H - 6).to_string()} class="track" />
                            <rect x={x.to_string()} y={(y + 3).to_string()} width={w.to_string()}
                                height={(ROW_H - 6).to_string()}
                                class={classes!("range", moves.then_some("moves"))} />
                            <text x={(label + axis + 8).to_string()} y={(y + 15).to_string()} class="note">
                                { format!("{}（−{pct} %：第 {} 名；+{pct} %：第 {} 名）", b.range_zh(), b.low.rank, b.high.rank) }
                            </text>
                        </g>
                    }
                }) }
                <line x1={official_x.to_string()} x2={official_x.to_string()} y1={ROW_H.to_string()}
                    y2={(height - 4).to_string()} class="official" />
            </svg>
            <figcaption>
                { format!("横轴为名次（1 为最好）；色条为该项满分 −{pct} % 至 +{pct} % 时 {} 的名次范围，竖线为正式名次（第 {} 名）。", t.park, t.official_rank) }
            </figcaption>
        </figure>
    }
}
