import Foundation
import Testing

/// Whether kernel tests can run here: root plus `ip` and `nft`. Elsewhere they are skipped with
/// the reason, except under `CI=true`, where they run and fail on ``KernelTestGate/require()``.
enum KernelTestGate {
    /// What is missing; empty when kernel tests can run.
    static let missing: [String] = {
        var missing: [String] = []
        if geteuid() != 0 { missing.append("root (running as uid \(geteuid()))") }
        for tool in ["ip", "nft"] where Command.resolve(tool) == nil { missing.append("'\(tool)'") }
        return missing
    }()

    /// Whether this is a CI run, where kernel tests must not be skipped.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Why kernel tests cannot run.
    static var explanation: String { "SKIPPED kernel test: needs " + missing.joined(separator: ", ") }

    /// Fails the test (under CI) when something is missing.
    static func require() throws {
        guard missing.isEmpty else { throw CommandError(message: explanation) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test where kernel tests can run or under CI; skips it loudly elsewhere.
    static var kernel: Self {
        if !KernelTestGate.missing.isEmpty && !KernelTestGate.isCI {
            FileHandle.standardError.write(Data((KernelTestGate.explanation + "\n").utf8))
        }
        return .enabled(
            if: KernelTestGate.missing.isEmpty || KernelTestGate.isCI, Comment(rawValue: KernelTestGate.explanation))
    }
}
