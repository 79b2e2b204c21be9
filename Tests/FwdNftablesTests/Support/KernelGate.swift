import Foundation
import Testing

/// Whether tests that run `nft` in a throwaway network namespace can run here.
///
/// They need root, `nft` and `unshare`. When something is missing they are skipped with the
/// reason, except under `CI=true`, where they run and fail.
enum KernelGate {
    /// What is missing, or nil when the tests can run.
    static let missing: String? = {
        var missing: [String] = []
        if getuid() != 0 { missing.append("root") }
        for tool in ["nft", "unshare"] where executable(tool) == nil { missing.append("'\(tool)' in PATH") }
        return missing.isEmpty ? nil : missing.joined(separator: ", ")
    }()

    /// Whether `CI=true` is set.
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether kernel tests should run: they can, or CI wants a failure when they cannot.
    static let enabled = missing == nil || isCI

    /// The skip message: what is missing.
    static let skipReason: Comment = "SKIPPED kernel test: needs \(missing ?? "nothing"); set CI=true to fail instead"

    /// Records a failure and returns false when the tests cannot run (only reached under CI=true).
    static func check(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let missing else { return true }
        Issue.record("kernel test cannot run under CI=true: needs \(missing)", sourceLocation: sourceLocation)
        return false
    }

    /// The path of `tool` in `PATH` (or the sbin directories), if it is executable.
    static func executable(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
