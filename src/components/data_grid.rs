//! The editable data grid: the table exactly as read, as text; edited cells are marked and
//! every edit re-scores at once. A big table is shown a page of
//! [`GRID_PAGE_ROWS`] rows at a time (an issue chosen elsewhere turns to its page).

use parkscore::import::{column_letter, RawTable};
use std::collections::BTreeSet;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::services::dom;
use crate::state::{CellRef, FocusRequest, GRID_PAGE_ROWS};

/// Properties of [`DataGrid`].
#[derive(Properties, PartialEq)]
pub struct DataGridProps {
    /// The table.
    pub table: Rc<RawTable>,
    /// The file as printed (`工信局.xlsx（工作表「数据」）`), for the title and cell tooltips.
    #[prop_or_default]
    pub file_name: AttrValue,
    /// Cells the user edited.
    pub edited: Rc<BTreeSet<CellRef>>,
    /// Cells an error is about.
    pub faulty: Rc<BTreeSet<CellRef>>,
    /// The header row's index, if validation found it.
    pub header_row: Option<usize>,
    /// A cell's text changed.
    pub on_edit: Callback<(CellRef, String)>,
    /// The user left a cell (the edit typed into it is complete).
    #[prop_or_default]
    pub on_leave: Callback<()>,
    /// The cell to focus.
    pub focus: Option<FocusRequest>,
    /// The page shown (rows `page × GRID_PAGE_ROWS` on).
    pub page: usize,
    /// Turn to a page.
    pub on_page: Callback<usize>,
}

/// `cell-R-C`: the id and test id of a grid cell.
pub fn cell_id(cell: CellRef) -> String {
    format!("cell-{}-{}", cell.row, cell.col)
}

/// The grid of `<input>`s, one per cell.
#[component(DataGrid)]
pub fn data_grid(props: &DataGridProps) -> Html {
    use_effect_with(props.focus, |focus| {
        if let Some(request) = focus {
            dom::focus(&cell_id(request.cell));
        }
    });
    let width = props
        .table
        .rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let total = props.table.rows.len();
    let pages = total.div_ceil(GRID_PAGE_ROWS).max(1);
    let page = props.page.min(pages - 1);
    let first = page * GRID_PAGE_ROWS;
    let shown = (total - first).min(GRID_PAGE_ROWS);
    let turn = |to: usize| {
        let cb = props.on_page.clone();
        Callback::from(move |_: MouseEvent| cb.emit(to))
    };
    let pager = html! {
        <nav class="grid-pager" aria-label="数据表分页" data-testid="grid-pager">
            <button type="button" data-testid="grid-prev" disabled={page == 0}
                onclick={turn(page.saturating_sub(1))}>{ "上一页" }</button>
            <span>{ format!("第 {}–{} 行（共 {total} 行，第 {}/{pages} 页）", first + 1, first + shown, page + 1) }</span>
            <button type="button" data-testid="grid-next" disabled={page + 1 >= pages}
                onclick={turn(page + 1)}>{ "下一页" }</button>
        </nav>
    };
    html! {
        <section class="grid-section" aria-labelledby="grid-title">
            <h3 id="grid-title">
                if !props.file_name.is_empty() {
                    <span data-testid="grid-file">{ format!("「{}」", props.file_name) }</span>
                }
                { "数据表（可直接修改，修改后立即重新计分；" }
                <span class="edited-sample">{ "已修改" }</span>{ "的单元格以底色标出）" }</h3>
            if pages > 1 {
                { pager }
            }
            <div class="grid-scroll">
                <table class="data-grid">
                    <thead>
                        <tr>
                            <th scope="col" class="row-number">{ "行" }</th>
                            { for (0..width).map(|c| html! { <th scope="col">{ column_letter(c) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.table.rows.iter().enumerate().skip(first).take(shown).map(|(r, row)| {
                            let header = props.header_row == Some(r);
                            html! {
                                <tr class={classes!(header.then_some("header-row"))}>
                                    <th scope="row" class="row-number">{ row.number }</th>
                                    { for (0..width).map(|c| {
                                        let cell = CellRef { row: r, col: c };
                                        let text = row.cells.get(c).cloned().unwrap_or_default();
                                        let oninput = {
                                            let cb = props.on_edit.clone();
                                            Callback::from(move |e: InputEvent| {
                                                let input: HtmlInputElement = e.target_unchecked_into();
                                                cb.emit((cell, input.value()));
                                            })
                                        };
                                        let class = classes!(
                                            "cell",
                                            props.edited.contains(&cell).then_some("edited"),
                                            props.faulty.contains(&cell).then_some("faulty"),
                                        );
                                        let id = cell_id(cell);
                                        let address = format!("{}{}", column_letter(c), row.number);
                                        let label = format!("第 {} 行 {} 列", row.number, column_letter(c));
                                        let title = format!("{} {address}", props.file_name);
                                        let onblur = {
                                            let cb = props.on_leave.clone();
                                            Callback::from(move |_: FocusEvent| cb.emit(()))
                                        };
                                        html! {
                                            <td>
                                                <input id={id.clone()} data-testid={id} {class} value={text}
                                                    aria-label={label} {title} {oninput} {onblur} />
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
