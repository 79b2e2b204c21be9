import Foundation
import FwdIptables
import FwdModel
import FwdNetlink
import FwdNftables
import FwdTestKit
import Testing

extension WindowlessReapplyTests {
    /// Loads `ruleset` into the server namespace's firewall by one backend.
    typealias Loader = @Sendable (_ server: NetworkNamespace, _ ruleset: Ruleset) async throws -> Void

    /// fwd's nftables backend: the lowered ruleset committed over netlink in one batch.
    static let nftablesApply: Loader = { server, ruleset in
        let lowered = NftablesLowering().lower(try ruleset.validated())
        let namespace = server.name
        try await onOwnThread {
            _ = try NftablesKernel(networkNamespace: namespace).commit(lowered, mode: .apply)
        }
    }

    /// Runs blocking `work` (a netlink commit) on a thread of its own, so that a hundred of them
    /// do not hold one of the few threads that the tests running concurrently share.
    static func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                do {
                    try work()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    /// Runs `reapply` under ``WindowlessTraffic`` in fresh linked namespaces whose server holds
    /// ``WindowlessFirewall`` (with `decoys` decoy chains) loaded by `load`, then `readBack`
    /// (kernel state checks) while the namespaces still exist. `reapply` gets a function loading
    /// a ruleset into the server.
    static func withServerFirewall(
        decoys: Int = WindowlessFirewall.decoyChainCount, load: @escaping Loader,
        reapply: (_ load: (Ruleset) async throws -> Void) async throws -> Void,
        readBack: (NetworkNamespace) async throws -> Void = { _ in }
    ) async throws -> WindowlessOutcome {
        try await withLinkedNamespaces { client, server, link in
            // Resolve the neighbours before the policy drops ICMP, so no datagram waits for ARP.
            #expect(try await client.ping(link.second.ipv4) == .replied)
            try await load(server, WindowlessFirewall.ruleset(decoys: decoys))
            let outcome = try await WindowlessTraffic.run(client: client, server: server, link: link) {
                try await reapply { ruleset in try await load(server, ruleset) }
            }
            try await readBack(server)
            return outcome
        }
    }

    /// Loads the firewall ``reapplies`` times: the same ruleset each time, or one whose
    /// allowed-UDP comment changes every time, alternating between the two forms of
    /// ``WindowlessFirewall/ruleset(comment:decoys:alternate:)`` (different but equivalent
    /// rulesets: every re-apply deletes, inserts and moves rules, and deletes or creates a chain).
    static func reapply(
        changingComment: Bool, decoys: Int = WindowlessFirewall.decoyChainCount,
        with load: (Ruleset) async throws -> Void
    ) async throws {
        let same = WindowlessFirewall.ruleset(decoys: decoys)
        for round in 1...reapplies {
            let changed = {
                WindowlessFirewall.ruleset(
                    comment: "re-apply \(round)", decoys: decoys, alternate: !round.isMultiple(of: 2))
            }
            try await load(changingComment ? changed() : same)
            await Task.yield()
        }
    }

    /// Re-applies the firewall with fwd's `IptablesLoader` using `tool`, and checks the tables
    /// read back afterwards (both families).
    static func reapplyingIptables(_ tool: IptablesTool, changingComment: Bool) async throws -> WindowlessOutcome {
        let load: Loader = { server, ruleset in
            try await IptablesLoader(tool: tool, networkNamespace: server.name).apply(ruleset)
        }
        return try await withServerFirewall(decoys: iptablesDecoys, load: load) { load in
            try await reapply(changingComment: changingComment, decoys: iptablesDecoys, with: load)
        } readBack: { server in
            for family in [IPFamily.ipv4, .ipv6] {
                let saved = try await server.runChecked(tool.saveCommand(for: family), ["-t", "filter"])
                let lines = saved.split(separator: "\n")
                #expect(lines.contains(":INPUT DROP [0:0]") || lines.contains { $0.hasPrefix(":INPUT DROP ") })
                #expect(lines.filter { $0.hasPrefix("-A INPUT ") }.count == 3, "\(family): \(lines)")
                #expect(lines.filter { $0.hasPrefix(":decoy") }.count == iptablesDecoys)
            }
        }
    }

    /// Expects no blocked datagram through, no allowed datagram lost, no TCP connection reset,
    /// and traffic that really flowed while re-applying; prints the numbers.
    static func expectWindowless(
        _ outcome: WindowlessOutcome, _ label: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        print("windowless [\(label)]: \(outcome.summary)")
        let context = Comment(rawValue: "\(label): \(outcome.summary)")
        #expect(outcome.leakedBlocked == 0, context, sourceLocation: sourceLocation)
        #expect(outcome.lostAllowed == 0, context, sourceLocation: sourceLocation)
        let sink = outcome.allowedSink
        #expect(sink.receiveBufferBytes >= WindowlessTraffic.sinkBufferBytes, context, sourceLocation: sourceLocation)
        #expect(sink.foreign == 0 && sink.duplicates == 0, context, sourceLocation: sourceLocation)
        #expect(outcome.stream.isClean && outcome.echo.resets == 0, context, sourceLocation: sourceLocation)
        #expect(outcome.stream.exchanges > 0 && outcome.stream.cycled > 0, context, sourceLocation: sourceLocation)
        let window = outcome.window
        #expect(window.allowedSent > 500 && window.blockedSent > 500, context, sourceLocation: sourceLocation)
        #expect(
            outcome.window.workTime < WindowlessTraffic.probeLifetime - .seconds(5),
            "re-applies outlasted the traffic: \(context)", sourceLocation: sourceLocation)
    }
}
