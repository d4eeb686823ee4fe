//! Export: an [`Evaluation`](crate::Evaluation) (and the data behind it) to text, JSON, CSV
//! and xlsx bytes; the import template. Bytes out, never files: the caller writes them.

pub mod csv;
pub mod json;
pub mod report;
pub mod table;
pub mod template;
