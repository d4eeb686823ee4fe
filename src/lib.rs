//! The parkscore web app: a thin Yew shell over the `parkscore` core crate.
//!
//! Architecture invariant: no scoring here. The app turns user intents into calls of
//! `parkscore::import` and `parkscore::evaluate`, and shows what they return.

pub mod app;
