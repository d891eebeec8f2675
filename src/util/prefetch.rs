//! A cache prefetch hint, for the model tables (tens of megabytes, larger than the caches) that
//! analysis reads in random order.

/// Asks the CPU to bring the cache line holding `value` into the nearest cache while other work
/// goes on; a hint only (nothing on targets other than x86_64).
#[inline(always)]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch reads nothing and cannot fault (here the address is even a live
    // reference); SSE, which the intrinsic needs, is part of every x86_64 target.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast::<i8>())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
