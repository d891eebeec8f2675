//! Containing a panic of a third-party parser: a file that makes a dependency panic (quick-xml,
//! feed-rs, parquet, zip and tar read whatever a folder holds) is skipped as malformed, and the
//! run goes on. Only the dependency's call is contained, never newsdex's own code around it.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `Err` with its message.
///
/// ```
/// let r: Result<(), String> = newsdex::util::contain::contained(|| panic!("bad input"));
/// assert_eq!(r.unwrap_err(), "bad input");
/// ```
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = CONTAINED.replace(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.set(outer);
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// True while a contained call runs on this thread: a panic hook stays silent then.
pub fn panic_is_contained() -> bool {
    CONTAINED.get()
}
