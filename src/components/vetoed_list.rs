//! Parks taken out of the evaluation (不予评价考核, 一票否决), with the reason.

use parkscore::scoring::VetoedPark;
use yew::prelude::*;

/// Properties of [`VetoedList`].
#[derive(Properties, PartialEq)]
pub struct VetoedListProps {
    /// The vetoed parks, in data order.
    pub vetoed: Vec<VetoedPark>,
    /// The word for an evaluated unit (`Scheme::unit_noun`: 园区, 企业).
    #[prop_or(AttrValue::Static(parkscore::scheme::DEFAULT_UNIT_NOUN))]
    pub unit_noun: AttrValue,
}

/// The list below the ranking table; nothing when no park is vetoed.
#[component(VetoedList)]
pub fn vetoed_list(props: &VetoedListProps) -> Html {
    if props.vetoed.is_empty() {
        return html! {};
    }
    html! {
        <section class="vetoed" data-testid="vetoed" aria-labelledby="vetoed-title">
            <h3 id="vetoed-title">{ format!("不予评价考核的{}（一票否决）", props.unit_noun) }</h3>
            <ul>
                { for props.vetoed.iter().map(|v| html! {
                    <li data-park={v.name.to_string()}>
                        <strong>{ v.name.to_string() }</strong>{ "：" }
                        { v.veto.reason.clone().unwrap_or_else(|| "数据标注为一票否决（未写明原因）".to_owned()) }
                    </li>
                }) }
            </ul>
        </section>
    }
}
