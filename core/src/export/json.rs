//! An [`Evaluation`] as JSON: the format `parkscore score --format json` prints and the app
//! downloads.
//!
//! ```text
//! {"scheme": "chifeng-2020", "method": "rank_linear",
//!  "units": {"listed": 14, "missing": […], "unlisted": […], "renamed": [{"written", "official"}]},
//!  "reading": ["…", …],
//!  "parks": [{"name", "rank", "vetoed", "total", "base", "bonus", "bonus_explain",
//!             "award_wan", "groups": {"总量指标": "25.08", …},
//!             "indicators": {"output_growth": {"value", "score", "rank", "explain"}, …}}, …],
//!  "vetoed": […], "awards": {"places": […], "special": […]}, "notes": ["…"]}
//! ```
//!
//! Scores are strings with exactly the scheme's `rounding_places` decimals (2 for Chifeng:
//! `"5.08"`, `"6.00"`), values and amounts exact decimal strings (`"12.5"`), so that no reader
//! meets a binary float. `units` is null when the scheme lists no units. Ranked parks come first, by rank; vetoed parks follow with `rank`
//! null, `vetoed` true, null scores and their `veto_reason`. Objects keep the scheme's order.

use crate::scheme::Scheme;
use crate::score::Score;
use crate::scoring::{Evaluation, ParkResult, VetoedPark};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// The evaluation as a JSON value (see the module documentation for the layout).
pub fn evaluation_json(scheme: &Scheme, evaluation: &Evaluation) -> Value {
    let places = evaluation.reading.rounding_places;
    let mut parks: Vec<Value> = evaluation
        .parks
        .iter()
        .map(|p| ranked_park(p, places))
        .collect();
    parks.extend(evaluation.vetoed.iter().map(|v| vetoed_park(scheme, v)));
    let reading = &evaluation.reading;
    json!({
        "scheme": reading.scheme_id,
        "scheme_name": scheme.name,
        "document": scheme.document,
        "method": reading.ranking_method.id(),
        "method_zh": reading.ranking_method.name_zh(),
        "cumulative_bonus": reading.cumulative_bonus,
        "missing": reading.missing,
        "rounding_places": reading.rounding_places,
        "units": reading.units,
        "reading": reading.description_zh,
        "parks": parks,
        "awards": {
            "places": evaluation.awards.places.iter().map(|a| json!({
                "rank": a.rank,
                "park": a.park.as_str(),
                "amount_wan": dec(a.amount_wan),
                "explain": a.explain,
            })).collect::<Vec<_>>(),
            "special": evaluation.awards.special.iter().map(|s| json!({
                "name": s.name,
                "amount_wan": dec(s.amount_wan),
                "basis": s.basis.as_ref().map(|b| b.0.clone()),
                "candidates": s.candidates.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
                "tie": s.tie,
                "explain": s.explain,
            })).collect::<Vec<_>>(),
        },
        "notes": evaluation.notes.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

/// The evaluation as pretty-printed JSON text, ending with a newline.
pub fn evaluation_json_string(scheme: &Scheme, evaluation: &Evaluation) -> String {
    let value = evaluation_json(scheme, evaluation);
    // A Value made of strings, numbers, booleans, arrays and string-keyed maps always
    // serialises; the fallback keeps the signature free of an error nobody can act on.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
    text.push('\n');
    text
}

fn ranked_park(p: &ParkResult, places: u32) -> Value {
    let groups: Map<String, Value> = p
        .groups
        .iter()
        .map(|g| (g.name.clone(), score(g.score, places)))
        .collect();
    let indicators: Map<String, Value> = p
        .indicators
        .iter()
        .map(|i| {
            (
                i.id.0.clone(),
                json!({
                    "value": i.value.map(dec),
                    "score": score(i.score, places),
                    "rank": i.rank,
                    "explain": i.explain,
                }),
            )
        })
        .collect();
    json!({
        "name": p.name.as_str(),
        "rank": p.rank,
        "vetoed": false,
        "total": score(p.total, places),
        "base": score(p.base, places),
        "bonus": score(p.bonus, places),
        "bonus_explain": p.bonus_explain,
        "award_wan": p.award_wan.map(dec),
        "groups": groups,
        "indicators": indicators,
    })
}

fn vetoed_park(scheme: &Scheme, v: &VetoedPark) -> Value {
    let groups: Map<String, Value> = scheme
        .groups
        .iter()
        .map(|g| (g.name.clone(), Value::Null))
        .collect();
    json!({
        "name": v.name.as_str(),
        "rank": Value::Null,
        "vetoed": true,
        "veto_reason": v.veto.reason,
        "total": Value::Null,
        "base": Value::Null,
        "bonus": Value::Null,
        "award_wan": Value::Null,
        "groups": groups,
        "indicators": {},
    })
}

fn score(s: Score, places: u32) -> Value {
    Value::String(s.fixed(places))
}

fn dec(d: Decimal) -> Value {
    Value::String(d.normalize().to_string())
}
