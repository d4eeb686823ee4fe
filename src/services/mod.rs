//! Browser I/O, and only here: reading the files the user gives, downloads, local storage,
//! window-wide drag and drop, focus, printing and the date, and the worker that runs the core.
//!
//! The functions compile natively too (web-sys is a plain dependency), so the whole app builds
//! and lints on the host; they only do something in a browser.

pub mod dom;
pub mod download;
pub mod drop;
pub mod files;
pub mod storage;
pub mod worker;
