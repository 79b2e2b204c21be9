import Foundation
public import FwdDaemon
public import FwdNetlink

/// Where the nftables backend keeps fwd's ``KernelRuleRecord`` between commits (each `fwd apply`
/// is a new process): `<runtime dir>/nftables-rules[-<namespace>]`, a compact binary file written
/// atomically (temporary file and rename). A missing, unreadable or corrupt file reads as no
/// record, and the commit reads the kernel's rules instead.
///
/// Layout (little-endian): the magic `FWDRULE2`, the namespace cookie (u64), the generation
/// (u32), the table count (u32); per table its family (u32), name, whether its last allocated
/// handle is known (u8, 0 or 1) and that handle (u64, 0 when unknown), chain count (u32); per
/// chain its name and rule count (u32), then per rule handle, digest high, digest low (3 × u64).
/// A name is a u16 length and UTF-8 bytes. Last, an FNV-1a 64 checksum of everything before it.
/// A file of another layout (`FWDRULE1`, before the last handles were kept) reads as no record.
public struct KernelRuleRecordFile: Sendable {
    /// The file's path.
    public var path: String
    /// The runtime directory holding it.
    public var directory: RuntimeDirectory

    /// The record file for `networkNamespace` (nil: the caller's) in `directory`.
    public init(directory: RuntimeDirectory, networkNamespace: String?) {
        let suffix = networkNamespace.map { name in
            "-" + String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        }
        self.directory = directory
        path = directory.file("nftables-rules" + (suffix ?? ""))
    }

    static let magic = Array("FWDRULE2".utf8)

    /// The record, or nil when there is none or it cannot be trusted.
    public func read() -> KernelRuleRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Self.decode([UInt8](data))
    }

    /// Replaces the file with `record`, or removes it when `record` is nil. Failures are ignored:
    /// a stale file names an older generation and is never used.
    public func write(_ record: KernelRuleRecord?) {
        guard let record else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        try? directory.prepare()
        try? Data(Self.encode(record)).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// The file's bytes for `record`.
    static func encode(_ record: KernelRuleRecord) -> [UInt8] {
        var writer = RecordBytes()
        writer.bytes.reserveCapacity(64 + record.ruleCount * 24)
        writer.bytes += magic
        writer.put(record.namespaceCookie)
        writer.put(record.generation)
        writer.put(UInt32(record.tables.count))
        for table in record.tables {
            writer.put(table.family)
            writer.put(name: table.name)
            writer.put(UInt8(table.lastHandle == nil ? 0 : 1))
            writer.put(table.lastHandle ?? 0)
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

    /// The record in `bytes`, nil when they are not a complete, intact record.
    static func decode(_ bytes: [UInt8]) -> KernelRuleRecord? {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        let body = bytes[..<(bytes.count - 8)]
        var trailer = RecordReader(bytes[(bytes.count - 8)...])
        guard trailer.u64() == RecordBytes.checksum(body) else { return nil }
        var reader = RecordReader(body.dropFirst(magic.count))
        guard let cookie = reader.u64(), let generation = reader.u32(), let tableCount = reader.u32() else { return nil }
        var tables: [KernelRuleRecord.Table] = []
        for _ in 0..<tableCount {
            guard let family = reader.u32(), let name = reader.name(), let known = reader.u8(), known <= 1,
                let lastHandle = reader.u64(), let chainCount = reader.u32()
            else { return nil }
            var chains: [KernelRuleRecord.Chain] = []
            for _ in 0..<chainCount {
                guard let chainName = reader.name(), let ruleCount = reader.u32(),
                    Int(ruleCount) <= reader.remaining / 24
                else { return nil }
                var rules: [KernelRuleRecord.Rule] = []
                rules.reserveCapacity(Int(ruleCount))
                for _ in 0..<ruleCount {
                    guard let handle = reader.u64(), let high = reader.u64(), let low = reader.u64() else { return nil }
                    rules.append(KernelRuleRecord.Rule(handle: handle, digestHigh: high, digestLow: low))
                }
                chains.append(KernelRuleRecord.Chain(name: chainName, rules: rules))
            }
            tables.append(
                KernelRuleRecord.Table(
                    family: family, name: name, chains: chains, lastHandle: known == 1 ? lastHandle : nil))
        }
        guard reader.remaining == 0 else { return nil }
        return KernelRuleRecord(namespaceCookie: cookie, generation: generation, tables: tables)
    }
}
