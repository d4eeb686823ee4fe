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
pub mod components;
pub mod compute;
pub mod exports;
pub mod format;
pub mod services;
pub mod session;
pub mod state;
pub mod wire;
