//! parkscore in the browser: mounts the app, nothing else.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<parkscore_app::app::App>::new().render();
}
