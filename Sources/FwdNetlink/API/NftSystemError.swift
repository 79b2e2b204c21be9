internal import Glibc

/// A system call or allocation that failed while talking to the kernel (not a refusal of a
/// ruleset: see ``NftCommitError`` for those).
public struct NftSystemError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What fwd was doing, e.g. `open a netlink socket in namespace "blue"`.
    public var operation: String
    /// The errno it failed with.
    public var errno: Int32

    /// An error for `operation` failing with `errno`.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    /// `cannot <operation>: <strerror>`.
    public var description: String {
        "cannot \(operation): \(Self.message(for: errno))"
    }

    /// The C library's text for an errno (`strerror`).
    static func message(for errno: Int32) -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }

    /// The error for an allocation in libnftnl/libmnl that returned NULL.
    static func outOfMemory(_ what: String) -> NftSystemError {
        NftSystemError(operation: "allocate \(what)", errno: ENOMEM)
    }
}
