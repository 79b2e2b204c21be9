/// fwd's own record of the rules of its tables as the kernel holds them right after a commit:
/// per table and chain, each rule's handle and digest in kernel order, valid for exactly one
/// ruleset generation of one network namespace.
///
/// Reading the rules back from the kernel costs time quadratic in a table's size (see
/// ``NftablesKernel``'s commit). A commit that is handed a record whose namespace and generation
/// are the kernel's current ones uses it instead: nothing changed since fwd wrote it, because any
/// change (fwd's or anyone's) moves the generation. The record of a commit is built without a dump:
/// kept rules keep their handles, and the kernel echoes each new rule with its handle
/// (`NLM_F_ECHO`).
public struct KernelRuleRecord: Hashable, Sendable {
    /// One rule: its handle and the 16-byte digest fwd stored in its userdata (two big-endian halves).
    public struct Rule: Hashable, Sendable {
        /// The kernel's handle of the rule.
        public var handle: UInt64
        /// The digest's first 8 bytes.
        public var digestHigh: UInt64
        /// The digest's last 8 bytes.
        public var digestLow: UInt64

        /// A recorded rule.
        public init(handle: UInt64, digestHigh: UInt64, digestLow: UInt64) {
            self.handle = handle
            self.digestHigh = digestHigh
            self.digestLow = digestLow
        }
    }

    /// One chain of a fwd table and its rules in kernel order.
    public struct Chain: Hashable, Sendable {
        /// The chain's name.
        public var name: String
        /// Its rules in kernel order.
        public var rules: [Rule]

        /// A recorded chain.
        public init(name: String, rules: [Rule]) {
            self.name = name
            self.rules = rules
        }
    }

    /// One fwd table.
    public struct Table: Hashable, Sendable {
        /// The kernel's family number (`NFPROTO_INET` is 1).
        public var family: UInt32
        /// The table's name.
        public var name: String
        /// Every chain of the table.
        public var chains: [Chain]

        /// A recorded table.
        public init(family: UInt32, name: String, chains: [Chain]) {
            self.family = family
            self.name = name
            self.chains = chains
        }
    }

    /// The network namespace's cookie (`SO_NETNS_COOKIE`: never reused while the system runs,
    /// unlike names and inode numbers).
    public var namespaceCookie: UInt64
    /// The ruleset generation (`NFT_MSG_GETGEN`) the record describes.
    public var generation: UInt32
    /// Every fwd table after the commit.
    public var tables: [Table]

    /// A record.
    public init(namespaceCookie: UInt64, generation: UInt32, tables: [Table]) {
        self.namespaceCookie = namespaceCookie
        self.generation = generation
        self.tables = tables
    }

    /// The total number of rules recorded.
    public var ruleCount: Int { tables.reduce(0) { $0 + $1.chains.reduce(0) { $0 + $1.rules.count } } }
}
