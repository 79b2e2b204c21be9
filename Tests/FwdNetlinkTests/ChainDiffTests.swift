import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// The chain diff and the rule digest, without a kernel: applying the diff to the old chain must
/// give the new one, keeping as many rules as possible.
struct ChainDiffTests {
    /// A digest standing for rule `number`.
    static func digest(_ number: Int) -> RuleDigest {
        RuleDigest(prefixOf: [UInt8](repeating: 0, count: 8) + withUnsafeBytes(of: UInt64(number).bigEndian) { Array($0) })
    }

    /// The kernel's chain: rule `numbers[i]` with handle `100 + i`.
    static func kernelChain(_ numbers: [Int?]) -> [KernelState.Rule] {
        numbers.enumerated().map { KernelState.Rule(handle: UInt64(100 + $0), digest: $1.map(digest)) }
    }

    /// Applies `diff` as the kernel would: deletions, then each insertion before its handle or
    /// at the end. Returns the chain as (handle or nil for new, number).
    static func apply(_ diff: ChainDiff, old: [Int?], new: [Int]) -> [(UInt64?, Int?)] {
        var chain: [(UInt64?, Int?)] = diff.replacesAllRules ? [] : old.enumerated().map { (UInt64(100 + $0), $1) }
        chain.removeAll { entry in diff.deletedHandles.contains { $0 == entry.0 } }
        for insertion in diff.insertions {
            let entry: (UInt64?, Int?) = (nil, new[insertion.rule])
            if let before = insertion.before, let index = chain.firstIndex(where: { $0.0 == before }) {
                chain.insert(entry, at: index)
            } else {
                #expect(insertion.before == nil, "position \(String(describing: insertion.before)) not in the chain")
                chain.append(entry)
            }
        }
        return chain
    }

    static func check(old: [Int?], new: [Int], kept: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let diff = ChainDiff.between(old: kernelChain(old), new: new.map(digest))
        let result = apply(diff, old: old, new: new)
        #expect(result.map(\.1) == new.map(Optional.some), sourceLocation: sourceLocation)
        #expect(diff.keptCount == kept, sourceLocation: sourceLocation)
        #expect(result.filter { $0.0 != nil }.count == kept, sourceLocation: sourceLocation)
    }

    @Test func sameChainChangesNothing() {
        let diff = ChainDiff.between(old: Self.kernelChain([1, 2, 3]), new: [1, 2, 3].map(Self.digest))
        #expect(diff.isEmpty)
        #expect(diff.keptCount == 3)
    }

    @Test func insertionsDeletionsAndMovesGiveTheNewOrder() {
        Self.check(old: [1, 2, 3, 4, 5], new: [1, 2, 9, 4, 5], kept: 4)
        Self.check(old: [1, 2, 3], new: [0, 1, 2, 3, 4], kept: 3)
        Self.check(old: [1, 2, 3, 4, 5], new: [1, 5], kept: 2)
        Self.check(old: [1, 2, 3, 4, 5], new: [4, 1, 2, 3, 5], kept: 4)
        Self.check(old: [1, 2, 2, 3], new: [2, 1, 2, 3, 2], kept: 3)
        Self.check(old: [], new: [1, 2], kept: 0)
        Self.check(old: [1, 2], new: [], kept: 0)
    }

    @Test func rulesWithoutADigestAreDeleted() {
        Self.check(old: [1, nil, 2, nil], new: [1, 2], kept: 2)
    }

    @Test func longMiddlesAreMatchedByAnchors() {
        let old = Array(0..<10_000)
        var new = old
        new[10] = 50_000
        new.remove(at: 9_000)
        new.insert(7, at: 5_000)
        new.remove(at: 7)
        Self.check(old: old, new: new, kept: 9_997)
    }

    @Test func manyHandleOperationsRefillTheChain() {
        let old = Array(0..<10_000)
        let new = old.map { $0.isMultiple(of: 2) ? $0 + 100_000 : $0 }
        let diff = ChainDiff.between(old: Self.kernelChain(old), new: new.map(Self.digest))
        #expect(diff.replacesAllRules)
        #expect(Self.apply(diff, old: old, new: new).map(\.1) == new.map(Optional.some))
    }

    @Test func digestsCoverChainCommentAndSetNamesButNotLocations() {
        let rule = Rules.rule(Rules.tcpDestinationPort(inSet: "web", id: 3), .accept, comment: "c", line: 1)
        let table = NftTable(family: .inet, name: "t", chains: [], location: Rules.at(1))
        var digester = RuleDigester(table: table)
        let base = digester.digest(of: rule, chain: "input")
        var moved = rule
        moved.location = Rules.at(99)
        #expect(digester.digest(of: moved, chain: "input") == base)
        var otherID = rule
        otherID.expressions = Rules.tcpDestinationPort(inSet: "web", id: 9) + [.verdict(.accept)]
        #expect(digester.digest(of: otherID, chain: "input") == base)
        #expect(digester.digest(of: rule, chain: "output") != base)
        var otherComment = rule
        otherComment.comment = nil
        #expect(digester.digest(of: otherComment, chain: "input") != base)
        var otherSet = rule
        otherSet.expressions = Rules.tcpDestinationPort(inSet: "mail", id: 3) + [.verdict(.accept)]
        #expect(digester.digest(of: otherSet, chain: "input") != base)
    }

    @Test func digestsOfAnAnonymousSetCoverItsElements() {
        let rule = Rules.rule(Rules.tcpDestinationPort(inSet: "__set%d", id: 5), .accept, line: 1)
        func table(_ ports: [UInt16]) -> NftTable {
            let set = NftSet(
                name: "__set%d", id: 5, keyType: .inetService, isAnonymous: true, isInterval: false,
                elements: ports.map { NftSetElement(key: Rules.bigEndian($0)) })
            return NftTable(family: .inet, name: "t", chains: [], sets: [set], location: Rules.at(1))
        }
        var first = RuleDigester(table: table([1, 2]))
        var second = RuleDigester(table: table([1, 3]))
        #expect(first.digest(of: rule, chain: "c") != second.digest(of: rule, chain: "c"))
    }

    @Test func theDigestIsFoundBackInUserData() throws {
        let digest = Self.digest(77)
        let userData = try RuleDigest.userData(comment: "hello", digest: digest)
        let found = userData.withBytes { bytes, length in
            RuleDigest.find(in: UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        }
        #expect(found == digest)
        #expect(RuleDigest.find(in: UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
    }
}
