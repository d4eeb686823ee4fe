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
//!
//! Cheap at any size (issue 14): a page is 100 rows of ~28 cells, so every cell is a `<td>`
//! (a gridcell, the table being a grid) holding its text, and one `<input>` — the editor — sits
//! in the active cell: the grid's one stop in the Tab order, where every key, the typing, an
//! input method's composition, paste and copy happen; it carries the cell's label
//! 「红山园区 · 新增工业总产值（亿元）」. The grid's events are handled once, on the table (event
//! delegation): the cell is read from the coordinates of the cell the event came from (its
//! `aria-colindex`, its row's `aria-rowindex`). A cell carries nothing else but its marks'
//! classes, `aria-selected`, `aria-invalid` and a test id — every attribute of 2,800 cells is
//! a string handed from wasm to the page. A cell's tooltip (file and address) is written when the pointer
//! comes to it; every cell but the editor's is its text, named by its row's header (the park,
//! [`grid::row_label`]) and its column's title: the table's header association, as a screen
//! reader reads a table.

use parkscore::import::RawTable;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::services::dom::{self, CellFocus};
use crate::state::grid::{self, Command, Cursor, Extent, GridColumn, Key, Mode, Page};
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

/// The cell of a grid cell element (`<td>`), read from its and its row's coordinates.
fn cell_of(td: &web_sys::Element) -> Option<CellRef> {
    let row = td.parent_element()?.get_attribute("aria-rowindex")?;
    grid::cell_at(&row, &td.get_attribute("aria-colindex")?)
}

/// The editor an event came from (the grid's one `<input>`) and the cell it is in.
fn editor_of(e: &Event) -> Option<(HtmlInputElement, CellRef)> {
    let input = e.target()?.dyn_into::<HtmlInputElement>().ok()?;
    let cell = cell_of(&input.parent_element()?)?;
    Some((input, cell))
}

/// The text of `cell` in `table` (empty past a row's end).
fn text_at(table: &RawTable, cell: CellRef) -> &str {
    table
        .rows
        .get(cell.row)
        .and_then(|row| row.cells.get(cell.col))
        .unwrap_or_default()
}

/// Where a key, a paste or a copy happened: the editor and its cell, or a cell holding the
/// focus while its editor is on its way (see [`dom::hold_cell_focus`]).
fn source_of(e: &Event) -> Option<(Option<HtmlInputElement>, CellRef)> {
    if let Some((input, cell)) = editor_of(e) {
        return Some((Some(input), cell));
    }
    let td = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    if !td.matches("table.data-grid > tbody > tr > td").ok()? {
        return None;
    }
    Some((None, cell_of(&td)?))
}

/// The grid cell (`<td>`, a gridcell in a grid) an event came from, and its element.
fn cell_element_of(e: &Event) -> Option<(web_sys::Element, CellRef)> {
    let td = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("table.data-grid > tbody > tr > td")
        .ok()??;
    let cell = cell_of(&td)?;
    Some((td, cell))
}

/// The classes of a cell: its marks (in the park-name column, edited, faulty, selected), one
/// string of a table of the combinations, so that none is built per cell; none for a cell
/// without a mark (most of them).
fn cell_class(name_col: bool, edited: bool, faulty: bool, selected: bool) -> Option<&'static str> {
    const CLASSES: [&str; 16] = [
        "",
        "selected",
        "faulty",
        "faulty selected",
        "edited",
        "edited selected",
        "edited faulty",
        "edited faulty selected",
        "name-col",
        "name-col selected",
        "name-col faulty",
        "name-col faulty selected",
        "name-col edited",
        "name-col edited selected",
        "name-col edited faulty",
        "name-col edited faulty selected",
    ];
    let bit = |on: bool, value: usize| if on { value } else { 0 };
    let index = bit(name_col, 8) | bit(edited, 4) | bit(faulty, 2) | bit(selected, 1);
    (index != 0).then_some(CLASSES[index])
}

/// The grid: a page of text cells, and the editor on the active cell.
#[component(DataGrid)]
pub fn data_grid(props: &DataGridProps) -> Html {
    // The cursor is read and written by the event handlers as they come (several may come
    // between two renders); a render shows it.
    let cursor = use_mut_ref(Cursor::default);
    // A cell to focus once it is rendered (after a page turn, or the editor moved), and how.
    let want = use_mut_ref(|| None::<(CellRef, CellFocus)>);
    // What was typed on a cell while its editor was on its way (the cell held the focus), and
    // the cell: each character is an edit of that cell at once (as typed over it), so that a
    // key after it (Enter, Tab, an arrow, Esc) ends or undoes the edit of the right cell.
    let typed_ahead = use_mut_ref(|| None::<(CellRef, String)>);
    let redraw = use_force_update();
    let scroller = use_node_ref();
    // The text an input method composed is the user's when the composition ends (Yew has no
    // listener for it: one on the grid, for the editor).
    let on_edit = use_mut_ref(Callback::<(CellRef, String)>::noop);
    *on_edit.borrow_mut() = props.on_edit.clone();
    {
        let scroller = scroller.clone();
        let on_edit = on_edit.clone();
        use_effect_with((), move |_| {
            let listener = scroller.cast::<web_sys::Element>().map(|el| {
                gloo::events::EventListener::new(&el, "compositionend", move |e| {
                    if let Some((input, cell)) = editor_of(e) {
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
    let shown_page = Page::of(total, props.page, GRID_PAGE_ROWS);
    let Page {
        page,
        pages,
        first,
        shown,
    } = shown_page;

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
    // After every render: focus the cell waiting for it, once its editor is there (the text
    // typed on the cell meanwhile is already its text: the caret goes after it). A cell that
    // held the focus meanwhile leaves the Tab order again.
    {
        let want = want.clone();
        let typed_ahead = typed_ahead.clone();
        use_effect(move || {
            let waiting = *want.borrow();
            if let Some((cell, how)) = waiting {
                if dom::focus_cell(&grid::cell_selector(cell), how).is_some() {
                    *want.borrow_mut() = None;
                    *typed_ahead.borrow_mut() = None;
                    dom::release_held_cells("table.data-grid td[tabindex]");
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
            } else if dom::focus_cell(&grid::cell_selector(cell), how).is_none() {
                // The editor comes with the next render; the cell holds the focus till then.
                dom::hold_cell_focus(&grid::cell_selector(cell));
                *want.borrow_mut() = Some((cell, how));
            }
            redraw.force_update();
        }
    };

    let ctx = GridCtx {
        cursor: cursor.clone(),
        want: want.clone(),
        typed_ahead: typed_ahead.clone(),
        redraw: redraw.clone(),
        go_to: Rc::new(go_to),
        extent,
        table: Rc::clone(&props.table),
        file_name: props.file_name.clone(),
        on_edit: props.on_edit.clone(),
        on_leave: props.on_leave.clone(),
        on_cancel: props.on_cancel.clone(),
        on_paste: props.on_paste.clone(),
        on_clear: props.on_clear.clone(),
        on_insert_row: props.on_insert_row.clone(),
    };
    let GridHandlers {
        oninput,
        onfocusin,
        onfocusout,
        onclick,
        ondblclick,
        onkeydown,
        onpaste,
        oncopy,
        onmouseover,
    } = grid_handlers(&ctx);

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
    // The one editor: on the active cell when it is on this page, else on the page's first
    // (the cell Tab reaches from outside the grid; the others are reached with the keys).
    let editor = shown_page.editor_cell(&selection, extent);
    // Per column, once: its aria-colindex.
    let colindex: Vec<AttrValue> = (0..width)
        .map(|c| AttrValue::from((c + 2).to_string()))
        .collect();
    let column_of = |c: usize| {
        props.columns.get(c).cloned().unwrap_or_else(|| GridColumn {
            title: parkscore::import::column_letter(c),
            letter: parkscore::import::column_letter(c),
            bare: true,
        })
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
                    aria-rowcount={(total + 1).to_string()} aria-colcount={(width + 1).to_string()}
                    {oninput} {onfocusin} {onfocusout} {onclick} {ondblclick} {onkeydown} {onpaste} {oncopy}
                    {onmouseover}>
                    <thead>
                        <tr aria-rowindex="1">
                            <th scope="col" class="row-number" aria-colindex="1">{ "行" }</th>
                            { for (0..width).map(|c| {
                                let column = column_of(c);
                                let title = format!("{}（{} 列）", column.title, column.letter);
                                html! {
                                    <th scope="col" class={classes!("col-title", (Some(c) == name_col).then_some("name-col"))}
                                        aria-colindex={colindex[c].clone()} {title}
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
                                <tr class={header.then_some("header-row")} aria-rowindex={(r + 2).to_string()}>
                                    <th scope="row" class="row-number" aria-colindex="1"
                                        aria-label={grid::row_label(park, row.number)}>{ row.number }</th>
                                    { for (0..width).map(|c| {
                                        let cell = CellRef { row: r, col: c };
                                        let text = row.cells.get(c).unwrap_or_default();
                                        let faulty = props.faulty.contains(&cell);
                                        let selected = selection.selects(cell);
                                        let class = cell_class(Some(c) == name_col, props.edited.contains(&cell), faulty, selected);
                                        let test_id = AttrValue::from(grid::cell_test_id(cell));
                                        let invalid = faulty.then_some("true");
                                        if editor == Some(cell) {
                                            let label = grid::cell_label(park, &column_of(c), row.number);
                                            let title = grid::cell_title(&props.file_name, c, row.number);
                                            let editing = selection.active == cell && selection.editing();
                                            html! {
                                                <td data-testid={test_id} {class}
                                                    aria-colindex={colindex[c].clone()}
                                                    aria-selected={if selected { "true" } else { "false" }}
                                                    aria-invalid={invalid}>
                                                    <input class={if editing { "cell-editor editing" } else { "cell-editor" }}
                                                        value={text.to_owned()} aria-label={label} {title}
                                                        aria-invalid={invalid} tabindex="0"
                                                        autocomplete="off" spellcheck="false" />
                                                </td>
                                            }
                                        } else {
                                            html! {
                                                <td data-testid={test_id} {class}
                                                    aria-colindex={colindex[c].clone()}
                                                    aria-selected={if selected { "true" } else { "false" }}
                                                    aria-invalid={invalid}>
                                                    { AttrValue::from(Rc::<str>::from(text)) }
                                                </td>
                                            }
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

/// What the grid's handlers share.
#[derive(Clone)]
struct GridCtx {
    cursor: Rc<RefCell<Cursor>>,
    want: Rc<RefCell<Option<(CellRef, CellFocus)>>>,
    typed_ahead: Rc<RefCell<Option<(CellRef, String)>>>,
    redraw: UseForceUpdateHandle,
    go_to: Rc<dyn Fn(CellRef, CellFocus)>,
    extent: Extent,
    table: Rc<RawTable>,
    file_name: AttrValue,
    on_edit: Callback<(CellRef, String)>,
    on_leave: Callback<()>,
    on_cancel: Callback<(CellRef, String)>,
    on_paste: Callback<(CellRef, String)>,
    on_clear: Callback<(CellRef, CellRef)>,
    on_insert_row: Callback<CellRef>,
}

/// The grid's event handlers, one of each for the whole table: each finds the cell the event
/// came from, passes the event to [`grid`] and carries out the answer.
struct GridHandlers {
    oninput: Callback<InputEvent>,
    onfocusin: Callback<FocusEvent>,
    onfocusout: Callback<FocusEvent>,
    onclick: Callback<MouseEvent>,
    ondblclick: Callback<MouseEvent>,
    onkeydown: Callback<KeyboardEvent>,
    onpaste: Callback<Event>,
    oncopy: Callback<Event>,
    onmouseover: Callback<MouseEvent>,
}

/// The handlers of the grid shown with `ctx`.
fn grid_handlers(ctx: &GridCtx) -> GridHandlers {
    let extent = ctx.extent;
    // Typing in the editor: the text the cell had when last rendered is what Esc goes back to.
    let oninput = {
        let cb = ctx.on_edit.clone();
        let cursor = ctx.cursor.clone();
        let table = Rc::clone(&ctx.table);
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: InputEvent| {
            let Some((input, cell)) = editor_of(&e) else {
                return;
            };
            let now = cursor.borrow().focused(cell).typed(text_at(&table, cell));
            let changed = *cursor.borrow() != now;
            *cursor.borrow_mut() = now;
            // While an input method composes, the text is not the user's yet (pinyin): it is
            // taken when the composition ends, and the field is left alone (setting its value
            // would break the composition).
            if !e.is_composing() {
                cb.emit((cell, input.value()));
            }
            if changed {
                redraw.force_update();
            }
        })
    };
    let onfocusin = {
        let cursor = ctx.cursor.clone();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: FocusEvent| {
            let Some((input, cell)) = editor_of(&e) else {
                return;
            };
            let now = cursor.borrow().focused(cell);
            if now.mode == Mode::Select {
                input.select();
            }
            if *cursor.borrow() != now {
                *cursor.borrow_mut() = now;
                redraw.force_update();
            }
        })
    };
    let onfocusout = {
        let cb = ctx.on_leave.clone();
        let cursor = ctx.cursor.clone();
        Callback::from(move |e: FocusEvent| {
            if editor_of(&e).is_none() {
                return;
            }
            let now = cursor.borrow().blurred();
            *cursor.borrow_mut() = now;
            cb.emit(())
        })
    };
    // A click selects the cell whole, as in Excel (a click on another cell moves the editor
    // there); a double click edits it in place.
    let onclick = {
        let cursor = ctx.cursor.clone();
        let go_to = ctx.go_to.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some((input, _)) = editor_of(&e) {
                if cursor.borrow().mode == Mode::Select && !e.shift_key() {
                    input.select();
                }
                return;
            }
            let Some((_, cell)) = cell_element_of(&e) else {
                return;
            };
            let now = cursor.borrow().focused(cell);
            *cursor.borrow_mut() = now;
            go_to(cell, CellFocus::SelectAll);
        })
    };
    let ondblclick = {
        let cursor = ctx.cursor.clone();
        let redraw = ctx.redraw.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((input, cell)) = editor_of(&e) else {
                return;
            };
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
        let want = ctx.want.clone();
        let typed_ahead = ctx.typed_ahead.clone();
        let table = Rc::clone(&ctx.table);
        let on_edit = ctx.on_edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some((input, cell)) = source_of(&e) else {
                return;
            };
            let key = key_of(&e);
            let text = input
                .as_ref()
                .map_or_else(|| text_at(&table, cell).to_owned(), HtmlInputElement::value);
            let before = cursor.borrow().focused(cell);
            let (now, command) = before.key(&key, &text, extent);
            if input.is_none() && command == Command::Pass {
                // A character typed on a cell whose editor is on its way: an edit of this
                // cell, as if typed into its editor (the cursor is in the edit `key` began;
                // the editor comes with the text, the caret after it).
                if let Some(c) = key.character() {
                    e.prevent_default();
                    let typed = {
                        let mut held = typed_ahead.borrow_mut();
                        match held.as_mut() {
                            Some((at, text)) if *at == cell => text.push(c),
                            _ => *held = Some((cell, c.to_string())),
                        }
                        held.as_ref()
                            .map(|(_, text)| text.clone())
                            .unwrap_or_default()
                    };
                    *cursor.borrow_mut() = now;
                    *want.borrow_mut() = Some((cell, CellFocus::CaretAtEnd));
                    on_edit.emit((cell, typed));
                }
                return;
            }
            // Any other key ends what was typed on a held cell (the edit is the cell's already).
            *typed_ahead.borrow_mut() = None;
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
                    if dom::focus_cell(&grid::cell_selector(active), CellFocus::CaretAtEnd)
                        .is_none()
                    {
                        *want.borrow_mut() = Some((active, CellFocus::CaretAtEnd));
                    }
                    redraw.force_update();
                }
                Command::Cancel(start) => {
                    // The field shows the text at once, whatever the next render finds to
                    // change.
                    if let Some(input) = &input {
                        input.set_value(&start);
                        input.select();
                    }
                    on_cancel.emit((cell, start));
                    redraw.force_update();
                }
                Command::Clear => on_clear.emit((from, to)),
                Command::InsertRow => on_insert.emit(active),
            }
        })
    };
    // Paste a block at the selection's top-left cell; while a cell is edited, a single line
    // goes into its text.
    let onpaste = {
        let cursor = ctx.cursor.clone();
        let cb = ctx.on_paste.clone();
        Callback::from(move |e: Event| {
            let Some((_, cell)) = source_of(&e) else {
                return;
            };
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
    // Copy the selection as Excel does (tab-separated); while a cell is edited, the text
    // selected in it.
    let oncopy = {
        let cursor = ctx.cursor.clone();
        let table = Rc::clone(&ctx.table);
        Callback::from(move |e: Event| {
            let Some((_, cell)) = source_of(&e) else {
                return;
            };
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
    // The tooltip of the cell under the pointer (file and address), written as the pointer
    // comes to it: cells are reused for other rows, so it is written again whenever it differs.
    let onmouseover = {
        let table = Rc::clone(&ctx.table);
        let file_name = ctx.file_name.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((td, cell)) = cell_element_of(&e) else {
                return;
            };
            let Some(row) = table.rows.get(cell.row) else {
                return;
            };
            let title = grid::cell_title(&file_name, cell.col, row.number);
            if td.get_attribute("title").as_deref() != Some(title.as_str()) {
                let _ = td.set_attribute("title", &title);
            }
        })
    };
    GridHandlers {
        oninput,
        onfocusin,
        onfocusout,
        onclick,
        ondblclick,
        onkeydown,
        onpaste,
        oncopy,
        onmouseover,
    }
}
