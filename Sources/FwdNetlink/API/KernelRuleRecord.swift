/// fwd's own record of the rules of its tables as the kernel holds them right after a commit:
/// per table and chain, each rule's handle and digest in kernel order, valid for exactly one
/// ruleset generation of one network namespace.
///
/// Reading the rules back from the kernel costs time quadratic in a table's size (see
/// ``NftablesKernel``'s commit). A commit that is handed a record whose namespace and generation
/// are the kernel's current ones uses it instead: nothing changed since fwd wrote it, because any
/// change (fwd's or anyone's) moves the generation. The record of a commit is built without a dump:
/// kept rules keep their handles, and the handles of new rules are predicted (see
/// ``Table/lastHandle``) or, where they cannot be, echoed by the kernel (`NLM_F_ECHO`).
///
/// How the kernel numbers handles (measured on 6.18, `nf_tables_alloc_handle`): each table counts
/// on its own, starting at 0 when the table is created; every new chain, set (named or anonymous),
/// rule, object and flowtable of the table takes the next number, in the batch's message order.
/// Nothing gives a number back: deleting objects, and batches that are aborted (a dry run such as
/// `nft -c`, a refused batch), leave the count where it went — an aborted batch moves it without
/// moving the ruleset generation. Re-declaring an existing chain (a policy update) and adding set
/// elements take no number. Tables have handles of their own, counted for the whole namespace.
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
        /// The last handle the kernel allocated in the table (its `hgenerator`), when fwd knows it:
        /// it created the table, or knew the number before and counted every chain, set and rule
        /// its commit created, or read it from the echo of its last rule. The next commit then
        /// predicts the handles of the table's new rules instead of having them echoed. Nil when
        /// unknown (after a rule dump, or an aborted batch that may have taken numbers).
        public var lastHandle: UInt64?

        /// A recorded table.
        public init(family: UInt32, name: String, chains: [Chain], lastHandle: UInt64? = nil) {
            self.family = family
            self.name = name
            self.chains = chains
            self.lastHandle = lastHandle
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

    /// The record without any ``Table/lastHandle``: what to keep after a batch that may have
    /// taken handles without moving the generation (a dry run, a refused commit). Its rules stay
    /// valid; the next commit has the kernel echo its new rules instead of predicting them.
    public func forgettingLastHandles() -> KernelRuleRecord {
        var record = self
        for index in record.tables.indices { record.tables[index].lastHandle = nil }
        return record
    }

    /// The total number of rules recorded.
    public var ruleCount: Int { tables.reduce(0) { $0 + $1.chains.reduce(0) { $0 + $1.rules.count } } }
}
