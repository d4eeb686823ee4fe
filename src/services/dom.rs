//! Small DOM chores: focusing an element, printing, today's date.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Scrolls to the element with id `id` and gives it the keyboard focus.
pub fn focus(id: &str) {
    let element = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

/// How a grid cell is focused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellFocus {
    /// Its whole text selected (a selected cell: typing replaces it).
    SelectAll,
    /// The caret at the end of its text (an edit in place).
    CaretAtEnd,
}

/// Gives the grid cell that `selector` finds the focus — the editor (`<input>`) in it —,
/// scrolled into view just enough (the sticky header and name column stay clear through the
/// scroller's `scroll-padding`). `None` when the cell or its editor is not there (not
/// rendered yet).
pub fn focus_cell(selector: &str, how: CellFocus) -> Option<web_sys::HtmlInputElement> {
    let input = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|cell| cell.first_element_child())
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    input.scroll_into_view_with_scroll_into_view_options(&options);
    let document = gloo::utils::document();
    let already = document
        .active_element()
        .is_some_and(|a| a == *input.unchecked_ref::<web_sys::Element>());
    if !already {
        let _ = input.focus();
    }
    match how {
        CellFocus::SelectAll => input.select(),
        CellFocus::CaretAtEnd => {
            let end = u32::try_from(input.value().encode_utf16().count()).unwrap_or(u32::MAX);
            let _ = input.set_selection_range(end, end);
        }
    }
    Some(input)
}

/// Gives the grid cell that `selector` finds the focus itself, until its editor comes with the
/// next render: the keys pressed meanwhile reach the cell they are meant for (not the editor
/// left behind, nor the page). `false` when there is no such cell.
pub fn hold_cell_focus(selector: &str) -> bool {
    let Some(cell) = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    if !cell.has_attribute("tabindex") {
        let _ = cell.set_attribute("tabindex", "-1");
    }
    let _ = cell.focus();
    true
}

/// Takes the cells `selector` finds out of the focus order again (their `tabindex`, given by
/// [`hold_cell_focus`] while their editor was on its way).
pub fn release_held_cells(selector: &str) {
    let Ok(cells) = gloo::utils::document().query_selector_all(selector) else {
        return;
    };
    for i in 0..cells.length() {
        if let Some(cell) = cells
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = cell.remove_attribute("tabindex");
        }
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    let _ = gloo::utils::window().print();
}

/// Today's date as the computer's clock says: `2026年11月28日`.
pub fn today_zh() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}年{}月{}日",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The time now in whole seconds since 1970-01-01 UTC: a workbook's creation time (the core
/// reads no clock, so the page hands it this).
pub fn unix_now() -> i64 {
    // Milliseconds far inside i64's range; the cast truncates toward zero, which is the floor
    // for any time after 1970.
    (js_sys::Date::now() / 1000.0) as i64
}

/// The time now as the change log writes it: `2021-03-20 14:05`.
pub fn now_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}

/// Asks the user to confirm `message` (the browser's own dialog, keyboard-operable); `true`
/// when confirmed. Where no dialog can be shown, the answer is no: nothing is replaced or
/// wiped without a yes.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Calls `on_leave` when the page may be about to go: it is hidden (`visibilitychange` to
/// hidden — another tab, the window minimised — the last event a browser surely fires before
/// it discards a page in the background) or left (`pagehide`: closed, reloaded, navigated
/// away from; `beforeunload` is not always fired). It may be called more than once. Returns
/// the listeners; dropping them stops listening. `None` outside a browser window.
pub fn listen_for_leaving(
    on_leave: impl Fn() + 'static,
) -> Option<[gloo::events::EventListener; 2]> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let on_leave = std::rc::Rc::new(on_leave);
    let on_hidden = {
        let (on_leave, document) = (on_leave.clone(), document.clone());
        move |_: &web_sys::Event| {
            if document.visibility_state() == web_sys::VisibilityState::Hidden {
                on_leave();
            }
        }
    };
    Some([
        gloo::events::EventListener::new(&window, "pagehide", move |_| on_leave()),
        gloo::events::EventListener::new(&document, "visibilitychange", on_hidden),
    ])
}

/// Calls `on_key` with Ctrl+Z (`false`) or Ctrl+Y / Ctrl+Shift+Z (`true`, redo) pressed
/// anywhere but in a text field of its own (the reason of a change, a form field): there the
/// field's own undo works. The data grid's editor (`cell-editor`) is not such a field: its
/// edits are the log's. Returns the listener; dropping it stops listening.
pub fn listen_for_undo(on_key: yew::Callback<bool>) -> Option<gloo::events::EventListener> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    // Not passive: the browser's own Ctrl+Z/Y is replaced (prevented) where the log's applies.
    let options = gloo::events::EventListenerOptions::enable_prevent_default();
    Some(gloo::events::EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            if !(key.ctrl_key() || key.meta_key()) || key.alt_key() {
                return;
            }
            let redo = match key.key().to_lowercase().as_str() {
                "z" => key.shift_key(),
                "y" => true,
                _ => return,
            };
            let own_field = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        && !el
                            .get_attribute("class")
                            .is_some_and(|c| c.split_whitespace().any(|k| k == "cell-editor"))
                });
            if own_field {
                return;
            }
            event.prevent_default();
            on_key.emit(redo);
        },
    ))
}
