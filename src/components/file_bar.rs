//! The header's file actions, always present: 选择文件 (the one file input), 载入示例数据,
//! 下载模板, 打开/保存会话 and 清除本机数据.

use web_sys::{Event, File};
use yew::prelude::*;

use crate::services::files::{chosen_file, chosen_files};

/// The template formats offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplateKind {
    /// 填报模板.xlsx
    Xlsx,
    /// 填报模板.csv
    Csv,
}

/// Properties of [`FileBar`].
#[derive(Properties, PartialEq)]
pub struct FileBarProps {
    /// A data file was chosen.
    pub on_file: Callback<File>,
    /// 载入示例数据.
    pub on_sample: Callback<()>,
    /// 下载模板.
    pub on_template: Callback<TemplateKind>,
    /// A session file was chosen.
    pub on_open_session: Callback<File>,
    /// 保存会话.
    pub on_save_session: Callback<()>,
    /// 清除本机数据.
    pub on_clear: Callback<()>,
    /// Whether there is work to save or clear.
    pub has_data: bool,
}

/// The row of file actions at the top of the page.
#[component(FileBar)]
pub fn file_bar(props: &FileBarProps) -> Html {
    let on_file = {
        let cb = props.on_file.clone();
        Callback::from(move |e: Event| {
            for file in chosen_files(&e) {
                cb.emit(file);
            }
        })
    };
    let on_session = {
        let cb = props.on_open_session.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = chosen_file(&e) {
                cb.emit(file);
            }
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let template = |kind: TemplateKind| {
        let cb = props.on_template.clone();
        Callback::from(move |_: MouseEvent| cb.emit(kind))
    };
    html! {
        <nav class="file-bar" aria-label="文件">
            <label class="button primary file-button">
                { "选择文件…" }
                <input type="file" id="file-input" data-testid="file-input" class="visually-hidden"
                    accept=".xlsx,.xlsm,.xls,.csv,.txt,.json" multiple=true
                    aria-label="选择数据文件（xlsx、xls、csv、txt、json；可一次选择各部门的多个文件）"
                    onchange={on_file} />
            </label>
            <button type="button" class="button" data-testid="load-sample" onclick={click(&props.on_sample)}>
                { "载入示例数据" }
            </button>
            <span class="button-group" role="group" aria-label="下载填报模板">
                <button type="button" class="button" data-testid="template-xlsx" onclick={template(TemplateKind::Xlsx)}>
                    { "下载模板 xlsx" }
                </button>
                <button type="button" class="button" data-testid="template-csv" onclick={template(TemplateKind::Csv)}>
                    { "下载模板 csv" }
                </button>
            </span>
            <span class="spacer"></span>
            <label class="button file-button">
                { "打开会话…" }
                <input type="file" id="session-input" data-testid="session-input" class="visually-hidden"
                    accept=".json" aria-label="打开保存的会话文件（.json）" onchange={on_session} />
            </label>
            <button type="button" class="button" data-testid="save-session" disabled={!props.has_data}
                onclick={click(&props.on_save_session)}>
                { "保存会话" }
            </button>
            <button type="button" class="button danger" data-testid="clear-data" onclick={click(&props.on_clear)}>
                { "清除本机数据" }
            </button>
        </nav>
    }
}
