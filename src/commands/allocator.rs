//! Allocator: when the memory a build frees goes back to the system.
//!
//! The binary sets jemalloc to keep what a build frees for its own reuse (`main.rs`):
//! the kernel zeroes every page that comes back, and the PDF stage frees and asks
//! again for the same memory all along (handing it back after a second cost that
//! stage a sixth more time at 1,000 x 3). Loading and the website and search stage
//! are another matter: what parsing frees and what a locale's search index frees
//! once written is not all reused by what comes next, and kept, it stayed in the
//! peak of a large site. Until the PDFs, a build hands back what stays unused for a
//! second. A server between rebuilds hands back everything. Without jemalloc as the
//! allocator (the library's tests) these calls reach jemalloc's own unused arena and
//! change nothing.

/// Milliseconds freed memory stays unused before it goes back to the system, while
/// the site loads and the website and the search index render. Against keeping it
/// (cold builds of the generated corpora into RAM, same CPU time within the machine's
/// noise): 20,000 x 3 peaks at 1,974-1,980 MiB instead of 2,042-2,062, 5,000 x 3 at
/// 582 instead of 630, 1,000 x 3 at 202-205 instead of 225-228.
const SITE_DECAY_MS: isize = 1000;

/// Freed memory goes back to the system after `SITE_DECAY_MS` unused.
pub fn return_unused_memory() {
    set_decay(SITE_DECAY_MS);
}

/// Freed memory is kept for reuse (jemalloc's setting at start, `-1`: never decays).
pub fn keep_freed_memory() {
    set_decay(-1);
}

/// Hands every page freed so far back to the system: 4096 is jemalloc's
/// `MALLCTL_ARENAS_ALL`, every arena at once.
pub fn release_freed_memory() {
    ctl(c"arena.4096.purge", None);
}

/// Every arena's: besides the one `narenas:1` asks for, jemalloc sets allocations of
/// 8 MiB and more (a large site's tables) in an arena of its own.
fn set_decay(ms: isize) {
    let mut arenas: u32 = 0;
    let mut length = std::mem::size_of::<u32>();
    // SAFETY: `arenas.narenas` writes an `unsigned` (4 bytes, `length`) at `arenas`.
    let code = unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arenas.narenas".as_ptr(),
            std::ptr::from_mut(&mut arenas).cast(),
            &mut length,
            std::ptr::null_mut(),
            0,
        )
    };
    if code != 0 {
        return;
    }
    // And the arenas made later: the one for large allocations comes with the first.
    ctl(c"arenas.dirty_decay_ms", Some(ms));
    for arena in 0..arenas {
        let name = std::ffi::CString::new(format!("arena.{arena}.dirty_decay_ms"))
            .expect("no NUL in a number");
        ctl(&name, Some(ms));
    }
}

/// A jemalloc command that reads nothing back, with an optional `ssize_t` to write;
/// jemalloc's result code (0: done). The settings are hints: callers go on either way.
fn ctl(name: &std::ffi::CStr, value: Option<isize>) -> i32 {
    let mut value = value;
    let (new, length) = match value.as_mut() {
        Some(v) => (std::ptr::from_mut(v).cast(), std::mem::size_of::<isize>()),
        None => (std::ptr::null_mut(), 0),
    };
    // SAFETY: a NUL-terminated name of jemalloc's; it reads `length` bytes at `new`
    // (an `isize` that outlives the call, as `ssize_t` is on every platform Rust has)
    // and writes nothing back (null old pointers).
    unsafe {
        tikv_jemalloc_sys::mallctl(
            name.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            new,
            length,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_settings_are_jemalloc_commands_that_succeed() {
        let code = ctl(c"arena.0.dirty_decay_ms", Some(SITE_DECAY_MS));
        assert_eq!(code, 0, "jemalloc refused arena.0.dirty_decay_ms");
        return_unused_memory();
        keep_freed_memory();
        release_freed_memory();
    }
}
