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

/// Reads a time as a person types it: `12.5` or `12.5s` (seconds),
/// `300ms`, `2m`, `1h`, or `1:30` (minutes and seconds). `None` when it is
/// not one of these, or is beyond a year.
pub fn parse_time(text: &str) -> Option<SimTime> {
    let text = text.trim();
    let seconds = |s: &str| -> Option<f64> {
        let v: f64 = s.trim().parse().ok()?;
        (v.is_finite() && v >= 0.0).then_some(v)
    };
    let secs = if let Some((m, s)) = text.split_once(':') {
        let m: u64 = m.trim().parse().ok()?;
        let s = seconds(s)?;
        (s < 60.0).then_some(m as f64 * 60.0 + s)?
    } else if let Some(v) = text.strip_suffix("ms") {
        seconds(v)? / 1_000.0
    } else if let Some(v) = text.strip_suffix('s') {
        seconds(v)?
    } else if let Some(v) = text.strip_suffix('m') {
        seconds(v)? * 60.0
    } else if let Some(v) = text.strip_suffix('h') {
        seconds(v)? * 3_600.0
    } else {
        seconds(text)?
    };
    (secs <= 365.0 * 86_400.0).then(|| (secs * 1e6).round() as SimTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_times_as_people_type_them() {
        assert_eq!(parse_time("12.5"), Some(12_500_000));
        assert_eq!(parse_time(" 12.5s "), Some(12_500_000));
        assert_eq!(parse_time("300ms"), Some(300_000));
        assert_eq!(parse_time("2m"), Some(120_000_000));
        assert_eq!(parse_time("1h"), Some(3_600_000_000));
        assert_eq!(parse_time("1:30"), Some(90_000_000));
        assert_eq!(parse_time("0"), Some(0));
        for bad in [
            "", "x", "-1", "1:75", "1.2.3s", "inf", "NaN", "400d", "9999h",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_seconds_with_millisecond_precision() {
        assert_eq!(format_time(0), "0.000s");
        assert_eq!(format_time(1_234_567), "1.234s");
        assert_eq!(format_time(ms(60_005)), "60.005s");
    }
}
