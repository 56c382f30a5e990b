import Testing

/// Issue 16's conformance suites, one after the other: each starts servers in both modes, and run side by side
/// with the other suites they would crowd two cores (a server given no CPU for 10 s fails to start).
@Suite(.serialized) enum IssueSixteenConformance {}
