//! The header's file actions, always present: 选择文件 (the one file input), 载入示例数据,
//! 下载模板 (全部指标 or one responsible department's columns, as xlsx or csv), 打开/保存会话
//! and 清除本机数据.

use web_sys::{Event, File, HtmlSelectElement};
use yew::prelude::*;

pub use parkscore::export::template::TemplateFormat;

use crate::services::files::{chosen_file, chosen_files};

/// What 下载模板 asks for: a format, and whose columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateRequest {
    /// xlsx or csv.
    pub format: TemplateFormat,
    /// The department whose columns the template has; `None`: 全部指标.
    pub department: Option<String>,
}

/// Properties of [`FileBar`].
#[derive(Properties, PartialEq)]
pub struct FileBarProps {
    /// A data file was chosen.
    pub on_file: Callback<File>,
    /// 载入示例数据.
    pub on_sample: Callback<()>,
    /// 下载模板.
    pub on_template: Callback<TemplateRequest>,
    /// The scheme's departments ([`parkscore::Scheme::departments`]), each offered a template
    /// of its own columns; empty: only the full template.
    #[prop_or_default]
    pub departments: Vec<AttrValue>,
    /// A session file was chosen.
    pub on_open_session: Callback<File>,
    /// 保存会话.
    pub on_save_session: Callback<()>,
    /// 清除本机数据.
    pub on_clear: Callback<()>,
    /// Whether there is work to save or clear.
    pub has_data: bool,
}

/// The row of file actions at the top of the page. The template picker
/// (`data-testid="template-for"`, 全部指标 or a department) chooses what the two template
/// buttons (`template-xlsx`, `template-csv`) download; it is the bar's own state, kept while
/// the page is open.
#[component(FileBar)]
pub fn file_bar(props: &FileBarProps) -> Html {
    let chosen = use_state(|| None::<String>);
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
    // A department the scheme no longer names (another scheme loaded) falls back to 全部指标.
    let current = chosen
        .as_deref()
        .filter(|c| props.departments.iter().any(|d| d.as_str() == *c));
    let template = |format: TemplateFormat| {
        let cb = props.on_template.clone();
        let department = current.map(str::to_owned);
        Callback::from(move |_: MouseEvent| {
            cb.emit(TemplateRequest {
                format,
                department: department.clone(),
            })
        })
    };
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            chosen.set((!value.is_empty()).then_some(value));
        })
    };

    html! {
        <nav class="file-bar" aria-label="文件">
            <label class="button primary file-button">
                { "选择文件…" }
                <input type="file" id="file-input" data-testid="file-input" class="visually-hidden"
                    accept=".xlsx,.xlsm,.xls,.csv,.txt,.json,.toml" multiple=true
                    aria-label="选择数据文件（xlsx、xls、csv、txt、json；可一次选择各部门的多个文件）"
                    onchange={on_file} />
            </label>
            <button type="button" class="button" data-testid="load-sample" onclick={click(&props.on_sample)}>
                { "载入示例数据" }
            </button>
            <span class="button-group" role="group" aria-label="下载填报模板">
                if !props.departments.is_empty() {
                    <label class="template-for" for="template-for">{ "下载模板：" }</label>
                    <select id="template-for" data-testid="template-for" onchange={on_choose}
                        title="全部指标，或只含某一负责单位填报的列">
                        <option value="" selected={current.is_none()}>{ "全部指标" }</option>
                        { for props.departments.iter().map(|d| html! {
                            <option value={d.clone()} selected={current == Some(d.as_str())}>{ d.clone() }</option>
                        }) }
                    </select>
                }
                <button type="button" class="button" data-testid="template-xlsx" onclick={template(TemplateFormat::Xlsx)}
                    aria-label="下载模板（Excel 文件 xlsx）" title="下载填报模板（Excel 文件 xlsx）">
                    { "xlsx" }
                </button>
                <button type="button" class="button" data-testid="template-csv" onclick={template(TemplateFormat::Csv)}
                    aria-label="下载模板（csv 文件）" title="下载填报模板（csv 文件，Excel 和 WPS 可打开）">
                    { "csv" }
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
