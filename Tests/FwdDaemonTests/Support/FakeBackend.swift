import FwdDaemon
import FwdModel
import Synchronization

/// An in-memory backend: the "kernel" is a variable. It records every call, can refuse a
/// ruleset, can fail half-way (as a non-atomic backend would), and detects overlapping commits.
final class FakeBackend: FirewallBackend, Sendable {
    struct Kernel: Sendable {
        var ruleset: Ruleset?
        var applies = 0
        var restores = 0
        var removals = 0
        var checks = 0
        var inFlight = 0
        var maximumInFlight = 0
        var snapshots: [String: Ruleset?] = [:]
    }

    let name: String
    let networkNamespace: String?
    let commitsAtomically: Bool
    let kernel = Mutex(Kernel())
    /// Rulesets whose rule count is this are refused, as the kernel would a bad rule.
    let refusedRuleCount: Int?
    /// How long each apply takes.
    let applyDelay: Duration
    /// Whether check() sees the refusal coming (false: only apply fails, as a kernel might).
    let checkSeesRefusal: Bool

    init(
        name: String = "fake", networkNamespace: String? = nil, atomic: Bool = true, refusedRuleCount: Int? = nil,
        applyDelay: Duration = .zero, checkSeesRefusal: Bool = true
    ) {
        self.checkSeesRefusal = checkSeesRefusal
        self.name = name
        self.networkNamespace = networkNamespace
        self.commitsAtomically = atomic
        self.refusedRuleCount = refusedRuleCount
        self.applyDelay = applyDelay
    }

    var current: Ruleset? { kernel.withLock { $0.ruleset } }

    func check(_ ruleset: Ruleset) async throws {
        kernel.withLock { $0.checks += 1 }
        if checkSeesRefusal, ruleset.ruleCount == refusedRuleCount { throw KernelRefusal("fake kernel refuses \(ruleset.ruleCount) rules") }
    }

    func apply(_ ruleset: Ruleset) async throws {
        kernel.withLock {
            $0.inFlight += 1
            $0.maximumInFlight = max($0.maximumInFlight, $0.inFlight)
        }
        defer { kernel.withLock { $0.inFlight -= 1 } }
        if applyDelay > .zero { try await Task.sleep(for: applyDelay) }
        if ruleset.ruleCount == refusedRuleCount {
            if !commitsAtomically {
                // Half-way: the first table went in before the refusal.
                kernel.withLock { $0.ruleset = Ruleset(Array(ruleset.tables.prefix(1))) }
            }
            throw KernelRefusal("fake kernel refuses \(ruleset.ruleCount) rules",
                locations: [SourceLocation(file: "fake.yaml", line: 3, column: 5)])
        }
        kernel.withLock {
            $0.ruleset = ruleset
            $0.applies += 1
        }
    }

    func captureState() async throws -> FirewallSnapshot {
        kernel.withLock { kernel in
            let token = "snapshot-\(kernel.snapshots.count)"
            kernel.snapshots[token] = .some(kernel.ruleset)
            return FirewallSnapshot(
                backend: name, networkNamespace: networkNamespace,
                parts: kernel.ruleset == nil ? [] : [FirewallSnapshot.Part(name: "token", text: token)])
        }
    }

    func restore(_ snapshot: FirewallSnapshot) async throws {
        try kernel.withLock { kernel in
            kernel.restores += 1
            guard let token = snapshot["token"] else {
                kernel.ruleset = nil
                return
            }
            guard let saved = kernel.snapshots[token] else { throw KernelRefusal("unknown snapshot \(token)") }
            kernel.ruleset = saved
        }
    }

    func removeOwnTables() async throws {
        kernel.withLock {
            $0.ruleset = nil
            $0.removals += 1
        }
    }
}

/// Rulesets for the tests: `count` ACCEPT rules in filter INPUT, each with its own port.
func sampleRuleset(rules count: Int, policy: Policy = .accept) -> Ruleset {
    let rules = (0..<count).map { Rule(proto: "tcp", dport: Negatable(PortList([PortRange(1000 + $0)])), jump: .accept) }
    return Ruleset([Table(.filter, chains: [Chain("INPUT", policy: policy, rules: rules)])])
}

/// A loaded ruleset of `count` rules.
func sampleLoaded(rules count: Int, digest: String? = nil) -> LoadedRuleset {
    LoadedRuleset(ruleset: sampleRuleset(rules: count), files: [], digest: digest ?? "digest-\(count)")
}
