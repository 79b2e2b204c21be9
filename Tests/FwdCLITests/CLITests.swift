import Testing

/// Every CLI test, one at a time: each runs several `fwd` processes and kernel tools, and the
/// commit-confirmed and daemon tests wait on deadlines that a machine loaded by parallel CLI
/// tests would stretch.
@Suite(.serialized) struct CLITests {}
