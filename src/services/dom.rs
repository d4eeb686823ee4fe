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
