import Testing

/// Sync end to end with real processes on 127.0.0.1: a `gangwan-hub`, offices running the `gangwan`
/// binary on their own databases, and a fault-injecting proxy between them where a test needs one.
///
/// Serialized, suites included: the tests start processes, time some of them and kill others, on a
/// two-core machine where running them side by side would only make the timings noisy.
@Suite(.serialized) enum EndToEndTests {}
