/// The named sets of one table, shared by every rule whose list has the same content.
///
/// A list of ports or addresses that ``ListSplit`` leaves whole (longer than its cap, or in a
/// rule with a `limit`) becomes a lookup in a named set instead of nft's anonymous set per rule:
/// anonymous sets bound in one batch cost the kernel quadratic time, and a list written many
/// times is stored once. The name is derived from the content
/// (`fwd_s_<64-bit FNV-1a of key type, flags and elements>`), so the same list keeps the same set
/// across applies.
struct SetRegistry {
    /// The sets, in the order rules first used them.
    private(set) var sets: [NftSet] = []
    /// The id the next new set gets (`NFTA_SET_ID`, unique within one batch).
    private(set) var nextID: UInt32
    private var indexByContent: [SetContent: Int] = [:]
    private var names: Set<String> = []
    private var indexByUserName: [String: Int] = [:]

    /// A registry whose first set gets id `firstID`.
    init(firstID: UInt32) { nextID = firstID }

    /// The set holding `elements` (already normalised: sorted, overlaps merged), created on first use.
    mutating func set(keyType: NftSetKeyType, elements: [KeyRange]) -> NftSet {
        let content = SetContent(keyType: keyType, elements: elements)
        if let index = indexByContent[content] { return sets[index] }
        var name = content.stableName
        var suffix = 1
        while names.contains(name) || indexByUserName[name] != nil {
            name = "\(content.stableName)_\(suffix)"
            suffix += 1
        }
        let set = NftSet(
            name: name, id: nextID, keyType: keyType, isAnonymous: false,
            isInterval: content.isInterval,
            elements: elements.map { NftSetElement(from: $0.from, to: $0.to) },
            // A suffixed name (after a hash collision) depends on the order sets were met.
            isContentNamed: suffix == 1)
        nextID &+= 1
        indexByContent[content] = sets.count
        names.insert(name)
        sets.append(set)
        return set
    }
}

extension SetRegistry {
    /// The named set `name` (a set of the ruleset, as the user named it), created on first use.
    mutating func named(
        _ name: String, keyType: NftSetKeyType, isInterval: Bool, elements: [NftSetElement], size: UInt32?
    ) -> NftSet {
        if let index = indexByUserName[name] { return sets[index] }
        let set = NftSet(
            name: name, id: nextID, keyType: keyType, isAnonymous: false, isInterval: isInterval, elements: elements,
            size: size)
        nextID &+= 1
        indexByUserName[name] = sets.count
        names.insert(name)
        sets.append(set)
        return set
    }
}

/// What makes two sets the same: key type and elements (the interval flag follows from them).
private struct SetContent: Hashable {
    var keyType: NftSetKeyType
    var elements: [KeyRange]

    /// Whether some element is a range (or a network), which needs `NFT_SET_INTERVAL`.
    var isInterval: Bool { elements.contains { !$0.isSingle } }

    /// `fwd_s_` and 16 hex digits of the content's FNV-1a hash: the same on every run and host.
    var stableName: String {
        var hash = StableHash()
        hash.combine(keyType.rawValue.networkOrderBytes)
        hash.combine([isInterval ? 1 : 0])
        for element in elements {
            hash.combine(element.from)
            hash.combine(element.to)
        }
        let hex = String(hash.value, radix: 16)
        return "fwd_s_" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// 64-bit FNV-1a: a hash that, unlike `Hasher`, is the same in every process.
struct StableHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01b3
        }
    }
}
