//! Reading the files the user chooses or drops into bytes.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, File, HtmlInputElement};

/// The bytes of `file`, read without blocking the page.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("浏览器无法读取文件「{}」：{e:?}", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file chosen in the `<input type=file>` that fired `event`, and clears the input so that
/// choosing the same file again fires again.
pub fn chosen_file(event: &Event) -> Option<File> {
    chosen_files(event).into_iter().next()
}

/// Every file chosen in the `<input type="file" multiple>` that fired `event`, in order; the
/// input is cleared so that choosing the same files again fires again.
pub fn chosen_files(event: &Event) -> Vec<File> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files().map_or_else(Vec::new, |list| {
        (0..list.length()).filter_map(|i| list.get(i)).collect()
    });
    input.set_value("");
    files
}
