//! The editable data grid: the table exactly as read, as text; edited cells are marked and
//! every edit re-scores at once. Columns are titled with what they feed (the indicator and its
//! unit, 园区名称); the title row and the park-name column stay in place while the table
//! scrolls. A big table is shown a page of [`GRID_PAGE_ROWS`] rows at a time (an issue chosen
//! elsewhere, or the cursor moving off the page, turns to its page).
//!
//! The keyboard works as in Excel (see [`crate::state::grid`], where all of it is decided:
//! this component only passes the browser's events there and carries out the answer). Paste
//! and copy use the `paste` / `copy` events' `clipboardData`, so no clipboard permission is
//! asked for.

use parkscore::import::RawTable;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::services::dom::{self, CellFocus};
use crate::state::grid::{self, Command, Cursor, Extent, GridColumn, Key, Mode};
use crate::state::{CellRef, FocusRequest, GRID_PAGE_ROWS};

/// Properties of [`DataGrid`].
#[derive(Properties, PartialEq)]
pub struct DataGridProps {
    /// The table.
    pub table: Rc<RawTable>,
    /// The file as printed (`工信局.xlsx（工作表「数据」）`), for the title and cell tooltips.
    #[prop_or_default]
    pub file_name: AttrValue,
    /// The columns' titles (one per column of the widest row).
    #[prop_or_default]
    pub columns: Rc<Vec<GridColumn>>,
    /// The park-name column, if validation found it (stays in place while scrolling).
    #[prop_or_default]
    pub name_col: Option<usize>,
    /// Cells the user edited.
    pub edited: Rc<BTreeSet<CellRef>>,
    /// Cells an error is about.
    pub faulty: Rc<BTreeSet<CellRef>>,
    /// The header row's index, if validation found it.
    pub header_row: Option<usize>,
    /// A cell's text changed.
    pub on_edit: Callback<(CellRef, String)>,
    /// The user left a cell, or ended its edit (the edit typed into it is complete).
    #[prop_or_default]
    pub on_leave: Callback<()>,
    /// An edit was cancelled (Esc): the cell and the text it had when the edit began.
    #[prop_or_default]
    pub on_cancel: Callback<(CellRef, String)>,
    /// Text pasted at a cell (the clipboard's, tab-separated).
    #[prop_or_default]
    pub on_paste: Callback<(CellRef, String)>,
    /// Clear the cells between two corners (Delete).
    #[prop_or_default]
    pub on_clear: Callback<(CellRef, CellRef)>,
    /// Insert an empty row at this row index (the cell's column keeps the focus).
    #[prop_or_default]
    pub on_insert_row: Callback<CellRef>,
    /// Delete the cell's row.
    #[prop_or_default]
    pub on_delete_row: Callback<CellRef>,
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

/// The cell whose id is `cell-R-C`.
fn cell_of_id(id: &str) -> Option<CellRef> {
    let (row, col) = id.strip_prefix("cell-")?.split_once('-')?;
    Some(CellRef {
        row: row.parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// The key pressed, as [`grid`] reads it.
fn key_of(e: &KeyboardEvent) -> Key {
    Key {
        key: e.key(),
        shift: e.shift_key(),
        ctrl: e.ctrl_key() || e.meta_key(),
        alt: e.alt_key(),
        composing: e.is_composing(),
    }
}

/// The grid of `<input>`s, one per cell.
#[component(DataGrid)]
pub fn data_grid(props: &DataGridProps) -> Html {
    // The cursor is read and written by the event handlers as they come (several may come
    // between two renders); a render shows it.
    let cursor = use_mut_ref(Cursor::default);
    // A cell to focus once it is rendered (after a page turn), and how.
    let want = use_mut_ref(|| None::<(CellRef, CellFocus)>);
    let redraw = use_force_update();
    let scroller = use_node_ref();
    // The text an input method composed is the user's when the composition ends (Yew has no
    // listener for it: one on the grid, for every cell).
    let on_edit = use_mut_ref(Callback::<(CellRef, String)>::noop);
    *on_edit.borrow_mut() = props.on_edit.clone();
    {
        let scroller = scroller.clone();
        let on_edit = on_edit.clone();
        use_effect_with((), move |_| {
            let listener = scroller.cast::<web_sys::Element>().map(|el| {
                gloo::events::EventListener::new(&el, "compositionend", move |e| {
                    let Some(input) = e
                        .target()
                        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                    else {
                        return;
                    };
                    if let Some(cell) = cell_of_id(&input.id()) {
                        on_edit.borrow().emit((cell, input.value()));
                    }
                })
            });
            move || drop(listener)
        });
    }

    let width = props
        .table
        .rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    let total = props.table.rows.len();
    let extent = Extent {
        rows: total,
        cols: width,
    };
    let pages = total.div_ceil(GRID_PAGE_ROWS).max(1);
    let page = props.page.min(pages - 1);
    let first = page * GRID_PAGE_ROWS;
    let shown = (total - first).min(GRID_PAGE_ROWS);

    // A focus request (an issue chosen, undo, a paste, a row inserted): the cell selected.
    {
        let cursor = cursor.clone();
        let want = want.clone();
        let redraw = redraw.clone();
        use_effect_with(props.focus, move |focus| {
            if let Some(request) = focus {
                *cursor.borrow_mut() = Cursor::at(request.cell);
                *want.borrow_mut() = Some((request.cell, CellFocus::SelectAll));
                redraw.force_update();
            }
        });
    }
    // After every render: focus the cell waiting for it, once it is there.
    {
        let want = want.clone();
        use_effect(move || {
            let waiting = *want.borrow();
            if let Some((cell, how)) = waiting {
                if dom::focus_cell(&cell_id(cell), how) {
                    *want.borrow_mut() = None;
                }
            }
        });
    }

    // Moves the focus to the cursor's cell, turning the page when it is on another.
    let go_to = {
        let on_page = props.on_page.clone();
        let want = want.clone();
        let redraw = redraw.clone();
        move |cell: CellRef, how: CellFocus| {
            let to_page = cell.row / GRID_PAGE_ROWS;
            if to_page != page {
                *want.borrow_mut() = Some((cell, how));
                on_page.emit(to_page);
            } else if !dom::focus_cell(&cell_id(cell), how) {
                *want.borrow_mut() = Some((cell, how));
            }
            redraw.force_update();
        }
    };

    let ctx = CellCtx {
        cursor: cursor.clone(),
        redraw: redraw.clone(),
        go_to: Rc::new(go_to),
        extent,
        table: Rc::clone(&props.table),
        on_edit: props.on_edit.clone(),
        on_leave: props.on_leave.clone(),
        on_cancel: props.on_cancel.clone(),
        on_paste: props.on_paste.clone(),
        on_clear: props.on_clear.clone(),
        on_insert_row: props.on_insert_row.clone(),
    };

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

    // The row buttons act on the cursor's row.
    let row_button = |cb: Callback<CellRef>, below: bool| {
        let cursor = cursor.clone();
        Callback::from(move |_: MouseEvent| {
            let mut cell = cursor.borrow().active;
            if below {
                cell.row = cell.row.saturating_add(1).min(total);
            }
            cb.emit(cell);
        })
    };
    let active_row = cursor.borrow().active.row;
    let active_number = props.table.rows.get(active_row).map(|r| r.number);
    let toolbar = html! {
        <div class="grid-tools" role="toolbar" aria-label="行操作" data-testid="grid-tools">
            <button type="button" class="button" data-testid="row-insert"
                title="在当前行上方插入一行（Ctrl+Shift+=）"
                onclick={row_button(props.on_insert_row.clone(), false)}>{ "上方插入行" }</button>
            <button type="button" class="button" data-testid="row-append"
                title="在当前行下方插入一行"
                onclick={row_button(props.on_insert_row.clone(), true)}>{ "下方插入行" }</button>
            <button type="button" class="button" data-testid="row-delete"
                title="删除当前行（可用 Ctrl+Z 撤销）" disabled={total == 0}
                onclick={row_button(props.on_delete_row.clone(), false)}>{ "删除当前行" }</button>
            <span class="grid-where" data-testid="grid-where">
                { active_number.map(|n| format!("当前：第 {n} 行")).unwrap_or_default() }
            </span>
        </div>
    };

    let selection = cursor.borrow().within(extent);
    let name_col = props.name_col;
    // The one cell Tab reaches from outside the grid (the others are reached with the keys):
    // the active cell when it is on this page, else the page's first.
    let on_page = |c: CellRef| (first..first + shown).contains(&c.row) && c.col < width;
    let entry = if on_page(selection.active) {
        selection.active
    } else {
        CellRef { row: first, col: 0 }
    };
    html! {
        <section class="grid-section" aria-labelledby="grid-title">
            <h3 id="grid-title">
                if !props.file_name.is_empty() {
                    <span data-testid="grid-file">{ format!("「{}」", props.file_name) }</span>
                }
                { "数据表（可直接修改，修改后立即重新计分；" }
                <span class="edited-sample">{ "已修改" }</span>{ "的单元格以底色标出）" }</h3>
            <p class="grid-help" id="grid-help">{ "方向键、Enter、Tab 移动；直接输入即替换，F2 在原内容上修改，Esc 取消；Shift+方向键选择区域，Ctrl+C / Ctrl+V 复制粘贴（可直接粘贴 Excel/WPS 中复制的区域），Delete 清除。" }</p>
            { toolbar }
            if pages > 1 {
                { pager }
            }
            <div class="grid-scroll" ref={scroller}>
                <table class="data-grid" role="grid" aria-labelledby="grid-title" aria-describedby="grid-help"
                    aria-rowcount={(total + 1).to_string()} aria-colcount={(width + 1).to_string()}>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="row-number" aria-colindex="1">{ "行" }</th>
                            { for (0..width).map(|c| {
                                let column = props.columns.get(c).cloned().unwrap_or_else(|| GridColumn {
                                    title: parkscore::import::column_letter(c),
                                    letter: parkscore::import::column_letter(c),
                                    bare: true,
                                });
                                let title = format!("{}（{} 列）", column.title, column.letter);
                                html! {
                                    <th scope="col" class={classes!("col-title", (Some(c) == name_col).then_some("name-col"))}
                                        aria-colindex={(c + 2).to_string()} {title}
                                        data-testid={format!("col-{c}")}>
                                        <span class="col-text">{ column.title }</span>
                                    </th>
                                }
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for props.table.rows.iter().enumerate().skip(first).take(shown).map(|(r, row)| {
                            let header = props.header_row == Some(r);
                            let park = grid::row_park(&props.table, props.header_row, name_col, r);
                            html! {
                                <tr class={classes!(header.then_some("header-row"))} aria-rowindex={(r + 2).to_string()}>
                                    <th scope="row" class="row-number" aria-colindex="1">{ row.number }</th>
                                    { for (0..width).map(|c| {
                                        let cell = CellRef { row: r, col: c };
                                        let text = row.cells.get(c).unwrap_or_default().to_owned();
                                        let column = props.columns.get(c);
                                        let label = match column {
                                            Some(column) => grid::cell_label(park, column, row.number),
                                            None => format!("第 {} 行 · {} 列", row.number, parkscore::import::column_letter(c)),
                                        };
                                        let address = format!("{}{}", parkscore::import::column_letter(c), row.number);
                                        let title = format!("{} {address}", props.file_name);
                                        let CellHandlers { oninput, onfocus, onblur, onclick, ondblclick, onkeydown, onpaste, oncopy } =
                                            cell_handlers(&ctx, cell, &text);
                                        let is_active = selection.active == cell;
                                        let class = classes!(
                                            "cell",
                                            props.edited.contains(&cell).then_some("edited"),
                                            props.faulty.contains(&cell).then_some("faulty"),
                                            selection.selects(cell).then_some("selected"),
                                            (is_active && selection.editing()).then_some("editing"),
                                        );
                                        let id = cell_id(cell);
                                        html! {
                                            <td class={classes!((Some(c) == name_col).then_some("name-col"))}
                                                role="gridcell" aria-colindex={(c + 2).to_string()}
                                                aria-selected={selection.selects(cell).to_string()}>
                                                <input id={id.clone()} data-testid={id} {class} value={text}
                                                    aria-label={label} {title} {oninput} {onblur} {onfocus}
                                                    aria-invalid={props.faulty.contains(&cell).then_some("true")}
                                                    {onclick} {ondblclick} {onkeydown} {onpaste} {oncopy}
                                                    tabindex={if cell == entry { "0" } else { "-1" }} />
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

/// What the handlers of every cell share.
#[derive(Clone)]
struct CellCtx {
    cursor: Rc<RefCell<Cursor>>,
    redraw: UseForceUpdateHandle,
    go_to: Rc<dyn Fn(CellRef, CellFocus)>,
    extent: Extent,
    table: Rc<RawTable>,
    on_edit: Callback<(CellRef, String)>,
    on_leave: Callback<()>,
    on_cancel: Callback<(CellRef, String)>,
    on_paste: Callback<(CellRef, String)>,
    on_clear: Callback<(CellRef, CellRef)>,
    on_insert_row: Callback<CellRef>,
}

/// A cell's event handlers: each passes its event to [`grid`] and carries out the answer.
struct CellHandlers {
    oninput: Callback<InputEvent>,
    onfocus: Callback<FocusEvent>,
    onblur: Callback<FocusEvent>,
    onclick: Callback<MouseEvent>,
    ondblclick: Callback<MouseEvent>,
    onkeydown: Callback<KeyboardEvent>,
    onpaste: Callback<Event>,
    oncopy: Callback<Event>,
}

/// The handlers of `cell`, which read `before` when last rendered.
fn cell_handlers(ctx: &CellCtx, cell: CellRef, before: &str) -> CellHandlers {
    let extent = ctx.extent;
    let oninput = {
        let cb = ctx.on_edit.clone();
        let cursor = ctx.cursor.clone();
        let before = before.to_owned();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let now = {
                let c = cursor.borrow().focused(cell);
                c.typed(&before)
            };
            let changed = *cursor.borrow() != now;
            *cursor.borrow_mut() = now;
            // While an input method composes, the text is not
            // the user's yet (pinyin): it is taken when the
            // composition ends, and the field is left alone
            // (setting its value would break the composition).
            if !e.is_composing() {
                cb.emit((cell, input.value()));
            }
            if changed {
                redraw.force_update();
            }
        })
    };
    let onfocus = {
        let cursor = ctx.cursor.clone();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: FocusEvent| {
            let now = cursor.borrow().focused(cell);
            if now.mode == Mode::Select {
                let input: HtmlInputElement = e.target_unchecked_into();
                input.select();
            }
            if *cursor.borrow() != now {
                *cursor.borrow_mut() = now;
                redraw.force_update();
            }
        })
    };
    let onblur = {
        let cb = ctx.on_leave.clone();
        let cursor = ctx.cursor.clone();
        Callback::from(move |_: FocusEvent| {
            let now = cursor.borrow().blurred();
            *cursor.borrow_mut() = now;
            cb.emit(())
        })
    };
    // A click selects the cell whole, as in Excel; a double
    // click edits it in place.
    let onclick = {
        let cursor = ctx.cursor.clone();
        Callback::from(move |e: MouseEvent| {
            if cursor.borrow().mode == Mode::Select && !e.shift_key() {
                let input: HtmlInputElement = e.target_unchecked_into();
                input.select();
            }
        })
    };
    let ondblclick = {
        let cursor = ctx.cursor.clone();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: MouseEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let c = cursor.borrow().focused(cell);
            if c.mode == Mode::Select {
                let (now, _) = c.key(&Key::plain("F2"), &input.value(), extent);
                *cursor.borrow_mut() = now;
                redraw.force_update();
            }
        })
    };
    let onkeydown = {
        let cursor = ctx.cursor.clone();
        let go_to = ctx.go_to.clone();
        let on_leave = ctx.on_leave.clone();
        let on_cancel = ctx.on_cancel.clone();
        let on_clear = ctx.on_clear.clone();
        let on_insert = ctx.on_insert_row.clone();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: KeyboardEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let before = cursor.borrow().focused(cell);
            let (now, command) = before.key(&key_of(&e), &input.value(), extent);
            if command != Command::Pass {
                e.prevent_default();
            }
            let active = now.active;
            let (from, to) = now.selection();
            *cursor.borrow_mut() = now;
            match command {
                Command::Pass => {}
                Command::Stay => redraw.force_update(),
                Command::Move => go_to(active, CellFocus::SelectAll),
                Command::CommitMove => {
                    on_leave.emit(());
                    go_to(active, CellFocus::SelectAll);
                }
                Command::EditInPlace => {
                    dom::focus_cell(&cell_id(active), CellFocus::CaretAtEnd);
                    redraw.force_update();
                }
                Command::Cancel(start) => {
                    // The field shows the text at once, whatever
                    // the next render finds to change.
                    input.set_value(&start);
                    input.select();
                    on_cancel.emit((cell, start));
                    redraw.force_update();
                }
                Command::Clear => on_clear.emit((from, to)),
                Command::InsertRow => on_insert.emit(active),
            }
        })
    };
    // Paste a block at the selection's top-left cell; while a
    // cell is edited, a single line goes into its text.
    let onpaste = {
        let cursor = ctx.cursor.clone();
        let cb = ctx.on_paste.clone();
        Callback::from(move |e: Event| {
            let Some(data) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
            else {
                return;
            };
            let Ok(text) = data.get_data("text/plain") else {
                return;
            };
            let c = cursor.borrow().focused(cell);
            let block = text
                .trim_end_matches(['\r', '\n'])
                .contains(['\t', '\n', '\r']);
            if c.editing() && !block {
                return;
            }
            e.prevent_default();
            let (top_left, _) = c.selection();
            cb.emit((top_left, text));
        })
    };
    // Copy the selection as Excel does (tab-separated); while a
    // cell is edited, the text selected in it.
    let oncopy = {
        let cursor = ctx.cursor.clone();
        let table = Rc::clone(&ctx.table);
        Callback::from(move |e: Event| {
            let c = cursor.borrow().focused(cell);
            if c.editing() {
                return;
            }
            let Some(data) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
            else {
                return;
            };
            let (from, to) = c.selection();
            if data
                .set_data("text/plain", &grid::selection_tsv(&table, from, to))
                .is_ok()
            {
                e.prevent_default();
            }
        })
    };
    CellHandlers {
        oninput,
        onfocus,
        onblur,
        onclick,
        ondblclick,
        onkeydown,
        onpaste,
        oncopy,
    }
}
