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
                ], lastHandle: 9),
            .init(family: 2, name: "fwd_nat", chains: [.init(name: "postrouting", rules: [])]),
        ])

    /// `record` in the first layout (`FWDRULE1`, no last handles), checksum and all.
    static func previousFormat(_ record: KernelRuleRecord) -> [UInt8] {
        var writer = RecordBytes()
        writer.bytes += Array("FWDRULE1".utf8)
        writer.put(record.namespaceCookie)
        writer.put(record.generation)
        writer.put(UInt32(record.tables.count))
        for table in record.tables {
            writer.put(table.family)
            writer.put(name: table.name)
            writer.put(UInt32(table.chains.count))
            for chain in table.chains {
                writer.put(name: chain.name)
                writer.put(UInt32(chain.rules.count))
                for rule in chain.rules {
                    writer.put(rule.handle)
                    writer.put(rule.digestHigh)
                    writer.put(rule.digestLow)
                }
            }
        }
        writer.put(RecordBytes.checksum(writer.bytes[...]))
        return writer.bytes
    }

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

    @Test func aFileOfThePreviousFormatReadsAsNoRecord() {
        #expect(KernelRuleRecordFile.decode(Self.previousFormat(Self.sample)) == nil)
        #expect(KernelRuleRecordFile.decode(Self.previousFormat(Self.sample.forgettingLastHandles())) == nil)
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

            #expect(second.tables.allSatisfy { $0.lastHandle != nil })

            try Data(Self.previousFormat(second)).write(to: URL(fileURLWithPath: file.path))
            #expect(file.read() == nil)
            try await backend.apply(BackendKernelTests.config(port: 2205).ruleset)
            let afterOldFile = try #require(file.read())
            #expect(afterOldFile.generation == second.generation &+ 1)
            #expect(afterOldFile.tables.allSatisfy { $0.lastHandle != nil })

            try Data("FWDRULE2 damaged".utf8).write(to: URL(fileURLWithPath: file.path))
            try await backend.apply(BackendKernelTests.config(port: 2203).ruleset)
            let listing = try await namespace.runChecked("nft", ["list", "ruleset"])
            #expect(listing.contains("dport 2203"))
            #expect(!listing.contains("dport 2202"))
            #expect(try #require(file.read()).generation == second.generation &+ 2)
            try await backend.check(BackendKernelTests.config(port: 2204).ruleset)
            // The dry run took handles: the record keeps its rules but forgets the last handles.
            let afterCheck = try #require(file.read())
            #expect(afterCheck.generation == second.generation &+ 2)
            #expect(afterCheck.tables.allSatisfy { $0.lastHandle == nil })
        }
    }
}
