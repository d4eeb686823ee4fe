//! The app's session file loader (`parkscore_app::session::Session::from_json`), then the
//! reducer's restore and the scoring job it schedules, as 打开会话 does.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| parkscore_fuzz::session(data));
