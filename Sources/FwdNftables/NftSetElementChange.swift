/// Elements to add to or delete from a named set already in the kernel, in every one of fwd's
/// tables that holds a set of that name — one atomic batch, no rule touched (`fwd set add|del`).
public struct NftSetElementChange: Hashable, Sendable {
    /// Whether the elements are added or deleted.
    public enum Operation: Hashable, Sendable {
        /// `NFT_MSG_NEWSETELEM`: elements already there are left as they are.
        case add
        /// `NFT_MSG_DELSETELEM`: each element must be in the set, exactly as stored.
        case delete
    }

    /// Add or delete.
    public var operation: Operation
    /// The set's name (as the ruleset names it).
    public var setName: String
    /// The key type the set must have.
    public var keyType: NftSetKeyType
    /// The elements: inclusive ranges of keys, network byte order (see ``NftablesLowering/setElements(_:type:)``).
    public var elements: [NftSetElement]

    /// A change of `elements` in the set `setName` of `keyType`.
    public init(_ operation: Operation, setName: String, keyType: NftSetKeyType, elements: [NftSetElement]) {
        self.operation = operation
        self.setName = setName
        self.keyType = keyType
        self.elements = elements
    }
}
