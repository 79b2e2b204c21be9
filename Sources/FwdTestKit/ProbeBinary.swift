import Foundation

/// Finds the `fwd-probe` executable this package builds (`swift build` puts it next to the test
/// bundle, in `.build/<config>/`).
public enum ProbeBinary {
    /// The environment variable that overrides the search with an explicit path.
    public static let environmentVariable = "FWD_PROBE"

    /// The probe's path, or nil when it has not been built.
    public static var path: String? {
        candidates().first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The probe's path.
    /// - Throws: ``CommandError/toolMissing(_:)`` naming where it was looked for.
    public static func require() throws(CommandError) -> String {
        guard let path else {
            throw .toolMissing("fwd-probe (looked in \(candidates().joined(separator: ", ")); run `swift build`)")
        }
        return path
    }

    /// Where the probe may be, best first: `$FWD_PROBE`, then the directory of the running test
    /// executable and its parents up to the build directory.
    static func candidates() -> [String] {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment[environmentVariable], !explicit.isEmpty {
            candidates.append(explicit)
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 where directory.path != "/" {
            candidates.append(directory.appendingPathComponent("fwd-probe").path)
            directory = directory.deletingLastPathComponent()
        }
        return candidates
    }
}
