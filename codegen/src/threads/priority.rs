//! The companions yield to the client.
//!
//! The client's two halves are the longest chain of work (progenitor's
//! tokens, cut, parsed, passed over, formatted), while the companions
//! (httpmock, CLI) have time to spare: they wait only for the types'
//! variant renames, and used to finish first. Four threads on two cores
//! share the cores evenly, so the client's last half ended alone, one
//! core idle. The threads making the companions therefore lower their own
//! priority (nice 19): they run where the client's threads leave a core
//! free, and at the end, two at a time. On Oxide's spec, in five
//! comparisons of alternating runs (with and without, 20 to 30 runs each)
//! the median was 1.4% to 16% lower with it, never higher; on this noisy
//! 2-core machine that is the direction, not a precise figure.
//!
//! Linux only: there a thread's nice value is its own, and the thread ends
//! with its companion. Elsewhere `setpriority` would lower the whole
//! process, so nothing is done. Best effort: when it fails (a sandbox may
//! refuse it), only the order of the work changes, never the output.

/// Lowers the calling thread's priority to the lowest.
pub(crate) fn lower_this_thread() {
    #[cfg(target_os = "linux")]
    // SAFETY: no pointers; on Linux, `PRIO_PROCESS` with a thread ID
    // changes that thread's nice value only, and this is the calling
    // thread's ID.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19);
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    fn nice_of_this_thread() -> i32 {
        // SAFETY: as above; reads the calling thread's nice value.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn only_the_calling_thread_is_lowered() {
        let before = nice_of_this_thread();
        let lowered = std::thread::spawn(|| {
            super::lower_this_thread();
            nice_of_this_thread()
        })
        .join()
        .unwrap();
        assert_eq!(lowered, 19);
        assert_eq!(nice_of_this_thread(), before, "another thread was lowered");
    }
}
