public import FwdModel

/// A ruleset fwd cannot encode (found before anything is sent to the kernel).
public struct NftRulesetProblem: Hashable, Sendable, CustomStringConvertible {
    /// Where the offending table, chain or rule was written, when known.
    public var location: SourceLocation?
    /// The object, e.g. `chain input` or `set ports in table inet fwd_filter`.
    public var object: String
    /// What is wrong.
    public var message: String

    /// A problem with `object`.
    public init(location: SourceLocation?, object: String, message: String) {
        self.location = location
        self.object = object
        self.message = message
    }

    /// `<location>: <object>: <message>`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        return "\(prefix)\(object): \(message)"
    }
}
