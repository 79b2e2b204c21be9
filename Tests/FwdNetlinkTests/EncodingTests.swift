import FwdModel
import FwdNftables
import Testing

@testable import FwdNetlink

/// Pure encoding logic, no kernel needed.
struct EncodingTests {
    @Test func swiftValuesMatchTheKernelConstants() {
        for key in [NftMetaKey.mark, .iifname, .oifname, .l4proto, .nfproto] { #expect(key.kernelKey == key.rawValue) }
        for hook in [NftHook.prerouting, .input, .forward, .output, .postrouting] {
            #expect(hook.kernelHook == hook.rawValue)
            #expect(NftHook(kernelHook: hook.kernelHook) == hook)
        }
        for family in [NftFamily.inet, .ip, .ip6] {
            #expect(family.kernelFamily == UInt16(family.rawValue))
            #expect(NftFamily(kernelFamily: UInt32(family.kernelFamily)) == family)
        }
        for base in [NftPayloadBase.linkLayer, .network, .transport] { #expect(base.kernelBase == base.rawValue) }
        for comparison in [NftCompareOperator.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual] {
            #expect(comparison.kernelOperator == comparison.rawValue)
        }
        for type in [NftRejectType.icmpUnreachable, .tcpReset, .icmpxUnreachable] {
            #expect(type.kernelType == type.rawValue)
        }
        for type in [NftNatType.snat, .dnat] { #expect(type.kernelType == type.rawValue) }
        #expect(NftConntrackKey.state.kernelKey == NftConntrackKey.state.rawValue)
        #expect(NftVerdict.accept.kernelCode == 1)
        #expect(NftVerdict.drop.kernelCode == 0)
        #expect(NftVerdict.jump("x").kernelCode == UInt32(bitPattern: -3))
        #expect(NftVerdict.goto("x").kernelCode == UInt32(bitPattern: -4))
        #expect(NftVerdict.return.kernelCode == UInt32(bitPattern: -5))
        #expect(NftVerdict.continue.kernelCode == UInt32(bitPattern: -1))
    }

    private func elements(_ set: NftSet) throws -> [(key: [UInt8], end: Bool, open: Bool)] {
        let encoding = try SetElementEncoding.encode(set).get()
        return encoding.elements.map { (Array(encoding.key(of: $0)), $0.isIntervalEnd, $0.isOpenInterval) }
    }

    private func portSet(_ ranges: [(UInt16, UInt16)], interval: Bool = true) -> NftSet {
        NftSet(
            name: "p", id: 1, keyType: .inetService, isAnonymous: false, isInterval: interval,
            elements: ranges.map { NftSetElement(from: Rules.bigEndian($0.0), to: Rules.bigEndian($0.1)) })
    }

    @Test func intervalsAreSentAsNftSendsThem() throws {
        // { 22, 80-90, 65000-65535 }: a leading end at 0, start/end pairs, no end past the largest key.
        let encoded = try elements(portSet([(80, 90), (22, 22), (65000, 65535)]))
        #expect(encoded.map(\.key) == [[0, 0], [0, 22], [0, 23], [0, 80], [0, 91], [0xFD, 0xE8]])
        #expect(encoded.map(\.end) == [true, false, true, false, true, false])
        #expect(encoded.map(\.open) == [false, false, false, false, false, true])
    }

    @Test func overlappingAndAdjacentRangesMerge() throws {
        let encoded = try elements(portSet([(0, 10), (11, 20), (15, 30), (40, 40), (35, 45)]))
        #expect(encoded.map(\.key) == [[0, 0], [0, 31], [0, 35], [0, 46]])
        #expect(encoded.map(\.end) == [false, true, false, true])
        let everything = try elements(portSet([(0, 65535), (5, 6)]))
        #expect(everything.map(\.key) == [[0, 0]])
        #expect(everything.map(\.open) == [true])
    }

    @Test func plainSetsSendEachKey() throws {
        let encoded = try elements(portSet([(22, 22), (80, 80)], interval: false))
        #expect(encoded.map(\.key) == [[0, 22], [0, 80]])
        #expect(encoded.allSatisfy { !$0.end && !$0.open })
    }

    @Test func badElementsAreExplained() {
        func problem(_ set: NftSet) -> String? {
            if case .failure(let problem) = SetElementEncoding.encode(set) { return problem.message }
            return nil
        }
        #expect(problem(portSet([(5, 6)], interval: false)) == "a range in a set without the interval flag")
        #expect(problem(portSet([(9, 3)])) == "a range ends before it starts")
        var wrongLength = portSet([])
        wrongLength.elements = [NftSetElement(key: [1, 2, 3, 4])]
        #expect(problem(wrongLength) == "an element key has 4 bytes; the key type needs 2")
    }

    @Test func largeSetsSplitBelowTheAttributeLimit() throws {
        let encoding = try SetElementEncoding.encode(
            NftSet(
                name: "a", id: 1, keyType: .ipv6Address, isAnonymous: false, isInterval: true,
                elements: [NftSetElement(from: [UInt8](repeating: 1, count: 16), to: [UInt8](repeating: 2, count: 16))])
        ).get()
        // Worst case per element: nest, key nest, 16-byte value, flags, open-interval userdata.
        #expect(encoding.elementsPerMessage * (4 + 4 + 4 + 16 + 8 + 12) < 65_535)
        #expect(SetElementEncoding.successor(of: [0, 0xFF]) == [1, 0])
        #expect(SetElementEncoding.successor(of: [0xFF, 0xFF]) == nil)
    }

    @Test func setDirectoryResolvesNamedAndAnonymousSets() {
        var problems: [String] = []
        let sets = [
            NftSet(name: "ports", id: 1, keyType: .inetService, isAnonymous: false, isInterval: false, elements: []),
            NftSet(name: "__set%d", id: 2, keyType: .inetService, isAnonymous: true, isInterval: false, elements: []),
            NftSet(name: "__set%d", id: 3, keyType: .inetService, isAnonymous: true, isInterval: true, elements: []),
        ]
        let directory = SetDirectory(sets: sets, firstBatchID: 10, describe: { $0.name }, problems: &problems)
        #expect(problems.isEmpty)
        #expect(directory.resolve(name: "ports", id: 0)?.batchID == 10)
        #expect(directory.resolve(name: "__set%d", id: 3)?.index == 2)
        #expect(directory.resolve(name: "__set%d", id: 3)?.kernelName == "__set%d")
        #expect(directory.resolve(name: "other", id: 9) == nil)

        _ = SetDirectory(sets: sets + [sets[0]], firstBatchID: 1, describe: { $0.name }, problems: &problems)
        #expect(problems == ["ports: defined twice", "ports: id 1 is used by another set of the table"])
    }
}
