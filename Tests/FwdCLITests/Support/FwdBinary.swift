import Foundation

/// Finds the `fwd` executable this package builds, next to the test bundle (as FwdTestKit's
/// `ProbeBinary` finds `fwd-probe`), or at `$FWD_BINARY`.
enum FwdBinary {
    /// The fwd binary's path, or nil when it has not been built.
    static var path: String? {
        candidates().first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The path, or a failure naming where it was looked for.
    static func require() throws -> String {
        guard let path else {
            throw CLITestFailure("fwd not built (looked in \(candidates().joined(separator: ", "))); run `swift build`")
        }
        return path
    }

    private static func candidates() -> [String] {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["FWD_BINARY"], !explicit.isEmpty {
            candidates.append(explicit)
        }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? ""
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<4 where directory.path != "/" {
            candidates.append(directory.appendingPathComponent("fwd").path)
            directory = directory.deletingLastPathComponent()
        }
        return candidates
    }
}

/// A test could not do what it needed (not an expectation that failed).
struct CLITestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
