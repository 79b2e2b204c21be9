import Foundation
import FwdTestKit

/// What the kernel holds, read back inside a namespace with the tools themselves.
enum Readback {
    /// `nft list ruleset`.
    static func nftables(_ namespace: NetworkNamespace) async throws -> String {
        try await namespace.runChecked("nft", ["list", "ruleset"])
    }

    /// `iptables-legacy-save` and `ip6tables-legacy-save` without comments and counters: the
    /// rules and chains of every legacy table.
    static func iptablesLegacy(_ namespace: NetworkNamespace) async throws -> String {
        var text = ""
        for tool in ["iptables-legacy-save", "ip6tables-legacy-save"] {
            text += "## \(tool)\n" + withoutCommentsAndCounters(try await namespace.runChecked(tool, []))
        }
        return text
    }

    /// The readback of `backend`'s tables: nft's listing, or the legacy iptables save.
    static func state(_ namespace: NetworkNamespace, backend: BackendUnderTest) async throws -> String {
        switch backend {
        case .nftables: try await nftables(namespace)
        case .iptablesLegacy: try await iptablesLegacy(namespace)
        }
    }

    /// iptables-save (or iptables-restore script) lines that carry meaning: no comment or blank
    /// lines, chain counters dropped.
    static func withoutCommentsAndCounters(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { line in
                guard line.hasPrefix(":"), line.hasSuffix("]"), let start = line.lastIndex(of: "[") else {
                    return String(line)
                }
                return String(line[..<start]).trimmingCharacters(in: .whitespaces)
            }
            .joined(separator: "\n") + "\n"
    }

    /// Polls `read` until `condition` holds of its result, for at most `limit`.
    static func eventually(
        within limit: Duration = .seconds(20), _ read: () async throws -> String, until condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now.advanced(by: limit)
        var last = try await read()
        while !condition(last), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            last = try await read()
        }
        return last
    }
}

/// The backends the tests drive, with the options that select them and what shows an allowed port.
enum BackendUnderTest: String, CaseIterable, CustomStringConvertible, Sendable {
    case nftables
    case iptablesLegacy

    /// The `fwd` options choosing it.
    var options: [String] {
        switch self {
        case .nftables: ["--backend", "nftables"]
        case .iptablesLegacy: ["--backend", "iptables", "--tool", "legacy"]
        }
    }

    /// The readback line of a rule allowing TCP `port`.
    func allowsLine(port: Int) -> String {
        switch self {
        case .nftables: "tcp dport \(port) accept"
        case .iptablesLegacy: "--dport \(port) "
        }
    }

    /// Whether `readback` allows TCP `port` in every family the backend commits separately
    /// (iptables: IPv4 and IPv6; nftables: one `inet` table): a commit has finished.
    func allowsEverywhere(port: Int, in readback: String) -> Bool {
        switch self {
        case .nftables: readback.contains(allowsLine(port: port))
        case .iptablesLegacy:
            readback.components(separatedBy: "## ").filter { $0.contains(allowsLine(port: port)) }.count == 2
        }
    }

    var description: String { rawValue }
}
