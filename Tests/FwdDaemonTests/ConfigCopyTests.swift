import Foundation
import FwdDaemon
import Testing

/// The copy of the config a commit keeps under the runtime directory: files at their absolute
/// paths, one copy per record, and copies a rollback may still need kept.
@Suite struct ConfigCopyTests {
    static let files = [
        SourceFile(path: "/etc/fwd/fwd.yaml", bytes: Array("include: [rules.d/*.yaml, ../shared.yaml]\n".utf8)),
        SourceFile(path: "/etc/fwd/rules.d/a.yaml", bytes: Array("# a\n".utf8)),
        SourceFile(path: "/etc/fwd/link/../b.yaml", bytes: Array("# b\n".utf8)),
        SourceFile(path: "/etc/shared.yaml", bytes: [0x23, 0x0A]),
    ]

    @Test func filesLandAtTheirPathsInsideTheCopy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let copy = try #require(try ConfigCopy.write(Self.files, under: RuntimeDirectory(directory.path)))
        #expect(copy.directory.hasPrefix(directory.path + "/config-"))
        #expect(copy.mainFileInCopy == copy.directory + "/etc/fwd/fwd.yaml")
        #expect(copy.files == Self.files.map(\.path))
        for file in Self.files {
            #expect(FileManager.default.contents(atPath: copy.pathInCopy(file.path)) == Data(file.bytes), "\(file.path)")
        }
        #expect(FileManager.default.fileExists(atPath: copy.directory + "/etc/fwd/b.yaml"), "a/../b resolves in the copy")
        #expect(copy.originalPath(of: copy.directory + "/etc/fwd/rules.d/a.yaml") == "/etc/fwd/rules.d/a.yaml")
        #expect(copy.originalPath(of: "/etc/fwd/rules.d/a.yaml") == nil)
        copy.remove()
        #expect(!FileManager.default.fileExists(atPath: copy.directory))
    }

    @Test func pathsThatWouldLeaveTheCopyAreRefusedAndNothingIsLeft() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for path in ["relative.yaml", "/etc/../../escape.yaml"] {
            let files = [Self.files[0], SourceFile(path: path, bytes: [])]
            #expect(throws: EnvironmentError.self) { try ConfigCopy.write(files, under: RuntimeDirectory(directory.path)) }
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("config-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func eachCommitReplacesTheCopyUnlessARollbackStillNeedsTheOldOne() async throws {
        let fixture = try CommitConfirmedTests.Fixture()
        defer { fixture.directory.remove() }
        func loaded(_ rules: Int) -> LoadedRuleset {
            var loaded = sampleLoaded(rules: rules)
            loaded.sourceFiles = [SourceFile(path: "/etc/fwd/fwd.yaml", bytes: Array("rules: \(rules)\n".utf8))]
            return loaded
        }
        func copies() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.hasPrefix("config-") }
        }
        let store = AppliedRulesetStore(directory: RuntimeDirectory(fixture.directory.path))
        func recordedCopy() throws -> ConfigCopy? { try store.record(backend: "fake", networkNamespace: nil)?.configCopy }

        _ = try await fixture.coordinator.apply(loaded(1))
        _ = try await fixture.coordinator.apply(loaded(2))
        let second = try #require(try recordedCopy())
        #expect(try copies() == [URL(fileURLWithPath: second.directory).lastPathComponent])
        #expect(try store.record(backend: "fake", networkNamespace: nil)?.tables == ["filter": []])

        let trial = try await fixture.coordinator.apply(loaded(3), options: CommitOptions(confirm: .seconds(600)) { _ in })
        #expect(try copies().count == 2, "the copy a rollback restores stays")
        #expect(try await fixture.coordinator.rollBackNow(id: try #require(trial.pending).id) == .rolledBack)
        #expect(try recordedCopy() == second)
        #expect(try copies() == [URL(fileURLWithPath: second.directory).lastPathComponent])
        #expect(
            FileManager.default.contents(atPath: second.mainFileInCopy) == Data("rules: 2\n".utf8))

        try await fixture.coordinator.removeOwnTables()
        #expect(try copies().isEmpty)
    }
}
