//! A bar chart of the ranked parks' totals, hand-written SVG: the first [`CHART_BARS`] by
//! rank (all of Chifeng's 14; a big file's thousands would make a useless, slow chart). The
//! caption names the unit by the scheme's word (园区, 企业).

use parkscore::Evaluation;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`TotalsChart`].
#[derive(Properties, PartialEq)]
pub struct TotalsChartProps {
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// Width of one character of a label at the chart's font size (CJK glyphs are square).
const CHAR: u32 = 13;
const BAR: u32 = 480;
const ROW: u32 = 24;
/// Bars drawn at most.
pub const CHART_BARS: usize = 50;

/// Totals by rank (`data-testid="totals-chart"`); the longest bar is the highest total.
#[component(TotalsChart)]
pub fn totals_chart(props: &TotalsChartProps) -> Html {
    let all = &props.evaluation.parks;
    let noun = props.unit_noun.as_str();
    let parks = &all[..all.len().min(CHART_BARS)];
    let top = parks
        .iter()
        .map(|p| p.total.value())
        .max()
        .unwrap_or(Decimal::ZERO);
    // Room for the longest `14. 阿鲁科尔沁旗工业园区` label, so that no name is cut.
    let longest = parks
        .iter()
        .map(|p| format!("{}. {}", p.rank, p.name).chars().count())
        .max()
        .unwrap_or(0);
    let label = (u32::try_from(longest).unwrap_or(20) * CHAR + 12).max(100);
    let width = label + BAR + 70;
    let height = u32::try_from(parks.len()).unwrap_or(0) * ROW + 10;
    html! {
        <figure class="chart">
            <svg data-testid="totals-chart" role="img" viewBox={format!("0 0 {width} {height}")}
                width={width.to_string()} height={height.to_string()} aria-label={format!("各{noun}总分")}>
                { for parks.iter().enumerate().map(|(i, p)| {
                    let y = u32::try_from(i).unwrap_or(0) * ROW + 5;
                    let w = if top > Decimal::ZERO {
                        (p.total.value().max(Decimal::ZERO) / top * Decimal::from(BAR)).round_dp(1)
                    } else {
                        Decimal::ZERO
                    };
                    html! {
                        <g>
                            <text x={(label - 8).to_string()} y={(y + 14).to_string()} text-anchor="end" class="chart-label">
                                { format!("{}. {}", p.rank, p.name) }
                            </text>
                            <rect x={label.to_string()} y={y.to_string()} width={w.to_string()} height="18" class="bar" />
                            <text x={(label + 6).to_string() } dx={w.to_string()} y={(y + 14).to_string()} class="chart-value">
                                { p.total.to_string() }
                            </text>
                        </g>
                    }
                }) }
            </svg>
            <figcaption>
                { format!("各{noun}总分（含附加分）") }
                if all.len() > parks.len() {
                    { format!("；仅画出前 {} 名，共 {} 个{noun}", parks.len(), all.len()) }
                }
            </figcaption>
        </figure>
    }
}
