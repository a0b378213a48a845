//! progenitor reports some constructs it cannot generate by panicking
//! (`assertion failed: response_types.len() <= 1`); codegen catches those
//! panics and turns them into error messages. The default panic hook would
//! still print each one as a trace on stderr.
//!
//! Swapping the process's hook around a call (what xtask used to do) races
//! with every other thread: codegen generates its targets and searches for
//! failing operations on several threads, and a test harness runs tests in
//! parallel. Instead one hook is installed, once, the first time codegen
//! catches: it calls the hook that was there before, except on a thread
//! that is inside [`catch`] at that moment. Panics anywhere else print as
//! they always did.

use std::any::Any;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`catch`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

/// Runs `f`, returning the payload of its panic, if any, without printing it.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Box<dyn Any + Send>> {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CATCHING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let outer = CATCHING.with(|c| c.replace(true));
    let outcome = catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    outcome
}

/// The message of a panic's payload.
pub(crate) fn message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}
