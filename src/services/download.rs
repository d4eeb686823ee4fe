//! Downloads: bytes → Blob → object URL → a clicked `<a download>`. Nothing leaves the
//! computer: the browser saves the bytes it already has.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as a file called `file_name`.
pub fn save(bytes: &[u8], file_name: &str, mime: &str) -> Result<(), String> {
    let fail = |what: &str| format!("无法生成下载文件「{file_name}」：{what}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| fail("浏览器拒绝创建 Blob"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("无法创建对象 URL"))?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| fail("无法创建链接"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    gloo::utils::body()
        .append_child(&anchor)
        .map_err(|_| fail("无法插入链接"))?;
    anchor.click();
    anchor.remove();
    // Revoke later: revoking at once can cancel the download in some browsers.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
