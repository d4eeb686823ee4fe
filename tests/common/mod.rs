//! Helpers shared by the app's native tests: the reducer driven as the page drives it, each
//! job run as the worker would run it.

use parkscore_app::compute::{self, Ran};
use parkscore_app::state::{Action, AppState};

/// The state after `action` and after the job it asked for, if any, has run (as the worker
/// would run it: `compute::run` with the job's own options) and its outcome came back.
pub fn apply(state: &AppState, action: Action) -> AppState {
    settle(state.apply(action).expect("the action changes the state"))
}

/// Runs the jobs `state` asks for until none is left (files dropped together are read one
/// after another).
pub fn settle(mut state: AppState) -> AppState {
    while let Some(pending) = state.pending.clone() {
        let outcome = compute::run(
            &state.scheme,
            &pending.options,
            &pending.validate,
            &pending.job,
        );
        state = state
            .apply(Action::JobDone {
                seq: pending.seq,
                ran: Ran::Page,
                outcome: Box::new(outcome),
            })
            .expect("the newest job's outcome is taken");
    }
    state
}
