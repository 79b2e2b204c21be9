import Foundation
import FwdConfig
import FwdDaemon
import FwdModel
import Testing

@testable import FwdBackends

/// The copy of the config a commit keeps loads back as the ruleset that was applied, whatever
/// happened to the files since: includes by relative path and by shell pattern are read from the
/// copy; one by absolute path from where it is, and only if it did not change.
@Suite struct AppliedCopyLoadTests {
    /// A config tree under `root`: `etc/fwd.yaml` including `rules.d/*.yaml` and
    /// `../shared/common.yaml`, and, when `absolute`, `ROOT/abs.yaml` by absolute path.
    static func writeTree(_ root: String, absolute: Bool = false, port: Int = 2201) throws -> String {
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/etc/rules.d", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/shared", withIntermediateDirectories: true)
        let includes = ["rules.d/*.yaml", "../shared/common.yaml"] + (absolute ? [root + "/abs.yaml"] : [])
        try "include: [\(includes.joined(separator: ", "))]\ntables: {filter: {INPUT: {policy: DROP}}}\n"
            .write(toFile: root + "/etc/fwd.yaml", atomically: true, encoding: .utf8)
        try rule(port).write(toFile: root + "/etc/rules.d/10-ssh.yaml", atomically: true, encoding: .utf8)
        try rule(port + 1).write(toFile: root + "/shared/common.yaml", atomically: true, encoding: .utf8)
        if absolute { try rule(port + 2).write(toFile: root + "/abs.yaml", atomically: true, encoding: .utf8) }
        return root + "/etc/fwd.yaml"
    }

    static func rule(_ port: Int) -> String {
        "tables:\n  filter:\n    INPUT:\n      rules:\n        - {proto: tcp, dport: \(port), jump: ACCEPT}\n"
    }

    /// Loads `main` as a commit would, copies it, and returns the copy with the ruleset loaded.
    static func applied(_ main: String, runtime: String) async throws -> (ConfigCopy, Ruleset) {
        let loaded = try await ConfigRulesetSource(path: main).load()
        let copy = try #require(try ConfigCopy.write(loaded.sourceFiles, under: RuntimeDirectory(runtime)))
        return (copy, loaded.ruleset)
    }

    @Test func includesLoadFromTheCopyAfterTheFilesChanged() async throws {
        try await withTemporaryDirectory { root in
            let main = try Self.writeTree(root + "/config")
            let (copy, ruleset) = try await Self.applied(main, runtime: root + "/run")
            #expect(copy.files == [main, root + "/config/etc/rules.d/10-ssh.yaml", root + "/config/etc/../shared/common.yaml"])

            // The administrator edits the config and adds an included file.
            _ = try Self.writeTree(root + "/config", port: 3301)
            try Self.rule(4401).write(toFile: root + "/config/etc/rules.d/20-new.yaml", atomically: true, encoding: .utf8)
            let restored = try AppliedConfig.load(copy)
            #expect(restored.canonicalYAML() == ruleset.canonicalYAML())
            #expect(restored.canonicalYAML().contains("2201") && !restored.canonicalYAML().contains("3301"))
        }
    }

    @Test func anAbsoluteIncludeMustBeUnchanged() async throws {
        try await withTemporaryDirectory { root in
            let main = try Self.writeTree(root + "/config", absolute: true)
            let (copy, ruleset) = try await Self.applied(main, runtime: root + "/run")
            #expect(try AppliedConfig.load(copy).canonicalYAML() == ruleset.canonicalYAML())

            try Self.rule(5501).write(toFile: root + "/config/abs.yaml", atomically: true, encoding: .utf8)
            #expect {
                try AppliedConfig.load(copy)
            } throws: { error in
                "\(error)".contains("abs.yaml, included by absolute path, changed since fwd applied it")
            }
        }
    }

    private func withTemporaryDirectory(_ body: (String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fwd-copy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await body(root)
    }
}
