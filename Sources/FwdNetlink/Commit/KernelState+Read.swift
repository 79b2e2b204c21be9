internal import CLibMnl
import FwdNftables
internal import Glibc

extension KernelState {
    /// Reads the generation, then the tables, chains and sets (the order matters: a change after
    /// the generation was read makes the batch fail with `ERESTART` instead of acting on stale
    /// state). A dump interrupted by a concurrent change is read again (a bounded number of times).
    /// The rules (handles and digests) of a fwd table are taken from `record` when it describes
    /// the generation read and the socket's namespace (nothing changed since), otherwise read
    /// from the kernel for the tables `rulesOf` accepts.
    static func read(
        using socket: borrowing NetlinkSocket, record: KernelRuleRecord? = nil,
        rulesOf readsRules: (_ family: UInt32, _ name: String) -> Bool = { _, _ in false }
    ) throws(NftSystemError) -> KernelState {
        var attemptsLeft = 5
        let cookie = socket.namespaceCookie()
        let current = record.flatMap { $0.namespaceCookie == cookie ? $0 : nil }
        while true {
            attemptsLeft -= 1
            if let state = try readOnce(using: socket, record: current, rulesOf: readsRules) { return state }
            if attemptsLeft == 0 {
                throw NftSystemError(operation: "read a consistent ruleset (it kept changing)", errno: EAGAIN)
            }
        }
    }

    /// The current ruleset generation (`NFT_MSG_GETGEN`).
    static func readGeneration(using socket: borrowing NetlinkSocket) throws(NftSystemError) -> UInt32 {
        var generation: UInt32?
        let unspecified = UInt16(NFPROTO_UNSPEC)
        _ = try socket.request(NFT_MSG_GETGEN, family: unspecified, dump: false, what: "ruleset generation") {
            message throws(NftSystemError) in
            if let parsed = try NftnlGeneration(parsing: message) { generation = parsed.id }
        }
        guard let generation else {
            throw NftSystemError(operation: "read the ruleset generation (no answer)", errno: EPROTO)
        }
        return generation
    }

    private static func readOnce(
        using socket: borrowing NetlinkSocket, record: KernelRuleRecord?, rulesOf readsRules: (UInt32, String) -> Bool
    ) throws(NftSystemError) -> KernelState? {
        let generation = try readGeneration(using: socket)
        let record = record?.generation == generation ? record : nil
        let any = UInt16(NFPROTO_UNSPEC)
        var tables: [Table] = []
        var consistent =
            try socket.request(NFT_MSG_GETTABLE, family: any, dump: true, what: "tables") {
                message throws(NftSystemError) in
                guard let table = try NftnlTable(parsing: message) else { return }
                tables.append(Table(family: table.family, name: table.name, isOwned: TableOwnership.isOwned(table)))
            } == .complete
        var owned: [String: Int] = [:]
        for (index, table) in tables.enumerated() where table.isOwned {
            owned[Self.key(table.family, table.name)] = index
        }

        consistent =
            try socket.request(NFT_MSG_GETCHAIN, family: any, dump: true, what: "chains") {
                message throws(NftSystemError) in
                guard let chain = try NftnlChain(parsing: message),
                    let index = owned[Self.key(chain.u32(NFTNL_CHAIN_FAMILY), chain.string(NFTNL_CHAIN_TABLE))]
                else { return }
                let isBase = chain.has(NFTNL_CHAIN_HOOKNUM)
                tables[index].chains.append(
                    Chain(
                        name: chain.string(NFTNL_CHAIN_NAME), hook: isBase ? chain.u32(NFTNL_CHAIN_HOOKNUM) : nil,
                        priority: chain.s32(NFTNL_CHAIN_PRIO), type: chain.string(NFTNL_CHAIN_TYPE),
                        policy: chain.has(NFTNL_CHAIN_POLICY) ? chain.u32(NFTNL_CHAIN_POLICY) : nil))
            } == .complete && consistent

        consistent =
            try socket.request(NFT_MSG_GETSET, family: any, dump: true, what: "sets") {
                message throws(NftSystemError) in
                guard let set = try NftnlSet(parsing: message),
                    let index = owned[Self.key(set.u32(NFTNL_SET_FAMILY), set.string(NFTNL_SET_TABLE))]
                else { return }
                tables[index].sets.append(
                    Set(
                        name: set.string(NFTNL_SET_NAME), flags: set.u32(NFTNL_SET_FLAGS),
                        keyType: set.u32(NFTNL_SET_KEY_TYPE), keyLength: set.u32(NFTNL_SET_KEY_LEN),
                        size: set.u32(NFTNL_SET_DESC_SIZE)))
            } == .complete && consistent

        var rulesDumped = false
        for index in tables.indices where tables[index].isOwned && consistent {
            if let recorded = record?.rules(of: tables[index]) {
                tables[index].rules = recorded.rules
                tables[index].lastHandle = recorded.lastHandle
                continue
            }
            guard readsRules(tables[index].family, tables[index].name) else { continue }
            guard let rules = try readRules(of: tables[index], using: socket) else { return nil }
            tables[index].rules = rules
            rulesDumped = true
        }
        return consistent ? KernelState(generation: generation, tables: tables, rulesDumped: rulesDumped) : nil
    }

    private static func key(_ family: UInt32, _ name: String) -> String { "\(family) \(name)" }
}
