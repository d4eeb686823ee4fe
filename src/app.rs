//! The root component: owns the one reducer, wires the browser services to [`Action`]s and
//! lays out the views. No scoring here: the state asks the core.

use std::collections::BTreeSet;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use web_sys::File;
use yew::prelude::*;

use crate::components::awards::AwardsView;
use crate::components::data_grid::DataGrid;
use crate::components::drop_zone::DropZone;
use crate::components::export_bar::{ExportBar, ExportKind};
use crate::components::file_bar::{FileBar, TemplateRequest};
use crate::components::issues_panel::IssuesPanel;
use crate::components::landing::Landing;
use crate::components::park_detail::ParkDetail;
use crate::components::print_report::PrintReport;
use crate::components::ranking_table::RankingTable;
use crate::components::reading_banner::ReadingBanner;
use crate::components::settings::SettingsPanel;
use crate::components::source_info::SourceInfo;
use crate::components::tabs::Tabs;
use crate::components::totals_chart::TotalsChart;
use crate::components::vetoed_list::VetoedList;
use crate::compute::{Ran, Request};
use crate::exports;
use crate::services::worker::{Finished, Runner};
use crate::services::{dom, download, drop, files, storage};
use crate::session::{Session, SessionError};
use crate::state::{Action, AppState, CellRef, Phase, SortKey, Tab};
use parkscore::{Issue, MissingPolicy, ParkName};

/// Reads `file` without blocking: shows 正在读取…, yields to the event loop, reads the bytes,
/// then hands them to the reducer (which asks for them to be read and scored, off the main
/// thread). A parkscore session (.json) is restored instead.
fn load_file(dispatcher: UseReducerDispatcher<AppState>, file: File) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        // Refused before a byte is read, so that a huge file cannot freeze the tab. The size is
        // a JS number of bytes; comparing it is not arithmetic on any score.
        let limit = parkscore::import::MAX_FILE_BYTES;
        if file.size() > limit as f64 {
            dispatcher.dispatch(Action::FileFailed {
                message: format!(
                    "文件有 {:.1} MB，超过 {} MB 的上限，未读取；请只保留园区数据后再导入",
                    file.size() / 1_048_576.0,
                    limit / 1_048_576
                ),
                name,
            });
            return;
        }
        dispatcher.dispatch(Action::ReadingStarted { name: name.clone() });
        TimeoutFuture::new(0).await;
        match files::read_bytes(&file).await {
            Ok(bytes) => {
                if name.to_lowercase().ends_with(".json") {
                    if let Ok(session) = Session::from_json(&String::from_utf8_lossy(&bytes)) {
                        dispatcher.dispatch(Action::SessionRestored {
                            session: Box::new(session),
                        });
                        return;
                    }
                }
                dispatcher.dispatch(Action::FileLoaded {
                    name,
                    bytes: Rc::new(bytes),
                });
            }
            Err(message) => dispatcher.dispatch(Action::FileFailed { name, message }),
        }
    });
}

/// Opens a session file chosen with 打开会话.
fn open_session(dispatcher: UseReducerDispatcher<AppState>, file: File) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match files::read_bytes(&file).await {
            Ok(bytes) => match Session::from_json(&String::from_utf8_lossy(&bytes)) {
                Ok(session) => Action::SessionRestored {
                    session: Box::new(session),
                },
                Err(e) => Action::Failed {
                    message: format!("「{}」：{e}", file.name()),
                },
            },
            Err(message) => Action::Failed { message },
        };
        dispatcher.dispatch(action);
    });
}

fn offer(dispatcher: &UseReducerDispatcher<AppState>, made: Result<exports::Download, String>) {
    let saved = made.and_then(|d| download::save(&d.bytes, &d.file_name, d.mime));
    if let Err(message) = saved {
        dispatcher.dispatch(Action::Failed { message });
    }
}

/// The root component (`data-testid="app-root"`).
#[component(App)]
pub fn app() -> Html {
    let state = use_reducer(AppState::default);
    let dispatcher = state.dispatcher();

    // The core's jobs run in a worker (or, failing that, here); their ends come back as actions.
    let runner = {
        let d = dispatcher.clone();
        use_memo((), move |_| {
            Runner::new(Callback::from(move |(seq, ran, result): Finished| {
                d.dispatch(match result {
                    Ok(outcome) => Action::JobDone {
                        seq,
                        ran,
                        outcome: Box::new(outcome),
                    },
                    Err(message) => Action::JobFailed { seq, message },
                })
            }))
        })
    };
    {
        let runner = Rc::clone(&runner);
        use_effect_with((), move |_| runner.warm_up());
    }
    {
        let state = state.clone();
        let runner = Rc::clone(&runner);
        use_effect_with(state.pending.as_ref().map(|p| p.seq), move |_| {
            if let Some(pending) = &state.pending {
                let (request, bytes) = Request::split(
                    &state.scheme,
                    &pending.options,
                    &pending.validate,
                    &pending.job,
                );
                runner.submit(pending.seq, request, bytes);
            }
        });
    }

    // Come back to the autosaved work after a reload.
    {
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            if let Some(json) = storage::load_session() {
                let action = match Session::from_json(&json) {
                    Ok(session) => Action::SessionRestored {
                        session: Box::new(session),
                    },
                    Err(SessionError::TooNew(v)) => Action::Failed {
                        message: SessionError::TooNew(v).to_string(),
                    },
                    Err(e) => Action::Failed {
                        message: format!("本机保存的数据无法恢复：{e}"),
                    },
                };
                dispatcher.dispatch(action);
            }
        });
    }

    // The whole window accepts a dropped file.
    {
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            let on_hover = {
                let d = dispatcher.clone();
                Callback::from(move |active: bool| d.dispatch(Action::DragHover { active }))
            };
            let on_drop = {
                let d = dispatcher.clone();
                Callback::from(move |file: File| load_file(d.clone(), file))
            };
            let listeners = drop::listen_for_files(on_hover, on_drop);
            move || std::mem::drop(listeners)
        });
    }

    // Autosave whenever the work changes.
    {
        let state = state.clone();
        let dispatcher = dispatcher.clone();
        use_effect_with(state.revision, move |&revision| {
            if revision > 0 {
                let saved = match state.session() {
                    Some(session) => storage::save_session(&session.to_json()),
                    None => storage::clear_session(),
                };
                if let Err(message) = saved {
                    dispatcher.dispatch(Action::AutosaveResult {
                        error: Some(message),
                    });
                }
            }
        });
    }

    let on_file = {
        let d = dispatcher.clone();
        Callback::from(move |file: File| load_file(d.clone(), file))
    };
    let on_sample = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::SampleRequested))
    };
    let on_template = {
        let d = dispatcher.clone();
        let scheme = Rc::clone(&state.scheme);
        Callback::from(move |request: TemplateRequest| {
            offer(&d, exports::template(&scheme, &request))
        })
    };
    let on_open_session = {
        let d = dispatcher.clone();
        Callback::from(move |file: File| open_session(d.clone(), file))
    };
    let on_save_session = {
        let d = dispatcher.clone();
        let session = state.session();
        Callback::from(move |()| {
            if let Some(s) = &session {
                offer(
                    &d,
                    Ok(exports::Download {
                        file_name: s.file_name(),
                        bytes: s.to_json().into_bytes(),
                        mime: exports::JSON,
                    }),
                );
            }
        })
    };
    let on_clear = {
        let d = dispatcher.clone();
        Callback::from(move |()| {
            if let Err(message) = storage::clear_session() {
                d.dispatch(Action::Failed { message });
            }
            d.dispatch(Action::Cleared);
        })
    };
    let on_export = {
        let d = dispatcher.clone();
        let state = state.clone();
        Callback::from(move |kind: ExportKind| {
            offer(&d, exports::results(&state, kind, &dom::today_zh()));
        })
    };
    let on_print = Callback::from(|()| dom::print());
    let on_edit = {
        let d = dispatcher.clone();
        Callback::from(move |(cell, text): (CellRef, String)| {
            d.dispatch(Action::CellEdited {
                row: cell.row,
                col: cell.col,
                text,
            })
        })
    };
    let on_issue = {
        let d = dispatcher.clone();
        Callback::from(move |issue: Issue| {
            d.dispatch(Action::IssueChosen {
                issue: Box::new(issue),
            })
        })
    };
    let on_sheet = {
        let d = dispatcher.clone();
        Callback::from(move |name: String| d.dispatch(Action::SheetChosen { name }))
    };
    let on_method = {
        let d = dispatcher.clone();
        Callback::from(move |m| d.dispatch(Action::MethodChosen { method: Some(m) }))
    };
    let on_step = {
        let d = dispatcher.clone();
        Callback::from(move |text: String| d.dispatch(Action::StepChanged { text }))
    };
    let on_bonus = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::BonusCumulativeToggled))
    };
    let on_allow_missing = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::AllowMissingUnitsToggled))
    };
    let on_allow_unlisted = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::AllowUnlistedToggled))
    };
    let on_accept = {
        let d = dispatcher.clone();
        Callback::from(move |issue: Issue| {
            d.dispatch(Action::SuggestionAccepted {
                issue: Box::new(issue),
            })
        })
    };
    let on_missing = {
        let d = dispatcher.clone();
        Callback::from(move |policy: MissingPolicy| {
            d.dispatch(Action::MissingPolicyChosen { policy })
        })
    };
    let on_sort = {
        let d = dispatcher.clone();
        Callback::from(move |key: SortKey| d.dispatch(Action::SortBy { key }))
    };
    let on_select = {
        let d = dispatcher.clone();
        Callback::from(move |park: ParkName| d.dispatch(Action::ParkSelected { park }))
    };
    let on_platform = {
        let d = dispatcher.clone();
        Callback::from(move |park: Option<ParkName>| {
            d.dispatch(Action::SpecialAwardChosen { park })
        })
    };
    let on_grid_page = {
        let d = dispatcher.clone();
        Callback::from(move |page: usize| d.dispatch(Action::GridPageChosen { page }))
    };
    let on_tab = {
        let d = dispatcher.clone();
        Callback::from(move |tab: Tab| d.dispatch(Action::TabChosen { tab }))
    };

    let issues: Rc<Vec<Issue>> = Rc::new(state.issues().into_iter().cloned().collect());
    let errors = state.error_count();
    let source_name = state
        .table
        .as_ref()
        .map(|t| t.source_line())
        .or_else(|| state.source.as_ref().map(|s| s.name.clone()));

    let progress = match (&state.phase, state.is_computing()) {
        (Phase::Reading { name }, _) => html! {
            <p class="progress" role="status" data-testid="progress">{ format!("正在读取「{name}」…") }</p>
        },
        (_, true) => html! {
            <p class="progress" role="status" data-testid="progress">{ "正在计分…" }</p>
        },
        _ => html! {},
    };

    let view = match (&state.evaluation, state.tab) {
        (_, Tab::Data) => html! {
            <>
                <IssuesPanel issues={Rc::clone(&issues)} on_choose={on_issue.clone()} on_accept={on_accept.clone()} />
                if let Some(table) = &state.table {
                    <DataGrid table={Rc::clone(table)}
                        edited={Rc::new(state.edits.keys().copied().collect::<BTreeSet<_>>())}
                        faulty={Rc::new(state.faulty_cells())}
                        header_row={state.validated.as_ref().and_then(|v| v.header_row)}
                        on_edit={on_edit.clone()} focus={state.focus}
                        page={state.grid_page} on_page={on_grid_page.clone()} />
                }
            </>
        },
        (None, _) => html! {
            <div class="blocked">
                <p class="blocked-message" role="alert">
                    { format!("数据中有 {errors} 个错误，修正后才能计分。点击下面的问题可直接跳到对应单元格修改。") }
                </p>
                <IssuesPanel issues={Rc::clone(&issues)} on_choose={on_issue.clone()} on_accept={on_accept.clone()} />
            </div>
        },
        (Some(eval), tab) => {
            let body = match tab {
                Tab::Ranking => html! {
                    <>
                        <RankingTable evaluation={Rc::clone(eval)} sort={state.sort}
                            on_sort={on_sort.clone()} on_select={on_select.clone()} />
                        <VetoedList vetoed={eval.vetoed.clone()} />
                        if !eval.notes.is_empty() {
                            <section class="notes" aria-labelledby="notes-title">
                                <h3 id="notes-title">{ "计分说明" }</h3>
                                <ul>{ for eval.notes.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
                            </section>
                        }
                        <TotalsChart evaluation={Rc::clone(eval)} />
                    </>
                },
                Tab::Detail => html! {
                    <ParkDetail scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)}
                        park={state.selected_park.clone()} on_select={on_select.clone()} />
                },
                Tab::Awards => html! {
                    <AwardsView evaluation={Rc::clone(eval)} platform_choice={state.platform_choice.clone()}
                        on_platform={on_platform.clone()} />
                },
                Tab::Data => html! {},
            };
            html! {
                <>
                    <ReadingBanner lines={eval.reading.description_zh.clone()} />
                    { body }
                </>
            }
        }
    };

    // 下载模板 offers the full template and one per responsible department.
    let departments: Vec<AttrValue> = state
        .scheme
        .departments()
        .into_iter()
        .map(|d| AttrValue::from(d.to_owned()))
        .collect();

    let step_error = if state.settings.method == Some(crate::state::RankingMethod::RankStep) {
        state.settings.step().err().map(AttrValue::from)
    } else {
        None
    };

    html! {
        <main class={classes!("app", state.dragging.then_some("dragging"))} data-testid="app-root"
            data-compute={state.last_ran.map(Ran::id)}>
            <header class="top screen-only">
                <h1>{ "赤峰市工业园区综合发展评价考核" }</h1>
                <FileBar {on_file} on_sample={on_sample.clone()} {on_template} {on_open_session}
                    {on_save_session} {on_clear} has_data={state.table.is_some()}
                    {departments} />
            </header>
            <DropZone active={state.dragging} />
            <div class="screen-only">
                { progress }
                if let Some(notice) = &state.notice {
                    <p class="notice" role="alert" data-testid="notice">{ notice }</p>
                }
                if let Some(name) = &source_name {
                    if state.table.is_none() {
                        <SourceInfo name={AttrValue::from(name.clone())} table={None::<Rc<parkscore::import::RawTable>>}
                            edits={0} can_switch_sheet={false} on_sheet={on_sheet.clone()} />
                    }
                }
                if let (Some(error), None) = (&state.load_error, &state.table) {
                    <p class="load-error" role="alert" data-testid="load-error">{ error.to_string() }</p>
                }
                if let Some(table) = &state.table {
                    <div class="workspace">
                        <aside class="sidebar">
                            <SourceInfo name={AttrValue::from(table.file_name.clone())} table={Some(Rc::clone(table))}
                                edits={state.edits.len()} can_switch_sheet={state.source.is_some()} {on_sheet} />
                            <SettingsPanel method={state.effective_method()}
                                step_text={AttrValue::from(state.settings.step_text.clone())} {step_error}
                                cumulative_bonus={state.cumulative_bonus()} missing={state.settings.missing}
                                allow_missing_units={state.settings.allow_missing_units}
                                allow_unlisted={state.settings.allow_unlisted}
                                has_unit_list={state.scheme.has_unit_list()}
                                {on_method} {on_step} {on_bonus} {on_missing}
                                {on_allow_missing} {on_allow_unlisted} />
                            <ExportBar enabled={state.evaluation.is_some() && !state.is_computing()} {on_export} {on_print} />
                        </aside>
                        <div class="content">
                            <Tabs current={state.tab} {errors} on_choose={on_tab} />
                            <div id="view" role="tabpanel" aria-labelledby={format!("tab-{}", state.tab.id())}>
                                { view }
                            </div>
                        </div>
                    </div>
                } else {
                    <Landing {on_sample} />
                }
            </div>
            if let Some(eval) = &state.evaluation {
                <PrintReport evaluation={Rc::clone(eval)} year={state.year()}
                    date={AttrValue::from(dom::today_zh())}
                    source={AttrValue::from(source_name.clone().unwrap_or_default())}
                    edits={state.edits.len()} platform_choice={state.platform_choice.clone()} />
            }
        </main>
    }
}
