import FwdNftables

/// A set's elements as the kernel receives them: keys of the set's key length in network order.
/// An interval set is sent the way nft sends it: ranges sorted and merged, each as a start element
/// and an end element one past its last key, flagged `NFT_SET_ELEM_INTERVAL_END`; a leading end
/// element at key 0 when the first range starts later; no end element for a range reaching the
/// largest key (its start is marked open in the element userdata instead).
struct SetElementEncoding {
    /// One element to send.
    struct Element {
        /// The offset of the key in `keys`.
        var keyOffset: Int
        /// `NFT_SET_ELEM_INTERVAL_END` marks the end of a range.
        var isIntervalEnd: Bool
        /// The start of a range that runs to the largest key (`NFTNL_SET_ELEM_F_INTERVAL_OPEN`).
        var isOpenInterval: Bool
    }

    /// The key length in bytes.
    let keyLength: Int
    /// All keys, back to back.
    private(set) var keys: [UInt8] = []
    /// The elements, in order.
    private(set) var elements: [Element] = []

    /// Encodes `set`'s elements, or explains why they cannot be. `leadingEnd` adds the end element
    /// at key 0 a whole interval set starts with (nft sends it when it creates a set's elements;
    /// a change to a live set leaves it out).
    static func encode(_ set: NftSet, leadingEnd: Bool = true) -> Result<SetElementEncoding, EncodingProblem> {
        var encoding = SetElementEncoding(keyLength: Int(set.keyType.length))
        for element in set.elements {
            guard element.from.count == encoding.keyLength, element.to.count == encoding.keyLength else {
                return .failure(
                    EncodingProblem(
                        message:
                            "an element key has \(element.from.count) bytes; the key type needs \(encoding.keyLength)"))
            }
            guard element.from.lexicographicallyPrecedes(element.to) || element.from == element.to else {
                return .failure(EncodingProblem(message: "a range ends before it starts"))
            }
            guard set.isInterval || element.from == element.to else {
                return .failure(EncodingProblem(message: "a range in a set without the interval flag"))
            }
        }
        if set.isInterval {
            encoding.addIntervals(of: set.elements, leadingEnd: leadingEnd)
        } else {
            for element in set.elements { encoding.add(element.from, end: false, open: false) }
        }
        return .success(encoding)
    }

    private mutating func add<Key: Collection<UInt8>>(_ key: Key, end: Bool, open: Bool) {
        elements.append(Element(keyOffset: keys.count, isIntervalEnd: end, isOpenInterval: open))
        keys.append(contentsOf: key)
    }

    private mutating func addIntervals(of unsorted: [NftSetElement], leadingEnd: Bool) {
        let ranges = unsorted.sorted { $0.from.lexicographicallyPrecedes($1.from) }
        var merged: [(from: [UInt8], to: [UInt8])] = []
        for range in ranges {
            guard let last = merged.last else {
                merged.append((range.from, range.to))
                continue
            }
            // A range reaching the largest key covers every later one.
            guard let afterLast = Self.successor(of: last.to) else { continue }
            if afterLast.lexicographicallyPrecedes(range.from) {
                merged.append((range.from, range.to))
            } else if last.to.lexicographicallyPrecedes(range.to) {
                merged[merged.count - 1].to = range.to  // overlapping or adjacent: one range
            }
        }
        if leadingEnd, let first = merged.first, first.from.contains(where: { $0 != 0 }) {
            add([UInt8](repeating: 0, count: keyLength), end: true, open: false)
        }
        for range in merged {
            let end = Self.successor(of: range.to)
            add(range.from, end: false, open: end == nil)
            if let end { add(end, end: true, open: false) }
        }
    }

    /// `key + 1` as a big-endian number, nil when `key` is the largest.
    static func successor(of key: [UInt8]) -> [UInt8]? {
        var result = key
        for index in result.indices.reversed() {
            if result[index] == 0xFF {
                result[index] = 0
            } else {
                result[index] += 1
                return result
            }
        }
        return nil
    }

    /// The key of `element`.
    func key(of element: Element) -> ArraySlice<UInt8> {
        keys[element.keyOffset..<element.keyOffset + keyLength]
    }

    /// How many elements fit in one message: the element list is one attribute, at most 64 KiB.
    var elementsPerMessage: Int {
        // nest + key nest + value attribute + flags attribute + userdata, with padding.
        let bytesPerElement = 4 + 4 + 4 + (keyLength + 3) / 4 * 4 + 8 + 12
        return max(1, 60_000 / bytesPerElement)
    }
}
