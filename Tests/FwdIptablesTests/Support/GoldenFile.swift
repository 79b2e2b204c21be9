import Foundation
import Testing

/// Golden files in `Tests/FwdIptablesTests/Golden`: read from the test bundle, rewritten in the
/// source tree when the environment variable `RECORD_SNAPSHOTS=1` is set.
enum GoldenFile {
    /// Whether this run records golden files instead of comparing with them.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    /// The `Golden` folder of the source tree (for recording).
    static func sourceDirectory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden")
    }

    /// The stored text of golden file `name`, or nil when there is none.
    static func stored(_ name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden") else {
            return nil
        }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Compares `actual` with golden file `name` (or records it), reporting the first
    /// difference by line.
    static func assertMatches(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if isRecording {
            let url = sourceDirectory().appendingPathComponent(name)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            print("RECORDED golden file \(url.path)")
            return
        }
        guard let expected = stored(name) else {
            Issue.record("golden file \(name) is missing; run with RECORD_SNAPSHOTS=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(actualLines.count, expectedLines.count)
        let got = index < actualLines.count ? String(actualLines[index]) : "<end of text>"
        let wanted = index < expectedLines.count ? String(expectedLines[index]) : "<end of text>"
        Issue.record("""
            \(name) differs at line \(index + 1) (re-record with RECORD_SNAPSHOTS=1 if the change is intended):
              expected: \(wanted)
              actual:   \(got)
            """, sourceLocation: sourceLocation)
    }
}
