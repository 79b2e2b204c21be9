import FwdModel

/// A zone as written under `zones:`, resolved once every set is known.
struct ZoneDraft {
    var name: String
    var location: SourceLocation
    var interfaces: [RawScalar] = []
    var addresses: [RawScalar] = []
}

/// A service as written under `services:`: its channels as partial rules.
struct ServiceDraft {
    var name: String
    var location: SourceLocation
    var channels: [RuleDraft] = []
}

/// A policy as written under `policies:`, resolved once every zone, service and set is known.
struct PolicyDraft {
    var location: SourceLocation
    var name: RawScalar?
    var from: [RawScalar] = []
    var to: [RawScalar] = []
    var fromLocation: SourceLocation?
    var toLocation: SourceLocation?
    var services: [RawScalar] = []
    var verdict: RawScalar?
    var rejectWith: RawScalar?
    var log: LogDraft?
    var source: [RawScalar]?
    var destination: [RawScalar]?

    /// `log: true`, `log: "prefix"` or `log: {prefix:, level:, limit:}`.
    struct LogDraft {
        var location: SourceLocation
        var prefix: RawScalar?
        var level: RawScalar?
        var limit: RawScalar?
    }
}
