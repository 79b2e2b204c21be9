import Foundation
import FwdConfig
import FwdModel
import Testing

/// Loads `text` as `fileName`, failing the test with the diagnostics when it does not load.
func loadValid(_ text: String, fileName: String = "test.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> LoadedConfig?
{
    do {
        return try ConfigLoader().load(text: text, fileName: fileName)
    } catch {
        Issue.record("expected a valid config, got:\n\(error.description)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The diagnostics (one string each) of loading `text`; empty when it loads.
func problems(_ text: String, fileName: String = "test.yaml") -> [String] {
    do {
        _ = try ConfigLoader().load(text: text, fileName: fileName)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// The first rule of `table`/`chain` in a loaded config of one rule written as `rule` (a flow mapping).
func singleRule(_ rule: String, table: String = "filter", chain: String = "INPUT",
    sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Rule?
{
    let text = "tables:\n  \(table):\n    \(chain):\n      rules:\n        - \(rule)\n"
    guard let config = loadValid(text, sourceLocation: sourceLocation) else { return nil }
    return config.ruleset[TableKind(rawValue: table) ?? .filter]?[chain]?.rules.first
}

/// A fresh temporary directory, removed by the returned closure.
func temporaryDirectory() throws -> (path: String, remove: () -> Void) {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("fwd-config-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return (path, { try? FileManager.default.removeItem(atPath: path) })
}

/// Writes `text` to `directory/name`, creating subdirectories.
func write(_ text: String, to name: String, in directory: String) throws {
    let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}

/// Compares `actual` with the golden file `Golden/<name>.txt` next to this file; with
/// `RECORD_SNAPSHOTS=1` in the environment, writes the file instead.
func assertGolden(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = directory.appendingPathComponent(name + ".txt")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("missing golden file \(file.path); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "golden \(name) differs", sourceLocation: sourceLocation)
}

/// The repository's root (for examples/).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
