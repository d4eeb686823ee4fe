//! The import template (填报模板): an .xlsx with a 填报说明 sheet and a data sheet listing the
//! 14 evaluated units, and a CSV variant with a UTF-8 BOM.
//!
//! CONTRACT: the signatures below. The import issue fills them in.

use crate::scheme::Scheme;

/// The .xlsx template for `scheme`.
pub fn template_xlsx(scheme: &Scheme) -> Result<Vec<u8>, String> {
    let _ = scheme;
    Err("模板尚未实现".to_owned())
}

/// The CSV template for `scheme`: UTF-8 with a BOM, the header and the 14 units.
pub fn template_csv(scheme: &Scheme) -> Vec<u8> {
    let _ = scheme;
    Vec::new()
}
