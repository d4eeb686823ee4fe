//! `parkscore-compress < in > out`: the bytes of stdin as one zstd frame on stdout, at zstd's
//! strongest level (22, "ultra"), with the content size declared in the frame's header.
//!
//! tools/inline.mjs runs it on the app's wasm: the single file carries the compressed wasm, and
//! the page's loader decodes it with tools/unzstd (ruzstd compiled to a small wasm), which sizes
//! its output from that declared size. On the app's 3.1 MB wasm zstd 22 gives 1.02 MB (with
//! the limited window and the checksum below) where zopfli's deflate (used before) gave about
//! 1.24 MB; xz would give about 0.94 MB but decodes some five times slower, on the page's
//! first-render path. The frame carries its checksum, which tools/unzstd requires. Build with `--profile tools` (optimised for
//! speed): a few seconds for 3 MB. The window is limited ([`WINDOW_LOG`]) so that the page can
//! compile while it decodes.

use std::io::{Read, Write};

/// The window: 1 MB (2^20) instead of the whole 3 MB at level 22. The decoder keeps a window's
/// bytes back until the frame ends, so with the whole file as its window the page's streaming
/// compile would get nothing before the decode had finished; with 1 MB it gets the module in
/// pieces from the second megabyte on, and validates while the rest is decoded. Measured on the
/// app's wasm: 1,010,919 → 1,015,729 bytes (+0.5 %). 512 KB cost +1.6 % and gave no first
/// render that paired runs could tell apart (130 and 134 ms against 128 and 131).
const WINDOW_LOG: u32 = 20;

fn main() {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("parkscore-compress: cannot read stdin: {e}");
        std::process::exit(1);
    }
    match compress(&input) {
        Ok(output) => {
            if let Err(e) = std::io::stdout().lock().write_all(&output) {
                eprintln!("parkscore-compress: cannot write stdout: {e}");
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("parkscore-compress: {e}");
            std::process::exit(1);
        }
    }
}

fn compress(input: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = zstd::stream::Encoder::new(Vec::with_capacity(input.len() / 2), 22)?;
    encoder.window_log(WINDOW_LOG)?;
    // The loader refuses a frame without one (tools/unzstd): a damaged copy of the page must
    // not start on bytes that decoded, without any other error, to something else.
    encoder.include_checksum(true)?;
    encoder.include_contentsize(true)?;
    encoder.set_pledged_src_size(Some(input.len() as u64))?;
    encoder.write_all(input)?;
    encoder.finish()
}
