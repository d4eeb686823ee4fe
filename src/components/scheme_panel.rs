//! 评分方案: the scheme the round is scored under (its name and document), and its file:
//! 打开方案… reads a `.toml` scheme (also by dropping it on the page), 保存方案 downloads the
//! one in use, 恢复内置方案 goes back to the built-in 赤峰 2020 scheme.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SchemePanel`].
#[derive(Properties, PartialEq)]
pub struct SchemePanelProps {
    /// The scheme's name (`赤峰市工业园区综合发展评价考核指标体系`).
    pub name: AttrValue,
    /// Its document (`赤政发〔2020〕172号`).
    pub document: AttrValue,
    /// Whether it is the built-in scheme.
    pub builtin: bool,
    /// Its fingerprint (`Scheme::fingerprint`): the same for the same rules.
    pub fingerprint: AttrValue,
    /// The built-in preset in use, by id (`None`: a scheme of the user's).
    pub preset: Option<&'static str>,
    /// A built-in preset chosen, by id.
    pub on_preset: Callback<String>,
    /// A scheme file was chosen.
    pub on_open: Callback<web_sys::File>,
    /// 保存方案.
    pub on_save: Callback<()>,
    /// 恢复内置方案.
    pub on_reset: Callback<()>,
    /// 编辑方案….
    pub on_edit: Callback<()>,
}

/// `data-testid="scheme-panel"`.
#[component(SchemePanel)]
pub fn scheme_panel(props: &SchemePanelProps) -> Html {
    let on_open = {
        let cb = props.on_open.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                cb.emit(file);
            }
            // The same file chosen again is a new choice.
            input.set_value("");
        })
    };
    let on_preset = {
        let cb = props.on_preset.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if !select.value().is_empty() {
                cb.emit(select.value());
            }
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <section class="scheme-panel" aria-labelledby="scheme-title" data-testid="scheme-panel">
            <h3 id="scheme-title">{ "评分方案" }</h3>
            <p class="scheme-name">
                <span data-testid="scheme-name">{ &props.name }</span>
                if !props.document.is_empty() {
                    <span class="muted">{ format!("（{}）", props.document) }</span>
                }
                if props.builtin {
                    <span class="badge">{ "内置" }</span>
                }
            </p>
            <p class="scheme-fingerprint muted" data-testid="scheme-fingerprint"
                title="方案内容的摘要：两个单位的指纹相同，说明用的是同一套评分规则">
                { format!("方案指纹 {}", props.fingerprint) }</p>
            <label class="field" for="preset-select">{ "内置方案" }</label>
            <select id="preset-select" data-testid="preset-select" onchange={on_preset}>
                if props.preset.is_none() {
                    <option value="" selected=true>{ "（自定义方案）" }</option>
                }
                { for parkscore::scheme::presets::PRESETS.iter().map(|p| html! {
                    <option value={p.id} selected={props.preset == Some(p.id)}>{ p.title_zh }</option>
                }) }
            </select>
            <div class="scheme-actions">
                <label class="button file-button">
                    { "打开方案…" }
                    <input type="file" class="visually-hidden" data-testid="scheme-input" accept=".toml"
                        aria-label="打开评分方案文件（.toml）" onchange={on_open} />
                </label>
                <button type="button" class="button" data-testid="scheme-edit" onclick={click(&props.on_edit)}
                    title="修改分组、指标、满分、计分方法、附加分、奖励和参评单位">{ "编辑方案…" }</button>
                <button type="button" class="button" data-testid="scheme-save" onclick={click(&props.on_save)}
                    title="把正在使用的评分方案保存为 .toml 文件，可分享给其他单位或在命令行中使用">{ "保存方案" }</button>
                if !props.builtin {
                    <button type="button" class="button" data-testid="scheme-reset" onclick={click(&props.on_reset)}>
                        { "恢复内置方案" }</button>
                }
            </div>
        </section>
    }
}
