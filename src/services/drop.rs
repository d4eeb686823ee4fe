//! The whole window as a drop target: files dropped anywhere are read (every one of them, in
//! order: the bureaus' files join the round together), and the page shows a
//! highlight while one is dragged over it.

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Event, File};
use yew::Callback;

fn carries_files(event: &DragEvent) -> bool {
    event.data_transfer().is_some_and(|dt| {
        dt.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

fn listen(name: &'static str, handler: impl FnMut(&DragEvent) + 'static) -> EventListener {
    let mut handler = handler;
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    EventListener::new_with_options(&gloo::utils::window(), name, options, move |e: &Event| {
        if let Some(drag) = e.dyn_ref::<DragEvent>() {
            handler(drag);
        }
    })
}

/// Listens on the window for files dragged over it (`on_hover`: true while one is) and dropped
/// on it (`on_drop`). Keep the listeners alive as long as the page should accept drops.
pub fn listen_for_files(on_hover: Callback<bool>, on_drop: Callback<File>) -> Vec<EventListener> {
    let hover_enter = on_hover.clone();
    let hover_over = on_hover.clone();
    let hover_leave = on_hover.clone();
    vec![
        listen("dragenter", move |e| {
            if carries_files(e) {
                e.prevent_default();
                hover_enter.emit(true);
            }
        }),
        listen("dragover", move |e| {
            if carries_files(e) {
                e.prevent_default();
                hover_over.emit(true);
            }
        }),
        listen("dragleave", move |e| {
            // Leaving the window: the pointer is outside it (no related target).
            if e.related_target().is_none() {
                hover_leave.emit(false);
            }
        }),
        listen("drop", move |e| {
            e.prevent_default();
            on_hover.emit(false);
            // Every file dropped joins the round, in the order given.
            if let Some(list) = e.data_transfer().and_then(|dt| dt.files()) {
                for file in (0..list.length()).filter_map(|i| list.get(i)) {
                    on_drop.emit(file);
                }
            }
        }),
    ]
}
