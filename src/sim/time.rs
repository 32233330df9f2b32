//! Virtual time. Nothing in the simulator ever reads the wall clock.

/// Simulated time in microseconds since the start of the run.
pub type SimTime = u64;

/// Milliseconds to [`SimTime`].
pub const fn ms(millis: u64) -> SimTime {
    millis * 1_000
}

/// Formats a time for people: `1.234s`.
pub fn format_time(t: SimTime) -> String {
    format!("{}.{:03}s", t / 1_000_000, (t / 1_000) % 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_seconds_with_millisecond_precision() {
        assert_eq!(format_time(0), "0.000s");
        assert_eq!(format_time(1_234_567), "1.234s");
        assert_eq!(format_time(ms(60_005)), "60.005s");
    }
}
