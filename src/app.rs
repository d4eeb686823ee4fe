//! The root component: owns the one reducer, wires the browser services to [`Action`]s and
//! lays out the views. No scoring here: the state asks the core.

use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use web_sys::File;
use yew::prelude::*;

use crate::components::analysis_panel::AnalysisPanel;
use crate::components::awards::AwardsView;
use crate::components::change_log::ChangeLog;
use crate::components::data_grid::DataGrid;
use crate::components::drop_zone::DropZone;
use crate::components::export_bar::{ExportBar, ExportKind};
use crate::components::file_bar::{FileBar, TemplateRequest};
use crate::components::files_panel::{FileRow, FilesPanel};
use crate::components::issues_panel::IssuesPanel;
use crate::components::landing::SchemeLanding;
use crate::components::merge_panel::{Decide, MergePanel};
use crate::components::move_up_panel::MoveUpPanel;
use crate::components::not_rated_list::NotRatedList;
use crate::components::park_detail::ParkDetail;
use crate::components::print_internal::PrintInternal;
use crate::components::print_park_sheets::PrintParkSheets;
use crate::components::print_publicity::PrintPublicity;
use crate::components::print_report::PrintReport;
use crate::components::ranking_table::RankingTable;
use crate::components::reading_banner::ReadingBanner;
use crate::components::reports_panel::ReportsPanel;
use crate::components::round_form::RoundForm;
use crate::components::scheme_editor::SchemeEditor;
use crate::components::scheme_panel::SchemePanel;
use crate::components::setting_effect::SettingEffectNote;
use crate::components::settings::SettingsPanel;
use crate::components::source_info::SourceInfo;
use crate::components::tabs::Tabs;
use crate::components::totals_chart::TotalsChart;
use crate::components::vetoed_list::VetoedList;
use crate::components::what_if_panel::outcome as what_if_outcome;
use crate::compute::{Ran, Request};
use crate::exports;
use crate::services::worker::{Finished, Runner, BIG_JOB_BYTES};
use crate::services::{dom, download, drop, files, storage};
use crate::session::{Session, SessionError};
use crate::state::scheme_draft::SchemeDraft;
use crate::state::{
    Action, AnalysisParam, AppState, Autosave, CellRef, DraftEdit, FileId, PendingJob, Phase,
    ReportChoice, RoundEdit, SortKey, Tab, MAX_SCHEME_BYTES,
};
use parkscore::export::report::Version;
use parkscore::{Evaluation, IndicatorId, Issue, MissingPolicy, ParkName};

/// Submits the job `pending` picks from the state to `runner` whenever that job changes (a new
/// sequence number): one call per line of jobs.
#[hook]
fn use_submit(
    runner: &Rc<Runner>,
    state: &UseReducerHandle<AppState>,
    pending: fn(&AppState) -> Option<&PendingJob>,
) {
    let seq = pending(state).map(|p| p.seq);
    let state = state.clone();
    let runner = Rc::clone(runner);
    use_effect_with(seq, move |_| {
        if let Some(p) = pending(&state) {
            let (request, bytes) = Request::split(&state.scheme, &p.options, &p.validate, &p.job);
            runner.submit(p.seq, request, bytes);
        }
    });
}

/// Reads `file` without blocking: shows 正在读取… (for a file over the worker's
/// [`BIG_JOB_BYTES`]), yields to the event loop, reads the bytes,
/// then hands them to the reducer (which asks for them to be read into the round and scored,
/// off the main thread). A parkscore session (.json) is restored instead. A file of the same
/// name as one of the round's that has edits replaces it only if the user says so.
fn load_file(dispatcher: UseReducerDispatcher<AppState>, state: &AppState, file: File) {
    let name = file.name();
    if name.to_lowercase().ends_with(".toml") {
        open_scheme(dispatcher, file);
        return;
    }
    let edited = state.doc.by_name(&name).map_or(0, |f| f.originals.len());
    if edited > 0
        && !dom::confirm(&format!(
            "本轮中已有「{name}」，并有 {edited} 处修改。用新文件替换它吗？这些修改将丢失。"
        ))
    {
        return;
    }
    let session_question = replace_question(state);
    let noun = state.scheme.unit_noun().to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        // Refused before a byte is read, so that a huge file cannot freeze the tab. The size is
        // a JS number of bytes; comparing it is not arithmetic on any score.
        if file.size() > parkscore::import::MAX_FILE_BYTES as f64 {
            dispatcher.dispatch(Action::FileFailed {
                message: file_too_big_zh(file.size(), &noun),
                name,
            });
            return;
        }
        // A small file is read at once; a big one shows 正在读取… first (reading it takes a
        // moment). The page's render of that message would be most of a small file's time.
        if file.size() > BIG_JOB_BYTES as f64 {
            dispatcher.dispatch(Action::ReadingStarted { name: name.clone() });
            TimeoutFuture::new(0).await;
        }
        match files::read_bytes(&file).await {
            Ok(bytes) => {
                if name.to_lowercase().ends_with(".json") {
                    if let Ok(session) = Session::from_json(&String::from_utf8_lossy(&bytes)) {
                        if session_question.as_deref().is_none_or(dom::confirm) {
                            dispatcher.dispatch(Action::SessionRestored {
                                session: Box::new(session),
                            });
                        }
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

/// The refusal of a data file over the import's size limit ([`parkscore::import::MAX_FILE_BYTES`])
/// of `size` bytes, before a byte is read; `noun` is the scheme's word for a unit
/// (`Scheme::unit_noun`): `文件有 25.0 MB，超过 20 MB 的上限，未读取；请只保留园区数据后再导入`.
pub fn file_too_big_zh(size: f64, noun: &str) -> String {
    let limit = parkscore::import::MAX_FILE_BYTES;
    format!(
        "文件有 {:.1} MB，超过 {} MB 的上限，未读取；请只保留{noun}数据后再导入",
        size / 1_048_576.0,
        limit / 1_048_576
    )
}

/// Reads a scheme file (打开方案…, or a .toml dropped or chosen), refused above
/// [`MAX_SCHEME_BYTES`] before a byte is read; the reducer parses it.
fn open_scheme(dispatcher: UseReducerDispatcher<AppState>, file: File) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        if file.size() > MAX_SCHEME_BYTES as f64 {
            dispatcher.dispatch(Action::Failed {
                message: format!(
                    "评分方案「{name}」有 {:.1} MB，超过 {} KB 的上限，未读取",
                    file.size() / 1_048_576.0,
                    MAX_SCHEME_BYTES / 1024
                ),
            });
            return;
        }
        let action = match files::read_bytes(&file).await {
            Ok(bytes) => Action::SchemeOpened {
                name,
                bytes: Rc::new(bytes),
            },
            Err(message) => Action::Failed { message },
        };
        dispatcher.dispatch(action);
    });
}

/// Reads a file chosen as last year's for 年度对比 (a data file or a saved session; the
/// worker tells which), refused above the import's size limit before a byte is read.
fn read_last_year(dispatcher: UseReducerDispatcher<AppState>, file: File) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        let limit = parkscore::import::MAX_FILE_BYTES;
        if file.size() > limit as f64 {
            dispatcher.dispatch(Action::Failed {
                message: format!(
                    "上年数据「{name}」有 {:.1} MB，超过 {} MB 的上限，未读取",
                    file.size() / 1_048_576.0,
                    limit / 1_048_576
                ),
            });
            return;
        }
        let action = match files::read_bytes(&file).await {
            Ok(bytes) => Action::LastYearChosen {
                name,
                bytes: Rc::new(bytes),
            },
            Err(message) => Action::Failed { message },
        };
        dispatcher.dispatch(action);
    });
}

/// Opens a session file chosen with 打开会话.
fn open_session(dispatcher: UseReducerDispatcher<AppState>, state: &AppState, file: File) {
    let question = replace_question(state);
    wasm_bindgen_futures::spawn_local(async move {
        let action = match files::read_bytes(&file).await {
            Ok(bytes) => match Session::from_json(&String::from_utf8_lossy(&bytes)) {
                Ok(_) if !question.as_deref().is_none_or(dom::confirm) => return,
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

/// The question before a session replaces the round, when there is work to lose.
fn replace_question(state: &AppState) -> Option<String> {
    state.has_work().then(|| {
        format!(
            "打开会话将替换本轮的 {} 个文件（{} 处修改）、合并和奖励的决定及本轮信息。确定吗？（可先「保存会话」）",
            state.doc.files().len(),
            state.doc.edited_cells()
        )
    })
}

/// An optional shared value compared by identity: the same evaluation, not an equal one (two
/// evaluations of 100,000 parks are not compared row by row on every render).
struct SameRc<T>(Option<Rc<T>>);

impl<T> PartialEq for SameRc<T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Saves the work in the browser's storage (or clears it), and says when that failed or when
/// the work is too big to keep there.
fn autosave(state: &AppState, dispatcher: &UseReducerDispatcher<AppState>) {
    let saved = match state.autosave() {
        Autosave::Save(json) => storage::save_session(&json).inspect(|()| {
            if state.too_big_notice_shown() {
                dispatcher.dispatch(Action::AutosaveResult { error: None });
            }
        }),
        Autosave::Clear => storage::clear_session(),
        Autosave::TooBig { bytes } => {
            storage::clear_session().and(Err(Autosave::too_big_zh(bytes)))
        }
    };
    if let Err(message) = saved {
        dispatcher.dispatch(Action::AutosaveResult {
            error: Some(message),
        });
    }
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
    // The scheme's fingerprint (a hash of its TOML) once per scheme, not on every render: it
    // cost 16 ms a render in the page.
    let fingerprint = use_memo(Rc::clone(&state.scheme), |scheme| {
        AttrValue::from(scheme.fingerprint())
    });

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
    // Each line of jobs — the scoring, 结果分析's analyses, 园区详情's park figures — is submitted
    // to the same worker when its pending job changes.
    use_submit(&runner, &state, |s| s.pending.as_ref());
    use_submit(&runner, &state, |s| {
        s.analysis.pending.as_ref().map(|p| &p.0)
    });
    use_submit(&runner, &state, |s| {
        s.park_analysis.pending.as_ref().map(|p| &p.0)
    });

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

    // The latest state, for listeners registered once.
    let latest = use_mut_ref(|| Rc::new(AppState::default()));
    *latest.borrow_mut() = Rc::new((*state).clone());

    // The whole window accepts dropped files: each joins the round.
    {
        let dispatcher = dispatcher.clone();
        let latest = Rc::clone(&latest);
        use_effect_with((), move |_| {
            let on_hover = {
                let d = dispatcher.clone();
                Callback::from(move |active: bool| d.dispatch(Action::DragHover { active }))
            };
            let on_drop = {
                let d = dispatcher.clone();
                Callback::from(move |file: File| {
                    let now = Rc::clone(&latest.borrow());
                    load_file(d.clone(), &now, file)
                })
            };
            let listeners = drop::listen_for_files(on_hover, on_drop);
            move || std::mem::drop(listeners)
        });
    }

    // Ctrl+Z / Ctrl+Y undo and redo the data's changes.
    {
        let dispatcher = dispatcher.clone();
        use_effect_with((), move |_| {
            let listener = dom::listen_for_undo(Callback::from(move |redo: bool| {
                dispatcher.dispatch(if redo { Action::Redo } else { Action::Undo })
            }));
            move || std::mem::drop(listener)
        });
    }

    // Autosave whenever the work changes: in a task of its own, after the render, so that the
    // new results are on screen before the session is written (at 10,000 rows writing it takes
    // some 50 ms). A newer change before it runs replaces it (the effect's cleanup drops the
    // timer, which cancels it). A page hidden or left before that task runs (another tab, the
    // tab closed or reloaded) saves at once: the last change is never lost to the deferral.
    {
        let state = state.clone();
        let dispatcher = dispatcher.clone();
        use_effect_with(state.revision, move |&revision| {
            let pending = (revision > 0).then(|| {
                let saved = Rc::new(std::cell::Cell::new(false));
                let save_once = Rc::new(move || {
                    if !saved.replace(true) {
                        autosave(&state, &dispatcher);
                    }
                });
                let on_leave = {
                    let save_once = save_once.clone();
                    move || save_once()
                };
                let timer = gloo::timers::callback::Timeout::new(0, move || save_once());
                (timer, dom::listen_for_leaving(on_leave))
            });
            move || drop(pending)
        });
    }

    // The results printout is made in a task of its own after the results are on screen: at
    // 10,000 rows its 200 rows are more of the page than the ranking shown, and nobody prints
    // within that moment. Until then it shows the results before (none at the first).
    let printed = use_state(|| None::<Rc<Evaluation>>);
    {
        let printed = printed.clone();
        use_effect_with(SameRc(state.evaluation.clone()), move |now| {
            let now = now.0.clone();
            let timer = gloo::timers::callback::Timeout::new(0, move || printed.set(now));
            move || drop(timer)
        });
    }

    let on_open_scheme = {
        let d = dispatcher.clone();
        Callback::from(move |file: File| open_scheme(d.clone(), file))
    };
    let on_save_scheme = {
        let d = dispatcher.clone();
        let scheme = Rc::clone(&state.scheme);
        Callback::from(move |()| offer(&d, Ok(exports::scheme(&scheme))))
    };
    let on_reset_scheme = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::SchemeReset))
    };
    let on_edit_scheme = {
        let d = dispatcher.clone();
        Callback::from(move |()| {
            d.dispatch(Action::SchemeDraft {
                edit: DraftEdit::Opened,
            })
        })
    };
    let on_draft = {
        let d = dispatcher.clone();
        Callback::from(move |edit: DraftEdit| d.dispatch(Action::SchemeDraft { edit }))
    };
    let on_save_draft = {
        let d = dispatcher.clone();
        let built = state
            .scheme_draft
            .as_deref()
            .and_then(|draft| draft.check().scheme);
        Callback::from(move |()| {
            if let Some(scheme) = &built {
                offer(&d, Ok(exports::scheme(scheme)));
            }
        })
    };
    let on_preset = {
        let d = dispatcher.clone();
        Callback::from(move |id: String| d.dispatch(Action::PresetChosen { id }))
    };
    let scheme_panel = html! {
        <SchemePanel name={AttrValue::from(state.scheme.name.clone())}
            document={AttrValue::from(state.scheme.document.clone())}
            builtin={state.scheme_is_builtin()} on_open={on_open_scheme}
            fingerprint={(*fingerprint).clone()}
            preset={state.preset_in_use().map(|p| p.id)} {on_preset}
            on_save={on_save_scheme} on_reset={on_reset_scheme} on_edit={on_edit_scheme} />
    };
    let on_file = {
        let d = dispatcher.clone();
        let latest = Rc::clone(&latest);
        Callback::from(move |file: File| {
            let now = Rc::clone(&latest.borrow());
            load_file(d.clone(), &now, file)
        })
    };
    let on_sample = {
        let d = dispatcher.clone();
        let files = state.doc.files().len();
        let edits = state.doc.edited_cells();
        let ask = state.has_work().then(|| {
            format!(
                "载入示例数据将替换本轮的 {files} 个文件（{edits} 处修改）及合并和奖励的决定。确定吗？（可先「保存会话」）"
            )
        });
        Callback::from(move |()| {
            if ask.as_deref().is_none_or(dom::confirm) {
                d.dispatch(Action::SampleRequested)
            }
        })
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
        let latest = Rc::clone(&latest);
        Callback::from(move |file: File| {
            let now = Rc::clone(&latest.borrow());
            open_session(d.clone(), &now, file)
        })
    };
    let on_save_session = {
        let d = dispatcher.clone();
        // Built when asked for, not on every render: it copies every table.
        let state = state.clone();
        Callback::from(move |()| {
            if let Some(s) = &state.session() {
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
        let files = state.doc.files().len();
        let edits = state.doc.edited_cells();
        Callback::from(move |()| {
            let question = format!(
                "清除本机保存的全部数据（{files} 个文件、{edits} 处修改、设置和本轮信息）？清除后不能恢复。"
            );
            if !dom::confirm(&question) {
                return;
            }
            d.dispatch(Action::Cleared);
            let message = match storage::clear_session() {
                Ok(()) => "已清除本机数据。".to_owned(),
                Err(message) => message,
            };
            d.dispatch(Action::Failed { message });
        })
    };
    let on_export = {
        let d = dispatcher.clone();
        let state = state.clone();
        Callback::from(move |kind: ExportKind| {
            offer(
                &d,
                exports::results_at(&state, kind, &dom::today_zh(), Some(dom::unix_now())),
            );
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
                at: dom::now_stamp(),
            })
        })
    };
    let on_leave = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::CellLeft))
    };
    let on_cancel = {
        let d = dispatcher.clone();
        Callback::from(move |(cell, text): (CellRef, String)| {
            d.dispatch(Action::EditCancelled {
                row: cell.row,
                col: cell.col,
                text,
                at: dom::now_stamp(),
            })
        })
    };
    let on_paste = {
        let d = dispatcher.clone();
        Callback::from(move |(cell, text): (CellRef, String)| {
            d.dispatch(Action::Pasted {
                row: cell.row,
                col: cell.col,
                text,
                at: dom::now_stamp(),
            })
        })
    };
    let on_cells_clear = {
        let d = dispatcher.clone();
        Callback::from(move |(from, to): (CellRef, CellRef)| {
            d.dispatch(Action::CellsCleared {
                from,
                to,
                at: dom::now_stamp(),
            })
        })
    };
    let on_insert_row = {
        let d = dispatcher.clone();
        Callback::from(move |cell: CellRef| {
            d.dispatch(Action::RowInserted {
                row: cell.row,
                col: cell.col,
                at: dom::now_stamp(),
            })
        })
    };
    let on_delete_row = {
        let d = dispatcher.clone();
        Callback::from(move |cell: CellRef| {
            d.dispatch(Action::RowDeleted {
                row: cell.row,
                col: cell.col,
                at: dom::now_stamp(),
            })
        })
    };
    let on_undo = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::Undo))
    };
    let on_redo = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::Redo))
    };
    let on_reason = {
        let d = dispatcher.clone();
        Callback::from(move |(index, reason): (usize, String)| {
            d.dispatch(Action::ReasonGiven { index, reason })
        })
    };
    let on_show_file = {
        let d = dispatcher.clone();
        Callback::from(move |file: FileId| d.dispatch(Action::FileShown { file }))
    };
    let on_remove_file = {
        let d = dispatcher.clone();
        let latest = Rc::clone(&latest);
        Callback::from(move |file: FileId| {
            let now = Rc::clone(&latest.borrow());
            let Some(f) = now.doc.file(file) else { return };
            let question = if f.originals.is_empty() {
                format!("从本轮移除「{}」？", f.name())
            } else {
                format!(
                    "从本轮移除「{}」？它的 {} 处修改将一并移除。",
                    f.name(),
                    f.originals.len()
                )
            };
            if dom::confirm(&question) {
                d.dispatch(Action::FileRemoved { file });
            }
        })
    };
    let on_decide = {
        let d = dispatcher.clone();
        Callback::from(move |(park, field, file): Decide| {
            d.dispatch(Action::ConflictDecided { park, field, file })
        })
    };
    let on_report = {
        let d = dispatcher.clone();
        Callback::from(move |choice: ReportChoice| d.dispatch(Action::ReportChosen { choice }))
    };
    let on_report_download = {
        let d = dispatcher.clone();
        let state = state.clone();
        Callback::from(move |()| {
            let park = state.report.park.as_ref().map(ParkName::as_str);
            offer(
                &d,
                exports::report_at(
                    &state,
                    state.report.version,
                    park,
                    &dom::today_zh(),
                    Some(dom::unix_now()),
                ),
            );
        })
    };
    let on_round = {
        let d = dispatcher.clone();
        Callback::from(move |edit: RoundEdit| d.dispatch(Action::RoundFactEdited { edit }))
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
        let edited = state.active_file().map_or(0, |f| f.originals.len());
        Callback::from(move |name: String| {
            let ask = format!("读取另一张工作表将丢弃这个文件的 {edited} 处修改。确定吗？");
            if edited == 0 || dom::confirm(&ask) {
                d.dispatch(Action::SheetChosen { name })
            }
        })
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
    let on_settings_reset = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::SettingsReset))
    };
    let on_effect_dismiss = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::SettingEffectDismissed))
    };
    let on_analysis_param = {
        let d = dispatcher.clone();
        Callback::from(move |(param, text): (AnalysisParam, String)| {
            d.dispatch(Action::AnalysisParamEdited { param, text })
        })
    };
    let on_analysis_reset = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::AnalysisParamsReset))
    };
    let on_last_year = {
        let d = dispatcher.clone();
        Callback::from(move |file: File| read_last_year(d.clone(), file))
    };
    let on_last_year_remove = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::LastYearRemoved))
    };
    let on_analysis_download = {
        let d = dispatcher.clone();
        let state = state.clone();
        Callback::from(move |()| offer(&d, exports::analyses_at(&state, Some(dom::unix_now()))))
    };
    // --- 假设分析 ---
    let on_what_if = {
        let d = dispatcher.clone();
        Callback::from(
            move |(park, indicator, text): (ParkName, IndicatorId, String)| {
                d.dispatch(Action::WhatIfEdited {
                    park,
                    indicator,
                    text,
                })
            },
        )
    };
    let on_what_if_reset = {
        let d = dispatcher.clone();
        Callback::from(move |()| d.dispatch(Action::WhatIfReset))
    };
    // --- end 假设分析 ---
    let on_accept = {
        let d = dispatcher.clone();
        Callback::from(move |issue: Issue| {
            d.dispatch(Action::SuggestionAccepted {
                issue: Box::new(issue),
                at: dom::now_stamp(),
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
    // Where the rules leave a special award open (园区公共服务平台, a tie), the committee decides.
    let on_decide_award = {
        let d = dispatcher.clone();
        Callback::from(move |(award, park): (String, Option<ParkName>)| {
            d.dispatch(Action::AwardDecided { award, park })
        })
    };
    let on_award_note = {
        let d = dispatcher.clone();
        Callback::from(move |(award, note): (String, String)| {
            d.dispatch(Action::AwardNoted { award, note })
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
    // The settings sidebar can be folded so the results take the width (a view choice of this
    // window, not part of the work: not saved).
    let sidebar_open = use_state(|| true);
    let on_fold_sidebar = {
        let open = sidebar_open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let source_name = if state.doc.is_empty() {
        match &state.phase {
            Phase::Reading { name } => Some(name.clone()),
            _ => None,
        }
    } else {
        let lines: Vec<String> = state
            .doc
            .files()
            .iter()
            .map(|f| f.table.source_line())
            .collect();
        Some(lines.join("、"))
    };
    let file_rows: Rc<Vec<FileRow>> = Rc::new(
        state
            .doc
            .files()
            .iter()
            .map(|f| FileRow {
                id: f.id,
                line: f.table.source_line(),
                edits: f.originals.len(),
            })
            .collect(),
    );
    let changes = Rc::new(state.doc.changes());
    let checked = state.checked.clone().unwrap_or_default();
    let merge_files: Rc<Vec<String>> =
        Rc::new(checked.files.iter().map(|f| f.name.clone()).collect());

    let progress = match (&state.phase, state.is_computing()) {
        (Phase::Reading { name }, _) => html! {
            <p class="progress" data-testid="progress">{ format!("正在读取「{name}」…") }</p>
        },
        // Shown, not announced: the status region says what the state is (AppState::status_zh).
        (_, true) => html! {
            <p class="progress" data-testid="progress">{ "正在计分…" }</p>
        },
        _ => html! {},
    };

    // The report chosen under 公示与报告, as it prints: previewed there, and printed from there.
    let ranked_names: Rc<Vec<ParkName>> = Rc::new(
        state
            .evaluation
            .as_deref()
            .map(|e| {
                e.parks
                    .iter()
                    .take(crate::state::PICKER_PARKS)
                    .map(|p| p.name.clone())
                    .collect()
            })
            .unwrap_or_default(),
    );
    let report_doc = match &state.evaluation {
        None => html! {},
        Some(eval) => {
            let facts = Rc::new(state.round.clone());
            let decisions = Rc::new(state.decisions.clone());
            match state.report.version {
                Version::Publicity => html! {
                    <PrintPublicity scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)}
                        {facts} files_year={checked.year} {decisions} notice={state.data_notice()} />
                },
                Version::Internal => html! {
                    <PrintInternal scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)}
                        {facts} files_year={checked.year} provenance={state.provenance.clone()}
                        changes={Rc::clone(&changes)} {decisions}
                        conflicts={Rc::new(checked.conflicts.clone())}
                        generated_on={parkscore::round::Date::parse(&dom::today_zh()).ok()}
                        notice={state.data_notice()} />
                },
                Version::ParkSheets => html! {
                    <PrintParkSheets scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)}
                        {facts} files_year={checked.year} park={state.report.park.clone()}
                        notice={state.data_notice()} />
                },
            }
        }
    };

    // 结果分析, on screen (with its parameters) and on paper.
    let analysis_view = |interactive: bool| {
        let a = &state.analysis;
        html! {
            <AnalysisPanel analyses={a.result.as_ref().map(|r| Rc::clone(&r.2))}
                current={state.analysis_is_current() && state.settings_error().is_none()} running={a.is_running()}
                error={state.analysis_refusal().or_else(|| a.error.clone()).map(AttrValue::from)}
                samples={AttrValue::from(a.samples_text.clone())}
                spread_text={AttrValue::from(a.spread_text.clone())}
                samples_text={AttrValue::from(a.samples_text.clone())}
                seed_text={AttrValue::from(a.seed_text.clone())}
                params_error={a.params().err().map(AttrValue::from)}
                {interactive} on_param={on_analysis_param.clone()}
                on_params_reset={on_analysis_reset.clone()}
                scheme={Rc::clone(&state.scheme)}
                last_year={a.last_year.as_ref().map(|l| AttrValue::from(l.0.clone()))}
                on_last_year={on_last_year.clone()} on_last_year_remove={on_last_year_remove.clone()}
                on_download={on_analysis_download.clone()} />
        }
    };

    // --- 提升空间 / 假设分析 of the park shown ---
    let detail_park = state.detail_park();
    let park_figures = detail_park
        .as_ref()
        .and_then(|p| state.park_analysis.result_for(p))
        .cloned();
    let what_if_inputs = Rc::new(
        detail_park
            .as_ref()
            .and_then(|p| state.park_analysis.inputs_for(p))
            .cloned()
            .unwrap_or_default(),
    );
    // --- end ---

    let unit_noun = AttrValue::from(state.scheme.unit_noun().to_owned());
    let view = match (&state.evaluation, state.tab) {
        (_, Tab::Data) => html! {
            <>
                <MergePanel scheme={Rc::clone(&state.scheme)} files={Rc::clone(&merge_files)}
                    conflicts={Rc::new(checked.conflicts.clone())} missing={Rc::new(checked.missing.clone())}
                    on_decide={on_decide.clone()} />
                <IssuesPanel issues={Rc::clone(&issues)} on_choose={on_issue.clone()} on_accept={on_accept.clone()} />
                if let Some(file) = state.active_file() {
                    <DataGrid table={Rc::clone(&file.table)}
                        file_name={AttrValue::from(file.table.source_line())}
                        edited={Rc::new(parkscore::order::set(file.originals.keys().copied()))}
                        faulty={Rc::new(state.faulty_cells())}
                        header_row={state.file_check(file.id).and_then(|c| c.header_row)}
                        columns={Rc::new(state.grid_columns(file.id))} name_col={state.name_column(file.id)}
                        on_edit={on_edit.clone()} on_leave={on_leave.clone()} on_cancel={on_cancel.clone()}
                        on_paste={on_paste.clone()} on_clear={on_cells_clear.clone()}
                        on_insert_row={on_insert_row.clone()} on_delete_row={on_delete_row.clone()}
                        focus={state.focus.filter(|f| f.file == file.id)}
                        page={state.grid_page} on_page={on_grid_page.clone()} />
                }
                <ChangeLog changes={Rc::clone(&changes)} can_undo={state.doc.can_undo()}
                    can_redo={state.doc.can_redo()} on_undo={on_undo.clone()} on_redo={on_redo.clone()}
                    on_reason={on_reason.clone()} unit_noun={unit_noun.clone()} />
            </>
        },
        (_, Tab::Round) => html! {
            <>
                <RoundForm facts={state.round.clone()} file_year={checked.year} on_change={on_round.clone()} />
                <ReportsPanel choice={state.report.clone()} parks={Rc::clone(&ranked_names)}
                    unit_noun={AttrValue::from(state.scheme.unit_noun().to_owned())}
                    enabled={state.evaluation.is_some() && !state.is_computing() && state.settings_error().is_none()}
                    on_choose={on_report.clone()} on_print={on_print.clone()}
                    on_download={on_report_download.clone()} />
                if state.evaluation.is_some() {
                    <div class="report-preview" data-testid="report-preview">{ report_doc.clone() }</div>
                } else {
                    <p class="hint">{ "数据修正、计分之后才能生成报告。" }</p>
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
                            on_sort={on_sort.clone()} on_select={on_select.clone()}
                            unit_noun={unit_noun.clone()} />
                        <VetoedList vetoed={eval.vetoed.clone()} unit_noun={unit_noun.clone()} />
                        <NotRatedList units={eval.not_rated.clone()} unit_noun={unit_noun.clone()} />
                        if !eval.notes.is_empty() {
                            <section class="notes" aria-labelledby="notes-title">
                                <h3 id="notes-title">{ "计分说明" }</h3>
                                <ul>{ for eval.notes.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
                            </section>
                        }
                        <TotalsChart evaluation={Rc::clone(eval)} unit_noun={unit_noun.clone()} />
                    </>
                },
                Tab::Detail => html! {
                    <ParkDetail scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)}
                        park={state.selected_park.clone()} on_select={on_select.clone()}
                        focus_heading={state.focus_park_heading} provenance={state.provenance.clone()}
                        analysis={park_figures.clone()} analysis_current={state.park_analysis_is_current()}
                        analysis_running={state.park_analysis.is_running()}
                        analysis_error={state.park_analysis_refusal().or_else(|| state.park_analysis.error.clone()).map(AttrValue::from)}
                        what_if_inputs={Rc::clone(&what_if_inputs)}
                        on_what_if={on_what_if.clone()} on_what_if_reset={on_what_if_reset.clone()} />
                },
                Tab::Awards => html! {
                    <AwardsView evaluation={Rc::clone(eval)} decisions={Rc::new(state.decisions.clone())}
                        unit_noun={unit_noun.clone()}
                        on_decide={on_decide_award.clone()} on_note={on_award_note.clone()} />
                },
                Tab::Analysis => analysis_view(true),
                Tab::Data | Tab::Round => html! {},
            };
            html! {
                <>
                    if let Some(error) = state.settings_error() {
                        <p class="settings-invalid" role="alert" data-testid="settings-invalid">
                            { format!("计分口径有误：{error}。下面仍是修改前的结果，已停用导出和打印的报告；改正后自动重新计算。") }
                        </p>
                    }
                    if let Some(effect) = &state.setting_effect {
                        <SettingEffectNote change={AttrValue::from(effect.change_zh.clone())}
                            moved={AttrValue::from(effect.moves.sentence_for(state.scheme.unit_noun()))}
                            can_reset={state.changed_settings().any()}
                            on_reset={on_settings_reset.clone()} on_dismiss={on_effect_dismiss.clone()} />
                    }
                    <ReadingBanner summary={AttrValue::from(eval.reading.summary_zh())}
                        lines={eval.reading.description_zh.clone()} />
                    <div class={classes!(state.settings_error().is_some().then_some("results-stale"))}>
                        { body }
                    </div>
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
                <h1>{ state.page_title() }</h1>
                <FileBar {on_file} on_sample={on_sample.clone()} {on_template} {on_open_session}
                    {on_save_session} {on_clear} has_data={!state.doc.is_empty()}
                    {departments} />
            </header>
            <DropZone active={state.dragging} />
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="status">{ state.status_zh() }</p>
            if let Some(notice) = state.data_notice() {
                // On screen above every view, and on top of every printout.
                <p class="data-notice" data-testid="data-notice">
                    <strong>{ notice }</strong>{ "：以下结果由内置示例数据计算，仅用于演示本工具，不能作为考核依据。" }
                </p>
            }
            <div class="screen-only">
                { progress }
                if let Some(notice) = &state.notice {
                    <p class="notice" role="alert" data-testid="notice">{ notice }</p>
                }
                if let Some(name) = &source_name {
                    if state.doc.is_empty() {
                        <SourceInfo name={AttrValue::from(name.clone())} table={None::<Rc<parkscore::import::RawTable>>}
                            edits={0} can_switch_sheet={false} on_sheet={on_sheet.clone()} />
                    }
                }
                if let Some(error) = &state.load_error {
                    <p class="load-error" role="alert" data-testid="load-error">{ error.to_string() }</p>
                }
                if let Some(draft) = &state.scheme_draft {
                    <SchemeEditor draft={Rc::new(SchemeDraft::clone(draft))} on_edit={on_draft}
                        on_save={on_save_draft} />
                } else if let Some(file) = state.active_file() {
                    <div class={classes!("workspace", (!*sidebar_open).then_some("folded"))}>
                        <aside class="sidebar" id="sidebar" hidden={!*sidebar_open}>
                            <FilesPanel files={Rc::clone(&file_rows)} active={state.active}
                                on_show={on_show_file} on_remove={on_remove_file}
                                unit_noun={AttrValue::from(state.scheme.unit_noun().to_owned())} />
                            <SourceInfo name={AttrValue::from(file.name().to_owned())} table={Some(Rc::clone(&file.table))}
                                edits={file.originals.len()} can_switch_sheet={file.bytes.is_some()} {on_sheet} />
                            { scheme_panel }
                            <SettingsPanel method={state.effective_method()}
                                unit_noun={AttrValue::from(state.scheme.unit_noun().to_owned())}
                                step_text={AttrValue::from(state.settings.step_text.clone())} {step_error}
                                cumulative_bonus={state.cumulative_bonus()} missing={state.settings.missing}
                                show_bonus={state.shows_bonus_setting()}
                                allow_missing_units={state.settings.allow_missing_units}
                                allow_unlisted={state.settings.allow_unlisted}
                                has_unit_list={state.scheme.has_unit_list()}
                                changed={state.changed_settings()} on_reset={on_settings_reset}
                                {on_method} {on_step} {on_bonus} {on_missing}
                                {on_allow_missing} {on_allow_unlisted} />
                            <ExportBar enabled={state.evaluation.is_some() && !state.is_computing() && state.settings_error().is_none()} {on_export} {on_print} />
                        </aside>
                        <div class="content">
                            <div class="tab-row">
                                <button type="button" class="button fold-sidebar" data-testid="fold-sidebar"
                                    aria-controls="sidebar" aria-expanded={if *sidebar_open { "true" } else { "false" }}
                                    title={if *sidebar_open { "收起左侧的文件、口径和导出栏，结果占满宽度" } else { "展开左侧的文件、口径和导出栏" }}
                                    onclick={on_fold_sidebar}>{ if *sidebar_open { "◀ 收起侧栏" } else { "▶ 展开侧栏" } }</button>
                                <Tabs current={state.tab} {errors} on_choose={on_tab}
                                    unit_noun={AttrValue::from(state.scheme.unit_noun().to_owned())} />
                            </div>
                            <div id="view" role="tabpanel" tabindex="0" aria-labelledby={format!("tab-{}", state.tab.id())}>
                                { view }
                            </div>
                        </div>
                    </div>
                } else {
                    <SchemeLanding {on_sample} scheme={Rc::clone(&state.scheme)}
                        builtin={state.scheme_is_builtin()} />
                    <div class="landing-scheme">{ scheme_panel.clone() }</div>
                }
            </div>
            if state.tab == Tab::Round && state.evaluation.is_some() {
                <div class="print-only" data-testid="print-area">{ report_doc }</div>
            } else if state.tab == Tab::Analysis && state.evaluation.is_some() {
                <div class="print-only print-analysis" data-testid="print-area">
                    <h1>{ format!("{}结果分析", state.scheme.report_title()) }</h1>
                    <p>{ format!("{}；打印日期 {}", source_name.clone().unwrap_or_default(), dom::today_zh()) }</p>
                    { analysis_view(false) }
                </div>
            } else if let (Tab::Detail, Some(eval), Some(park), Some(figures), true) =
                (state.tab, &state.evaluation, &detail_park, &park_figures,
                 state.park_analysis_is_current()) {
                // Only figures of the results shown and the values typed print; meanwhile the
                // results printout does.
                // 提升空间 prints from 园区详情 (with the what-if, when one is shown).
                <div class="print-only print-analysis print-move-up" data-testid="print-area">
                    <h1>{ format!("{}：{} 提升空间", state.scheme.report_title(), park) }</h1>
                    <p>{ format!("{}；打印日期 {}", source_name.clone().unwrap_or_default(), dom::today_zh()) }</p>
                    <ReadingBanner summary={AttrValue::from(eval.reading.summary_zh())}
                        lines={eval.reading.description_zh.clone()} expanded={true} />
                    <MoveUpPanel analysis={Some(Rc::clone(figures))} current={true} running={false}
                        unit_noun={AttrValue::from(state.scheme.unit_noun().to_owned())}
                        interactive={false} />
                    if let (false, Some(Ok(w))) = (what_if_inputs.is_empty(), figures.what_if.as_ref()) {
                        <section class="analysis-part" aria-label="假设分析">
                            <h3>{ "假设分析（在数据副本上重新计分，原数据不变）" }</h3>
                            { what_if_outcome(w) }
                        </section>
                    }
                </div>
            } else if let Some(eval) = &*printed {
                <PrintReport scheme={Rc::clone(&state.scheme)} evaluation={Rc::clone(eval)} year={state.year()}
                    date={AttrValue::from(dom::today_zh())}
                    source={AttrValue::from(source_name.clone().unwrap_or_default())}
                    edits={state.doc.edited_cells()} decisions={Rc::new(state.decisions.clone())} />
            }
        </main>
    }
}
