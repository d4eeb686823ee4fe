//! parkscore in the browser: mounts the app on a page; in the Web Worker that the page starts
//! from the same module (`services::worker`), only answers [`worker_run`].

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

fn main() {
    // A worker has no window: there is nothing to render, only jobs to run.
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        yew::Renderer::<parkscore_app::app::App>::new().render();
    }
}

/// The worker's entry point: a job's request as JSON and the file's bytes in, the outcome as
/// parts of bytes out (a JSON head, then binary rows) (see `parkscore_app::compute`). The
/// worker's script calls it for every message.
///
/// The bytes are the worker's own copy, freed once the file is read; each part is copied out
/// to its own `ArrayBuffer` (which the script transfers to the page) and freed as soon as it
/// is packed. The wasm memory only grows, so what is never held at once is memory the worker
/// never takes.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn worker_run(request: &str, bytes: Vec<u8>) -> Result<js_sys::Array, JsValue> {
    let parts = js_sys::Array::new();
    parkscore_app::compute::run_json_into(request, bytes.into(), &mut |place, p| {
        let part = js_sys::Uint8Array::from(p.as_slice());
        match place {
            parkscore_app::compute::Place::First => {
                parts.unshift(&part);
            }
            parkscore_app::compute::Place::Next => {
                parts.push(&part);
            }
        }
    })
    .map_err(|e| JsValue::from_str(&e))?;
    Ok(parts)
}
