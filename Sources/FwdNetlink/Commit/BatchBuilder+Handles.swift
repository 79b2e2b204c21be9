/// What a ``BatchBuilder`` knows of the handles the kernel will give one table's new objects.
///
/// The kernel numbers the chains, sets (named and anonymous) and rules created in a table one
/// after the other, in message order, continuing from the last number it gave out in that table
/// (a new table starts from 0; see ``KernelRuleRecord``). Counting the messages that create
/// something therefore predicts every handle, when the starting number is known.
struct TableHandles {
    /// The last handle allocated in the table, counting the messages written so far; nil when
    /// the number the table started from is unknown.
    var last: UInt64?
    /// The offset in the batch (sequence minus the first one) of the last message that allocates
    /// a handle in the table; nil while none does.
    var lastAllocatingMessage: Int?
}

extension BatchBuilder {
    /// Counts the handle that the message about to be finished allocates in the table being
    /// written; returns the handle the kernel will give it, nil when it cannot be predicted.
    mutating func allocateHandle() -> UInt64? {
        tableHandles[currentTable].lastAllocatingMessage = origins.count
        guard let last = tableHandles[currentTable].last else { return nil }
        tableHandles[currentTable].last = last + 1
        return last + 1
    }

    /// The handle predicted for the rule created by the message at `offset`, nil when it is echoed.
    func predictedHandle(ofMessage offset: Int) -> UInt64? {
        let handle = predictedHandles[offset]
        return handle == 0 ? nil : handle
    }

    /// Rules sent with `NLM_F_ECHO` (their handles could not be predicted).
    var echoedRuleCount: Int {
        guard commitsBatch else { return 0 }
        return zip(origins, predictedHandles).count { $0.kind == .newRule && $1 == 0 }
    }
}
