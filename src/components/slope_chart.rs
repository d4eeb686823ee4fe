//! 年度对比 as a slope chart (hand-written SVG): each park's rank last year on the left and this
//! year on the right, joined by a line (rising parks in blue, falling in red, the same in
//! grey); a park new this year has only its right end, one gone only its left.

use parkscore::analysis::compare::{Comparison, Movement};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SlopeChart`].
#[derive(Properties, PartialEq)]
pub struct SlopeChartProps {
    /// The comparison.
    pub comparison: Rc<Comparison>,
}

const ROW: u32 = 20;
const GAP: u32 = 220;
/// Width of one character of a label at the chart's font size (CJK glyphs are square).
const CHAR: u32 = 13;

/// The chart (`data-testid="slope-chart"`).
#[component(SlopeChart)]
pub fn slope_chart(props: &SlopeChartProps) -> Html {
    let c = &props.comparison;
    let rank_of =
        |y: &Option<parkscore::analysis::compare::YearResult>| y.as_ref().and_then(|r| r.rank);
    let rows = c.last_ranked.max(c.this_ranked).max(1);
    let label = |name: &str, rank: u32| format!("{rank}. {name}");
    let longest = c
        .parks
        .iter()
        .map(|p| p.name.as_str().chars().count() + 6)
        .max()
        .unwrap_or(10);
    let side = u32::try_from(longest).unwrap_or(20) * CHAR + 10;
    let (left, right) = (side, side + GAP);
    let width = right + side;
    let height = ROW * (rows + 1) + 10;
    let y = |rank: u32| ROW * rank + 6;
    let described = format!(
        "名次变化斜线图：左为{}名次，右为{}名次。{}",
        c.last_label(),
        c.this_label(),
        c.summary_zh()
    );
    html! {
        <div class="table-scroll">
        <svg class="slope-chart" data-testid="slope-chart" role="img" aria-label={described}
            width={width.to_string()} height={height.to_string()} viewBox={format!("0 0 {width} {height}")}>
            <text x={left.to_string()} y="12" text-anchor="end" class="axis">{ c.last_label() }</text>
            <text x={right.to_string()} y="12" class="axis">{ c.this_label() }</text>
            { for c.parks.iter().map(|p| {
                let (last, this) = (rank_of(&p.last), rank_of(&p.this));
                let class = match p.movement {
                    Movement::Up(_) => "up",
                    Movement::Down(_) => "down",
                    _ => "same",
                };
                html! {
                    <g class={class}>
                        <title>{ c.sentence_zh(p) }</title>
                        if let (Some(a), Some(b)) = (last, this) {
                            <line x1={(left + 6).to_string()} y1={(y(a) - 4).to_string()}
                                x2={(right - 6).to_string()} y2={(y(b) - 4).to_string()} />
                        }
                        if let Some(a) = last {
                            <circle cx={(left + 6).to_string()} cy={(y(a) - 4).to_string()} r="3" />
                            <text x={left.to_string()} y={y(a).to_string()} text-anchor="end" dx="-6">{ label(p.name.as_str(), a) }</text>
                        }
                        if let Some(b) = this {
                            <circle cx={(right - 6).to_string()} cy={(y(b) - 4).to_string()} r="3" />
                            <text x={right.to_string()} y={y(b).to_string()} dx="6">
                                { format!("{} {}", label(p.name.as_str(), b), p.movement.label_zh()) }
                            </text>
                        }
                    </g>
                }
            }) }
        </svg>
        </div>
    }
}
