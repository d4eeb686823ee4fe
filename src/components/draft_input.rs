//! A text field whose typed text stays its own until it is committed (Enter, or leaving the
//! field): a re-render — another field committed, figures arriving from the worker — never puts
//! the committed text back over what is being typed. The committed value, when it changes
//! (恢复, a reset), replaces the draft.

use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A field's text as typed, following `committed` whenever that changes.
#[hook]
pub fn use_draft(committed: &AttrValue) -> UseStateHandle<String> {
    let draft = use_state(|| committed.to_string());
    {
        let draft = draft.clone();
        use_effect_with(committed.clone(), move |c| draft.set(c.to_string()));
    }
    draft
}

/// Properties of [`DraftInput`].
#[derive(Properties, PartialEq)]
pub struct DraftInputProps {
    /// The element's id (its label's `for`).
    pub id: AttrValue,
    /// `data-testid`.
    pub testid: AttrValue,
    /// The committed text.
    pub value: AttrValue,
    /// Shown while the field is empty.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// `size`.
    pub size: AttrValue,
    /// Whether the committed text was refused (`aria-invalid`).
    pub invalid: bool,
    /// The text committed.
    pub on_commit: Callback<String>,
}

/// The field (`inputmode="decimal"`).
#[component(DraftInput)]
pub fn draft_input(props: &DraftInputProps) -> Html {
    let draft = use_draft(&props.value);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
        })
    };
    let onchange = {
        let cb = props.on_commit.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    let onkeydown = {
        let cb = props.on_commit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                let input: HtmlInputElement = e.target_unchecked_into();
                cb.emit(input.value());
            }
        })
    };
    html! {
        <input id={props.id.clone()} type="text" inputmode="decimal" size={props.size.clone()}
            data-testid={props.testid.clone()} value={(*draft).clone()}
            placeholder={props.placeholder.clone()}
            aria-invalid={props.invalid.then_some("true")}
            {oninput} {onchange} {onkeydown} />
    }
}
