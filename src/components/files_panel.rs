//! The round's files (本轮数据文件): each bureau's file with its sheet and edits; choose one to
//! show in the data grid, take one out of the merge. More files join by opening or dropping
//! them; a file of the same name replaces the one before.

use std::rc::Rc;
use yew::prelude::*;

use crate::state::FileId;

/// One file as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRow {
    /// Its id.
    pub id: FileId,
    /// `工信局.xlsx（工作表「数据」）`.
    pub line: String,
    /// How many of its cells were edited.
    pub edits: usize,
}

/// Properties of [`FilesPanel`].
#[derive(Properties, PartialEq)]
pub struct FilesPanelProps {
    /// The files, in order.
    pub files: Rc<Vec<FileRow>>,
    /// The file shown in the grid.
    pub active: Option<FileId>,
    /// Show a file in the grid.
    pub on_show: Callback<FileId>,
    /// Take a file out of the round (the page asks first when it has edits).
    pub on_remove: Callback<FileId>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业): the files merge by it.
    pub unit_noun: AttrValue,
}

/// The list (`data-testid="round-files"`).
#[component(FilesPanel)]
pub fn files_panel(props: &FilesPanelProps) -> Html {
    let count = props.files.len();
    html! {
        <section class="round-files" aria-labelledby="round-files-title">
            <h3 id="round-files-title">
                { if count > 1 { format!("本轮数据文件（{count} 个，按{}和指标合并）", props.unit_noun) } else { "本轮数据文件".to_owned() } }
            </h3>
            <ul data-testid="round-files">
                { for props.files.iter().enumerate().map(|(i, f)| {
                    let show = {
                        let cb = props.on_show.clone();
                        let id = f.id;
                        Callback::from(move |_: MouseEvent| cb.emit(id))
                    };
                    let remove = {
                        let cb = props.on_remove.clone();
                        let id = f.id;
                        Callback::from(move |_: MouseEvent| cb.emit(id))
                    };
                    let current = props.active == Some(f.id);
                    html! {
                        <li class={classes!("round-file", current.then_some("current"))}>
                            <button type="button" class="link" data-testid={format!("file-show-{i}")}
                                aria-pressed={current.to_string()} onclick={show}
                                title="在数据表中显示这个文件">
                                { &f.line }
                            </button>
                            if f.edits > 0 {
                                <span class="file-edits">{ format!("已修改 {} 处", f.edits) }</span>
                            }
                            <button type="button" class="icon-button" data-testid={format!("file-remove-{i}")}
                                aria-label={format!("从本轮移除「{}」", f.line)} title="从本轮移除这个文件"
                                onclick={remove}>{ "移除" }</button>
                        </li>
                    }
                }) }
            </ul>
            <p class="hint">{ "再打开或拖入文件即加入合并；同名文件替换原文件。" }</p>
        </section>
    }
}
