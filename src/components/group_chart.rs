//! A park's attainment by group: one horizontal bar per group, score ÷ full, hand-written SVG.

use parkscore::Score;
use rust_decimal::Decimal;
use yew::prelude::*;

/// Properties of [`GroupChart`].
#[derive(Properties, PartialEq)]
pub struct GroupChartProps {
    /// The park's name, for the title.
    pub park: AttrValue,
    /// The park's group subtotals.
    pub groups: Vec<GroupBar>,
}

/// One bar: a group's name, the park's subtotal and the group's full points.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupBar {
    /// The group's Chinese name.
    pub name: String,
    /// The subtotal.
    pub score: Score,
    /// The group's full points.
    pub full: Decimal,
}

const LABEL: u32 = 120;
const BAR: u32 = 360;
const ROW: u32 = 30;

/// The share of the full points, 0–1 (0 when the group has no points).
fn share(score: Decimal, full: Decimal) -> Decimal {
    if full <= Decimal::ZERO {
        Decimal::ZERO
    } else {
        (score / full).clamp(Decimal::ZERO, Decimal::ONE)
    }
}

/// The bar chart (`data-testid="group-chart"`).
#[component(GroupChart)]
pub fn group_chart(props: &GroupChartProps) -> Html {
    let width = LABEL + BAR + 110;
    let rows = u32::try_from(props.groups.len()).unwrap_or(0);
    let height = rows * ROW + 10;
    html! {
        <figure class="chart">
            <svg data-testid="group-chart" role="img" viewBox={format!("0 0 {width} {height}")}
                width={width.to_string()} height={height.to_string()}
                aria-label={format!("{}各一级指标得分率", props.park)}>
                { for props.groups.iter().enumerate().map(|(i, g)| {
                    let y = u32::try_from(i).unwrap_or(0) * ROW + 5;
                    let s = share(g.score.value(), g.full);
                    let w = (s * Decimal::from(BAR)).round_dp(1);
                    let pct = (s * Decimal::from(100)).round_dp(0);
                    html! {
                        <g>
                            <text x={(LABEL - 8).to_string()} y={(y + 17).to_string()} text-anchor="end" class="chart-label">{ &g.name }</text>
                            <rect x={LABEL.to_string()} y={y.to_string()} width={BAR.to_string()} height="22" class="bar-track" />
                            <rect x={LABEL.to_string()} y={y.to_string()} width={w.to_string()} height="22" class="bar" />
                            <text x={(LABEL + BAR + 8).to_string()} y={(y + 17).to_string()} class="chart-value">
                                { format!("{} / {}（{pct}%）", g.score, g.full.normalize()) }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>{ format!("{}：各一级指标得分 ÷ 权重", props.park) }</figcaption>
        </figure>
    }
}
