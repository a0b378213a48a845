//! [`Attempts`]: how many times a call was sent, and whether an attempt
//! before the last may have been acted on. A value: the retry loop
//! (`retry.rs`) attaches one to each answer it returns (with how it is
//! read, `policy.rs`'s `Answered`), and the error types above it carry it.

/// How many attempts a call made, and whether one before the last may have
/// been acted on by the server although its answer was lost (a timeout, a
/// reset, a 502 or 504 from a gateway). A documented error answer carries
/// it ([`DocumentedError::attempts`](crate::DocumentedError::attempts)):
/// a 404 to a retried `DELETE` whose earlier attempt may have acted means
/// that attempt may have deleted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts {
    count: u32,
    earlier_may_have_acted: bool,
}

impl Default for Attempts {
    /// One attempt.
    fn default() -> Self {
        Attempts {
            count: 1,
            earlier_may_have_acted: false,
        }
    }
}

impl Attempts {
    /// `count` attempts (at least 1), and whether one before the last may
    /// have been acted on.
    pub(crate) fn new(count: u32, earlier_may_have_acted: bool) -> Self {
        Attempts {
            count: count.max(1),
            earlier_may_have_acted,
        }
    }

    /// The attempts made, the last one included (at least 1).
    pub fn count(&self) -> u32 {
        self.count
    }

    /// An attempt before the last may have been acted on by the server,
    /// and its answer was lost.
    pub fn earlier_may_have_acted(&self) -> bool {
        self.earlier_may_have_acted
    }
}
