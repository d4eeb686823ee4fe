//! Rank stability (issue 12 §2) as the page shows and prints it: the core's summary, a park ×
//! rank heat map of the rank acceptability index b(r) (hand-written SVG, darker = more
//! samples), a table of the award probability, median rank and 5–95 % band, and the pairwise
//! index of neighbours. Every figure is the core's; this only draws it.

use parkscore::analysis::percent_text;
use parkscore::analysis::stability::Stability;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`StabilityMap`].
#[derive(Properties, PartialEq)]
pub struct StabilityMapProps {
    /// The run's figures.
    pub stability: Rc<Stability>,
}

const CELL_W: u32 = 34;
const CELL_H: u32 = 22;
/// Width of one character of a park's name at the map's font size (CJK glyphs are square).
const CHAR: u32 = 13;

/// The cell's fill for a share of the samples: white to the accent blue.
fn fill(share: f64) -> String {
    let t = share.clamp(0.0, 1.0);
    // #ffffff → #1d5fa8
    let c = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!(
        "rgb({},{},{})",
        c(255.0, 29.0),
        c(255.0, 95.0),
        c(255.0, 168.0)
    )
}

/// The map, the table and the pairs (`data-testid="stability"`).
#[component(StabilityMap)]
pub fn stability_map(props: &StabilityMapProps) -> Html {
    let s = &props.stability;
    let n = u32::try_from(s.parks.len()).unwrap_or(u32::MAX);
    let samples = u64::from(s.params.samples);
    let pct = |count: u32| format!("{} %", percent_text(u64::from(count), samples));
    let longest = s
        .parks
        .iter()
        .map(|p| format!("{}. {}", p.official_rank, p.name).chars().count())
        .max()
        .unwrap_or(0);
    let label = (u32::try_from(longest).unwrap_or(20) * CHAR + 10).max(80);
    let width = label + n * CELL_W + 10;
    let height = CELL_H * (n + 1) + 10;
    // The units as the run's scheme names them (园区, 企业).
    let noun = s.unit_noun();
    let described = format!(
        "名次可接受度热图：行是{noun}（按正式名次），列是名次 1 到 {n}，颜色越深表示该{noun}在越多的抽样中得到该名次。{}",
        s.summary_zh()
    );
    html! {
        // No ids: the panel is drawn twice, on screen and for print.
        <section class="analysis-part" aria-label="名次稳定性" data-testid="stability">
            <h3>{ "名次稳定性：排序法指标满分随机浮动时的名次" }</h3>
            <p class="analysis-summary" data-testid="stability-summary">{ s.summary_zh() }</p>
            <p class="hint">{ format!("浮动的指标 {} 项：{}。每次抽样把每项满分乘以 [1 − s, 1 + s] 内的随机数，再按比例调整使这些指标的满分合计不变；其他指标、附加分不变。", s.perturbed_names.len(), s.perturbed_names.join("、")) }</p>
            <div class="table-scroll">
            <svg class="heatmap" data-testid="heatmap" role="img" aria-label={described}
                width={width.to_string()} height={height.to_string()}
                viewBox={format!("0 0 {width} {height}")}>
                { for (1..=n).map(|r| html! {
                    <text x={(label + (r - 1) * CELL_W + CELL_W / 2).to_string()} y="15"
                        text-anchor="middle" class="axis">{ r.to_string() }</text>
                }) }
                { for s.parks.iter().enumerate().map(|(row, p)| {
                    let y = CELL_H * (u32::try_from(row).unwrap_or(0) + 1);
                    html! {
                        <g>
                            <text x={(label - 6).to_string()} y={(y + 15).to_string()} text-anchor="end">
                                { format!("{}. {}", p.official_rank, p.name) }
                            </text>
                            { for p.rank_counts.iter().enumerate().map(|(k, &count)| {
                                let r = u32::try_from(k).unwrap_or(0) + 1;
                                let x = label + (r - 1) * CELL_W;
                                let share = if samples == 0 { 0.0 } else { count as f64 / samples as f64 };
                                let official = r == p.official_rank;
                                let whole = (share * 100.0).round();
                                html! {
                                    <g>
                                        <rect x={x.to_string()} y={y.to_string()} width={CELL_W.to_string()}
                                            height={CELL_H.to_string()} fill={fill(share)}
                                            class={classes!(official.then_some("official"))}>
                                            <title>{ format!("{} 排第 {r} 名：{}", p.name, pct(count)) }</title>
                                        </rect>
                                        if count > 0 && whole >= 1.0 {
                                            <text x={(x + CELL_W / 2).to_string()} y={(y + 15).to_string()}
                                                text-anchor="middle"
                                                class={if share > 0.55 { "cell dark" } else { "cell" }}>
                                                { format!("{whole}") }
                                            </text>
                                        }
                                    </g>
                                }
                            }) }
                        </g>
                    }
                }) }
            </svg>
            </div>
            <p class="hint">{ "格中数字为百分比（四舍五入到整数，不足 1 % 不标）；粗框为正式名次。" }</p>
            <table class="plain stability-table" data-testid="stability-table">
                <thead>
                    <tr>
                        <th scope="col">{ "正式名次" }</th>
                        <th scope="col">{ noun }</th>
                        <th scope="col">{ "保持正式名次" }</th>
                        <th scope="col">{ format!("进入前 {} 名（获奖）", s.award_places) }</th>
                        <th scope="col">{ "中位名次" }</th>
                        <th scope="col">{ "5–95 % 名次区间" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for s.parks.iter().map(|p| html! {
                        <tr>
                            <td class="num">{ p.official_rank }</td>
                            <th scope="row">{ p.name.to_string() }</th>
                            <td class="num">{ pct(p.rank_counts.get(p.official_rank.saturating_sub(1) as usize).copied().unwrap_or(0)) }</td>
                            <td class="num">{ pct(p.award_count) }</td>
                            <td class="num">{ p.median_rank }</td>
                            <td class="num">{ if p.band_low == p.band_high { p.band_low.to_string() } else { format!("{}–{}", p.band_low, p.band_high) } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if !s.pairs.is_empty() {
                <h4>{ format!("相邻{noun}：上者排在下者之前的抽样比例") }</h4>
                <ul class="pairs" data-testid="stability-pairs">
                    { for s.pairs.iter().map(|q| html! {
                        <li>{ format!("{} 先于 {}：{}", q.above, q.below, pct(q.above_count)) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
