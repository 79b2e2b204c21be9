internal import Crypto
import FwdNftables

/// Computes ``RuleDigest``s: SHA-256 over a compact, unambiguous byte form of what defines a rule
/// in the kernel — its chain, its expressions (a lookup by the set's name, never the batch-local
/// set id; for an anonymous set, the set's key type, flags and elements instead, since the kernel
/// names those itself), and its comment. The source location is not part of it: a rule that only
/// moved in the config file is the same rule.
///
/// The digest stands for the netlink encoding the ``ExpressionEncoder`` produces: bump
/// ``formatVersion`` whenever the encoding of an expression changes, so rules committed by an
/// older fwd are replaced rather than kept.
struct RuleDigester {
    /// Part of every digest; changing it makes every rule in the kernel look changed.
    static let formatVersion: UInt8 = 1

    private var buffer: [UInt8] = []
    private let table: NftTable
    private let anonymousSetByID: [UInt32: Int]

    /// A digester for the rules of `table`.
    init(table: NftTable) {
        self.table = table
        var anonymous: [UInt32: Int] = [:]
        for (index, set) in table.sets.enumerated() where set.isAnonymous { anonymous[set.id] = index }
        anonymousSetByID = anonymous
        buffer.reserveCapacity(1024)
    }

    /// The digest of `rule` in the chain called `chain`.
    mutating func digest(of rule: NftRule, chain: String) -> RuleDigest {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(Self.formatVersion)
        write(chain)
        if let comment = rule.comment {
            buffer.append(1)
            write(comment)
        } else {
            buffer.append(0)
        }
        write(UInt32(truncatingIfNeeded: rule.expressions.count))
        for expression in rule.expressions { write(expression) }
        var hasher = SHA256()
        buffer.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return RuleDigest(prefixOf: hasher.finalize())
    }

    /// The digests of every rule of `chain`, in order.
    mutating func digests(of chain: NftChain) -> [RuleDigest] {
        chain.rules.map { digest(of: $0, chain: chain.name) }
    }

    mutating func write(_ value: UInt8) { buffer.append(value) }

    mutating func write(_ value: UInt32) {
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func write(_ value: UInt64) {
        write(UInt32(truncatingIfNeeded: value >> 32))
        write(UInt32(truncatingIfNeeded: value))
    }

    /// Length-prefixed bytes.
    mutating func write(_ bytes: [UInt8]) {
        write(UInt32(truncatingIfNeeded: bytes.count))
        buffer.append(contentsOf: bytes)
    }

    /// Length-prefixed UTF-8.
    mutating func write(_ text: String) {
        write(UInt32(truncatingIfNeeded: text.utf8.count))
        buffer.append(contentsOf: text.utf8)
    }

    /// A register, absent or present.
    mutating func write(_ register: NftRegister?) {
        guard let register else { return write(UInt8(0)) }
        write(UInt8(1))
        write(register.rawValue)
    }

    /// What a lookup refers to: a named set by name, an anonymous set by its content.
    mutating func writeSetReference(name: String, id: UInt32) {
        guard let index = anonymousSetByID[id], table.sets[index].isAnonymous else {
            write(UInt8(0))
            write(name)
            return
        }
        let set = table.sets[index]
        write(UInt8(1))
        write(set.keyType.rawValue)
        write(UInt8(set.isInterval ? 1 : 0))
        write(UInt32(truncatingIfNeeded: set.elements.count))
        for element in set.elements {
            write(element.from)
            write(element.to)
        }
    }
}
