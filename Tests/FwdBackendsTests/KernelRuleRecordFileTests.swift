import Foundation
import FwdDaemon
import FwdNetlink
import FwdTestKit
import Testing

@testable import FwdBackends

/// The nftables backend keeps its ``KernelRuleRecord`` in the runtime directory between commits,
/// and a damaged file only costs a rule dump.
@Suite(.kernelAccess(tools: KernelTools.needed), .serialized)
struct KernelRuleRecordFileTests {
    static let sample = KernelRuleRecord(
        namespaceCookie: 0x1234_5678_9abc, generation: 42,
        tables: [
            .init(
                family: 1, name: "fwd_filter",
                chains: [
                    .init(name: "input", rules: (1...5).map { .init(handle: $0, digestHigh: $0 * 7, digestLow: ~$0) }),
                    .init(name: "empty", rules: []),
                ])
        ])

    @Test func theFileFormatRoundTripsAndRefusesDamage() {
        let bytes = KernelRuleRecordFile.encode(Self.sample)
        #expect(KernelRuleRecordFile.decode(bytes) == Self.sample)
        #expect(KernelRuleRecordFile.decode(Array(bytes.dropLast(9))) == nil)
        for index in [0, 10, 30, bytes.count - 20, bytes.count - 1] {
            var damaged = bytes
            damaged[index] ^= 0x40
            #expect(KernelRuleRecordFile.decode(damaged) == nil, "byte \(index) flipped")
        }
        #expect(KernelRuleRecordFile.decode([]) == nil)
    }

    @Test func appliesKeepTheRecordCurrentAndACorruptOneIsIgnored() async throws {
        try requireKernelAccess(tools: KernelTools.needed)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fwd-record-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withNetworkNamespace { namespace in
            let directory = RuntimeDirectory(path)
            let backend = NftablesBackend(networkNamespace: namespace.name, runtimeDirectory: directory)
            let file = KernelRuleRecordFile(directory: directory, networkNamespace: namespace.name)
            try await backend.apply(BackendKernelTests.config(port: 2201).ruleset)
            let first = try #require(file.read())
            try await backend.apply(BackendKernelTests.config(port: 2202).ruleset)
            let second = try #require(file.read())
            #expect(second.generation == first.generation &+ 1)
            #expect(second.namespaceCookie == first.namespaceCookie)

            try Data("FWDRULE1 damaged".utf8).write(to: URL(fileURLWithPath: file.path))
            try await backend.apply(BackendKernelTests.config(port: 2203).ruleset)
            let listing = try await namespace.runChecked("nft", ["list", "ruleset"])
            #expect(listing.contains("dport 2203"))
            #expect(!listing.contains("dport 2202"))
            #expect(try #require(file.read()).generation == second.generation &+ 1)
            try await backend.check(BackendKernelTests.config(port: 2204).ruleset)
            #expect(try #require(file.read()).generation == second.generation &+ 1)
        }
    }
}
