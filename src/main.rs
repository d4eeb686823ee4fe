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
/// parts of bytes out (a JSON head, then binary rows) (see `parkscore_app::compute`). The worker's script calls it for every
/// message.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn worker_run(request: &str, bytes: &[u8]) -> Result<js_sys::Array, JsValue> {
    let parts =
        parkscore_app::compute::run_json(request, bytes).map_err(|e| JsValue::from_str(&e))?;
    // Each part its own ArrayBuffer, which the worker's script transfers to the page.
    Ok(parts
        .iter()
        .map(|p| js_sys::Uint8Array::from(p.as_slice()))
        .collect())
}
