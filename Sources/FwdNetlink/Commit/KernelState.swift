internal import CLibMnl
import FwdNftables

/// `NFT_SET_ANONYMOUS`.
private let anonymousFlag = NFT_SET_ANONYMOUS.rawValue

/// What the kernel holds before a commit: the generation, every table's name (to spot foreign
/// tables in the way), and the chains and sets of fwd's own tables.
struct KernelState {
    /// A chain of one of fwd's tables.
    struct Chain {
        var name: String
        /// The hook number of a base chain; nil for a regular chain.
        var hook: UInt32?
        var priority: Int32
        /// `filter`, `nat`, `route` for a base chain.
        var type: String
        /// The policy verdict of a base chain.
        var policy: UInt32?

        /// Whether `base` describes this chain's hook, type and priority (the policy may differ:
        /// re-declaring the chain updates it).
        func attaches(like base: NftBaseChain?) -> Bool {
            guard let base else { return hook == nil }
            return hook == base.hook.kernelHook && priority == base.priority && type == base.type.rawValue
        }

        /// The public description, nil-based for hooks or types fwd does not know.
        var baseChain: NftBaseChain? {
            guard let hook, let kernelHook = NftHook(kernelHook: hook), let chainType = NftChainType(kernelName: type)
            else { return nil }
            let verdict: NftVerdict = policy == NftVerdict.drop.kernelCode ? .drop : .accept
            return NftBaseChain(type: chainType, hook: kernelHook, priority: priority, policy: verdict)
        }
    }

    /// A set of one of fwd's tables.
    struct Set {
        var name: String
        var flags: UInt32
        var keyType: UInt32
        var keyLength: UInt32
        /// `NFTA_SET_DESC_SIZE`, 0 when the set has none.
        var size: UInt32 = 0

        /// Bound to one rule and gone with it (`NFT_SET_ANONYMOUS`).
        var isAnonymous: Bool { flags & anonymousFlag != 0 }
    }

    /// A table; chains and sets are read only for fwd's own tables.
    struct Table {
        var family: UInt32
        var name: String
        /// Whether the table carries fwd's ownership marker.
        var isOwned: Bool
        var chains: [Chain] = []
        var sets: [Set] = []
        /// The rules of each chain in kernel order, by chain name; nil when they were not read
        /// (``KernelState/read(using:rulesOf:)``).
        var rules: [String: [Rule]]?
        /// The last handle the kernel allocated in the table, from fwd's record when its rules
        /// came from there and it knows the number; nil otherwise.
        var lastHandle: UInt64?

        /// `inet fwd_filter`.
        var displayName: String {
            let familyName = NftFamily(kernelFamily: family)?.name ?? "family \(family)"
            return "\(familyName) \(name)"
        }
    }

    /// The ruleset generation the state was read at (`NFTA_GEN_ID`).
    var generation: UInt32
    /// All tables of the namespace.
    var tables: [Table]
    /// Whether the rules of some table were read from the kernel (a dump), rather than taken
    /// from fwd's ``KernelRuleRecord`` or not needed.
    var rulesDumped = false

    /// The table `name` of `family`.
    func table(family: NftFamily, name: String) -> Table? {
        let kernelFamily = UInt32(family.kernelFamily)
        return tables.first { $0.family == kernelFamily && $0.name == name }
    }
}
