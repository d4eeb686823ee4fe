//! `parkscore-deflate < in > out`: the bytes of stdin as one zlib stream (RFC 1950) on stdout,
//! compressed by zopfli, which finds a deflate stream about 4 % smaller than zlib's level 9.
//!
//! tools/inline.mjs runs it on the app's wasm: the single file carries the compressed wasm and
//! the page inflates it with the browser's `DecompressionStream('deflate')`, so every byte
//! saved here is a byte less in the file, gzipped or not. Build with `--profile tools`
//! (optimised for speed): it takes a few seconds for 2 MB.

use std::io::{Read, Write};

fn main() {
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("parkscore-deflate: cannot read stdin: {e}");
        std::process::exit(1);
    }
    let mut output = Vec::with_capacity(input.len() / 2);
    if let Err(e) = zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Zlib,
        &input[..],
        &mut output,
    ) {
        eprintln!("parkscore-deflate: {e}");
        std::process::exit(1);
    }
    if let Err(e) = std::io::stdout().lock().write_all(&output) {
        eprintln!("parkscore-deflate: cannot write stdout: {e}");
        std::process::exit(1);
    }
}
