//! The reading of the document the results use, printed on every results view: one line
//! (`口径：按名次线性折算 · 附加分不累加 · 缺失即报错 … 展开`) that expands on demand to one
//! sentence per choice. The printout always shows the sentences.

use yew::prelude::*;

/// Properties of [`ReadingBanner`].
#[derive(Properties, PartialEq)]
pub struct ReadingBannerProps {
    /// `Reading::summary_zh`: the choices on one line.
    pub summary: AttrValue,
    /// `Reading::description_zh`, one sentence per choice.
    pub lines: Vec<String>,
    /// Whether the sentences start shown (the printout's banner).
    #[prop_or_default]
    pub expanded: bool,
}

/// `口径：…` (`data-testid="reading"`; the toggle `reading-toggle`, the sentences
/// `reading-lines`).
#[component(ReadingBanner)]
pub fn reading_banner(props: &ReadingBannerProps) -> Html {
    let open = use_state(|| props.expanded);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <aside class={classes!("reading", open.then_some("open"))} data-testid="reading" aria-label="计分口径">
            <p class="reading-summary">
                <strong>{ "口径：" }</strong>
                <span data-testid="reading-summary">{ &props.summary }</span>
                <button type="button" class="link reading-toggle" data-testid="reading-toggle"
                    aria-expanded={if *open { "true" } else { "false" }} aria-controls="reading-lines"
                    onclick={toggle}>{ if *open { "收起" } else { "… 展开" } }</button>
            </p>
            <ul id="reading-lines" class="reading-lines" data-testid="reading-lines" hidden={!*open}>
                { for props.lines.iter().map(|l| html! { <li>{ l }</li> }) }
            </ul>
        </aside>
    }
}
