public import FwdNftables

/// The nf_tables subsystem of one network namespace, reached over nfnetlink: commits fwd's
/// tables atomically and reads them back. Tables fwd does not own are never touched.
///
/// Each call opens its own netlink socket; the value is cheap to copy and safe to share.
public struct NftablesKernel: Sendable {
    /// The network namespace (a name under `/var/run/netns`, or an absolute path), nil for the
    /// caller's own.
    public let networkNamespace: String?

    /// The comment fwd gives its tables and recognises them by: `nft list ruleset` prints
    /// `comment "managed by fwd"` in each.
    public static let ownershipComment = TableOwnership.marker

    /// How many times a commit is tried when the ruleset changes between reading the kernel's
    /// state and sending the batch (`ERESTART`).
    public var maximumAttempts = 4

    /// Called after the kernel's state was read and before the batch is sent, with the attempt
    /// number (tests use it to change the ruleset in between).
    var afterReadingState: (@Sendable (Int) -> Void)?

    /// Replaces the receive buffer size computed from the batch (tests use a tiny one to make the
    /// kernel drop replies).
    var receiveBufferSizeOverride: Int?

    /// The kernel of `networkNamespace` (nil: the caller's). Opens a socket once to check that the
    /// namespace exists and nfnetlink can be reached.
    public init(networkNamespace: String? = nil) throws(NftSystemError) {
        self.networkNamespace = networkNamespace
        _ = try NetlinkSocket(namespace: networkNamespace)
    }

    /// Whether nf_tables answers (`NFT_MSG_GETGEN`): false without the module or the privilege.
    public func isAvailable() -> Bool {
        do {
            let socket = try NetlinkSocket(namespace: networkNamespace)
            _ = try KernelState.readGeneration(using: socket)
            return true
        } catch {
            return false
        }
    }

    /// fwd's tables as the kernel holds them: chains with hook and rule count, named sets.
    public func ownedTables() throws(NftSystemError) -> [NftKernelTable] {
        let socket = try NetlinkSocket(namespace: networkNamespace)
        let state = try KernelState.read(using: socket)
        var result: [NftKernelTable] = []
        for table in state.tables where table.isOwned {
            guard let family = NftFamily(kernelFamily: table.family) else { continue }
            let counts = try RuleCounter.count(table: table.name, family: family, using: socket)
            result.append(
                NftKernelTable(
                    family: family, name: table.name,
                    chains: table.chains.map {
                        NftKernelChain(name: $0.name, base: $0.baseChain, ruleCount: counts[$0.name] ?? 0)
                    },
                    setNames: table.sets.filter { !$0.isAnonymous }.map(\.name)))
        }
        return result
    }

    /// Takes the kernel from whatever fwd committed before to `ruleset` in one atomic batch
    /// (see ``CommitPlan`` for how it stays windowless), or, in ``NftCommitMode/dryRun``, has the
    /// kernel validate that batch without applying it.
    ///
    /// `record` is fwd's record of its rules from the previous commit (``NftCommitReport/ruleRecord``):
    /// when the kernel's ruleset generation is still the record's, the rules are taken from it
    /// instead of read back from the kernel, and the handles of the rules added to a table are
    /// predicted from the table's recorded last handle; otherwise (or without one) they are read,
    /// tables too large for that are refilled whole, and the added rules are echoed by the kernel
    /// with their handles. In a table the batch creates, handles are always predicted. Predicted
    /// handles are confirmed by reading a few rules back by handle; if they are not, the report
    /// carries no record.
    public func commit(
        _ ruleset: NftRuleset, mode: NftCommitMode = .apply, record: KernelRuleRecord? = nil
    ) throws(NftCommitError) -> NftCommitReport {
        for attempt in 1...max(1, maximumAttempts) {
            let commitAttempt = CommitAttempt(
                kernel: self, ruleset: ruleset, mode: mode, attempt: attempt, record: record)
            if let report = try commitAttempt.run() {
                return report
            }
        }
        throw .concurrentChanges(attempts: max(1, maximumAttempts))
    }
}
