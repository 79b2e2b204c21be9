public import FwdModel

/// A way of putting a ruleset into the kernel: the iptables-restore loader and the nftables
/// netlink committer each satisfy it through a small adapter. Every method works inside the
/// backend's own network namespace and touches only the tables fwd manages.
public protocol FirewallBackend: Sendable {
    /// A short name for logs and state files: `iptables`, `nftables`.
    var name: String { get }
    /// The network namespace the backend works in (nil: the caller's).
    var networkNamespace: String? { get }
    /// Whether a failed ``apply(_:)`` leaves the kernel exactly as it was. When false (iptables:
    /// IPv4 and IPv6 are two commits), the coordinator restores the state it captured before.
    var commitsAtomically: Bool { get }

    /// Asks the kernel whether it would take `ruleset`, changing nothing (nft's batch without
    /// END, `iptables-restore --test`). Throws ``KernelRefusal`` when it would not.
    func check(_ ruleset: Ruleset) async throws
    /// Replaces fwd's tables with `ruleset`. Throws ``KernelRefusal`` when the kernel refuses.
    func apply(_ ruleset: Ruleset) async throws
    /// Captures what is needed to put the kernel back exactly as it is now, for the tables a
    /// commit of fwd's would replace (`iptables-save -t TABLE` output; for nftables the last
    /// ruleset fwd applied, from ``AppliedRulesetStore``, or "nothing").
    func captureState() async throws -> FirewallSnapshot
    /// Puts the kernel back to `snapshot` (taken by this backend's ``captureState()``).
    func restore(_ snapshot: FirewallSnapshot) async throws
    /// Removes every table fwd manages (`fwd daemon --flush-on-stop`).
    func removeOwnTables() async throws
}

/// The kernel state a backend captured, as text it alone interprets, so that it can be stored
/// under the runtime directory and restored by another process (the commit-confirmed helper).
public struct FirewallSnapshot: Codable, Hashable, Sendable {
    /// One named piece of saved state (`iptables-save -t filter`, `ip6tables-save -t nat`,
    /// `applied.yaml`).
    public struct Part: Codable, Hashable, Sendable {
        /// What the text is, as the backend names it.
        public var name: String
        /// The saved text.
        public var text: String

        /// A named piece of text.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The backend that took the snapshot (``FirewallBackend/name``).
    public var backend: String
    /// The namespace it was taken in.
    public var networkNamespace: String?
    /// The saved state; empty when fwd had nothing in the kernel (restoring removes fwd's tables).
    public var parts: [Part]

    /// A snapshot of `parts` taken by `backend`.
    public init(backend: String, networkNamespace: String?, parts: [Part]) {
        self.backend = backend
        self.networkNamespace = networkNamespace
        self.parts = parts
    }

    /// The text of the part called `name`, if any.
    public subscript(name: String) -> String? { parts.first(where: { $0.name == name })?.text }
}

/// The kernel refused a ruleset: what it said, and where in the config the offending rule was
/// written when the backend could tell.
public struct KernelRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kernel's or the tool's message.
    public var message: String
    /// The rules the kernel named, when known.
    public var locations: [SourceLocation]
    /// The refusal as the backend words it, one line per refused object, each starting with its
    /// location when known (`fw.yaml:12:5: chain INPUT: kernel refused rule: …`); when given, the
    /// description is these lines.
    public var lines: [String]

    /// A refusal with `message`, naming `locations`, worded as `lines` when given.
    public init(_ message: String, locations: [SourceLocation] = [], lines: [String] = []) {
        self.message = message
        self.locations = locations
        self.lines = lines
    }

    /// The backend's `lines`, else `fw.yaml:12:5: message`, one line per location, or just the
    /// message.
    public var description: String {
        guard lines.isEmpty else { return lines.joined(separator: "\n") }
        guard !locations.isEmpty else { return "kernel refused the ruleset: \(message)" }
        return locations.map { "\($0): kernel refused the ruleset: \(message)" }.joined(separator: "\n")
    }
}
