//! The highlight shown over the whole window while a file is dragged over it.

use yew::prelude::*;

/// Properties of [`DropZone`].
#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Whether a file is being dragged over the window.
    pub active: bool,
}

/// A full-window overlay: 松开鼠标即可读取文件.
#[component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    if !props.active {
        return html! {};
    }
    html! {
        <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
            <div class="drop-overlay-box">{ "松开鼠标，读取此文件（数据只在本机处理）" }</div>
        </div>
    }
}
