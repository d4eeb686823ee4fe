//! Native tests of the app's reducer: every intent, run through `AppState::apply` / `reduce`
//! on the built-in sample, checked against values worked out by hand from the sample file
//! (core/data/sample-2020.csv) and the scheme (core/schemes/chifeng-2020.toml).

use parkscore::import::Format;
use parkscore::{Issue, Location, MissingPolicy, ParkName};
use parkscore_app::components::export_bar::ExportKind;
use parkscore_app::components::file_bar::{TemplateFormat, TemplateRequest};
use parkscore_app::compute::{self, Outcome, Ran};
use parkscore_app::exports;
use parkscore_app::session::{Session, SessionError, SESSION_VERSION};
use parkscore_app::state::{
    self, sorted_parks, Action, AppState, CellRef, Phase, RankingMethod, Sort, SortKey, Tab,
};
use rust_decimal::Decimal;
use std::rc::Rc;
use std::str::FromStr;
use yew::Reducible;

/// Row of 元宝山园区 in the sample's RawTable (0 title, 1 header, 2 东山园区, 3 红山园区, 4 元宝山园区).
const YUANBAOSHAN_ROW: usize = 4;
/// Column of 园区规划体系（分） (direct score, max 3): the 20th header, index 19.
const PLANNING_SYSTEM_COL: usize = 19;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("a decimal literal")
}

mod common;
use common::{apply, settle};

fn sample() -> AppState {
    apply(&AppState::default(), Action::SampleRequested)
}

fn total_of(state: &AppState, park: &str) -> Decimal {
    let eval = state.evaluation.as_deref().expect("an evaluation");
    eval.parks
        .iter()
        .find(|p| p.name.as_str() == park)
        .expect("the park is ranked")
        .total
        .value()
}

#[test]
fn the_sample_loads_scores_and_shows_the_ranking() {
    let s = sample();
    assert_eq!(s.phase, Phase::Loaded);
    assert_eq!(s.tab, Tab::Ranking);
    let table = s.table().map(|t| &**t).expect("a table");
    assert_eq!(table.file_name, parkscore::sample::SAMPLE_FILE_NAME);
    assert_eq!(table.format, Format::Csv);
    assert_eq!(s.cell_text(CellRef { row: 4, col: 0 }), "元宝山园区");
    assert_eq!(
        s.cell_text(CellRef {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL
        }),
        "2.5"
    );
    let eval = s.evaluation.as_deref().expect("the sample scores");
    // The sample lists the 14 evaluated units, none vetoed (一票否决 column all 否).
    assert_eq!(eval.parks.len() + eval.vetoed.len(), 14);
    assert_eq!(s.error_count(), 0);
    assert!(s.revision > 0, "loading is worth autosaving");
    // The detail view starts on the first-ranked park.
    assert_eq!(s.selected_park.as_ref(), Some(&eval.parks[0].name));
}

#[test]
fn editing_a_cell_marks_it_and_rescores_at_once() {
    let s = sample();
    let before = total_of(&s, "元宝山园区");
    let other_before = total_of(&s, "东山园区");
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
    };
    let s2 = apply(
        &s,
        Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: "3".into(),
            at: "t".into(),
        },
    );
    assert!(s2.is_edited(cell));
    assert_eq!(
        s2.active_file()
            .and_then(|f| f.originals.get(&cell))
            .map(String::as_str),
        Some("2.5")
    );
    // 园区规划体系 is a direct score (the value is the score, max 3): 2.5 → 3 adds exactly
    // 3 − 2.5 = 0.5 to 元宝山园区 and nothing to anyone else (no other park's rank moves on it).
    assert_eq!(total_of(&s2, "元宝山园区") - before, d("0.5"));
    assert_eq!(total_of(&s2, "东山园区"), other_before);
    assert!(s2.revision > s.revision);

    // Typing the loaded text back unmarks the cell and restores the total.
    let s3 = apply(
        &s2,
        Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: "2.5".into(),
            at: "t".into(),
        },
    );
    assert!(!s3.is_edited(cell));
    assert_eq!(total_of(&s3, "元宝山园区"), before);
}

#[test]
fn an_edit_that_changes_nothing_does_not_rerender() {
    let s = Rc::new(sample());
    let same = Rc::clone(&s).reduce(Action::CellEdited {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
        text: "2.5".into(),
        at: "t".into(),
    });
    assert!(Rc::ptr_eq(&s, &same));
    let same = Rc::clone(&s).reduce(Action::TabChosen { tab: Tab::Ranking });
    assert!(Rc::ptr_eq(&s, &same));
    let same = Rc::clone(&s).reduce(Action::DragHover { active: false });
    assert!(Rc::ptr_eq(&s, &same));
    let moved = Rc::clone(&s).reduce(Action::DragHover { active: true });
    assert!(moved.dragging);
}

#[test]
fn a_bad_value_blocks_scoring_and_its_issue_leads_to_the_cell() {
    let s = sample();
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: 1,
    };
    let s2 = apply(
        &s,
        Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: "12..5".into(),
            at: "t".into(),
        },
    );
    assert!(s2.evaluation.is_none(), "an error blocks scoring");
    assert!(s2.error_count() >= 1);
    let issue = s2
        .issues()
        .into_iter()
        .find(|i| i.is_error())
        .cloned()
        .expect("an error");
    // The error names the cell: Excel row 5 (the 5th line of the CSV), the column's header.
    assert_eq!(issue.location.row, Some(5));
    assert_eq!(s2.issue_cell(&issue).map(|(_, c)| c), Some(cell));
    assert!(s2.faulty_cells().contains(&cell));
    let s3 = apply(
        &s2,
        Action::IssueChosen {
            issue: Box::new(issue.clone()),
        },
    );
    assert_eq!(s3.tab, Tab::Data);
    assert_eq!(s3.focus.map(|f| f.cell), Some(cell));
    // Choosing the same issue again asks for the focus again.
    let s4 = apply(
        &s3,
        Action::IssueChosen {
            issue: Box::new(issue),
        },
    );
    assert!(s4.focus.map(|f| f.seq) > s3.focus.map(|f| f.seq));
}

#[test]
fn an_issue_is_located_by_column_letter_when_the_header_is_unknown() {
    let s = sample();
    let issue = Issue::warning(
        Location {
            row: Some(3),
            column: Some("C".into()),
            ..Location::default()
        },
        "测试",
    );
    // Excel row 3 is rows[2] (东山园区); column C is index 2.
    assert_eq!(
        s.issue_cell(&issue).map(|(_, c)| c),
        Some(CellRef { row: 2, col: 2 })
    );
    let nowhere = Issue::warning(
        Location {
            row: Some(999),
            ..Location::default()
        },
        "测试",
    );
    assert_eq!(s.issue_cell(&nowhere), None);
    assert_eq!(
        s.apply(Action::IssueChosen {
            issue: Box::new(nowhere)
        }),
        None
    );
}

#[test]
fn changing_the_method_changes_the_reading_and_the_scores() {
    let s = sample();
    assert_eq!(s.effective_method(), RankingMethod::RankLinear);
    let linear = s.reading().expect("a reading").clone();
    assert_eq!(linear.ranking_method.id(), "rank_linear");
    let s2 = apply(
        &s,
        Action::MethodChosen {
            method: Some(RankingMethod::RatioToTop),
        },
    );
    assert_eq!(s2.effective_method(), RankingMethod::RatioToTop);
    let ratio = s2.reading().expect("a reading");
    assert_eq!(ratio.ranking_method.id(), "ratio_to_top");
    assert_ne!(ratio.description_zh, linear.description_zh);
    let totals = |st: &AppState| -> Vec<Decimal> {
        st.evaluation.as_deref().map_or(vec![], |e| {
            e.parks.iter().map(|p| p.total.value()).collect()
        })
    };
    assert_ne!(totals(&s), totals(&s2));
    // The same choice again changes nothing.
    assert_eq!(
        s2.apply(Action::MethodChosen {
            method: Some(RankingMethod::RatioToTop)
        }),
        None
    );
}

#[test]
fn a_changed_setting_says_what_moved_is_marked_and_can_be_reset() {
    let s = sample();
    assert!(!s.changed_settings().any());
    assert_eq!(s.setting_effect, None);
    let s2 = apply(
        &s,
        Action::MethodChosen {
            method: Some(RankingMethod::RatioToTop),
        },
    );
    // Under 按与第一名的比值折算 the sample's 1st and 2nd swap (红山园区 95.18 → 73.47, 东山园区
    // 94.80 → 90.75: the 300 and 200 万元 change hands) and so do its 9th and 11th (元宝山园区
    // 48.52 → 33.19 falls below 安庆园区 33.65 and 红山绿色食品产业园区 40.46 → 35.67); the
    // `readings` command's table of the sample shows the same (totals per reading).
    let effect = s2.setting_effect.as_deref().expect("what moved");
    assert_eq!(
        effect.change_zh,
        "排序法指标的折算方法改为「按与第一名的比值折算」"
    );
    assert_eq!(
        effect.moves.sentence_zh(),
        "4 个园区名次变化，2 个园区奖励变化（转移 100 万元）：东山园区 第 2 → 1 名，奖励 200 → 300 万元；\
         红山园区 第 1 → 2 名，奖励 300 → 200 万元；红山绿色食品产业园区 第 11 → 9 名；元宝山园区 第 9 → 11 名"
    );
    let marks = s2.changed_settings();
    assert_eq!(marks.method, Some(RankingMethod::RankLinear.label_zh()));
    assert_eq!((marks.bonus, marks.missing), (None, None));

    // The bonus rule makes no difference on the sample: the note says so.
    let s3 = apply(&s2, Action::BonusCumulativeToggled);
    let effect = s3.setting_effect.as_deref().expect("what moved");
    assert_eq!(effect.change_zh, "附加分改为累加");
    assert_eq!(effect.moves.sentence_zh(), "各园区的名次和奖励均无变化");
    assert!(s3.changed_settings().bonus.is_some());

    // 恢复默认 brings every setting back, and the note says what that moved back.
    let s4 = apply(&s3, Action::SettingsReset);
    assert!(!s4.changed_settings().any());
    assert_eq!(s4.effective_method(), RankingMethod::RankLinear);
    let effect = s4.setting_effect.as_deref().expect("what moved");
    assert_eq!(effect.change_zh, "恢复默认口径");
    assert_eq!(effect.moves.rank_changes(), 4);
    assert_eq!(s4.apply(Action::SettingsReset), None);

    // An edit of the data is not a change of setting: the note goes.
    let s5 = apply(
        &s4,
        Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "2".into(),
            at: String::new(),
        },
    );
    assert_eq!(s5.setting_effect, None);
    // And a note can be closed.
    let s6 = apply(&s4, Action::SettingEffectDismissed);
    assert_eq!(s6.setting_effect, None);
}

#[test]
fn settings_changed_while_scoring_are_named_together_against_the_results_shown() {
    let s = sample();
    let s2 = s
        .apply(Action::MethodChosen {
            method: Some(RankingMethod::MinMax),
        })
        .expect("a change");
    let s3 = settle(s2.apply(Action::BonusCumulativeToggled).expect("a change"));
    let effect = s3.setting_effect.as_deref().expect("what moved");
    assert_eq!(
        effect.change_zh,
        "排序法指标的折算方法改为「按极差折算」；附加分改为累加"
    );
    // 按极差折算 swaps the 1st and 2nd, the 6th and 7th and the 9th and 11th (see the test above
    // and the readings table): six parks move.
    assert_eq!(effect.moves.rank_changes(), 6);
}

#[test]
fn a_bad_step_keeps_the_last_results_marked_out_of_date_and_refuses_exports() {
    let s = apply(
        &sample(),
        Action::MethodChosen {
            method: Some(RankingMethod::RankStep),
        },
    );
    assert_eq!(s.settings.step(), Ok(d("0.5")));
    assert_eq!(s.settings_error(), None);
    let s2 = apply(&s, Action::StepChanged { text: "1".into() });
    assert_eq!(
        s2.reading().map(|r| r.ranking_method.clone()),
        Some(parkscore::Method::RankStep { step: d("1") })
    );
    // "abc" scores nothing: the results of step 1 stay, and say they are out of date.
    let s3 = s2
        .apply(Action::StepChanged { text: "abc".into() })
        .expect("the text changes");
    assert!(
        s3.pending.is_none(),
        "no job for a step that is not a number"
    );
    assert_eq!(
        s3.reading().map(|r| r.ranking_method.clone()),
        Some(parkscore::Method::RankStep { step: d("1") })
    );
    assert!(s3.settings_error().expect("an error").contains("应为数字"));
    assert_eq!(s3.settings.step_text, "abc", "what was typed is kept");
    let refused = exports::results(&s3, ExportKind::Csv, "2021-03-20").unwrap_err();
    assert!(refused.starts_with("计分口径有误"), "{refused}");
    assert!(exports::analyses(&s3).is_err());
    // A step that is not positive is refused the same way.
    let s4 = s3
        .apply(Action::StepChanged { text: "-1".into() })
        .expect("the text changes");
    assert!(s4.settings_error().expect("an error").contains("大于 0"));
    // Fixed, it scores at once and exports again.
    let s5 = apply(&s4, Action::StepChanged { text: "2".into() });
    assert_eq!(s5.settings_error(), None);
    assert_eq!(
        s5.reading().map(|r| r.ranking_method.clone()),
        Some(parkscore::Method::RankStep { step: d("2") })
    );
    assert!(exports::results(&s5, ExportKind::Csv, "2021-03-20").is_ok());
    // Another method does not use the step: no error whatever it says.
    let s6 = apply(
        &s4,
        Action::MethodChosen {
            method: Some(RankingMethod::MinMax),
        },
    );
    assert_eq!(s6.settings_error(), None);
}

#[test]
fn bonus_and_missing_policy_settings_reach_the_reading() {
    let s = sample();
    let scheme_rule = s.scheme.bonus.cumulative;
    let s2 = apply(&s, Action::BonusCumulativeToggled);
    assert_eq!(s2.cumulative_bonus(), !scheme_rule);
    assert_eq!(s2.reading().map(|r| r.cumulative_bonus), Some(!scheme_rule));
    let s3 = apply(
        &s2,
        Action::MissingPolicyChosen {
            policy: MissingPolicy::Zero,
        },
    );
    assert_eq!(s3.reading().map(|r| r.missing), Some(MissingPolicy::Zero));
}

#[test]
fn sorting_toggles_and_orders_by_the_chosen_column() {
    let s = sample();
    let eval = s.evaluation.as_deref().expect("an evaluation");
    let by_rank: Vec<u32> = sorted_parks(eval, Sort::default())
        .iter()
        .map(|p| p.rank)
        .collect();
    let mut expected = by_rank.clone();
    expected.sort_unstable();
    assert_eq!(by_rank, expected);

    let s2 = apply(
        &s,
        Action::SortBy {
            key: SortKey::Total,
        },
    );
    assert_eq!(
        s2.sort,
        Sort {
            key: SortKey::Total,
            descending: true
        }
    );
    let totals: Vec<Decimal> = sorted_parks(eval, s2.sort)
        .iter()
        .map(|p| p.total.value())
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]));
    let s3 = apply(
        &s2,
        Action::SortBy {
            key: SortKey::Total,
        },
    );
    assert!(!s3.sort.descending);
    let s4 = apply(&s3, Action::SortBy { key: SortKey::Park });
    assert_eq!(
        s4.sort,
        Sort {
            key: SortKey::Park,
            descending: false
        }
    );
}

#[test]
fn choosing_a_park_opens_its_detail_and_the_platform_award_is_kept() {
    let s = sample();
    let s2 = apply(
        &s,
        Action::ParkSelected {
            park: ParkName::from("安庆园区"),
        },
    );
    assert_eq!(s2.tab, Tab::Detail);
    assert_eq!(s2.selected_park, Some(ParkName::from("安庆园区")));
    let s3 = apply(
        &s2,
        Action::AwardDecided {
            award: "园区公共服务平台".into(),
            park: Some(ParkName::from("红山园区")),
        },
    );
    assert_eq!(s3.platform_choice(), Some(&ParkName::from("红山园区")));
    assert!(s3.revision > s2.revision);
}

#[test]
fn a_session_round_trips_through_json_with_edits_and_settings() {
    let s = sample();
    let s = apply(
        &s,
        Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "3".into(),
            at: "t".into(),
        },
    );
    let s = apply(
        &s,
        Action::MethodChosen {
            method: Some(RankingMethod::MinMax),
        },
    );
    let s = apply(
        &s,
        Action::AwardDecided {
            award: "园区公共服务平台".into(),
            park: Some(ParkName::from("东山园区")),
        },
    );
    let json = s.session().expect("a session").to_json();
    let session = Session::from_json(&json).expect("reads back");
    // The name offered for saving says what it is in Chinese, with no program id.
    assert_eq!(session.file_name(), "工业园区评价会话-示例数据-2020.json");
    let restored = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(session),
        },
    );
    assert_eq!(restored.table(), s.table());
    assert_eq!(
        restored.active_file().map(|f| &f.originals),
        s.active_file().map(|f| &f.originals)
    );
    assert_eq!(restored.doc.changes(), s.doc.changes());
    assert_eq!(restored.settings, s.settings);
    assert_eq!(restored.platform_choice(), s.platform_choice());
    assert_eq!(restored.evaluation, s.evaluation);
    assert_eq!(restored.phase, Phase::Loaded);
    assert!(
        restored.active_file().is_some_and(|f| f.bytes.is_none()),
        "the file's bytes are not kept"
    );
}

#[test]
fn session_files_that_are_not_sessions_are_refused_in_chinese() {
    assert_eq!(Session::from_json("[1, 2]"), Err(SessionError::NotASession));
    assert!(matches!(
        Session::from_json("不是 JSON"),
        Err(SessionError::Malformed(_))
    ));
    let s = sample();
    let mut value: serde_json::Value =
        serde_json::from_str(&s.session().expect("a session").to_json()).expect("json");
    value["version"] = serde_json::json!(SESSION_VERSION + 1);
    let err = Session::from_json(&value.to_string()).unwrap_err();
    assert_eq!(err, SessionError::TooNew(SESSION_VERSION + 1));
    assert!(err.to_string().contains("新版"));
}

#[test]
fn clearing_forgets_everything_but_asks_for_a_save() {
    let s = sample();
    let cleared = apply(&s, Action::Cleared);
    assert_eq!(cleared.phase, Phase::Empty);
    assert!(cleared.table().is_none() && cleared.evaluation.is_none() && cleared.doc.is_empty());
    assert!(cleared.session().is_none());
    assert!(
        cleared.revision > s.revision,
        "the autosave must wipe local storage"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_reported_with_its_name() {
    let s = apply(
        &AppState::default(),
        Action::ReadingStarted {
            name: "空文件.csv".into(),
        },
    );
    assert_eq!(
        s.phase,
        Phase::Reading {
            name: "空文件.csv".into()
        }
    );
    let s = apply(
        &s,
        Action::FileLoaded {
            name: "空文件.csv".into(),
            bytes: Rc::new(Vec::new()),
        },
    );
    assert_eq!(s.phase, Phase::Empty);
    let err = s.load_error.as_ref().expect("a load error");
    assert!(err.is_error());
    assert_eq!(err.location.file.as_deref(), Some("空文件.csv"));
    let failed = apply(
        &AppState::default(),
        Action::FileFailed {
            name: "a.xlsx".into(),
            message: "浏览器无法读取".into(),
        },
    );
    assert_eq!(failed.issues()[0].location.file.as_deref(), Some("a.xlsx"));
    // A small file is loaded without `ReadingStarted` (src/app.rs): its arrival clears the last
    // failure and notice as that would have.
    let mut failed = failed;
    failed.notice = Some("上一条提示".into());
    let next = apply(
        &failed,
        Action::FileLoaded {
            name: parkscore::sample::SAMPLE_FILE_NAME.into(),
            bytes: Rc::new(parkscore::sample::sample_csv().to_vec()),
        },
    );
    assert!(next.load_error.is_none() && next.notice.is_none());
    assert_eq!(next.evaluation.as_ref().map(|e| e.parks.len()), Some(14));
}

#[test]
fn exports_name_their_files_by_year_and_carry_the_content() {
    let s = sample();
    let xlsx = exports::results(&s, ExportKind::Xlsx, "2026年11月28日").expect("xlsx");
    assert!(xlsx.file_name.ends_with(".xlsx"));
    assert_eq!(&xlsx.bytes[..2], b"PK", "an xlsx is a zip");
    // The xlsx is the 内部版, named like every report by the scheme and the round's year;
    // the sample's results say what they are in every file's name and content.
    assert_eq!(s.data_notice(), Some("示例数据，非真实统计"));
    assert_eq!(
        xlsx.file_name,
        "示例数据-赤峰市工业园区评价结果-2020年度-内部版.xlsx"
    );
    let csv = exports::results(&s, ExportKind::Csv, "2026年11月28日").expect("csv");
    assert_eq!(
        csv.file_name,
        "示例数据-赤峰市工业园区评价结果-2020年度.csv"
    );
    assert_eq!(&csv.bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
    let text = std::str::from_utf8(&csv.bytes[3..]).expect("UTF-8");
    assert!(
        text.starts_with("说明,示例数据，非真实统计\r\n名次,园区,"),
        "{}",
        &text[..80]
    );
    let json = exports::results(&s, ExportKind::Json, "2026年11月28日").expect("json");
    assert_eq!(
        json.file_name,
        "示例数据-赤峰市工业园区评价结果-2020年度.json"
    );
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("valid JSON");
    assert_eq!(value["notice"], "示例数据，非真实统计");
    assert!(value["parks"].is_array());

    // The same data under another name and without the sample's title line is real data:
    // no notice anywhere.
    let csv_text = std::str::from_utf8(parkscore::sample::sample_csv()).expect("UTF-8");
    let real = csv_text
        .split_once("\r\n")
        .map(|(_, rest)| format!("2020年度赤峰市工业园区考核数据\r\n{rest}"))
        .expect("a title line");
    let r = apply(
        &AppState::default(),
        Action::FileLoaded {
            name: "工信局.csv".into(),
            bytes: Rc::new(real.into_bytes()),
        },
    );
    assert_eq!(r.data_notice(), None);
    let csv = exports::results(&r, ExportKind::Csv, "2026年11月28日").expect("csv");
    assert_eq!(csv.file_name, "赤峰市工业园区评价结果-2020年度.csv");
    assert!(std::str::from_utf8(&csv.bytes[3..])
        .expect("UTF-8")
        .starts_with("名次,园区,"));
    let json = exports::results(&r, ExportKind::Json, "2026年11月28日").expect("json");
    let value: serde_json::Value = serde_json::from_slice(&json.bytes).expect("valid JSON");
    assert!(value.get("notice").is_none());
    assert!(exports::results(&AppState::default(), ExportKind::Csv, "x").is_err());
    let full = TemplateRequest {
        format: TemplateFormat::Csv,
        department: None,
    };
    let template = exports::template(&s.scheme, &full).expect("csv template");
    assert_eq!(
        template.file_name,
        "赤峰市工业园区综合发展评价考核数据填报模板.csv"
    );
    assert_eq!(template.mime, exports::CSV);
    let tech = TemplateRequest {
        format: TemplateFormat::Xlsx,
        department: Some("市科技局".to_owned()),
    };
    let template = exports::template(&s.scheme, &tech).expect("xlsx template");
    assert_eq!(
        template.file_name,
        "赤峰市工业园区综合发展评价考核数据填报模板-市科技局.xlsx"
    );
    assert_eq!(template.mime, exports::XLSX);
    assert_eq!(&template.bytes[..2], b"PK", "an xlsx is a zip");
    let tech_csv = exports::template(
        &s.scheme,
        &TemplateRequest {
            format: TemplateFormat::Csv,
            ..tech.clone()
        },
    )
    .expect("csv template");
    let text = String::from_utf8(tech_csv.bytes).unwrap();
    assert!(text.contains(
        "\r\n园区名称,园区内新增高新技术企业数（户）,园区内新增省级以上研发机构数（户）\r\n"
    ));
    let unknown = TemplateRequest {
        format: TemplateFormat::Csv,
        department: Some("市教育局".to_owned()),
    };
    let message = exports::template(&s.scheme, &unknown).unwrap_err();
    assert!(
        message
            .starts_with("评分方案中没有负责单位「市教育局」；可以生成模板的负责单位：市工信局、"),
        "{message}"
    );
}

#[test]
fn loading_asks_for_a_job_and_shows_progress_until_its_outcome_arrives() {
    let asked = AppState::default()
        .apply(Action::SampleRequested)
        .expect("a change");
    assert_eq!(
        asked.phase,
        Phase::Reading {
            name: parkscore::sample::SAMPLE_FILE_NAME.into()
        }
    );
    assert!(asked.is_computing());
    assert!(asked.table().is_none() && asked.evaluation.is_none());
    let done = settle(asked);
    assert_eq!(done.phase, Phase::Loaded);
    assert!(!done.is_computing());
    assert_eq!(done.tab, Tab::Ranking);
    assert_eq!(done.evaluation.as_deref().map(|e| e.parks.len()), Some(14));
}

#[test]
fn an_outdated_outcome_is_dropped_and_the_newest_is_taken() {
    let s = sample();
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
    };
    // Two edits in a row; the first job's outcome arrives after the second was asked for.
    let first = s
        .apply(Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: "3".into(),
            at: "t".into(),
        })
        .expect("a change");
    let first_job = first.pending.clone().expect("a job");
    let second = first
        .apply(Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: "0".into(),
            at: "t".into(),
        })
        .expect("a change");
    let second_job = second.pending.clone().expect("a job");
    assert!(second_job.seq > first_job.seq);
    // While the jobs run, the grid already shows the text typed, and the old results stay.
    assert_eq!(second.cell_text(cell), "0");
    assert_eq!(second.evaluation, s.evaluation);
    let stale = compute::run(
        &second.scheme,
        &first_job.options,
        &first_job.validate,
        &first_job.job,
    );
    assert_eq!(
        second.apply(Action::JobDone {
            seq: first_job.seq,
            ran: Ran::Worker,
            outcome: Box::new(stale),
        }),
        None,
        "an outcome for an older job changes nothing"
    );
    let done = settle(second);
    // 园区规划体系 is a direct score: 元宝山园区 had 2.5 of 3, now 0, so 2.5 points less.
    assert_eq!(
        total_of(&done, "元宝山园区"),
        total_of(&s, "元宝山园区") - d("2.5")
    );
    assert_eq!(done.tab, Tab::Ranking, "an edit keeps the view");
}

#[test]
fn a_failed_job_is_reported_and_the_results_stay() {
    let s = sample();
    let asked = s
        .apply(Action::MethodChosen {
            method: Some(RankingMethod::MinMax),
        })
        .expect("a change");
    let seq = asked.pending.as_ref().expect("a job").seq;
    let failed = asked
        .apply(Action::JobFailed {
            seq,
            message: "计算线程出错".into(),
        })
        .expect("a change");
    assert!(!failed.is_computing());
    assert_eq!(failed.evaluation, s.evaluation);
    assert!(failed
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("计算线程出错")));
    assert_eq!(
        failed.apply(Action::JobFailed {
            seq,
            message: "again".into()
        }),
        None,
        "a job ends once"
    );
}

#[test]
fn an_unreadable_outcome_leaves_the_landing_with_the_reason() {
    let asked = AppState::default()
        .apply(Action::FileLoaded {
            name: "照片.png".into(),
            bytes: Rc::new(b"\x89PNG\r\n\x1a\n".to_vec()),
        })
        .expect("a change");
    let seq = asked.pending.as_ref().expect("a job").seq;
    let issue = Issue::error(
        Location {
            file: Some("照片.png".into()),
            ..Location::default()
        },
        "不是表格文件",
    );
    let done = asked
        .apply(Action::JobDone {
            seq,
            ran: Ran::Worker,
            outcome: Box::new(Outcome::Unreadable {
                issue: issue.clone(),
            }),
        })
        .expect("a change");
    assert_eq!(done.phase, Phase::Empty);
    assert_eq!(done.load_error, Some(issue));
    assert!(done.table().is_none());
}

/// The sample's 14 data rows repeated until the table has `parks` parks, each renamed
/// `<name><i>` so that no name repeats; loaded and scored.
fn many_parks(parks: usize) -> AppState {
    let sample = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
    let mut lines = sample.lines();
    let mut csv: Vec<String> = lines.by_ref().take(2).map(str::to_owned).collect();
    let data: Vec<&str> = lines.filter(|l| !l.starts_with(',')).collect();
    for i in 0..parks {
        let (name, rest) = data[i % data.len()].split_once(',').expect("a name column");
        csv.push(format!("{name}{i},{rest}"));
    }
    // The renamed parks are not on the scheme's list, and the listed units are not in the
    // file: the user includes the ones and goes on without the others.
    let start = AppState::default()
        .apply(Action::AllowUnlistedToggled)
        .and_then(|s| s.apply(Action::AllowMissingUnitsToggled))
        .expect("the settings change");
    assert!(start.settings.allow_unlisted && start.settings.allow_missing_units);
    apply(
        &start,
        Action::FileLoaded {
            name: "many.csv".into(),
            bytes: Rc::new(csv.join("\n").into_bytes()),
        },
    )
}

#[test]
fn a_long_table_is_paged_and_an_issue_turns_to_its_page() {
    // 250 parks + title + header = 252 rows: pages 0 (rows 0–99), 1 (100–199), 2 (200–251).
    let s = many_parks(250);
    assert_eq!(s.table().map(|t| t.rows.len()), Some(252));
    assert_eq!(s.grid_page, 0);
    let s2 = apply(&s, Action::GridPageChosen { page: 2 });
    assert_eq!(s2.grid_page, 2);
    // Past the last page: the last page, which is where it is already.
    assert_eq!(s2.apply(Action::GridPageChosen { page: 7 }), None);
    let s3 = apply(&s2, Action::GridPageChosen { page: 0 });
    // An issue about Excel row 150 (RawTable row 149, as the title row is row 1): page 1.
    let issue = Issue::warning(
        Location {
            row: Some(150),
            column: Some("A".into()),
            ..Location::default()
        },
        "测试",
    );
    let s4 = apply(
        &s3,
        Action::IssueChosen {
            issue: Box::new(issue),
        },
    );
    assert_eq!(s4.focus.map(|f| f.cell), Some(CellRef { row: 149, col: 0 }));
    assert_eq!(s4.grid_page, 1);
    assert_eq!(s4.tab, Tab::Data);
}

#[test]
fn drop_down_lists_offer_the_first_200_and_the_current_choice() {
    let s = many_parks(230);
    let eval = s.evaluation.as_deref().expect("an evaluation");
    assert_eq!(eval.parks.len(), 230);
    let offered = state::picker_parks(eval, None);
    assert_eq!(offered.len(), state::PICKER_PARKS);
    assert!(offered
        .iter()
        .zip(&eval.parks)
        .all(|(a, b)| a.name == b.name));
    let last = eval.parks.last().expect("a last park").name.clone();
    let with_choice = state::picker_parks(eval, Some(&last));
    assert_eq!(with_choice.len(), state::PICKER_PARKS + 1);
    assert_eq!(with_choice.last().map(|p| &p.name), Some(&last));
    // A choice among the first 200 is not listed twice.
    let first = eval.parks[0].name.clone();
    assert_eq!(
        state::picker_parks(eval, Some(&first)).len(),
        state::PICKER_PARKS
    );
    // Chifeng's 14: all of them.
    assert_eq!(
        state::picker_parks(sample().evaluation.as_deref().expect("scored"), None).len(),
        14
    );
}

#[test]
fn a_setting_changed_while_a_new_file_is_read_does_not_lose_the_file() {
    let s = sample();
    let reading = s
        .apply(Action::FileLoaded {
            name: "新文件.csv".into(),
            bytes: Rc::new(parkscore::sample::sample_csv().to_vec()),
        })
        .expect("a change");
    let load = reading.pending.clone().expect("a job");
    let changed = reading
        .apply(Action::MethodChosen {
            method: Some(RankingMethod::MinMax),
        })
        .expect("a change");
    let again = changed.pending.clone().expect("a job");
    assert!(again.seq > load.seq);
    assert_eq!(
        again.job, load.job,
        "the file is read again, not the old table scored"
    );
    assert_ne!(again.options, load.options, "with the new setting");
    let done = settle(changed);
    assert_eq!(
        done.table().map(|t| t.file_name.as_str()),
        Some("新文件.csv")
    );
    assert_eq!(
        done.reading().map(|r| r.ranking_method.id()),
        Some("min_max")
    );
    assert_eq!(done.phase, Phase::Loaded);
}

/// The sample's CSV with `edit` applied to its lines, loaded and settled.
fn sample_edited(edit: impl Fn(Vec<String>) -> Vec<String>) -> AppState {
    let text = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
    let lines = edit(text.lines().map(str::to_owned).collect());
    apply(
        &AppState::default(),
        Action::FileLoaded {
            name: "edited.csv".into(),
            bytes: Rc::new(lines.join("\n").into_bytes()),
        },
    )
}

#[test]
fn a_misspelt_park_is_fixed_with_one_click_on_its_suggestion() {
    // 元宝山园区 (row 5 of the file, RawTable row 4) written 元宝山圆区: one character off.
    let s = sample_edited(|mut lines| {
        lines[YUANBAOSHAN_ROW] = lines[YUANBAOSHAN_ROW].replacen("元宝山园区", "元宝山圆区", 1);
        lines
    });
    assert!(s.evaluation.is_none(), "an unlisted name blocks scoring");
    let issue = s
        .issues()
        .into_iter()
        .find(|i| i.suggestion.is_some())
        .cloned()
        .expect("an issue with a suggestion");
    assert!(issue.is_error());
    assert_eq!(issue.suggestion.as_deref(), Some("元宝山园区"));
    assert_eq!(
        s.suggestion_cell(&issue).map(|(_, c)| c),
        Some(CellRef {
            row: YUANBAOSHAN_ROW,
            col: 0
        })
    );
    // An issue whose column cannot be found offers nothing to replace (not column A).
    let mut lost = issue.clone();
    lost.location.column = Some("没有这一列".into());
    assert_eq!(s.suggestion_cell(&lost), None);
    assert!(s
        .apply(Action::SuggestionAccepted {
            issue: Box::new(lost),
            at: "t".into(),
        })
        .is_none());
    let fixed = apply(
        &s,
        Action::SuggestionAccepted {
            issue: Box::new(issue),
            at: "t".into(),
        },
    );
    assert_eq!(
        fixed.cell_text(CellRef {
            row: YUANBAOSHAN_ROW,
            col: 0
        }),
        "元宝山园区"
    );
    // Recorded as an edit, as if typed.
    assert!(fixed.is_edited(CellRef {
        row: YUANBAOSHAN_ROW,
        col: 0
    }));
    let eval = fixed.evaluation.as_deref().expect("scored after the fix");
    assert_eq!(eval.parks.len() + eval.vetoed.len(), 14);
}

#[test]
fn a_missing_unit_blocks_until_the_user_goes_on_without_it_and_the_reading_says_so() {
    // 元宝山园区's line removed: 13 of the 14 listed units.
    let s = sample_edited(|mut lines| {
        lines.remove(YUANBAOSHAN_ROW);
        lines
    });
    assert!(s.evaluation.is_none());
    assert!(s
        .issues()
        .iter()
        .any(|i| i.is_error() && i.message.contains("元宝山园区")));
    let on = apply(&s, Action::AllowMissingUnitsToggled);
    assert!(on.settings.allow_missing_units);
    let eval = on.evaluation.as_deref().expect("scored without it");
    assert_eq!(eval.parks.len() + eval.vetoed.len(), 13);
    let reading = eval.reading.description_zh.join("");
    assert!(reading.contains("元宝山园区"), "{reading}");
    // And back: blocked again.
    let off = apply(&on, Action::AllowMissingUnitsToggled);
    assert!(off.evaluation.is_none());
}

// ---------------------------------------------------------------------------------------------
// The round: the bureaus' files merged, conflicts decided, changes logged, facts entered.

/// The sample's 园区名称 column and the columns whose header starts with one of `prefixes`.
fn part_csv(prefixes: &[&str]) -> Vec<u8> {
    let sample = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
    let rows: Vec<Vec<&str>> = sample
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let keep: Vec<usize> = rows[0]
        .iter()
        .enumerate()
        .filter(|(i, h)| *i == 0 || prefixes.iter().any(|p| h.starts_with(p)))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(keep.len(), prefixes.len() + 1);
    let mut out = String::from("2020年度园区数据\n");
    for row in rows {
        let cells: Vec<&str> = keep.iter().map(|i| row[*i]).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

const SCIENCE: &[&str] = &["园区内新增高新技术企业数", "园区内新增省级以上研发机构数"];
const GREEN: &[&str] = &[
    "园区规划环评执行情况",
    "入驻项目环评",
    "项目涉及重点污染物",
    "园区规划体系",
    "管理机构设置",
    "安全监管体系",
    "环境监测体系健全",
    "信息报送及时准确",
    "一票否决",
    "否决原因",
];

/// Everything but 科技 and 绿色/管理: 市工信局's file in this test.
fn industry_csv() -> Vec<u8> {
    let sample = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("utf-8");
    let header: Vec<&str> = sample.lines().nth(1).unwrap().split(',').collect();
    let others: Vec<&str> = SCIENCE.iter().chain(GREEN).copied().collect();
    let mine: Vec<&str> = header[1..]
        .iter()
        .filter(|h| !others.iter().any(|p| h.starts_with(p)))
        .copied()
        .collect();
    part_csv(&mine)
}

/// Drops the three department files at once, as the page dispatches them, and lets every job
/// run.
fn three_files() -> AppState {
    let mut s = AppState::default();
    for (name, bytes) in [
        ("工信局.csv", industry_csv()),
        ("科技局.csv", part_csv(SCIENCE)),
        ("生态环境局.csv", part_csv(GREEN)),
    ] {
        s = s
            .apply(Action::FileLoaded {
                name: name.into(),
                bytes: Rc::new(bytes),
            })
            .expect("a change");
    }
    assert_eq!(s.queue.len(), 2, "the second and third wait for the first");
    settle(s)
}

#[test]
fn three_department_files_dropped_together_merge_and_score_like_the_sample() {
    let s = three_files();
    let names: Vec<&str> = s.doc.files().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["工信局.csv", "科技局.csv", "生态环境局.csv"]);
    assert_eq!(s.error_count(), 0, "{:?}", s.issues());
    assert_eq!(s.year(), Some(2020));
    let whole = sample();
    assert_eq!(
        s.evaluation.as_deref().map(|e| &e.parks),
        whole.evaluation.as_deref().map(|e| &e.parks)
    );
    // The last file read is shown in the grid; every file can be.
    assert_eq!(
        s.table().map(|t| t.file_name.as_str()),
        Some("生态环境局.csv")
    );
    let first = s.doc.files()[0].id;
    let shown = apply(&s, Action::FileShown { file: first });
    assert_eq!(
        shown.table().map(|t| t.file_name.as_str()),
        Some("工信局.csv")
    );
    // Where a value came from: 红山园区 is on row 4 of each file (title, header, 东山园区).
    let origin = s
        .provenance
        .as_deref()
        .expect("a provenance")
        .origin(
            "红山园区",
            &parkscore::import::merge::Field::Indicator("new_hightech_enterprises".into()),
        )
        .map(|o| o.to_string());
    assert_eq!(origin.as_deref(), Some("科技局.csv B4"));

    // Taking 科技局.csv out: its two indicators are missing, by department.
    let science = s.doc.files()[1].id;
    let fewer = apply(&s, Action::FileRemoved { file: science });
    assert_eq!(fewer.doc.files().len(), 2);
    assert!(fewer.evaluation.is_none());
    let checked = fewer.checked.as_deref().expect("checked");
    assert_eq!(checked.missing.len(), 2);
    assert_eq!(checked.missing[0].departments, ["市科技局"]);
    assert!(fewer.issues().iter().any(|i| i.is_error()
        && i.message
            .starts_with("市科技局 尚未提供：园区内新增高新技术企业数（14 个园区）")));
}

#[test]
fn a_conflict_blocks_until_decided_and_the_decision_is_kept() {
    let s = three_files();
    // 市统计局 gives 红山园区's 新增工业总产值 as 40 (工信局.csv has 12.3).
    let s = apply(
        &s,
        Action::FileLoaded {
            name: "统计局.csv".into(),
            bytes: Rc::new(
                "园区名称,新增工业总产值（亿元）\n红山园区,40\n"
                    .as_bytes()
                    .to_vec(),
            ),
        },
    );
    let checked = s.checked.as_deref().expect("checked");
    assert_eq!(checked.conflicts.len(), 1);
    assert!(s.evaluation.is_none(), "an open conflict blocks scoring");
    let conflict = checked.conflicts[0].clone();
    let s = apply(
        &s,
        Action::ConflictDecided {
            park: conflict.park.clone(),
            field: conflict.field.clone(),
            file: "统计局.csv".into(),
        },
    );
    assert_eq!(s.error_count(), 0, "{:?}", s.issues());
    let eval = s.evaluation.as_deref().expect("scores");
    let row = eval.row("红山园区").expect("ranked");
    let value = eval
        .indicator(row, "new_output_value")
        .and_then(|c| c.value);
    assert_eq!(value, Some(d("40")));
    // Kept through a session.
    let json = s.session().expect("a session").to_json();
    let restored = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(Session::from_json(&json).expect("reads back")),
        },
    );
    assert_eq!(restored.doc.files().len(), 4);
    assert_eq!(restored.choices, s.choices);
    assert_eq!(restored.evaluation, s.evaluation);
}

#[test]
fn edits_are_logged_with_reasons_and_undone_and_redone() {
    let s = sample();
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
    };
    let before = total_of(&s, "元宝山园区");
    // Three keystrokes into one cell are one change.
    let mut t = s.clone();
    for typed in ["2", "2.", "2.9"] {
        t = apply(
            &t,
            Action::CellEdited {
                row: cell.row,
                col: cell.col,
                text: typed.into(),
                at: "2021-03-20 14:05".into(),
            },
        );
    }
    let t = apply(&t, Action::CellLeft);
    assert_eq!(t.doc.log().len(), 1);
    let change = &t.doc.log()[0].change;
    assert_eq!(change.file, parkscore::sample::SAMPLE_FILE_NAME);
    // 园区规划体系 is column T (index 19) of row 5 (元宝山园区, the sample's third park).
    assert_eq!(change.cell, "T5");
    assert_eq!(change.park.as_deref(), Some("元宝山园区"));
    assert_eq!(change.column, "园区规划体系（分）");
    assert_eq!(
        (change.before.as_str(), change.after.as_str()),
        ("2.5", "2.9")
    );
    let t = apply(
        &t,
        Action::ReasonGiven {
            index: 0,
            reason: "复核调整".into(),
        },
    );
    assert_eq!(
        parkscore::round::changes_summary_zh(&t.doc.changes()),
        "共修改 1 处：元宝山园区 园区规划体系（分） 2.5 → 2.9（原因：复核调整）"
    );
    // 2.5 → 2.9 on a direct score adds 0.4 to 元宝山园区.
    assert_eq!(total_of(&t, "元宝山园区") - before, d("0.4"));
    let undone = apply(&t, Action::Undo);
    assert_eq!(undone.cell_text(cell), "2.5");
    assert_eq!(total_of(&undone, "元宝山园区"), before);
    assert_eq!(undone.focus.map(|f| f.cell), Some(cell));
    assert!(undone.apply(Action::Undo).is_none(), "nothing more to undo");
    let redone = apply(&undone, Action::Redo);
    assert_eq!(redone.cell_text(cell), "2.9");
    assert_eq!(redone.doc.changes(), t.doc.changes());
    // The log, the facts and the decisions survive a session.
    let facts = parkscore::round::RoundFacts {
        issuer: "赤峰市加快工业园区建设工作领导小组办公室".into(),
        publicity_from: parkscore::round::Date::new(2021, 4, 1),
        publicity_to: parkscore::round::Date::new(2021, 4, 7),
        ..Default::default()
    };
    let r = apply(
        &redone,
        Action::RoundFactsChanged {
            facts: Box::new(facts.clone()),
        },
    );
    assert!(r
        .apply(Action::RoundFactsChanged {
            facts: Box::new(facts.clone())
        })
        .is_none());
    let r = apply(
        &r,
        Action::AwardDecided {
            award: "园区公共服务平台".into(),
            park: Some(ParkName::from("红山园区")),
        },
    );
    let r = apply(
        &r,
        Action::AwardNoted {
            award: "园区公共服务平台".into(),
            note: "3月25日考核小组会议决定".into(),
        },
    );
    let json = r.session().expect("a session").to_json();
    let back = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(Session::from_json(&json).expect("reads back")),
        },
    );
    assert_eq!(back.doc.changes(), r.doc.changes());
    assert_eq!(back.round, facts);
    assert_eq!(back.decisions, r.decisions);
    assert_eq!(back.decisions[0].note, "3月25日考核小组会议决定");
    // Redo is kept too: undo in the restored session, then redo.
    let again = apply(&apply(&back, Action::Undo), Action::Redo);
    assert_eq!(again.cell_text(cell), "2.9");
}

#[test]
fn a_version_1_session_opens_as_a_round_of_one_file() {
    let s = sample();
    let table = s.table().map(|t| (**t).clone()).expect("a table");
    let v1 = serde_json::json!({
        "kind": "parkscore-session",
        "version": 1,
        "table": table,
        "edits": [{"cell": {"row": 4, "col": 19}, "original": "2.5"}],
        "settings": s.settings,
        "platform_choice": "东山园区",
    });
    let session = Session::from_json(&v1.to_string()).expect("version 1 is read");
    let restored = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(session),
        },
    );
    assert_eq!(restored.doc.files().len(), 1);
    assert!(restored.is_edited(CellRef { row: 4, col: 19 }));
    assert_eq!(
        restored.platform_choice(),
        Some(&ParkName::from("东山园区"))
    );
    assert!(restored.evaluation.is_some());
}

#[test]
fn a_file_of_the_same_name_replaces_the_one_before_in_its_place() {
    let s = three_files();
    let s = apply(
        &s,
        Action::FileLoaded {
            name: "工信局.csv".into(),
            bytes: Rc::new(industry_csv()),
        },
    );
    let names: Vec<&str> = s.doc.files().iter().map(|f| f.name()).collect();
    assert_eq!(names, ["工信局.csv", "科技局.csv", "生态环境局.csv"]);
    assert_eq!(s.error_count(), 0);
    // The sample replaces the whole round.
    let s = apply(&s, Action::SampleRequested);
    assert_eq!(s.doc.files().len(), 1);
}

#[test]
fn a_real_file_takes_the_samples_place_but_joins_a_real_round() {
    let s = sample();
    let s = apply(
        &s,
        Action::FileLoaded {
            name: "科技局.csv".into(),
            bytes: Rc::new(part_csv(SCIENCE)),
        },
    );
    let names: Vec<&str> = s.doc.files().iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        ["科技局.csv"],
        "the sample is not merged with real data"
    );
    let s = apply(
        &s,
        Action::FileLoaded {
            name: "生态环境局.csv".into(),
            bytes: Rc::new(part_csv(GREEN)),
        },
    );
    assert_eq!(s.doc.files().len(), 2, "a real file joins the round");
}

#[test]
fn round_facts_entered_field_by_field_never_overwrite_each_other() {
    use parkscore::round::Date;
    use parkscore_app::state::RoundEdit;
    let s = sample();
    // Two fields changed before the page renders again: each applies to the facts as they
    // are in the state, not as the form last saw them.
    let s = apply(
        &s,
        Action::RoundFactEdited {
            edit: RoundEdit::Issuer("领导小组办公室".into()),
        },
    );
    let s = apply(
        &s,
        Action::RoundFactEdited {
            edit: RoundEdit::PublicityTo(Date::new(2021, 4, 7)),
        },
    );
    assert_eq!(s.round.issuer, "领导小组办公室");
    assert_eq!(s.round.publicity_to, Date::new(2021, 4, 7));
    assert!(s
        .apply(Action::RoundFactEdited {
            edit: RoundEdit::Issuer("领导小组办公室".into())
        })
        .is_none());
    // The year entered wins over the file's.
    assert_eq!(s.year(), Some(2020));
    let s = apply(
        &s,
        Action::RoundFactEdited {
            edit: RoundEdit::Year(Some(2021)),
        },
    );
    assert_eq!(s.year(), Some(2021));
    assert!(s.has_work(), "the facts are work the sample would replace");
    assert!(!sample().has_work(), "a file as loaded is not");
}

#[test]
fn the_report_chosen_is_kept_and_a_choice_made_twice_changes_nothing() {
    use parkscore::export::report::Version;
    use parkscore_app::state::ReportChoice;
    let s = sample();
    assert_eq!(s.report.version, Version::Publicity);
    let choice = ReportChoice {
        version: Version::ParkSheets,
        park: Some(ParkName::from("东山园区")),
    };
    let s = s
        .apply(Action::ReportChosen {
            choice: choice.clone(),
        })
        .expect("a change");
    assert_eq!(s.report, choice);
    assert!(s.apply(Action::ReportChosen { choice }).is_none());
    assert!(s.pending.is_none(), "choosing a report computes nothing");
}

/// Runs the analysis job `state` asks for, through the worker's JSON road, and takes its outcome.
fn run_analysis(state: &AppState) -> AppState {
    let (job, _) = state.analysis.pending.clone().expect("an analysis job");
    let (request, bytes) =
        compute::Request::split(&state.scheme, &job.options, &job.validate, &job.job);
    let json = serde_json::to_string(&request).expect("the request as JSON");
    let parts = compute::run_json(&json, &bytes).expect("the job runs");
    let outcome = compute::Unpacker::unpack(&parts).expect("the outcome reads back");
    state
        .apply(Action::JobDone {
            seq: job.seq,
            ran: Ran::Worker,
            outcome: Box::new(outcome),
        })
        .expect("the analysis is taken")
}

#[test]
fn the_analysis_tab_runs_its_analyses_beside_the_scoring_and_keeps_them_current() {
    let s = sample();
    // Nothing is analysed before the tab is shown.
    assert!(s.analysis.pending.is_none());
    let s2 = s
        .apply(Action::TabChosen { tab: Tab::Analysis })
        .expect("the tab changes");
    assert!(s2.analysis.is_running());
    assert!(s2.pending.is_none(), "the scoring is not asked again");
    let s3 = run_analysis(&s2);
    assert!(!s3.analysis.is_running());
    assert!(s3.analysis_is_current());
    let (_, asked, analyses) = s3.analysis.result.clone().expect("a result");
    assert_eq!(asked.stability.samples, 10_000);
    assert_eq!(asked.stability.seed, 2_020_172);
    let readings = analyses.readings.as_ref().expect("the readings");
    assert_eq!(readings.readings.len(), 8);
    assert_eq!(readings.parks.len(), 14);
    // The sample's 3rd place (赤峰玉龙工业园区, 83.09; 4th is 81.81 and the methods keep its
    // lead) is the same under every reading; 1st and 2nd swap under ratio_to_top and min_max
    // (see the test of a changed setting above).
    assert!(
        readings
            .summary_zh
            .starts_with("第 3 名在全部 8 种口径下均为赤峰玉龙工业园区"),
        "{}",
        readings.summary_zh
    );
    let stability = analyses.stability.as_ref().expect("the stability");
    assert_eq!(stability.params.samples, 10_000);
    let official: Vec<u32> = stability.parks.iter().map(|p| p.official_rank).collect();
    assert_eq!(official, (1..=14).collect::<Vec<u32>>());
    // Every sample gives every park one rank.
    for p in &stability.parks {
        assert_eq!(p.rank_counts.iter().sum::<u32>(), 10_000, "{}", p.name);
    }

    // A bad parameter is refused in words naming it, and asks for nothing.
    let bad = s3
        .apply(Action::AnalysisParamEdited {
            param: state::AnalysisParam::Samples,
            text: "abc".into(),
        })
        .expect("the text changes");
    assert!(bad.analysis.params().unwrap_err().contains("抽样次数"));
    assert!(!bad.analysis.is_running());
    assert!(!bad.analysis_is_current());
    // A good one asks again, with it.
    let again = bad
        .apply(Action::AnalysisParamEdited {
            param: state::AnalysisParam::Samples,
            text: "2000".into(),
        })
        .expect("the text changes");
    let (job, _) = again.analysis.pending.clone().expect("asked again");
    match &job.job {
        compute::Job::Analyse { wanted, .. } => assert_eq!(wanted.stability.samples, 2_000),
        other => panic!("not an analysis job: {other:?}"),
    }
    let s4 = run_analysis(&again);
    assert!(s4.analysis_is_current());

    // An edit scores again first; the analyses follow the new evaluation.
    let edited = s4
        .apply(Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "2".into(),
            at: String::new(),
        })
        .expect("an edit");
    assert!(edited.pending.is_some());
    assert!(!edited.analysis_is_current());
    assert!(
        !edited.analysis.is_running(),
        "not before the scoring is done"
    );
    let scored = settle(edited);
    assert!(scored.analysis.is_running());
    let s5 = run_analysis(&scored);
    assert!(s5.analysis_is_current());

    // Back to the defaults.
    let reset = s5.apply(Action::AnalysisParamsReset).expect("a change");
    assert_eq!(reset.analysis.samples_text, "10000");
    assert_eq!(reset.analysis.spread_text, "20");
}

#[test]
fn an_analysis_that_fails_says_so_and_leaves_the_results_alone() {
    let s = sample()
        .apply(Action::TabChosen { tab: Tab::Analysis })
        .expect("the tab changes");
    let (job, _) = s.analysis.pending.clone().expect("an analysis job");
    let failed = s
        .apply(Action::JobFailed {
            seq: job.seq,
            message: "计算线程停止".into(),
        })
        .expect("the failure is taken");
    assert_eq!(
        failed.analysis.error.as_deref(),
        Some("分析未能完成：计算线程停止")
    );
    assert!(failed.evaluation.is_some());
    assert_eq!(failed.notice, None);
    // Not asked for again by an unrelated action (the worker may have died on it).
    let hovered = failed
        .apply(Action::DragHover { active: true })
        .expect("a change");
    assert!(!hovered.analysis.is_running());
}

#[test]
fn analysis_parameters_committed_while_a_run_is_on_wait_for_it() {
    let s = sample()
        .apply(Action::TabChosen { tab: Tab::Analysis })
        .expect("the tab changes");
    let (first, _) = s.analysis.pending.clone().expect("a job");
    let s2 = s
        .apply(Action::AnalysisParamEdited {
            param: state::AnalysisParam::Samples,
            text: "500".into(),
        })
        .expect("a change");
    let (same, _) = s2.analysis.pending.clone().expect("still the first job");
    assert_eq!(same.seq, first.seq, "no second job behind the first");
    let s3 = run_analysis(&s2);
    assert!(
        !s3.analysis_is_current(),
        "the first run's figures, not current"
    );
    let (second, _) = s3
        .analysis
        .pending
        .clone()
        .expect("the new parameters asked for");
    match &second.job {
        compute::Job::Analyse { wanted, .. } => assert_eq!(wanted.stability.samples, 500),
        other => panic!("not an analysis job: {other:?}"),
    }
    assert!(run_analysis(&s3).analysis_is_current());
}

#[test]
fn stability_parameters_are_checked_field_by_field() {
    let mut a = state::AnalysisState::default();
    assert_eq!(a.params().map(|p| p.spread), Ok(0.2));
    a.spread_text = "100".into();
    assert!(a.params().unwrap_err().contains("满分扰动幅度"));
    a.spread_text = "12.5".into();
    assert_eq!(a.params().map(|p| p.spread), Ok(0.125));
    a.samples_text = "100001".into();
    assert!(a.params().unwrap_err().contains("1 到 100000"));
    a.samples_text = "1".into();
    a.seed_text = "-3".into();
    assert!(a.params().unwrap_err().contains("随机种子"));
}

/// The sample as last year's file: titled 2019, with 东山园区 and 红山园区 trading names (so
/// last year 东山园区 had 红山园区's figures and ranked 1st with 95.18, and 红山园区 2nd with
/// 94.80).
fn last_year_swapped() -> Vec<u8> {
    let text = String::from_utf8(parkscore::sample::sample_csv().to_vec()).expect("UTF-8");
    text.replacen("2020年度", "2019年度", 1)
        .replace("东山园区,", "@@,")
        .replace("红山园区,", "东山园区,")
        .replace("@@,", "红山园区,")
        .into_bytes()
}

#[test]
fn last_years_file_is_compared_with_this_year_and_the_workbook_has_every_sheet() {
    let s = sample()
        .apply(Action::TabChosen { tab: Tab::Analysis })
        .expect("the tab changes");
    let s = run_analysis(&s);
    let (_, _, a) = s.analysis.result.clone().expect("a result");
    assert_eq!(
        a.comparison, None,
        "no comparison before last year's file is chosen"
    );

    let s2 = s
        .apply(Action::LastYearChosen {
            name: "2019.csv".into(),
            bytes: Rc::new(last_year_swapped()),
        })
        .expect("a change");
    assert!(s2.analysis.is_running());
    let s3 = run_analysis(&s2);
    let (_, _, a) = s3.analysis.result.clone().expect("a result");
    let c = a
        .comparison
        .as_ref()
        .expect("a comparison")
        .as_ref()
        .expect("it ran");
    assert_eq!((c.last_year, c.this_year), (Some(2019), Some(2020)));
    let summary = c.summary_zh();
    // 红山园区 2nd → 1st, 东山园区 1st → 2nd, the 12 others in place.
    assert!(
        summary.starts_with("14 个园区两年均参评：1 个名次上升，1 个下降，12 个不变"),
        "{summary}"
    );
    let hongshan = c
        .parks
        .iter()
        .find(|p| p.name.as_str() == "红山园区")
        .expect("红山园区");
    assert_eq!(hongshan.movement.label_zh(), "↑1");
    // 95.18 − 94.80 = 0.38.
    assert_eq!(hongshan.total.change.map(|s| s.value()), Some(d("0.38")));

    // The workbook of what is shown: 口径对比, 稳定性分析, 年度对比.
    let download = exports::analyses(&s3).expect("a workbook");
    assert_eq!(
        download.file_name,
        "示例数据-赤峰市工业园区评价结果-2020年度-结果分析.xlsx"
    );
    let book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(download.bytes))
        .expect("an xlsx");
    use calamine::Reader;
    assert_eq!(
        book.sheet_names(),
        ["口径对比", "稳定性分析", "年度对比", "提升空间"]
    );

    // A file that is not a table at all is refused in words, naming it.
    let s4 = run_analysis(
        &s3.apply(Action::LastYearChosen {
            name: "旧.csv".into(),
            bytes: Rc::new(b"\x00\x01\x02".to_vec()),
        })
        .expect("a change"),
    );
    let (_, _, a) = s4.analysis.result.clone().expect("a result");
    let why = a.comparison.clone().expect("asked").unwrap_err();
    assert!(why.starts_with("上年数据"), "{why}");
    // Taken away, the comparison goes, and the workbook has two sheets.
    let s5 = run_analysis(&s4.apply(Action::LastYearRemoved).expect("a change"));
    let (_, _, a) = s5.analysis.result.clone().expect("a result");
    assert_eq!(a.comparison, None);
    // While the figures are being computed again, nothing is offered for download.
    let stale = s5
        .apply(Action::AnalysisParamEdited {
            param: state::AnalysisParam::Seed,
            text: "7".into(),
        })
        .expect("a change");
    assert!(exports::analyses(&stale).is_err());
}

// ===== 园区详情: 提升空间 and 假设分析 (issue 12 §3) =====

use parkscore::analysis::move_up::{Gap, Names, Target};
use parkscore::IndicatorId;

/// Runs the park job `state` asks for, through the worker's JSON road, and takes its outcome.
fn run_park_analysis(state: &AppState) -> AppState {
    let (job, _) = state
        .park_analysis
        .pending
        .clone()
        .expect("a park analysis job");
    let (request, bytes) =
        compute::Request::split(&state.scheme, &job.options, &job.validate, &job.job);
    let json = serde_json::to_string(&request).expect("the request as JSON");
    let parts = compute::run_json(&json, &bytes).expect("the job runs");
    let outcome = compute::Unpacker::unpack(&parts).expect("the outcome reads back");
    state
        .apply(Action::JobDone {
            seq: job.seq,
            ran: Ran::Worker,
            outcome: Box::new(outcome),
        })
        .expect("the park analysis is taken")
}

/// The sample with 东山园区 (2nd, 94.80) shown in the detail view, its figures taken.
fn dongshan() -> AppState {
    let s = sample()
        .apply(Action::ParkSelected {
            park: ParkName("东山园区".into()),
        })
        .expect("the park is shown");
    run_park_analysis(&s)
}

fn what_if(state: &AppState, park: &str, id: &str, text: &str) -> AppState {
    state
        .apply(Action::WhatIfEdited {
            park: ParkName(park.into()),
            indicator: IndicatorId::from(id),
            text: text.into(),
        })
        .expect("the value changes")
}

fn figures(state: &AppState) -> Rc<compute::ParkAnalysis> {
    let park = state.detail_park().expect("a park shown");
    Rc::clone(state.park_analysis.result_for(&park).expect("figures"))
}

#[test]
fn the_detail_view_works_out_what_it_takes_for_its_park_to_move_up() {
    let s = sample();
    assert!(
        s.park_analysis.pending.is_none(),
        "nothing before the view is shown"
    );
    let shown = s
        .apply(Action::ParkSelected {
            park: ParkName("东山园区".into()),
        })
        .expect("the park is shown");
    assert_eq!(shown.tab, Tab::Detail);
    assert!(shown.pending.is_none(), "the scoring is not asked again");
    let (job, scored) = shown.park_analysis.pending.clone().expect("a park job");
    assert_eq!(scored, shown.scored);
    match &job.job {
        compute::Job::ParkAnalysis { wanted, .. } => {
            assert_eq!(wanted.park.as_str(), "东山园区");
            assert!(wanted.changes.is_empty());
            assert_eq!(wanted.spread, 0.2);
        }
        other => panic!("not a park job: {other:?}"),
    }
    assert!(!shown.park_analysis_is_current());

    let s = run_park_analysis(&shown);
    assert!(s.park_analysis_is_current());
    assert!(!s.park_analysis.is_running());
    let f = figures(&s);
    let t = f.targets.as_ref().expect("the targets");
    // 94.80 against 红山园区's 95.18: the CLI's `moveup` line.
    assert_eq!(t.park.rank, 2);
    assert_eq!(
        t.park.gap,
        Gap::Behind {
            rank: 1,
            parks: Names {
                names: vec![ParkName("红山园区".into())],
                count: 1,
            },
            total: parkscore::Score(d("95.18")),
            points: d("0.38"),
        }
    );
    assert_eq!(t.park.gap_zh(2), "距第 1 名 红山园区 差 0.38 分");
    // 工业总产值增速 12.4 → 13.2 (the next better value, 宁城's): 5.08 → 5.54, total 95.26, 1st.
    let growth = t
        .indicators
        .iter()
        .find(|i| i.id.as_str() == "output_growth")
        .expect("工业总产值增速 is 排序法");
    assert_eq!(growth.value, Some(d("12.4")));
    assert_eq!(growth.score.value(), d("5.08"));
    let Target::Reach(r) = &growth.target else {
        panic!("a target: {:?}", growth.target);
    };
    assert_eq!(r.value, d("13.2"));
    assert_eq!(r.score.value(), d("5.54"));
    assert_eq!(r.points, d("0.46"));
    assert_eq!(r.total.value(), d("95.26"));
    assert_eq!(r.overall_rank, 1);
    // 新增工业总产值 38.6 is the sample's largest: no place to gain.
    let output = t
        .indicators
        .iter()
        .find(|i| i.id.as_str() == "new_output_value")
        .expect("新增工业总产值 is 排序法");
    assert_eq!(output.target, Target::Best);
    // The tornado: a bar per 排序法 indicator, widest first, around the official 2nd place.
    let tornado = f.tornado.as_ref().expect("the tornado");
    assert_eq!(tornado.official_rank, 2);
    assert_eq!(tornado.spread, 0.2);
    assert_eq!(tornado.bars.len(), t.indicators.len());
    assert!(tornado
        .bars
        .windows(2)
        .all(|w| w[0].width() >= w[1].width()));
    assert!(tornado.bars.iter().all(|b| b.best <= 2 && b.worst >= 2));
    assert!(f.what_if.is_none(), "no value typed, no what-if");

    // Another tab asks for nothing; another park asks for its own figures.
    let away = s
        .apply(Action::TabChosen { tab: Tab::Ranking })
        .expect("the tab changes");
    assert!(away.park_analysis.pending.is_none());
    let back = away
        .apply(Action::TabChosen { tab: Tab::Detail })
        .expect("the tab changes");
    assert!(back.park_analysis.pending.is_none(), "still current");
    let red = back
        .apply(Action::ParkSelected {
            park: ParkName("红山园区".into()),
        })
        .expect("another park");
    let red = run_park_analysis(&red);
    let f = figures(&red);
    let t = f.targets.as_ref().expect("the targets");
    assert_eq!(t.park.gap, Gap::First);
    assert!(red
        .park_analysis
        .result_for(&ParkName("东山园区".into()))
        .is_none());
}

#[test]
fn a_what_if_is_scored_on_a_copy_and_says_who_moved() {
    let s = dongshan();
    let revision = s.revision;
    let typed = what_if(&s, "东山园区", "fixed_investment_growth", " 20.3 ");
    assert_eq!(
        typed
            .park_analysis
            .inputs
            .get(&IndicatorId::from("fixed_investment_growth"))
            .map(String::as_str),
        Some("20.3")
    );
    assert!(!typed.park_analysis_is_current());
    let (job, _) = typed.park_analysis.pending.clone().expect("asked again");
    match &job.job {
        compute::Job::ParkAnalysis { wanted, .. } => assert_eq!(
            wanted.changes,
            vec![(IndicatorId::from("fixed_investment_growth"), "20.3".into())]
        ),
        other => panic!("not a park job: {other:?}"),
    }
    // The same value again changes nothing.
    assert!(typed
        .apply(Action::WhatIfEdited {
            park: ParkName("东山园区".into()),
            indicator: IndicatorId::from("fixed_investment_growth"),
            text: "20.3".into(),
        })
        .is_none());

    let s2 = run_park_analysis(&typed);
    assert!(s2.park_analysis_is_current());
    let f = figures(&s2);
    let w = f
        .what_if
        .as_ref()
        .expect("a what-if")
        .as_ref()
        .expect("it scores");
    // 工业固定资产投资增速 18.2 → 20.3: 东山园区 1st, 红山园区 2nd, the award 200 → 300.
    assert_eq!((w.before.rank, w.after.rank), (2, 1));
    assert_eq!(w.before.total.value(), d("94.80"));
    assert_eq!(w.after.total.value(), d("95.57"));
    assert_eq!(
        (w.before.award_wan, w.after.award_wan),
        (Some(d("200")), Some(d("300")))
    );
    assert_eq!(w.moved.len(), 1);
    assert_eq!(w.moved[0].name.as_str(), "红山园区");
    assert_eq!((w.moved[0].before, w.moved[0].after), (1, 2));
    assert_eq!(
        w.summary_zh(),
        "若 东山园区 的 工业固定资产投资增速 由 18.2 % 改为 20.3 %：总分 94.80 → 95.57，\
第 2 名 → 第 1 名，奖励 200 → 300 万元；名次变化的其他园区：红山园区 第 1 → 2 名"
    );
    assert!(w
        .changed_scores()
        .any(|c| c.id.as_str() == "fixed_investment_growth"));
    // The changed copy's evaluation stays in the worker.
    assert!(w.evaluation.parks.is_empty());
    // The data and the official results are untouched, and nothing is saved.
    assert_eq!(total_of(&s2, "东山园区"), d("94.80"));
    assert_eq!(s2.evaluation, s.evaluation);
    assert_eq!(s2.doc, s.doc);
    assert_eq!(
        s2.revision, revision,
        "a what-if is not part of the session"
    );
    assert_eq!(Session::of(&s2).to_json(), Session::of(&s).to_json());

    // 恢复 takes every value back and asks for the figures without a what-if.
    let reset = s2.apply(Action::WhatIfReset).expect("a change");
    assert!(reset.park_analysis.inputs.is_empty());
    assert!(reset.apply(Action::WhatIfReset).is_none());
    let reset = run_park_analysis(&reset);
    assert!(figures(&reset).what_if.is_none());
    // So does an empty field.
    let cleared = what_if(&s2, "东山园区", "fixed_investment_growth", "");
    assert!(cleared.park_analysis.inputs.is_empty());
}

#[test]
fn a_bad_what_if_value_gets_its_message_next_to_its_field() {
    let s = dongshan();
    let bad = what_if(&s, "东山园区", "output_growth", "abc");
    let bad = what_if(&bad, "东山园区", "new_output_value", "5%");
    // The second value waits for the job of the first, then is asked for with it.
    let bad = run_park_analysis(&run_park_analysis(&bad));
    assert!(!bad.park_analysis.is_running());
    let f = figures(&bad);
    let problems = f
        .what_if
        .as_ref()
        .expect("a what-if")
        .as_ref()
        .expect_err("refused");
    let message = |id: &str| {
        problems
            .fields
            .iter()
            .find(|(f, _)| f.as_str() == id)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("a message for {id}: {problems:?}"))
    };
    assert_eq!(
        message("output_growth"),
        "错误：不是数字（原文「abc」；应为数字（%），例如 12.5 或 12.5%；写 — 表示缺失）"
    );
    assert!(
        message("new_output_value").contains("本项单位是「亿元」，不应填百分数"),
        "{problems:?}"
    );
    // The targets are still there: a bad what-if spoils nothing else.
    assert!(f.targets.is_ok());

    // A value the engine refuses (a direct score above its 3 points) is the core's message.
    let over = what_if(&s, "东山园区", "planning_eia", "5");
    let over = run_park_analysis(&over);
    let f = figures(&over);
    let problems = f
        .what_if
        .as_ref()
        .expect("a what-if")
        .as_ref()
        .expect_err("refused");
    assert_eq!(problems.fields.len(), 1, "{problems:?}");
    assert_eq!(problems.fields[0].0.as_str(), "planning_eia");
    assert!(
        problems.fields[0].1.contains("改动后：直接评分 5 超出范围"),
        "{problems:?}"
    );
    // A count must be whole.
    let half = what_if(&s, "东山园区", "new_hightech_enterprises", "1.5");
    let half = run_park_analysis(&half);
    let f = figures(&half);
    let problems = f.what_if.as_ref().expect("a what-if").as_ref().err();
    assert!(
        problems.is_some_and(|p| p
            .fields
            .iter()
            .any(|(id, m)| id.as_str() == "new_hightech_enterprises"
                && m.contains("户数应为非负整数"))),
        "{problems:?}"
    );
}

#[test]
fn what_if_values_belong_to_their_park() {
    let s = what_if(&dongshan(), "东山园区", "output_growth", "13.2");
    // Another park's values replace them.
    let red = what_if(&s, "红山园区", "output_growth", "1");
    assert_eq!(
        red.park_analysis.inputs_park.as_ref().map(ParkName::as_str),
        Some("红山园区")
    );
    assert_eq!(red.park_analysis.inputs.len(), 1);
    // Shown another park, the values typed for 东山园区 are not asked about.
    let other = s
        .apply(Action::ParkSelected {
            park: ParkName("红山园区".into()),
        })
        .expect("another park");
    let request = other.park_request().expect("a request");
    assert_eq!(request.park.as_str(), "红山园区");
    assert!(request.changes.is_empty());
    // A new round forgets them.
    let fresh = settle(s.apply(Action::SampleRequested).expect("the sample again"));
    assert!(fresh.park_analysis.inputs.is_empty());
}

#[test]
fn the_park_job_waits_for_the_scoring_and_a_failed_one_says_so() {
    let s = dongshan();
    let edited = s
        .apply(Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "2".into(),
            at: String::new(),
        })
        .expect("an edit");
    assert!(edited.pending.is_some());
    assert!(!edited.park_analysis_is_current());
    assert!(
        !edited.park_analysis.is_running(),
        "not before the scoring is done"
    );
    let scored = settle(edited);
    let (job, _) = scored
        .park_analysis
        .pending
        .clone()
        .expect("asked for the new evaluation");
    // One park job at a time: a what-if typed while one runs waits for it, and is asked for
    // when it returns (its figures kept meanwhile, as not current).
    let typed = what_if(&scored, "东山园区", "output_growth", "13.2");
    let (still, _) = typed.park_analysis.pending.clone().expect("the same job");
    assert_eq!(still.seq, job.seq);
    let returned = run_park_analysis(&typed);
    let (next, _) = returned
        .park_analysis
        .pending
        .clone()
        .expect("the what-if asked for");
    assert!(next.seq > job.seq);
    assert!(!returned.park_analysis_is_current());
    assert!(run_park_analysis(&returned).park_analysis_is_current());

    let failed = scored
        .apply(Action::JobFailed {
            seq: job.seq,
            message: "计算线程停止".into(),
        })
        .expect("the failure is taken");
    assert_eq!(
        failed.park_analysis.error.as_deref(),
        Some("分析未能完成：计算线程停止")
    );
    assert!(failed.evaluation.is_some());
    assert_eq!(failed.notice, None);
    // The job that failed (the worker may have died on it) is not asked for again by an
    // unrelated action; a change of what is asked is.
    assert!(!failed.park_analysis.is_running());
    let sorted = failed
        .apply(Action::SortBy {
            key: state::SortKey::Total,
        })
        .expect("sorted");
    assert!(!sorted.park_analysis.is_running());
    assert!(what_if(&sorted, "东山园区", "output_growth", "13.2")
        .park_analysis
        .is_running());
}

#[test]
fn a_setting_changed_while_an_edit_is_scored_says_nothing_it_cannot_tell_apart() {
    // The edit and the setting are scored together: what moved is not the setting's alone.
    let edited = sample()
        .apply(Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "2".into(),
            at: String::new(),
        })
        .expect("an edit");
    let both = settle(
        edited
            .apply(Action::MethodChosen {
                method: Some(RankingMethod::RatioToTop),
            })
            .expect("a change"),
    );
    assert_eq!(both.effective_method(), RankingMethod::RatioToTop);
    assert_eq!(both.setting_effect, None);
}

// ===== The data grid (issue 15 §1): Esc, paste, clear, rows, the cell an issue is about =====

/// Column of 管理机构设置（分） (direct score, max 1), next to 园区规划体系.
const AGENCY_COL: usize = 20;

fn cell_edit(state: &AppState, cell: CellRef, text: &str) -> AppState {
    apply(
        state,
        Action::CellEdited {
            row: cell.row,
            col: cell.col,
            text: text.into(),
            at: "2021-03-20 14:05".into(),
        },
    )
}

#[test]
fn esc_takes_the_typed_edit_back_and_leaves_nothing_in_the_log() {
    let s = sample();
    let before = total_of(&s, "元宝山园区");
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
    };
    // Typed over (2.5 → 2 → 2.9), then Esc: back to 2.5 as it was when the edit began.
    let typed = cell_edit(&cell_edit(&s, cell, "2"), cell, "2.9");
    assert_eq!(typed.doc.log().len(), 1);
    let cancelled = typed
        .apply(Action::EditCancelled {
            row: cell.row,
            col: cell.col,
            text: "2.5".into(),
            at: "t".into(),
        })
        .expect("the cell changes back");
    // The job asked for scores the text as it was: nothing of the cancelled text is left.
    match &cancelled.pending.as_ref().expect("a score job").job {
        compute::Job::Score { tables, .. } => {
            assert_eq!(tables[0].rows[cell.row].cells[cell.col], *"2.5")
        }
        other => panic!("not a score job: {other:?}"),
    }
    let cancelled = settle(cancelled);
    assert!(cancelled.doc.log().is_empty(), "no change logged");
    assert!(!cancelled.doc.can_undo() && !cancelled.doc.can_redo());
    assert!(!cancelled.is_edited(cell));
    assert_eq!(cancelled.cell_text(cell), "2.5");
    assert_eq!(total_of(&cancelled, "元宝山园区"), before);
    // Esc with nothing typed changes nothing.
    assert!(cancelled
        .apply(Action::EditCancelled {
            row: cell.row,
            col: cell.col,
            text: "2.5".into(),
            at: "t".into(),
        })
        .is_none());
    // An earlier, finished change of the same cell stays: Esc goes back to the text the edit
    // began with (2.9), not to the loaded text.
    let first = apply(&cell_edit(&s, cell, "2.9"), Action::CellLeft);
    let second = cell_edit(&first, cell, "2.7");
    assert_eq!(second.doc.log().len(), 2);
    let back = apply(
        &second,
        Action::EditCancelled {
            row: cell.row,
            col: cell.col,
            text: "2.9".into(),
            at: "t".into(),
        },
    );
    assert_eq!(back.doc.log().len(), 1);
    assert_eq!(back.cell_text(cell), "2.9");
    assert_eq!(
        (
            back.doc.log()[0].change.before.as_str(),
            back.doc.log()[0].change.after.as_str()
        ),
        ("2.5", "2.9")
    );
    // 2.5 → 2.9 on a direct score: +0.4.
    assert_eq!(total_of(&back, "元宝山园区") - before, d("0.4"));
}

#[test]
fn a_block_pasted_from_excel_is_one_step_of_undo() {
    let s = sample();
    let (dong, hong, yuan) = (
        total_of(&s, "东山园区"),
        total_of(&s, "红山园区"),
        total_of(&s, "元宝山园区"),
    );
    // 3 rows × 2 columns at T3 (东山园区's 园区规划体系), as Excel copies them (CRLF, one at
    // the end). Loaded: 东山 3 / 1, 红山 2.8 / 1, 元宝山 2.5 / 1.
    let pasted = apply(
        &s,
        Action::Pasted {
            row: 2,
            col: PLANNING_SYSTEM_COL,
            text: "2.5\t0.5\r\n2\t1\r\n2\t0.5\r\n".into(),
            at: "2021-03-20 14:06".into(),
        },
    );
    let at = |row: usize, col: usize| pasted.cell_text(CellRef { row, col }).to_owned();
    assert_eq!(
        [
            at(2, PLANNING_SYSTEM_COL),
            at(2, AGENCY_COL),
            at(3, PLANNING_SYSTEM_COL),
            at(3, AGENCY_COL),
            at(4, PLANNING_SYSTEM_COL),
            at(4, AGENCY_COL)
        ],
        ["2.5", "0.5", "2", "1", "2", "0.5"]
    );
    // Five cells changed (红山园区's 管理机构设置 was 1 already), joined into one step.
    let log = pasted.doc.log();
    assert_eq!(log.len(), 5);
    assert_eq!(
        log.iter().map(|l| l.joined).collect::<Vec<_>>(),
        [false, true, true, true, true]
    );
    assert_eq!(log[4].change.cell, "U5");
    assert_eq!(log[4].change.park.as_deref(), Some("元宝山园区"));
    // Direct scores: 东山 −0.5 −0.5, 红山 −0.8, 元宝山 −0.5 −0.5.
    assert_eq!(dong - total_of(&pasted, "东山园区"), d("1.0"));
    assert_eq!(hong - total_of(&pasted, "红山园区"), d("0.8"));
    assert_eq!(yuan - total_of(&pasted, "元宝山园区"), d("1.0"));
    assert_eq!(
        pasted.focus.map(|f| f.cell),
        Some(CellRef {
            row: 2,
            col: PLANNING_SYSTEM_COL
        })
    );
    // One Ctrl+Z takes the whole paste back; one Ctrl+Y makes it again.
    let undone = apply(&pasted, Action::Undo);
    assert!(undone.doc.log().is_empty());
    assert_eq!(
        undone.cell_text(CellRef {
            row: 4,
            col: AGENCY_COL
        }),
        "1"
    );
    assert_eq!(total_of(&undone, "东山园区"), dong);
    assert_eq!(undone.doc.edited_cells(), 0);
    let redone = apply(&undone, Action::Redo);
    assert_eq!(redone.doc.log(), pasted.doc.log());
    assert_eq!(
        total_of(&redone, "元宝山园区"),
        total_of(&pasted, "元宝山园区")
    );
    // The step survives a session: one undo after the restore still takes all five back.
    let json = redone.session().expect("a session").to_json();
    assert!(
        json.contains("\"version\": 2"),
        "cells only: still version 2"
    );
    let back = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(Session::from_json(&json).expect("reads back")),
        },
    );
    assert!(apply(&back, Action::Undo).doc.log().is_empty());
}

#[test]
fn a_paste_past_the_tables_edge_is_refused_in_chinese() {
    let s = sample();
    // The sample has 16 rows (title, header, 14 parks) and 28 columns (A–AB).
    let refused = s
        .apply(Action::Pasted {
            row: 15,
            col: 0,
            text: "a\nb\n".into(),
            at: "t".into(),
        })
        .expect("a message");
    assert_eq!(
        refused.notice.as_deref(),
        Some("粘贴的区域（2 行 × 1 列）从 A16 起超出了表格（共 16 行，到 AB 列为止），未粘贴：请先插入行，或从靠上、靠左的单元格开始粘贴")
    );
    assert!(refused.doc.log().is_empty());
    assert!(refused.pending.is_none(), "nothing to score again");
    // Too many cells for one step.
    let wide = ["1"; 10].join("\t");
    let many = vec![wide; 1_001].join("\n");
    let big = many_parks(1_200);
    let refused = big
        .apply(Action::Pasted {
            row: 2,
            col: 1,
            text: many,
            at: "t".into(),
        })
        .expect("a message");
    assert!(refused
        .notice
        .as_deref()
        .is_some_and(|n| n.starts_with("一次最多粘贴或清除 10000 个单元格（这次是 10010 个）")));
}

#[test]
fn delete_clears_the_selected_cells_as_one_step() {
    let s = sample();
    let cleared = apply(
        &s,
        Action::CellsCleared {
            from: CellRef {
                row: 3,
                col: AGENCY_COL,
            },
            to: CellRef {
                row: 2,
                col: PLANNING_SYSTEM_COL,
            },
            at: "t".into(),
        },
    );
    assert_eq!(cleared.doc.log().len(), 4);
    assert_eq!(
        cleared.cell_text(CellRef {
            row: 3,
            col: PLANNING_SYSTEM_COL
        }),
        ""
    );
    // Empty values are missing: an error each until filled or a missing policy is chosen.
    assert!(cleared.error_count() >= 4);
    assert!(apply(&cleared, Action::Undo).doc.log().is_empty());
}

#[test]
fn rows_are_inserted_and_deleted_traced_and_undone() {
    let s = sample();
    let cell = CellRef {
        row: YUANBAOSHAN_ROW,
        col: PLANNING_SYSTEM_COL,
    };
    let edited = apply(&cell_edit(&s, cell, "2.9"), Action::CellLeft);
    // An empty row above 红山园区 (index 3, Excel row 4).
    let inserted = apply(
        &edited,
        Action::RowInserted {
            row: 3,
            col: 1,
            at: "2021-03-20 14:07".into(),
        },
    );
    let table = inserted.table().expect("a table");
    assert_eq!(table.rows.len(), 17);
    assert_eq!((table.rows[3].number, table.rows[3].cells.len()), (4, 0));
    assert_eq!(
        (table.rows[4].number, &table.rows[4].cells[0]),
        (5, "红山园区")
    );
    assert_eq!(table.rows[16].number, 17);
    // The edited cell moved down with its row: 元宝山园区 is index 5 now.
    let moved = CellRef {
        row: 5,
        col: PLANNING_SYSTEM_COL,
    };
    assert!(inserted.is_edited(moved) && !inserted.is_edited(cell));
    assert_eq!(inserted.cell_text(moved), "2.9");
    let change = &inserted.doc.log()[1].change;
    assert_eq!(change.line_zh(), "插入第 4 行");
    assert_eq!(change.cell, "4:4");
    assert_eq!(
        inserted.focus.map(|f| f.cell),
        Some(CellRef { row: 3, col: 1 })
    );
    // A blank row is no park: the round still scores.
    assert_eq!(inserted.error_count(), 0);
    assert!(inserted.evaluation.is_some());
    // The 内部版's 修改记录 sheet lists the edit where it was made (T5) and the row inserted,
    // worded.
    let download = exports::report(
        &inserted,
        parkscore::export::report::Version::Internal,
        None,
        "2021年3月20日",
    )
    .expect("the internal report");
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(download.bytes))
        .expect("an xlsx");
    use calamine::Reader;
    let sheet = book.worksheet_range("修改记录").expect("the sheet");
    let rows: Vec<String> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("|T5|元宝山园区|园区规划体系（分）|2.5|2.9|")),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.ends_with("|4:4||插入第 4 行|||")),
        "{rows:?}"
    );
    // 元宝山园区's row (index 5, Excel row 6) deleted: a listed unit is missing now.
    let deleted = apply(
        &inserted,
        Action::RowDeleted {
            row: 5,
            col: 0,
            at: "2021-03-20 14:08".into(),
        },
    );
    assert_eq!(deleted.table().map(|t| t.rows.len()), Some(16));
    assert_eq!(
        deleted.doc.log()[2].change.line_zh(),
        "删除第 6 行（元宝山园区）"
    );
    assert!(!deleted.is_edited(moved), "its edit went with the row");
    assert_eq!(deleted.cell_text(CellRef { row: 5, col: 0 }), "安庆园区");
    assert_eq!(deleted.table().map(|t| t.rows[5].number), Some(6));
    assert!(deleted.evaluation.is_none());
    assert!(deleted
        .issues()
        .iter()
        .any(|i| i.message.contains("元宝山园区")));
    // The summary and the report's net changes: the edit of 元宝山园区 went with its row.
    assert_eq!(
        parkscore::round::changes_summary_zh(&deleted.doc.changes()),
        "共修改 2 处：插入第 4 行；删除第 6 行（元宝山园区）"
    );
    // The header row cannot be deleted.
    let refused = deleted
        .apply(Action::RowDeleted {
            row: 1,
            col: 0,
            at: "t".into(),
        })
        .expect("a message");
    assert_eq!(
        refused.notice.as_deref(),
        Some("第 2 行是表头，不能删除（删除后各列无法识别）")
    );
    assert_eq!(refused.doc.log().len(), 3);
    // The session keeps the rows and their log (version 3), and undo works after a restore.
    let json = deleted.session().expect("a session").to_json();
    assert!(json.contains("\"version\": 3"));
    let back = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(Session::from_json(&json).expect("reads back")),
        },
    );
    assert_eq!(back.doc.changes(), deleted.doc.changes());
    // Undo the delete: 元宝山园区 is back with its edit, the round scores.
    let undone = apply(&back, Action::Undo);
    assert_eq!(undone.cell_text(CellRef { row: 5, col: 0 }), "元宝山园区");
    assert_eq!(undone.table().map(|t| t.rows[5].number), Some(6));
    assert!(undone.is_edited(moved));
    assert!(undone.evaluation.is_some());
    // Undo the insert: the table as loaded but for the edit; redo both.
    let undone = apply(&undone, Action::Undo);
    assert_eq!(undone.table().map(|t| t.rows.len()), Some(16));
    assert_eq!(undone.table().map(|t| t.rows[3].number), Some(4));
    assert!(undone.is_edited(cell));
    assert_eq!(
        total_of(&undone, "元宝山园区"),
        total_of(&edited, "元宝山园区")
    );
    let redone = apply(&apply(&undone, Action::Redo), Action::Redo);
    assert_eq!(redone.table(), deleted.table());
    assert_eq!(redone.doc.changes(), deleted.doc.changes());
    // A row appended below the last.
    let appended = apply(
        &s,
        Action::RowInserted {
            row: 16,
            col: 0,
            at: "t".into(),
        },
    );
    assert_eq!(appended.table().map(|t| t.rows[16].number), Some(17));
    assert_eq!(appended.doc.log()[0].change.line_zh(), "插入第 17 行");
    // A row inserted above the header moves it before the outcome comes.
    let above = s
        .apply(Action::RowInserted {
            row: 0,
            col: 0,
            at: "t".into(),
        })
        .expect("a row");
    let id = above.active.expect("a file");
    assert_eq!(above.file_check(id).and_then(|c| c.header_row), Some(2));
    assert!(above
        .apply(Action::RowDeleted {
            row: 2,
            col: 0,
            at: "t".into()
        })
        .is_some_and(
            |n| n.notice.as_deref() == Some("第 3 行是表头，不能删除（删除后各列无法识别）")
        ));
    // Past the end: nothing.
    assert!(s
        .apply(Action::RowInserted {
            row: 18,
            col: 0,
            at: "t".into()
        })
        .is_none());
}

/// The sample with 新增工业总产值 and 工业总产值增速 replaced by the raw figures they are derived
/// from (本年, 上年), 东山园区's 上年 left empty.
fn raw_figures_csv() -> Vec<u8> {
    let text = std::str::from_utf8(parkscore::sample::sample_csv()).expect("UTF-8");
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut cells: Vec<String> = line.split(',').map(str::to_owned).collect();
            if cells.len() > 2 {
                match i {
                    0 => {}
                    1 => {
                        cells[1] = "工业总产值本年（亿元）".into();
                        cells[2] = "工业总产值上年（亿元）".into();
                    }
                    2 => {
                        cells[1] = "100".into();
                        cells[2] = String::new();
                    }
                    _ => {
                        cells[1] = format!("{}", 100 + i);
                        cells[2] = "90".into();
                    }
                }
            }
            cells.join(",")
        })
        .collect();
    lines.join("\n").into_bytes()
}

#[test]
fn an_issue_of_a_derived_indicator_leads_to_its_source_figure() {
    let s = apply(
        &AppState::default(),
        Action::FileLoaded {
            name: "原始数据.csv".into(),
            bytes: Rc::new(raw_figures_csv()),
        },
    );
    let issue = s
        .issues()
        .into_iter()
        .find(|i| {
            i.is_error()
                && i.location.park.as_deref() == Some("东山园区")
                && i.location.column.as_deref() == Some("工业总产值增速")
        })
        .cloned()
        .expect("工业总产值增速 of 东山园区 is missing");
    // Not the park-name cell (column 0): 上年 (column C, index 2), the figure left empty.
    let chosen = apply(
        &s,
        Action::IssueChosen {
            issue: Box::new(issue.clone()),
        },
    );
    assert_eq!(
        chosen.focus.map(|f| f.cell),
        Some(CellRef { row: 2, col: 2 })
    );
    assert!(chosen.faulty_cells().contains(&CellRef { row: 2, col: 2 }));
    // With 上年 given and 本年 not a number, 本年 is the cause.
    let fixed = cell_edit(&s, CellRef { row: 2, col: 2 }, "90");
    let bad = cell_edit(
        &apply(&fixed, Action::CellLeft),
        CellRef { row: 2, col: 1 },
        "",
    );
    let issue = bad
        .issues()
        .into_iter()
        .find(|i| i.location.column.as_deref() == Some("工业总产值增速") && i.is_error())
        .cloned()
        .expect("still missing");
    assert_eq!(
        bad.issue_cell(&issue).map(|(_, c)| c),
        Some(CellRef { row: 2, col: 1 })
    );
}

#[test]
fn the_grid_titles_its_columns_after_the_indicators() {
    let s = sample();
    let id = s.active.expect("a file");
    let columns = s.grid_columns(id);
    assert_eq!(columns.len(), 28);
    assert_eq!(columns[0].title, "园区名称");
    assert_eq!(columns[1].title, "新增工业总产值（亿元）");
    assert_eq!(columns[19].title, "园区规划体系（分）");
    assert_eq!(columns[24].title, "省级认定数");
    assert_eq!(columns[27].title, "否决原因");
    assert_eq!(s.name_column(id), Some(0));
    assert_eq!(s.row_park(id, 3), Some("红山园区"));
    assert_eq!(s.row_park(id, 1), None);
    assert_eq!(
        state::grid::cell_label(s.row_park(id, 3), &columns[1], 4),
        "红山园区 · 新增工业总产值（亿元）"
    );
}

#[test]
fn the_tabs_move_by_arrow_keys_home_and_end_as_the_aria_pattern_has_it() {
    assert_eq!(Tab::Ranking.by_key("ArrowRight"), Some(Tab::Detail));
    assert_eq!(Tab::Ranking.by_key("ArrowLeft"), Some(Tab::Round), "wraps");
    assert_eq!(Tab::Round.by_key("ArrowRight"), Some(Tab::Ranking), "wraps");
    assert_eq!(Tab::Awards.by_key("Home"), Some(Tab::Ranking));
    assert_eq!(Tab::Awards.by_key("End"), Some(Tab::Round));
    assert_eq!(Tab::Awards.by_key("Enter"), None);
    assert_eq!(Tab::Awards.by_key("a"), None);
}

#[test]
fn a_park_chosen_from_the_ranking_takes_the_focus_to_its_heading_a_tab_does_not() {
    let s = sample();
    assert!(!s.focus_park_heading);
    let s2 = apply(
        &s,
        Action::ParkSelected {
            park: ParkName::from("东山园区"),
        },
    );
    assert_eq!(s2.tab, Tab::Detail);
    assert!(s2.focus_park_heading, "opened from the ranking");
    // Another park in the detail view's own picker: the focus stays in the picker.
    let s3 = apply(
        &s2,
        Action::ParkSelected {
            park: ParkName::from("红山园区"),
        },
    );
    assert!(!s3.focus_park_heading);
    let s4 = apply(&s2, Action::TabChosen { tab: Tab::Ranking });
    let s5 = apply(&s4, Action::TabChosen { tab: Tab::Detail });
    assert!(
        !s5.focus_park_heading,
        "arrowing through the tabs keeps the focus on them"
    );
}

#[test]
fn the_status_region_says_what_was_read_scored_found_and_changed() {
    let s = sample();
    assert_eq!(
        s.status_zh(),
        "示例数据，非真实统计；已读取「示例数据-2020.csv」（16 行）；已计分：14 个园区参评，第 1 名 红山园区（95.18 分）"
    );
    let changed = apply(
        &s,
        Action::MethodChosen {
            method: Some(RankingMethod::RatioToTop),
        },
    );
    let status = changed.status_zh();
    assert!(
        status.ends_with("排序法指标的折算方法改为「按与第一名的比值折算」：4 个园区名次变化，2 个园区奖励变化（转移 100 万元）：东山园区 第 2 → 1 名，奖励 200 → 300 万元；红山园区 第 1 → 2 名，奖励 300 → 200 万元；红山绿色食品产业园区 第 11 → 9 名；元宝山园区 第 9 → 11 名"),
        "{status}"
    );
    let bad = apply(
        &s,
        Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "abc".into(),
            at: "t".into(),
        },
    );
    assert!(
        bad.status_zh().contains("发现 1 个错误，须修正后才能计分"),
        "{}",
        bad.status_zh()
    );
}

/// The built-in scheme's file with the provincial recognition worth 3 points instead of 5,
/// under another id and name.
fn scheme_with_provincial_3() -> Vec<u8> {
    let text = parkscore::scheme::CHIFENG_2020_TOML
        .replace("provincial = 5\n", "provincial = 3\n")
        .replace("id = \"chifeng-2020\"", "id = \"chifeng-2020-b\"")
        .replace(
            "name = \"赤峰市工业园区综合发展评价考核指标体系\"",
            "name = \"赤峰市工业园区评价指标体系（附加分调整稿）\"",
        );
    assert!(text.contains("provincial = 3\n") && text.contains("chifeng-2020-b"));
    text.into_bytes()
}

#[test]
fn a_scheme_file_opened_scores_the_round_again_under_its_rules_and_travels_with_the_session() {
    let s = sample();
    assert!(s.scheme_is_builtin());
    let s2 = apply(
        &s,
        Action::SchemeOpened {
            name: "调整稿.toml".into(),
            bytes: Rc::new(scheme_with_provincial_3()),
        },
    );
    assert!(!s2.scheme_is_builtin());
    assert_eq!(s2.scheme.name, "赤峰市工业园区评价指标体系（附加分调整稿）");
    // Worked by hand: 东山园区 and 元宝山综合产业园区 have a provincial recognition (5 → 3
    // points), 红山园区 a national one (10, unchanged); the base scores do not move.
    assert_eq!(total_of(&s2, "东山园区"), Decimal::new(9280, 2));
    assert_eq!(total_of(&s2, "元宝山综合产业园区"), Decimal::new(5591, 2));
    assert_eq!(total_of(&s2, "红山园区"), Decimal::new(9518, 2));
    let effect = s2.setting_effect.as_deref().expect("what moved is said");
    assert_eq!(
        effect.change_zh,
        "评分方案改为「赤峰市工业园区评价指标体系（附加分调整稿）」"
    );
    // Saved and reopened: the session carries the scheme; the built-in one is not written.
    assert!(Session::of(&s).scheme.is_none());
    let json = s2.session().expect("a session").to_json();
    let restored = apply(
        &AppState::default(),
        Action::SessionRestored {
            session: Box::new(Session::from_json(&json).expect("reads back")),
        },
    );
    assert_eq!(*restored.scheme, *s2.scheme);
    assert_eq!(total_of(&restored, "东山园区"), Decimal::new(9280, 2));
    // 保存方案 writes a file that reads back to the same rules.
    let saved = exports::scheme(&s2.scheme);
    assert_eq!(
        saved.file_name,
        "赤峰市工业园区评价指标体系（附加分调整稿）.toml"
    );
    let reread = parkscore::Scheme::from_toml(std::str::from_utf8(&saved.bytes).unwrap());
    assert_eq!(reread.as_ref(), Ok(&*s2.scheme));
    // Back to the built-in scheme: the totals of the document.
    let s3 = apply(&s2, Action::SchemeReset);
    assert!(s3.scheme_is_builtin());
    assert_eq!(total_of(&s3, "东山园区"), Decimal::new(9480, 2));
    assert!(
        s3.apply(Action::SchemeReset).is_none(),
        "already the built-in one"
    );
}

#[test]
fn a_scheme_file_that_cannot_be_used_says_why_and_changes_nothing() {
    let s = sample();
    for (bytes, why) in [
        (b"\xff\xfe not utf-8".to_vec(), "不是 UTF-8 编码的文本"),
        (b"id = \"x\"\n[[".to_vec(), "方案文件格式错误"),
        (vec![b'#'; (1 << 20) + 1], "超过 1024 KB 的上限"),
    ] {
        let s2 = apply(
            &s,
            Action::SchemeOpened {
                name: "坏方案.toml".into(),
                bytes: Rc::new(bytes),
            },
        );
        let notice = s2.notice.as_deref().expect("a message");
        assert!(
            notice.starts_with("评分方案「坏方案.toml」无法使用："),
            "{notice}"
        );
        assert!(notice.contains(why), "{notice}");
        assert!(s2.scheme_is_builtin());
        assert_eq!(total_of(&s2, "东山园区"), Decimal::new(9480, 2));
    }
    // The built-in scheme's own file: the same rules, said so.
    let same = apply(
        &s,
        Action::SchemeOpened {
            name: "chifeng-2020.toml".into(),
            bytes: Rc::new(parkscore::scheme::CHIFENG_2020_TOML.as_bytes().to_vec()),
        },
    );
    assert_eq!(
        same.notice.as_deref(),
        Some("评分方案「chifeng-2020.toml」与正在使用的方案相同")
    );
}

#[test]
fn a_focus_request_is_served_once_a_tab_chosen_later_does_not_pull_the_focus_into_the_grid() {
    let s = apply(
        &sample(),
        Action::CellEdited {
            row: YUANBAOSHAN_ROW,
            col: PLANNING_SYSTEM_COL,
            text: "abc".into(),
            at: "t".into(),
        },
    );
    let issue = s
        .issues()
        .into_iter()
        .find(|i| i.severity == parkscore::Severity::Error)
        .cloned()
        .expect("an error");
    let s2 = apply(
        &s,
        Action::IssueChosen {
            issue: Box::new(issue),
        },
    );
    assert!(s2.focus.is_some(), "the issue's cell is asked for");
    let s3 = apply(&s2, Action::TabChosen { tab: Tab::Ranking });
    assert!(s3.focus.is_none());
    let s4 = apply(&s3, Action::TabChosen { tab: Tab::Data });
    assert!(
        s4.focus.is_none(),
        "back on the data tab, the focus stays on the tabs"
    );
}

#[test]
fn a_preset_chosen_in_the_page_scores_its_own_sample_with_the_totals_worked_by_hand() {
    let s = apply(
        &AppState::default(),
        Action::PresetChosen {
            id: "huaian-2024".into(),
        },
    );
    assert_eq!(s.preset_in_use().map(|p| p.id), Some("huaian-2024"));
    assert!(!s.scheme_is_builtin());
    // 载入示例数据 loads the preset's own sample (its indicators, not Chifeng's).
    let s = apply(&s, Action::SampleRequested);
    assert_eq!(
        s.active_file().map(|f| f.name()),
        Some("示例数据-淮安-2024.csv")
    );
    assert_eq!(s.data_notice(), Some("示例数据，非真实统计"));
    // By hand (score = Σ w × x ÷ b; benchmarks 30, 600, 6; weights 45, 35, 20):
    // 电子 (48, 1020, 9.6): 72 + 59.5 + 32 = 163.50; 机械 at the benchmarks: 100.00;
    // 纺织 (15, 450, 3): 22.5 + 26.25 + 10 = 58.75.
    assert_eq!(total_of(&s, "淮安示例电子有限公司"), Decimal::new(16350, 2));
    assert_eq!(total_of(&s, "淮安示例机械有限公司"), Decimal::new(10000, 2));
    assert_eq!(total_of(&s, "淮安示例纺织有限公司"), Decimal::new(5875, 2));
    // The scheme travels with the session; the same preset chosen again changes nothing.
    assert!(s.session().expect("a session").scheme.is_some());
    assert!(s
        .apply(Action::PresetChosen {
            id: "huaian-2024".into()
        })
        .is_none());
    // Back to 赤峰 2020 by the picker.
    let back = apply(
        &s,
        Action::PresetChosen {
            id: "chifeng-2020".into(),
        },
    );
    assert!(back.scheme_is_builtin());
    assert!(AppState::default()
        .apply(Action::PresetChosen { id: "nope".into() })
        .is_none());
}

/// The autosave keeps a session that fits the browser's storage, and for a bigger one clears
/// the old one and says to save to a file, without building the session's JSON.
#[test]
fn the_autosave_keeps_small_sessions_and_refuses_big_ones_in_words() {
    use parkscore_app::state::{Autosave, AUTOSAVE_MAX_BYTES};
    let s = sample();
    match s.autosave() {
        Autosave::Save(json) => {
            assert!(json.len() <= AUTOSAVE_MAX_BYTES);
            let back = parkscore_app::session::Session::from_json(&json).expect("reads back");
            assert_eq!(back, s.session().expect("a session"));
        }
        other => panic!("the sample is autosaved, not {other:?}"),
    }
    assert_eq!(AppState::default().autosave(), Autosave::Clear);
    // Four remark columns of 32,000 × 说 (3 bytes each in UTF-8) on every data line: 14 parks
    // × 4 × 96,000 bytes = 5,376,000 bytes of text alone, over the 4 MiB (4,194,304).
    let big = sample_edited(|lines| {
        let remark = "说".repeat(32_000);
        lines
            .into_iter()
            .map(|l| {
                if l.matches(',').count() > 10 && !l.starts_with("园区名称") {
                    format!("{l},{remark},{remark},{remark},{remark}")
                } else if l.starts_with("园区名称") {
                    format!("{l},备注1,备注2,备注3,备注4")
                } else {
                    l
                }
            })
            .collect()
    });
    assert!(big.evaluation.is_some(), "remarks are not scored");
    match big.autosave() {
        Autosave::TooBig { bytes } => {
            assert!(bytes >= 5_376_000, "{bytes}");
            let text = Autosave::too_big_zh(bytes);
            assert!(text.starts_with("数据较大（会话约 5."), "{text}");
            assert!(text.contains("超过浏览器本机存储的 4 MB"), "{text}");
            assert!(text.contains("请用「保存会话」保存到文件"), "{text}");
            // Shown, it is known as the autosave's own notice (a save that fits clears it);
            // another notice is not.
            assert!(!big.too_big_notice_shown());
            let told = big
                .apply(Action::AutosaveResult { error: Some(text) })
                .expect("the notice is new");
            assert!(told.too_big_notice_shown());
            let cleared = told
                .apply(Action::AutosaveResult { error: None })
                .expect("the notice goes");
            assert!(!cleared.too_big_notice_shown() && cleared.notice.is_none());
            let other = big
                .apply(Action::AutosaveResult {
                    error: Some("本机存储空间不足".into()),
                })
                .expect("another notice");
            assert!(!other.too_big_notice_shown());
        }
        other => panic!("too big to autosave, not {other:?}"),
    }
}

#[test]
fn the_bonus_setting_is_offered_only_for_a_scheme_with_a_bonus() {
    let s = sample();
    assert!(s.shows_bonus_setting(), "赤峰: 省级 5 分、国家级 10 分");
    // 淮安式 (no bonus: both points 0) opened as a file: no 附加分 to add up.
    let preset = parkscore::scheme::presets::preset("huaian-2024").unwrap();
    let s2 = apply(
        &s,
        Action::SchemeOpened {
            name: "淮安式.toml".into(),
            bytes: Rc::new(preset.toml.as_bytes().to_vec()),
        },
    );
    assert_eq!(s2.scheme.id, "huaian-2024");
    assert!(!s2.shows_bonus_setting());
    // One of the two points set is a bonus: offered.
    let text = preset
        .toml
        .replacen("national = 0\n", "national = 2\n", 1)
        .replacen("id = \"huaian-2024\"", "id = \"huaian-2024-b\"", 1);
    let s3 = apply(
        &s2,
        Action::SchemeOpened {
            name: "淮安式加分.toml".into(),
            bytes: Rc::new(text.into_bytes()),
        },
    );
    assert_eq!(s3.scheme.id, "huaian-2024-b");
    assert!(s3.shows_bonus_setting());
    // Back to the built-in scheme: offered again.
    assert!(apply(&s2, Action::SchemeReset).shows_bonus_setting());
}

/// Chifeng's scheme, calling its units 企业 (a scheme opened from a file).
fn with_enterprises(s: &AppState) -> AppState {
    let preset = parkscore::scheme::presets::preset("chifeng-2020").unwrap();
    let text = preset
        .toml
        .replacen("id = \"chifeng-2020\"", "id = \"chifeng-2020-firms\"", 1)
        .replacen(
            "\nrounding_places = 2\n",
            "\nunit_noun = \"企业\"\nrounding_places = 2\n",
            1,
        );
    let s2 = apply(
        s,
        Action::SchemeOpened {
            name: "企业.toml".into(),
            bytes: Rc::new(text.into_bytes()),
        },
    );
    assert_eq!(s2.scheme.unit_noun(), "企业");
    s2
}

/// The texts the page writes for a change of setting and the grid's name column call the
/// units as the scheme does: 园区 for Chifeng's, as before; 企业 for a scheme of enterprises.
#[test]
fn setting_changes_and_the_name_column_use_the_schemes_word() {
    // (cumulative toggled twice: the second says 不累加; 名单外 toggled once.)
    let says = |s: &AppState| -> (String, String, String) {
        let on = apply(s, Action::BonusCumulativeToggled);
        let off = apply(&on, Action::BonusCumulativeToggled);
        let unlisted = apply(s, Action::AllowUnlistedToggled);
        let change = |x: &AppState| {
            x.setting_effect
                .as_deref()
                .expect("what moved")
                .change_zh
                .clone()
        };
        let id = s.active.expect("a file");
        (
            change(&off),
            change(&unlisted),
            s.grid_columns(id)[0].title.clone(),
        )
    };
    let chifeng = sample();
    assert_eq!(
        says(&chifeng),
        (
            "附加分改为不累加（同一园区只取最高一项）".to_owned(),
            "改为包括名单外的园区".to_owned(),
            "园区名称".to_owned()
        )
    );
    let firms = with_enterprises(&chifeng);
    assert_eq!(
        says(&firms),
        (
            "附加分改为不累加（同一企业只取最高一项）".to_owned(),
            "改为包括名单外的企业".to_owned(),
            "企业名称".to_owned()
        )
    );
}

/// 年度对比's refusal of last year's file with more units than the page analyses names them
/// by the scheme's word: 园区 for Chifeng's, as before; 企业 for a scheme of enterprises.
#[test]
fn last_years_file_too_large_for_the_page_says_the_schemes_word() {
    // 201 units (the page's limit is 200), under a name header both schemes accept.
    let mut csv = String::from("单位名称,新增工业总产值（亿元）\n");
    for i in 0..201 {
        csv.push_str(&format!("单位{i:03},{i}\n"));
    }
    let refusal = |s: &AppState| -> String {
        let s = run_analysis(
            &s.apply(Action::TabChosen { tab: Tab::Analysis })
                .expect("the tab changes"),
        );
        let s = run_analysis(
            &s.apply(Action::LastYearChosen {
                name: "大.csv".into(),
                bytes: Rc::new(csv.clone().into_bytes()),
            })
            .expect("a change"),
        );
        let (_, _, a) = s.analysis.result.clone().expect("a result");
        a.comparison.clone().expect("asked").expect_err("refused")
    };
    assert_eq!(
        refusal(&sample()),
        "上年数据「大.csv」有 201 个园区，超过页面中分析的上限 200 个；请用命令行 parkscore compare 对比"
    );
    assert_eq!(
        refusal(&with_enterprises(&sample())),
        "上年数据「大.csv」有 201 个企业，超过页面中分析的上限 200 个；请用命令行 parkscore compare 对比"
    );
}

/// The page's refusal of a data file over the size limit, and the message of a job that
/// killed the worker, ask to keep the scheme's units' data: 园区 for Chifeng's, as before.
#[test]
fn the_pages_size_refusal_and_a_killed_job_say_the_schemes_word() {
    use parkscore_app::app::file_too_big_zh;
    use parkscore_app::services::worker::killed_message;
    let size = 25.0 * 1_048_576.0;
    assert_eq!(
        file_too_big_zh(size, "园区"),
        "文件有 25.0 MB，超过 20 MB 的上限，未读取；请只保留园区数据后再导入"
    );
    assert_eq!(
        file_too_big_zh(size, "企业"),
        "文件有 25.0 MB，超过 20 MB 的上限，未读取；请只保留企业数据后再导入"
    );
    assert_eq!(
        killed_message(None, "园区"),
        "计算线程在处理时停止了（可能是内存不足，或文件内容异常），这一次的结果未能得出；之前的工作已保留，计算线程已重新启动。请检查文件（或只保留园区数据）后再试"
    );
    assert_eq!(
        killed_message(Some("unreachable"), "企业"),
        "计算线程在处理时停止了（可能是内存不足，或文件内容异常），这一次的结果未能得出；之前的工作已保留，计算线程已重新启动。请检查文件（或只保留企业数据）后再试（技术细节：unreachable）"
    );
}

/// The park sheets' download: its file name and its 目录's title call the units by the
/// scheme's word: 园区得分明细单 for Chifeng's, as before; 企业得分明细单 for 淮安's.
#[test]
fn the_park_sheets_are_named_by_the_schemes_word() {
    use calamine::Reader;
    use parkscore::export::report::Version;
    let made = |s: &AppState| -> (String, String) {
        let download =
            exports::report(s, Version::ParkSheets, None, "2024年3月20日").expect("the sheets");
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(download.bytes))
            .expect("an xlsx");
        let index = book.worksheet_range("目录").expect("the index");
        let title = index.get((0, 0)).expect("a title").to_string();
        (download.file_name, title)
    };
    assert_eq!(
        made(&sample()),
        (
            "示例数据-赤峰市工业园区评价结果-2020年度-园区得分明细单.xlsx".to_owned(),
            "园区得分明细单".to_owned()
        )
    );
    let huaian = apply(
        &apply(
            &AppState::default(),
            Action::PresetChosen {
                id: "huaian-2024".into(),
            },
        ),
        Action::SampleRequested,
    );
    let (name, title) = made(&huaian);
    assert_eq!(title, "企业得分明细单");
    assert!(name.ends_with("-2024年度-企业得分明细单.xlsx"), "{name}");
    assert!(!name.contains("园区"), "{name}");
}
