//! What the last change of setting moved: `改为「…」后：4 个园区名次变化…`, with 恢复默认 when a
//! setting differs from the scheme's default, and a close button (issue 12 §1).

use yew::prelude::*;

/// Properties of [`SettingEffectNote`].
#[derive(Properties, PartialEq)]
pub struct SettingEffectProps {
    /// The change in words (`排序法指标的折算方法改为「…」`).
    pub change: AttrValue,
    /// What moved, one sentence.
    pub moved: AttrValue,
    /// Whether any setting differs from the default (恢复默认 is offered).
    pub can_reset: bool,
    /// 恢复默认.
    pub on_reset: Callback<()>,
    /// 关闭.
    pub on_dismiss: Callback<()>,
}

/// The note (`data-testid="setting-effect"`), announced politely to screen readers.
#[component(SettingEffectNote)]
pub fn setting_effect_note(props: &SettingEffectProps) -> Html {
    let on_reset = props.on_reset.reform(|_: MouseEvent| ());
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <aside class="setting-effect" data-testid="setting-effect" role="status" aria-live="polite">
            <p>
                <strong>{ format!("{}后：", props.change) }</strong>
                { props.moved.clone() }
            </p>
            <div class="setting-effect-actions">
                if props.can_reset {
                    <button type="button" data-testid="settings-reset" onclick={on_reset}>{ "恢复默认口径" }</button>
                }
                <button type="button" class="link" aria-label="关闭口径变化说明" onclick={on_dismiss}>{ "关闭" }</button>
            </div>
        </aside>
    }
}
