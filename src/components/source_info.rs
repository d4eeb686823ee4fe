//! Which file is loaded: its name, format, encoding, and a choice of worksheet.

use parkscore::import::RawTable;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Properties of [`SourceInfo`].
#[derive(Properties, PartialEq)]
pub struct SourceInfoProps {
    /// The name of the file given (shown even when it could not be read).
    pub name: AttrValue,
    /// The table read, if it could be.
    pub table: Option<Rc<RawTable>>,
    /// How many cells were edited.
    pub edits: usize,
    /// Whether the file's bytes are at hand to read another sheet.
    pub can_switch_sheet: bool,
    /// Another worksheet was chosen.
    pub on_sheet: Callback<String>,
}

/// `当前文件：示例数据-2020.csv（CSV，UTF-8）`, with a worksheet select for workbooks.
#[component(SourceInfo)]
pub fn source_info(props: &SourceInfoProps) -> Html {
    let Some(table) = &props.table else {
        return html! {
            <div class="source-info">
                <span>{ "文件：" }</span>
                <strong data-testid="source-name">{ props.name.clone() }</strong>
                <span class="muted">{ "（未能读取，见下方说明）" }</span>
            </div>
        };
    };
    let mut details = vec![format!("{:?}", table.format).to_uppercase()];
    if let Some(enc) = &table.encoding {
        details.push(enc.clone());
    }
    details.push(format!("{} 行", table.rows.len()));
    if props.edits > 0 {
        details.push(format!("已修改 {} 个单元格", props.edits));
    }
    let onchange = {
        let cb = props.on_sheet.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    html! {
        <div class="source-info">
            <span>{ "当前文件：" }</span>
            <strong data-testid="source-name">{ &table.file_name }</strong>
            <span class="muted">{ format!("（{}）", details.join("，")) }</span>
            if table.sheets.len() > 1 && props.can_switch_sheet {
                <label class="sheet-picker">
                    { "工作表 " }
                    <select data-testid="sheet-select" {onchange}>
                        { for table.sheets.iter().map(|s| html! {
                            <option value={s.clone()} selected={table.sheet.as_deref() == Some(s.as_str())}>{ s }</option>
                        }) }
                    </select>
                </label>
            } else if let Some(sheet) = &table.sheet {
                <span class="muted">{ format!("工作表 {sheet}") }</span>
            }
        </div>
    }
}
