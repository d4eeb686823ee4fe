//! The parkscore web app: a thin Yew shell over the `parkscore` core crate.
//!
//! Architecture invariant: no scoring here. The app turns user intents into calls of
//! `parkscore::import` and `parkscore::evaluate`, and shows what they return.
//!
//! - [`compute`]: the heavy work (read a file, score a table) as a pure job, run in a worker;
//! - [`state`]: the one reducer ([`state::AppState`], [`state::Action`]), plain Rust;
//! - [`session`]: the user's work as JSON (autosave, session files);
//! - [`exports`]: what the export and template buttons download;
//! - [`components`]: the view, one component per file;
//! - [`services`]: browser I/O, and only there;
//! - [`app`]: the root component that wires them together.

pub mod app;

/// Which browsers run the page, as the landing page and `index.html`'s start-failure message
/// say it (a test keeps the two the same). Chromium 97 is the floor: the CSP's
/// `'wasm-unsafe-eval'` (97) lets the wasm compile without allowing `eval`, and the wasm uses
/// reference types (96); older cores (360 安全浏览器 13.x is Chromium 86) get the message.
/// Firefox 113 is the floor that was checked when the page inflated its wasm with
/// `DecompressionStream`; it now decodes its own zstd (tools/unzstd), so 102 (the first with
/// `'wasm-unsafe-eval'`) may do, but is untested and not promised.
pub const BROWSERS_ZH: &str = "可用的浏览器：Chrome 或 Edge 97 及以上版本（Windows 7 可用 Chrome 109），\
360 安全浏览器 14 及以上版本、奇安信可信浏览器的极速模式（Chromium 内核 97 及以上），Firefox 113 及以上。\
360 安全浏览器 13 等内核低于 97 的浏览器无法运行本工具。";
pub mod components;
pub mod compute;
pub mod exports;
pub mod format;
pub mod services;
pub mod session;
pub mod state;
pub use parkscore::wire;
