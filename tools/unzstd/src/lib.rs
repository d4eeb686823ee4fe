//! The zstd decoder of the page's loader, compiled to a wasm of its own (about 30 KB).
//!
//! The single file carries the app's wasm compressed with zstd (tools/compress), about 16 %
//! smaller than the best deflate (zopfli) could make it. Browsers inflate deflate natively
//! (`DecompressionStream`) but not zstd, so the loader (tools/inline.mjs) instantiates this
//! module, copies the frame in, and decodes it in steps through the exports below ([`Unpacker`]),
//! handing each piece to the browser's streaming compile as it comes: the compile validates one
//! piece while the next is decoded. Measured in Chromium 148 on the app's 3.2 MB wasm: the
//! decode takes some 35 ms; compiled after it, whole, the module was ready 19 ms later.
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

/// How much output a [`Unpacker::step`] waits for before it returns: small enough that the
/// page's streaming compile gets the module in some twenty pieces, each a millisecond or two of
/// decoding, and validates one while the next is decoded.
pub const STEP: usize = 128 << 10;

/// One zstd frame decoded in steps into one buffer, sized once from the size the frame declares
/// (tools/compress writes it). Nothing trusts the frame beyond that: a frame without a size or
/// without a checksum, a size over [`MAX_OUTPUT`], more or less output than declared, a damaged
/// or cut frame, bytes after it, or output whose checksum (XXH64, as zstd's) is not the one the
/// frame carries, is an error (`None`), never a trap. The checksum is what makes a damaged copy
/// of the page refuse to start: a changed byte can decode, without any other error, to a wasm
/// that differs in its data.
///
/// Each step hands on the output the decoder no longer needs as its window: tools/compress
/// limits the window (1 MB), so the pieces flow from the second megabyte on.
pub struct Unpacker {
    decoder: ruzstd::decoding::FrameDecoder,
    frame: Vec<u8>,
    /// How many bytes of `frame` the decoder has read.
    read: usize,
    size: usize,
    out: Vec<u8>,
    /// The frame ended where its bytes end, with as much output as it declared.
    done: bool,
}

impl Unpacker {
    /// Reads the frame's header; `None` if it is not a frame this accepts (see the type).
    pub fn new(frame: Vec<u8>) -> Option<Unpacker> {
        let mut decoder = ruzstd::decoding::FrameDecoder::new();
        let mut source = &frame[..];
        decoder.init(&mut source).ok()?;
        let read = frame.len() - source.len();
        let size = decoder.content_size();
        if size == 0 || size > MAX_OUTPUT || !has_checksum(&frame) {
            return None;
        }
        let size = usize::try_from(size).ok()?;
        let mut out = Vec::new();
        out.try_reserve_exact(size).ok()?;
        Some(Unpacker {
            decoder,
            frame,
            read,
            size,
            out,
            done: false,
        })
    }

    /// The size the frame declares.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Decodes until at least `at_least` more bytes of output are ready, or the frame ends;
    /// the output's length after it, or `None` on any error (see the type).
    pub fn step(&mut self, at_least: usize) -> Option<usize> {
        if self.done {
            return Some(self.out.len());
        }
        let ready = self.out.len();
        while !self.decoder.is_finished() && self.out.len() - ready < at_least {
            let mut source = self.frame.get(self.read..)?;
            let before = source.len();
            self.decoder
                .decode_blocks(
                    &mut source,
                    ruzstd::decoding::BlockDecodingStrategy::UptoBytes(at_least),
                )
                .ok()?;
            self.read += before - source.len();
            self.decoder.collect_to_writer(&mut self.out).ok()?;
            if self.out.len() > self.size {
                return None;
            }
        }
        if self.decoder.is_finished() {
            // What the last blocks left in the window, then the checks of the frame's end.
            self.decoder.collect_to_writer(&mut self.out).ok()?;
            if self.out.len() != self.size || self.read != self.frame.len() {
                return None;
            }
            if self.decoder.get_checksum_from_data() != Some(xxh64(&self.out) as u32) {
                return None;
            }
            self.done = true;
        }
        Some(self.out.len())
    }

    /// The frame has been decoded whole, and checked (see the type).
    pub fn done(&self) -> bool {
        self.done
    }

    /// The output so far: all of it once [`Unpacker::done`].
    pub fn output(&self) -> &[u8] {
        &self.out
    }
}

/// Whether the frame's header says a checksum follows its last block (the frame header
/// descriptor's bit 2, after the 4-byte magic number).
fn has_checksum(frame: &[u8]) -> bool {
    frame.get(4).is_some_and(|descriptor| descriptor & 4 != 0)
}

/// XXH64 with seed 0, the hash whose low 32 bits a zstd frame's checksum is
/// (<https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md>).
pub fn xxh64(data: &[u8]) -> u64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P3: u64 = 1_609_587_929_392_839_161;
    const P4: u64 = 9_650_029_242_287_828_579;
    const P5: u64 = 2_870_177_450_012_600_261;
    fn round(acc: u64, lane: u64) -> u64 {
        acc.wrapping_add(lane.wrapping_mul(P2))
            .rotate_left(31)
            .wrapping_mul(P1)
    }
    fn merge(acc: u64, v: u64) -> u64 {
        (acc ^ round(0, v)).wrapping_mul(P1).wrapping_add(P4)
    }
    fn u64_at(b: &[u8]) -> u64 {
        let mut w = [0; 8];
        w.copy_from_slice(&b[..8]);
        u64::from_le_bytes(w)
    }
    let mut stripes = data.chunks_exact(32);
    let mut h = if data.len() >= 32 {
        let mut v = [P1.wrapping_add(P2), P2, 0, 0u64.wrapping_sub(P1)];
        for stripe in &mut stripes {
            for (lane, acc) in stripe.chunks_exact(8).zip(&mut v) {
                *acc = round(*acc, u64_at(lane));
            }
        }
        let mut h = v[0]
            .rotate_left(1)
            .wrapping_add(v[1].rotate_left(7))
            .wrapping_add(v[2].rotate_left(12))
            .wrapping_add(v[3].rotate_left(18));
        for acc in v {
            h = merge(h, acc);
        }
        h
    } else {
        P5
    };
    h = h.wrapping_add(data.len() as u64);
    let mut rest = stripes.remainder();
    while rest.len() >= 8 {
        h = (h ^ round(0, u64_at(rest)))
            .rotate_left(27)
            .wrapping_mul(P1)
            .wrapping_add(P4);
        rest = &rest[8..];
    }
    if rest.len() >= 4 {
        let mut w = [0; 4];
        w.copy_from_slice(&rest[..4]);
        h = (h ^ u64::from(u32::from_le_bytes(w)).wrapping_mul(P1))
            .rotate_left(23)
            .wrapping_mul(P2)
            .wrapping_add(P3);
        rest = &rest[4..];
    }
    for &byte in rest {
        h = (h ^ u64::from(byte).wrapping_mul(P5))
            .rotate_left(11)
            .wrapping_mul(P1);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ h >> 32
}

/// The bytes of one zstd frame, decompressed whole; `None` for what [`Unpacker`] refuses.
pub fn unpack(frame: &[u8]) -> Option<Vec<u8>> {
    let mut unpacker = Unpacker::new(frame.to_vec())?;
    while !unpacker.done() {
        unpacker.step(STEP)?;
    }
    Some(unpacker.out)
}

/// The exports the loader calls, in this order: `input(n)` (a buffer for the frame, written by
/// the loader), `begin(n)` (reads the frame's header: its declared size, or `usize::MAX` when
/// [`Unpacker`] refuses it), then `step()` until `done()` (each the output's length so far, or
/// `usize::MAX` on an error), and `output()` (where the output starts; it does not move). The
/// instance is used once and dropped.
#[cfg(target_arch = "wasm32")]
mod exports {
    use super::Unpacker;
    use alloc::vec::Vec;
    use core::cell::UnsafeCell;

    /// A value the exports share. wasm32 without the threads proposal runs one thread, and the
    /// loader calls the exports one after another, so no two borrows ever overlap.
    struct Slot<T>(UnsafeCell<T>);

    // SAFETY: one thread (wasm32 without atomics), and each export borrows a slot only for its
    // own duration.
    unsafe impl<T> Sync for Slot<T> {}

    static INPUT: Slot<Vec<u8>> = Slot(UnsafeCell::new(Vec::new()));
    static UNPACKER: Slot<Option<Unpacker>> = Slot(UnsafeCell::new(None));

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

    /// Starts on the first `len` bytes of the input buffer: the size the frame declares.
    #[no_mangle]
    pub extern "C" fn begin(len: usize) -> usize {
        // SAFETY: see `Slot`.
        let (input, unpacker) = unsafe { (&mut *INPUT.0.get(), &mut *UNPACKER.0.get()) };
        let mut frame = core::mem::take(input);
        frame.truncate(len);
        *unpacker = Unpacker::new(frame);
        unpacker.as_ref().map_or(usize::MAX, Unpacker::size)
    }

    /// One [`Unpacker::step`] of [`super::STEP`] bytes: the output's length so far.
    #[no_mangle]
    pub extern "C" fn step() -> usize {
        // SAFETY: see `Slot`.
        let unpacker = unsafe { &mut *UNPACKER.0.get() };
        unpacker
            .as_mut()
            .and_then(|u| u.step(super::STEP))
            .unwrap_or(usize::MAX)
    }

    /// 1 once the frame is decoded whole and checked, else 0.
    #[no_mangle]
    pub extern "C" fn done() -> u32 {
        // SAFETY: see `Slot`.
        let unpacker = unsafe { &*UNPACKER.0.get() };
        u32::from(unpacker.as_ref().is_some_and(Unpacker::done))
    }

    /// Where the output starts (reserved whole at `begin`, so it does not move).
    #[no_mangle]
    pub extern "C" fn output() -> *const u8 {
        // SAFETY: see `Slot`.
        let unpacker = unsafe { &*UNPACKER.0.get() };
        unpacker
            .as_ref()
            .map_or(core::ptr::null(), |u| u.output().as_ptr())
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
    use super::{unpack, Unpacker, STEP};

    fn frame(data: &[u8], level: i32) -> Vec<u8> {
        framed(data, level, None)
    }

    /// As tools/compress makes them: the content size declared, the window limited or not.
    fn framed(data: &[u8], level: i32, window_log: Option<u32>) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), level).unwrap();
        if let Some(log) = window_log {
            encoder.window_log(log).unwrap();
        }
        encoder.include_checksum(true).unwrap();
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

    /// Data that does not compress to nothing: a generator's bytes among repeated words.
    fn noisy(len: u32) -> Vec<u8> {
        let mut x: u32 = 7;
        (0..len)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                if i % 3 == 0 {
                    (x >> 24) as u8
                } else {
                    b"module "[i as usize % 7]
                }
            })
            .collect()
    }

    /// With a limited window (512 KB here, 1 MB in tools/compress), the output comes in pieces
    /// long before the frame ends (what lets the page compile while it decodes), each step at least `STEP` bytes but
    /// the last, and the pieces together are the data.
    #[test]
    fn a_limited_window_gives_the_output_in_steps() {
        let data = noisy(2_000_000);
        let mut unpacker = Unpacker::new(framed(&data, 19, Some(19))).unwrap();
        assert_eq!(unpacker.size(), data.len());
        let mut lengths = Vec::new();
        while !unpacker.done() {
            lengths.push(unpacker.step(STEP).unwrap());
            assert!(lengths.len() < 100, "no progress: {lengths:?}");
        }
        assert_eq!(unpacker.output(), &data[..]);
        assert!(lengths.len() >= 8, "{lengths:?}");
        // The window is 512 KB: the first piece is out by the time 1 MB is decoded.
        assert!(lengths[0] > 0 && lengths[0] < 1 << 20, "{lengths:?}");
        for pair in lengths.windows(2) {
            assert!(
                pair[1] - pair[0] >= STEP || pair[1] == data.len(),
                "{lengths:?}"
            );
        }
        // Stepping a finished frame changes nothing.
        assert_eq!(unpacker.step(STEP), Some(data.len()));
    }

    #[test]
    fn bytes_after_the_frame_or_a_wrong_declared_size_are_refused() {
        let data = noisy(300_000);
        let mut extra = frame(&data, 3);
        extra.push(0);
        assert!(unpack(&extra).is_none(), "a byte after the frame");
        let mut two = frame(&data, 3);
        two.extend(frame(&data, 3));
        assert!(unpack(&two).is_none(), "a second frame");
        assert_eq!(unpack(&frame(&data, 3)).as_deref(), Some(&data[..]));
        // The header's size field changed (single-segment frame, 4-byte size after the
        // descriptor): more output than declared, or less, is refused.
        let good = frame(&data, 3);
        assert_eq!(good[4] >> 6, 2, "a 4-byte content size");
        assert_eq!(u32::from_le_bytes(good[5..9].try_into().unwrap()), 300_000);
        for size in [299_999u32, 300_001] {
            let mut wrong = good.clone();
            wrong[5..9].copy_from_slice(&size.to_le_bytes());
            assert!(unpack(&wrong).is_none(), "declared {size}");
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
        // A frame without a declared size is refused: the output could not be sized.
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), 3).unwrap();
        encoder.include_checksum(true).unwrap();
        encoder.include_contentsize(false).unwrap();
        std::io::Write::write_all(&mut encoder, &data).unwrap();
        assert!(unpack(&encoder.finish().unwrap()).is_none(), "no size");
        // Nor one without a checksum: a damaged copy could decode to other bytes unnoticed.
        let mut encoder = zstd::stream::Encoder::new(Vec::new(), 3).unwrap();
        encoder.include_contentsize(true).unwrap();
        encoder
            .set_pledged_src_size(Some(data.len() as u64))
            .unwrap();
        std::io::Write::write_all(&mut encoder, &data).unwrap();
        let unchecked = encoder.finish().unwrap();
        assert_eq!(unchecked[4] & 4, 0, "the frame has no checksum");
        assert!(unpack(&unchecked).is_none(), "no checksum");
    }

    /// Whatever byte of the frame is changed, and however, the output is refused or is the
    /// data itself: never other bytes (the checksum, the declared size, the frame's end).
    #[test]
    fn any_changed_byte_is_refused_or_harmless() {
        let data = noisy(6_000);
        let good = frame(&data, 19);
        assert_eq!(unpack(&good).as_deref(), Some(&data[..]));
        let mut refused = 0;
        for at in 0..good.len() {
            for flip in [0x01, 0x80, 0xFF] {
                let mut damaged = good.clone();
                damaged[at] ^= flip;
                match unpack(&damaged) {
                    None => refused += 1,
                    Some(out) => {
                        assert_eq!(out, data, "byte {at} ^ {flip:#x} decoded to other bytes")
                    }
                }
            }
        }
        assert!(
            refused > good.len() * 2,
            "{refused} of {} refused",
            good.len() * 3
        );
    }

    /// The hash's published values (xxHash's spec and its reference implementation).
    #[test]
    fn xxh64_gives_the_reference_values() {
        assert_eq!(super::xxh64(b""), 0xEF46_DB37_51D8_E999);
        assert_eq!(super::xxh64(b"a"), 0xD24E_C4F1_A98C_6E5B);
        assert_eq!(super::xxh64(b"abc"), 0x44BC_2CF5_AD77_0999);
        // Longer inputs take every path (stripes, 8-, 4- and 1-byte tails): checked against
        // the checksums zstd itself writes, which `unpack` compares.
        for len in [31, 32, 33, 63, 64, 100, 1000, 65_537] {
            let data = noisy(len);
            assert_eq!(
                unpack(&frame(&data, 3)).as_deref(),
                Some(&data[..]),
                "{len}"
            );
        }
    }
}
