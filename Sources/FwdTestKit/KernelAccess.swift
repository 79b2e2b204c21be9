import Foundation
public import Testing

/// Whether this process may run kernel tests (root, and the tools they need), and what to do when
/// it may not: fail under CI (`CI=true`), skip loudly elsewhere.
public struct KernelAccess: Sendable {
    /// The tools every kernel test needs.
    public static let baseTools = ["ip"]

    /// What is missing: "not root", tool names, the probe. Empty when kernel tests can run.
    public let missing: [String]

    /// Checks for root, `ip`, each tool of `tools`, and (when `needsProbe`) the `fwd-probe` binary.
    public init(tools: [String] = [], needsProbe: Bool = false) {
        var missing: [String] = []
        if geteuid() != 0 { missing.append("root (running as uid \(geteuid()))") }
        for tool in KernelAccess.baseTools + tools where Tool.path(tool) == nil {
            missing.append("'\(tool)'")
        }
        if needsProbe, ProbeBinary.path == nil { missing.append("the fwd-probe binary (run `swift build`)") }
        self.missing = missing
    }

    /// Whether everything needed is there.
    public var isAvailable: Bool { missing.isEmpty }

    /// Whether the environment says this is a CI run (`CI=true`), where a kernel test that cannot
    /// run must fail instead of being skipped.
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Why kernel tests cannot run, in one sentence.
    public var explanation: String {
        "kernel test needs " + missing.joined(separator: ", ")
            + " — run `make test` as root on Debian 12 (`make deps` installs the tools)"
    }

    /// Throws ``KernelAccessError`` when something is missing; a test calls this first so that,
    /// under CI, it fails with the reason instead of passing vacuously.
    public func require() throws(KernelAccessError) {
        guard isAvailable else { throw KernelAccessError(message: explanation) }
    }
}

/// A kernel test could not run: root or a tool is missing.
public struct KernelAccessError: Error, Sendable, CustomStringConvertible {
    /// What is missing and how to fix it.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where kernel tests can run (see ``KernelAccess``); elsewhere the test is
    /// skipped with the reason — except under `CI=true`, where it runs and its
    /// ``requireKernelAccess(tools:needsProbe:)`` call fails it.
    public static func kernelAccess(tools: [String] = [], needsProbe: Bool = false) -> Self {
        let access = KernelAccess(tools: tools, needsProbe: needsProbe)
        return .enabled(if: access.isAvailable || KernelAccess.isCI, Comment(rawValue: "SKIPPED: " + access.explanation))
    }
}

/// Checks that kernel tests can run here; throws (failing the test) when they cannot. Pair it with
/// the ``Testing/Trait/kernelAccess(tools:needsProbe:)`` trait, which skips instead outside CI.
public func requireKernelAccess(tools: [String] = [], needsProbe: Bool = false) throws(KernelAccessError) {
    try KernelAccess(tools: tools, needsProbe: needsProbe).require()
}
