public import FwdModel

/// One message of a batch the kernel refused, mapped back to what fwd sent.
public struct NftKernelRefusal: Hashable, Sendable, CustomStringConvertible {
    /// Where the refused table, chain or rule was written; nil for objects the new ruleset no
    /// longer has (deleting an old chain) and for the transaction itself.
    public var location: SourceLocation?
    /// The object, e.g. `chain input` or `table inet fwd_filter`.
    public var object: String
    /// What was refused, e.g. `rule`, `chain`, `deleting set old_ports`.
    public var action: String
    /// The kernel's errno.
    public var errno: Int32
    /// The C library's text for `errno`.
    public var reason: String
    /// A likely cause, for common errnos.
    public var hint: String?

    /// A refusal.
    public init(location: SourceLocation?, object: String, action: String, errno: Int32, reason: String, hint: String?)
    {
        self.location = location
        self.object = object
        self.action = action
        self.errno = errno
        self.reason = reason
        self.hint = hint
    }

    /// `<location>: chain input: kernel refused rule: No such file or directory (jump target or set missing?)`.
    public var description: String {
        let prefix = location.map { "\($0): " } ?? ""
        let suffix = hint.map { " (\($0))" } ?? ""
        return "\(prefix)\(object): kernel refused \(action): \(reason)\(suffix)"
    }
}
