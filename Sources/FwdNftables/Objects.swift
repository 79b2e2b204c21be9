public import FwdModel

/// Everything fwd puts in the kernel: its own tables. Tables of other owners are never listed.
public struct NftRuleset: Hashable, Sendable {
    /// fwd's tables.
    public var tables: [NftTable]

    /// A ruleset of `tables`.
    public init(tables: [NftTable]) { self.tables = tables }

    /// The number of rules in all tables.
    public var ruleCount: Int { tables.reduce(0) { $0 + $1.chains.reduce(0) { $0 + $1.rules.count } } }
}

/// An nftables table (`NFT_MSG_NEWTABLE`).
public struct NftTable: Hashable, Sendable {
    /// The family (`NFTA_TABLE_FAMILY` in the message header).
    public var family: NftFamily
    /// The name (`NFTA_TABLE_NAME`), e.g. `fwd_filter`.
    public var name: String
    /// The chains, base chains first.
    public var chains: [NftChain]
    /// Named and anonymous sets used by the rules.
    public var sets: [NftSet]
    /// Where the table was defined.
    public var location: SourceLocation

    /// A table.
    public init(family: NftFamily, name: String, chains: [NftChain], sets: [NftSet] = [], location: SourceLocation) {
        self.family = family
        self.name = name
        self.chains = chains
        self.sets = sets
        self.location = location
    }
}

/// How a base chain attaches to the packet path.
public struct NftBaseChain: Hashable, Sendable {
    /// The chain type (`NFTA_CHAIN_TYPE`).
    public var type: NftChainType
    /// The hook (`NFTA_HOOK_HOOKNUM`).
    public var hook: NftHook
    /// The priority (`NFTA_HOOK_PRIORITY`): lower runs first.
    public var priority: Int32
    /// The policy (`NFTA_CHAIN_POLICY`): `.accept` or `.drop`.
    public var policy: NftVerdict

    /// A base chain definition.
    public init(type: NftChainType, hook: NftHook, priority: Int32, policy: NftVerdict) {
        self.type = type
        self.hook = hook
        self.priority = priority
        self.policy = policy
    }
}

/// An nftables chain (`NFT_MSG_NEWCHAIN`): a base chain when `base` is set, else a regular chain.
public struct NftChain: Hashable, Sendable {
    /// The name (`NFTA_CHAIN_NAME`).
    public var name: String
    /// The hook, type, priority and policy of a base chain; nil for a regular chain.
    public var base: NftBaseChain?
    /// The rules, in order.
    public var rules: [NftRule]
    /// Where the chain was defined.
    public var location: SourceLocation

    /// A chain.
    public init(name: String, base: NftBaseChain?, rules: [NftRule], location: SourceLocation) {
        self.name = name
        self.base = base
        self.rules = rules
        self.location = location
    }
}

/// An nftables rule (`NFT_MSG_NEWRULE`): expressions evaluated in order.
public struct NftRule: Hashable, Sendable {
    /// The expressions (`NFTA_RULE_EXPRESSIONS`).
    public var expressions: [NftExpression]
    /// The comment, stored as rule userdata (`NFTNL_UDATA_RULE_COMMENT`).
    public var comment: String?
    /// Where the model rule this one came from was written (one model rule may lower to several).
    public var location: SourceLocation

    /// A rule.
    public init(expressions: [NftExpression], comment: String?, location: SourceLocation) {
        self.expressions = expressions
        self.comment = comment
        self.location = location
    }
}

/// An nftables set (`NFT_MSG_NEWSET`) and its elements (`NFT_MSG_NEWSETELEM`).
public struct NftSet: Hashable, Sendable {
    /// The name (`NFTA_SET_NAME`); anonymous sets use `__set%d`.
    public var name: String
    /// The id that lookups in the same batch refer to (`NFTA_SET_ID`).
    public var id: UInt32
    /// The key type (`NFTA_SET_KEY_TYPE`, and the length `NFTA_SET_KEY_LEN`).
    public var keyType: NftSetKeyType
    /// Anonymous and constant, bound to one rule (`NFT_SET_ANONYMOUS | NFT_SET_CONSTANT`).
    public var isAnonymous: Bool
    /// Elements are ranges (`NFT_SET_INTERVAL`).
    public var isInterval: Bool
    /// The elements: inclusive ranges of keys (a single key has `from == to`).
    public var elements: [NftSetElement]
    /// The most elements the set may hold (`NFTA_SET_DESC_SIZE`, nft's `size`); nil for no limit.
    /// A size also lets the kernel pick a fixed-size hash, which fills faster.
    public var size: UInt32?
    /// The name is derived from the elements (a list set, `fwd_s_<hash>`): a set of this name
    /// always holds these elements, so a commit keeps an existing one as it is instead of
    /// flushing and refilling it. False for the ruleset's declared sets, whose elements a re-apply
    /// resets to the config.
    public var isContentNamed: Bool

    /// A set.
    public init(
        name: String, id: UInt32, keyType: NftSetKeyType, isAnonymous: Bool, isInterval: Bool,
        elements: [NftSetElement], size: UInt32? = nil, isContentNamed: Bool = false
    ) {
        self.name = name
        self.id = id
        self.keyType = keyType
        self.isAnonymous = isAnonymous
        self.isInterval = isInterval
        self.elements = elements
        self.size = size
        self.isContentNamed = isContentNamed
    }
}

/// A set element: a key, or an inclusive range of keys in an interval set.
public struct NftSetElement: Hashable, Sendable {
    /// The first key (network byte order).
    public var from: [UInt8]
    /// The last key, inclusive (equal to `from` for one key).
    public var to: [UInt8]

    /// An element covering `from`…`to`.
    public init(from: [UInt8], to: [UInt8]) {
        self.from = from
        self.to = to
    }

    /// An element of one key.
    public init(key: [UInt8]) { self.init(from: key, to: key) }
}
