import Foundation
import Testing

/// Golden files in `Golden/` next to the tests; `RECORD_SNAPSHOTS=1` rewrites them.
enum Golden {
    /// `Tests/FwdNftablesTests/Golden`, found from this file's own path.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    /// Checks `text` against `Golden/<name>`, or records it there when `RECORD_SNAPSHOTS=1`.
    static func check(
        _ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if text != expected {
            let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let index = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            Issue.record(
                "\(name) differs at line \(index + 1):\n  got:  \(got)\n  want: \(want)\n(RECORD_SNAPSHOTS=1 re-records)",
                sourceLocation: sourceLocation)
        }
    }
}
