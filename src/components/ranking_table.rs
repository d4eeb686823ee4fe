//! The ranking table: rank, park, the 7 group subtotals, bonus, total, 等级 (when the scheme
//! grades) and award; sortable. The evaluated unit is named by the scheme's word (园区, or 企业
//! for a 亩均 scheme of enterprises) in the caption, the column's header and the count.
//!
//! A big file can rank thousands of parks; building a row for each would keep the page busy
//! for seconds. The table shows [`PAGE_ROWS`] rows of the current order and a button for the
//! next [`PAGE_ROWS`]; the printout shows at most [`PRINT_ROWS`] and says so. (Chifeng has 14
//! parks, so neither limit shows with real data.)

use parkscore::{Evaluation, ParkName};
use std::rc::Rc;
use yew::prelude::*;

use crate::format;
use crate::state::{sorted_parks, Sort, SortKey};

/// Rows shown on screen at first, and added by 再显示.
pub const PAGE_ROWS: usize = 100;
/// Rows printed at most; the rest are in the exported report.
pub const PRINT_ROWS: usize = 200;

/// Properties of [`RankingTable`].
#[derive(Properties, PartialEq)]
pub struct RankingTableProps {
    /// The evaluation.
    pub evaluation: Rc<Evaluation>,
    /// The current order.
    pub sort: Sort,
    /// Sort by a column.
    pub on_sort: Callback<SortKey>,
    /// Open a park's detail.
    pub on_select: Callback<ParkName>,
    /// Whether headers and names are buttons and the test ids are set (false in the printout).
    #[prop_or(true)]
    pub interactive: bool,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// `data-testid="ranking-table"`, one `<tr data-testid={tid("rank-row")} data-park=…>` per park.
#[component(RankingTable)]
pub fn ranking_table(props: &RankingTableProps) -> Html {
    let eval = &props.evaluation;
    let shown = use_state(|| PAGE_ROWS);
    let limit = if props.interactive {
        *shown
    } else {
        PRINT_ROWS
    };
    let total_rows = eval.parks.len();
    // The printout repeats the table: only the on-screen one carries the test ids.
    let interactive = props.interactive;
    let tid = move |id: &'static str| interactive.then_some(AttrValue::Static(id));
    let noun = props.unit_noun.as_str();
    let graded = eval.classes.is_some();
    let group_names: Vec<(String, String)> = eval
        .groups
        .iter()
        .map(|g| (g.name.clone(), format::plain(g.full)))
        .collect();
    let header = |key: SortKey, label: String| {
        let active = props.sort.key == key;
        let aria_sort = match (active, props.sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (active, props.sort.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let onclick = {
            let cb = props.on_sort.clone();
            Callback::from(move |_: MouseEvent| cb.emit(key))
        };
        html! {
            <th scope="col" aria-sort={aria_sort}>
                if props.interactive {
                    <button type="button" class="sort" {onclick} title="点击排序">{ label }{ arrow }</button>
                } else {
                    { label }
                }
            </th>
        }
    };
    html! {
        <table class="ranking" data-testid={tid("ranking-table")}>
            <caption class="visually-hidden">{ format!("各{noun}得分与排名") }</caption>
            <thead>
                <tr>
                    { header(SortKey::Rank, "名次".to_owned()) }
                    { header(SortKey::Park, noun.to_owned()) }
                    { for group_names.iter().enumerate().map(|(i, (name, full))| header(SortKey::Group(i), format!("{name}（{full}）"))) }
                    { header(SortKey::Bonus, "附加分".to_owned()) }
                    { header(SortKey::Total, "总分".to_owned()) }
                    if graded {
                        <th scope="col" title="按方案的等级规则，在排名之后评定">{ "等级" }</th>
                    }
                    { header(SortKey::Award, "奖励（万元）".to_owned()) }
                </tr>
            </thead>
            <tbody>
                { for sorted_parks(eval, props.sort).into_iter().take(limit).map(|p| {
                    let onclick = {
                        let cb = props.on_select.clone();
                        let name = p.name.clone();
                        Callback::from(move |_: MouseEvent| cb.emit(name.clone()))
                    };
                    html! {
                        <tr data-testid={tid("rank-row")} data-park={p.name.to_string()}>
                            <td class="num">{ p.rank }</td>
                            <td class="park">
                                if props.interactive {
                                    <button type="button" class="link" {onclick} title={format!("查看该{noun}的每项得分")}>{ p.name.to_string() }</button>
                                } else {
                                    { p.name.to_string() }
                                }
                            </td>
                            { for p.groups().map(|g| html! { <td class="num">{ g.score.to_string() }</td> }) }
                            <td class="num" title={p.bonus_explain()}>{ p.bonus.to_string() }</td>
                            <td class="num total" data-testid={tid("total")}>{ p.total.to_string() }</td>
                            if graded {
                                <td class="class" data-testid={tid("class")}>{ p.class().unwrap_or_default() }</td>
                            }
                            <td class="num">{ p.award_wan.map(format::plain).unwrap_or_default() }</td>
                        </tr>
                    }
                }) }
            </tbody>
            if total_rows > limit {
                <tfoot>
                    <tr>
                        <td colspan={(group_names.len() + 5 + usize::from(graded)).to_string()} class="more" data-testid={tid("ranking-more")}>
                            if props.interactive {
                                { format!("共 {total_rows} 个{noun}，已显示 {limit} 个。") }
                                <button type="button" onclick={
                                    let shown = shown.clone();
                                    Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE_ROWS))
                                }>{ format!("再显示 {} 个", PAGE_ROWS.min(total_rows - limit)) }</button>
                            } else {
                                { format!("共 {total_rows} 个{noun}，此处只打印前 {limit} 名；全部结果见导出的 Excel 报表。") }
                            }
                        </td>
                    </tr>
                </tfoot>
            }
        </table>
    }
}
