internal import CLibMnl
import FwdModel
import FwdNftables
internal import Glibc

/// One try at a live set element change: read which of fwd's tables hold the set, write one
/// batch of `NEWSETELEM`/`DELSETELEM` messages for all of them, send it, read the answer.
struct SetElementChangeAttempt {
    let kernel: NftablesKernel
    let change: NftSetElementChange
    let attempt: Int

    /// The report, or nil when the ruleset changed since it was read (`ERESTART`: try again).
    func run() throws(NftCommitError) -> NftSetChangeReport? {
        do {
            let socket = try NetlinkSocket(namespace: kernel.networkNamespace)
            let state = try KernelState.read(using: socket)
            let holders = try tablesHolding(in: state)
            var batch = try NetlinkBatch(firstSequence: CommitAttempt.firstBatchSequence)
            var tableOfSequence: [UInt32: String] = [:]
            _ = try batch.begin(generation: state.generation)
            var messages = 0
            for (table, set) in holders {
                let encoded = try encode(for: set)
                for range in Self.messageRanges(count: encoded.elements.count, perMessage: encoded.elementsPerMessage) {
                    let object = try NftnlSet()
                    object.set(NFTNL_SET_TABLE, table.name)
                    object.set(NFTNL_SET_NAME, set.name)
                    for element in encoded.elements[range] {
                        let flags = element.isIntervalEnd ? NFT_SET_ELEM_INTERVAL_END.rawValue : 0
                        object.append(try NftnlSetElement(key: encoded.key(of: element), flags: flags))
                    }
                    let type = change.operation == .add ? NFT_MSG_NEWSETELEM : NFT_MSG_DELSETELEM
                    let flags = change.operation == .add ? Int32(NLM_F_CREATE) : 0
                    object.writeElementsPayload(into: batch.startMessage(type, family: UInt16(table.family), flags: flags))
                    tableOfSequence[try batch.finishMessage()] = table.displayName
                    messages += range.count
                }
            }
            let end = try batch.end()
            let byteCount = try batch.withIOVecs { vectors throws(NftSystemError) in vectors.reduce(0) { $0 + $1.iov_len } }
            socket.setReceiveBufferSize(max(256 * 1024, tableOfSequence.count * 1024))
            try socket.send(batch, byteCount: byteCount)
            let replies: BatchReplies
            switch socket.collectReplies(endSequence: end) {
            case .success(let collected): replies = collected
            case .failure(let error):
                throw NftCommitError.outcomeUnknown("the set change was sent but its answer could not be read (\(error))")
            }
            if replies.errors.contains(where: { $0.errno == ERESTART && $0.sequence == CommitAttempt.firstBatchSequence }) {
                return nil
            }
            if !replies.errors.isEmpty {
                throw NftCommitError.refused(replies.errors.map { refusal($0, table: tableOfSequence[$0.sequence]) },
                    repliesLost: replies.repliesLost)
            }
            return NftSetChangeReport(tables: holders.map(\.table.displayName), elementMessages: messages)
        } catch let error as NftCommitError {
            throw error
        } catch let error as NftSystemError {
            throw .system(error)
        } catch {
            throw .system(NftSystemError(operation: "set element change (\(error))", errno: EIO))
        }
    }

    /// fwd's tables holding the set, checked against the change.
    private func tablesHolding(in state: KernelState) throws(NftCommitError) -> [(table: KernelState.Table, set: KernelState.Set)] {
        let holders = state.tables.filter(\.isOwned).compactMap { table in
            table.sets.first { $0.name == change.setName && !$0.isAnonymous }.map { (table, $0) }
        }
        func problem(_ message: String) -> NftCommitError {
            .invalidRuleset([NftRulesetProblem(location: nil, object: "set \(change.setName)", message: message)])
        }
        guard !holders.isEmpty else {
            throw problem("no table of fwd's holds it (no rule uses the set, or fwd has not applied its ruleset here)")
        }
        for (table, set) in holders {
            if set.keyType != change.keyType.rawValue {
                throw problem("in \(table.displayName) it holds another kind of key (type \(set.keyType))")
            }
            let isInterval = set.flags & NFT_SET_INTERVAL.rawValue != 0
            if !isInterval, change.elements.contains(where: { $0.from != $0.to }) {
                throw problem("it takes single keys only (no interval flag): declare it with interval: true for"
                    + " networks and ranges")
            }
        }
        return holders
    }

    private func encode(for set: KernelState.Set) throws(NftCommitError) -> SetElementEncoding {
        let description = NftSet(
            name: set.name, id: 0, keyType: change.keyType, isAnonymous: false,
            isInterval: set.flags & NFT_SET_INTERVAL.rawValue != 0, elements: change.elements)
        switch SetElementEncoding.encode(description, leadingEnd: false) {
        case .success(let encoded): return encoded
        case .failure(let problem):
            throw .invalidRuleset([NftRulesetProblem(location: nil, object: "set \(set.name)", message: problem.message)])
        }
    }

    private static func messageRanges(count: Int, perMessage: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(1, perMessage)).map { $0..<min($0 + max(1, perMessage), count) }
    }

    private func refusal(_ error: (sequence: UInt32, errno: Int32), table: String?) -> NftKernelRefusal {
        let action = change.operation == .add ? "adding elements" : "deleting elements"
        let hint: String? = switch error.errno {
        case ENOENT: "an element to delete is not in the set, exactly as stored"
        case EEXIST, ENOTEMPTY: "an interval overlaps one already in the set"
        default: nil
        }
        return NftKernelRefusal(
            location: nil, object: "set \(change.setName)" + (table.map { " in \($0)" } ?? ""), action: action,
            errno: error.errno, reason: NftSystemError.message(for: error.errno), hint: hint)
    }
}
