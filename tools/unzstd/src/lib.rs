//! The zstd decoder of the page's loader, compiled to a wasm of its own (about 30 KB).
//!
//! The single file carries the app's wasm compressed with zstd (tools/compress), about 16 %
//! smaller than the best deflate (zopfli) could make it. Browsers inflate deflate natively
//! (`DecompressionStream`) but not zstd, so the loader (tools/inline.mjs) instantiates this
//! module, copies the frame in, calls [`unpack`] through the exports below, and compiles the
//! bytes it gets back. Measured in Chromium 148 on the app's 3.2 MB wasm: the decode takes
//! some 35 ms, and the page's module is ready 13 ms later than through `DecompressionStream`
//! (which inflates while the compile streams); the first render, 25 ms later (`make bench`,
//! builds of the same wasm alternated: 107–112 ms → 133–134 ms).
//!
//! The decoder is ruzstd (pure Rust, no_std with alloc). Nothing here trusts the frame beyond
//! what it declares: the output is sized from the frame's content size, bounded by
//! [`MAX_OUTPUT`], and any error is an answer, not a trap.
//!
//! On wasm32 the crate is `no_std` with a bump allocator (growing the newest block in place):
//! the instance decodes once and is dropped, so nothing needs freeing, and the module stays
//! about half the size it has with std's allocator and thread-locals. Natively it is a plain
//! std library, for the tests.

#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

use alloc::vec::Vec;

/// The largest output accepted (the app's wasm is about 3 MB).
pub const MAX_OUTPUT: u64 = 64 << 20;

/// The bytes of one zstd frame with its content size declared (tools/compress writes it),
/// decompressed; `None` for anything else: no size, a size over [`MAX_OUTPUT`], a damaged or
/// cut frame, or bytes after it.
pub fn unpack(frame: &[u8]) -> Option<Vec<u8>> {
    let mut decoder = ruzstd::decoding::FrameDecoder::new();
    let mut source = frame;
    decoder.init(&mut source).ok()?;
    let size = decoder.content_size();
    if size == 0 || size > MAX_OUTPUT {
        return None;
    }
    let mut out = Vec::new();
    out.try_reserve_exact(usize::try_from(size).ok()?).ok()?;
    // `decode_all_to_vec` decodes into the vector's spare capacity: exactly the declared size.
    let mut decoder = ruzstd::decoding::FrameDecoder::new();
    decoder.decode_all_to_vec(frame, &mut out).ok()?;
    (out.len() as u64 == size).then_some(out)
}

/// The exports the loader calls, in this order: `input(n)` (a buffer for the frame, written by
/// the loader), `decode(n)` (the output's length, or `usize::MAX` when [`unpack`] said no),
/// `output()` (where the output is). The instance is used once and dropped.
#[cfg(target_arch = "wasm32")]
mod exports {
    use alloc::vec::Vec;
    use core::cell::UnsafeCell;

    /// A buffer the exports share. wasm32 without the threads proposal runs one thread, and the
    /// loader calls the exports one after another, so no two borrows ever overlap.
    struct Slot(UnsafeCell<Vec<u8>>);

    // SAFETY: one thread (wasm32 without atomics), and each export borrows a slot only for its
    // own duration.
    unsafe impl Sync for Slot {}

    static INPUT: Slot = Slot(UnsafeCell::new(Vec::new()));
    static OUTPUT: Slot = Slot(UnsafeCell::new(Vec::new()));

    /// A zeroed buffer of `len` bytes for the frame; null if it cannot be had.
    #[no_mangle]
    pub extern "C" fn input(len: usize) -> *mut u8 {
        // SAFETY: see `Slot`.
        let input = unsafe { &mut *INPUT.0.get() };
        let mut buffer = Vec::new();
        if buffer.try_reserve_exact(len).is_err() {
            return core::ptr::null_mut();
        }
        buffer.resize(len, 0);
        *input = buffer;
        input.as_mut_ptr()
    }

    /// Decodes the first `len` bytes of the input buffer.
    #[no_mangle]
    pub extern "C" fn decode(len: usize) -> usize {
        // SAFETY: see `Slot`.
        let input = unsafe { &*INPUT.0.get() };
        match input.get(..len).and_then(super::unpack) {
            Some(out) => {
                let n = out.len();
                // SAFETY: see `Slot`.
                unsafe { *OUTPUT.0.get() = out };
                n
            }
            None => usize::MAX,
        }
    }

    /// The output of the last successful [`decode`].
    #[no_mangle]
    pub extern "C" fn output() -> *const u8 {
        // SAFETY: see `Slot`.
        unsafe { (*OUTPUT.0.get()).as_ptr() }
    }
}

/// The bump allocator of the wasm build: memory is taken from the top and never given back,
/// except that the newest block grows or shrinks in place (the output and ruzstd's buffers
/// grow that way). Out of memory is a null pointer, which `try_reserve` turns into an answer.
#[cfg(target_arch = "wasm32")]
mod bump {
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32::{memory_grow, memory_size};
    use core::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    const PAGE: usize = 65_536;

    extern "C" {
        /// Where the linker put the start of the heap.
        static __heap_base: u8;
    }

    /// The first free byte (0: not yet read from `__heap_base`).
    static NEXT: AtomicUsize = AtomicUsize::new(0);

    struct Bump;

    /// Makes the memory reach `end`; false if it cannot grow.
    fn reach(end: usize) -> bool {
        let have = memory_size(0) * PAGE;
        end <= have || memory_grow(0, (end - have).div_ceil(PAGE)) != usize::MAX
    }

    fn next() -> usize {
        match NEXT.load(Relaxed) {
            // Only the symbol's address is taken (no read): no `unsafe` needed.
            0 => core::ptr::addr_of!(__heap_base) as usize,
            n => n,
        }
    }

    unsafe impl GlobalAlloc for Bump {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let Some(start) = next().checked_next_multiple_of(layout.align()) else {
                return core::ptr::null_mut();
            };
            match start.checked_add(layout.size()) {
                Some(end) if reach(end) => {
                    NEXT.store(end, Relaxed);
                    start as *mut u8
                }
                _ => core::ptr::null_mut(),
            }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // The newest block is taken back; any other stays until the instance is dropped.
            if ptr as usize + layout.size() == next() {
                NEXT.store(ptr as usize, Relaxed);
            }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if ptr as usize + layout.size() == next() {
                return match (ptr as usize).checked_add(new_size) {
                    Some(end) if reach(end) => {
                        NEXT.store(end, Relaxed);
                        ptr
                    }
                    _ => core::ptr::null_mut(),
                };
            }
            // SAFETY: the caller's contract, passed on; the old block is at least as large as
            // what is copied.
            unsafe {
                let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                    return core::ptr::null_mut();
                };
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                }
                new
            }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Bump = Bump;

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        core::arch::wasm32::unreachable()
    }
}

#[cfg(test)]
mod tests {
    use super::unpack;

    fn frame(data: &[u8], level: i32) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), level).unwrap();
        encoder.include_contentsize(true).unwrap();
        encoder
            .set_pledged_src_size(Some(data.len() as u64))
            .unwrap();
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// Text-like and binary-like data, at the fast level and at the ultra level the build uses.
    #[test]
    fn what_zstd_compresses_comes_back() {
        let mut data = Vec::new();
        let mut x: u32 = 1;
        for i in 0..300_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            data.push(if i % 7 == 0 {
                (x >> 24) as u8
            } else {
                b"wasm code "[i as usize % 10]
            });
        }
        for level in [1, 19, 22] {
            assert_eq!(
                unpack(&frame(&data, level)).as_deref(),
                Some(&data[..]),
                "level {level}"
            );
        }
    }

    #[test]
    fn damaged_cut_or_foreign_bytes_are_refused_not_trapped() {
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let good = frame(&data, 19);
        assert!(unpack(&good[..good.len() - 1]).is_none(), "cut");
        assert!(unpack(&good[..4]).is_none(), "magic only");
        assert!(unpack(b"").is_none());
        assert!(unpack(b"not zstd at all").is_none());
        let mut damaged = good.clone();
        let mid = damaged.len() / 2;
        damaged[mid] ^= 0xFF;
        // A flipped byte is either refused or (rarely) decodes to other bytes of the same
        // size; it never traps. The loader's compile refuses what is not the app's wasm.
        if let Some(out) = unpack(&damaged) {
            assert_eq!(out.len(), data.len());
        }
        // A frame without a declared size is refused: the output could not be sized.
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), 3).unwrap();
        encoder.include_contentsize(false).unwrap();
        std::io::Write::write_all(&mut encoder, &data).unwrap();
        assert!(unpack(&encoder.finish().unwrap()).is_none(), "no size");
    }
}
