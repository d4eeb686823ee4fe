//! # parkscore — the scoring core
//!
//! The Chifeng industrial-park evaluation (赤峰市工业园区综合发展评价考核, 赤政发〔2020〕172号,
//! 附件1 and 附件2) as a pure Rust library: a [`Scheme`] describes the 23 indicators, a
//! [`Dataset`] holds one year's figures for the parks, and [`evaluate`] turns both into an
//! [`Evaluation`] in which every number carries its explanation.
//!
//! The flow is the same for the browser app and the command line:
//!
//! ```text
//! bytes ──import::read──▶ RawTable ──import::validate──▶ (Dataset, Vec<Issue>)
//!        ──evaluate──▶ Evaluation ──export::*──▶ table / JSON / CSV / xlsx
//! ```
//!
//! Architecture invariants:
//! - this crate does no I/O: it takes bytes and returns values; it knows nothing of the DOM,
//!   files or the network (the binary `parkscore` does the file reading);
//! - every score is a [`rust_decimal::Decimal`]; there is no `f64` anywhere in scoring (the only
//!   floats are the ones a spreadsheet stores, converted once at the import edge by their
//!   shortest decimal representation);
//! - analyses return results plus a list of [`Issue`]s instead of stopping at the first problem.
#![deny(missing_docs)]

pub mod analysis;
pub mod dataset;
pub mod export;
pub mod import;
pub mod issue;
pub mod order;
pub mod round;
pub mod sample;
pub mod scheme;
pub mod score;
pub mod scoring;
pub mod wire;

pub use dataset::{Dataset, MaybeDecimal, ParkName, ParkRecord, ValueColumns, Veto};
pub use issue::{Issue, Location, Severity};
pub use scheme::{Direction, Group, GroupId, Indicator, IndicatorId, Method, Scheme};
pub use score::{Score, ScoreColumn};
pub use scoring::{
    evaluate, evaluate_columnar, evaluate_owned, Evaluation, MissingPolicy, Options, ParkView,
};
