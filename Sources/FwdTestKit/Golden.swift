import Foundation
public import Testing

/// Compares generated text with a golden file kept next to the test (in a `Golden` folder beside
/// the test source). With `RECORD_SNAPSHOTS=1` in the environment the file is (re)written instead.
///
/// ```swift
/// assertGolden(renderer.render(ruleset), named: "host.rules")
/// ```
public func assertGolden(
    _ actual: String, named name: String, in filePath: String = #filePath,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let file = GoldenFile(named: name, besides: filePath)
    do {
        if GoldenFile.isRecording {
            try file.record(actual)
            return
        }
        guard let expected = try file.contents() else {
            let message = "golden file \(file.path) does not exist; run with RECORD_SNAPSHOTS=1 to create it"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return
        }
        if let difference = GoldenFile.firstDifference(expected: expected, actual: actual) {
            let message = "output differs from golden file \(file.path)\n\(difference)\n"
                + "(run with RECORD_SNAPSHOTS=1 to accept the new output)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record(error, Comment(rawValue: "golden file \(file.path)"), sourceLocation: sourceLocation)
    }
}

/// A golden file: where it lives and how to read, write and compare it.
public struct GoldenFile: Sendable {
    /// The environment variable that switches to recording.
    public static let recordVariable = "RECORD_SNAPSHOTS"

    /// The file's path.
    public let path: String

    /// The golden file `name` in the `Golden` folder next to the source file `filePath`.
    public init(named name: String, besides filePath: String) {
        path = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(name).path
    }

    /// Whether golden files are being rewritten (`RECORD_SNAPSHOTS=1`).
    public static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] == "1" }

    /// The file's text, or nil when it does not exist.
    public func contents() throws -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Writes `text` to the file, creating its folder when needed.
    public func record(_ text: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// nil when the texts are equal; otherwise the first line that differs, both versions, and the
    /// line counts.
    public static func firstDifference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(expectedLines, actualLines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
            ?? min(expectedLines.count, actualLines.count)
        let show: ([Substring]) -> String = { lines in
            index < lines.count ? "'\(lines[index])'" : "(no line: the text ends)"
        }
        return "first difference at line \(index + 1):\n  expected: \(show(expectedLines))\n"
            + "  actual:   \(show(actualLines))\n"
            + "  (expected \(expectedLines.count) lines, got \(actualLines.count))"
    }
}
