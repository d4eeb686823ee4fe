//! Local storage: the autosaved session survives a reload; 清除本机数据 wipes it.

/// The key the session is kept under.
pub const SESSION_KEY: &str = "parkscore.session.v1";

fn storage() -> Result<web_sys::Storage, String> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or_else(|| "浏览器不允许本机存储，刷新页面后数据不会保留".to_owned())
}

/// Saves `json` as the session.
pub fn save_session(json: &str) -> Result<(), String> {
    storage()?
        .set_item(SESSION_KEY, json)
        .map_err(|_| "本机存储空间不足，数据未能自动保存；请使用「保存会话」保存到文件".to_owned())
}

/// The saved session, if any.
pub fn load_session() -> Option<String> {
    storage().ok()?.get_item(SESSION_KEY).ok().flatten()
}

/// Forgets the saved session.
pub fn clear_session() -> Result<(), String> {
    storage()?
        .remove_item(SESSION_KEY)
        .map_err(|_| "无法清除本机存储".to_owned())
}
