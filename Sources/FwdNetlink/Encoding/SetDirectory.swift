import FwdNftables

/// The sets of one table as the batch refers to them: named sets by their name, anonymous sets by
/// the template `__set%d` (the kernel picks the name) plus a batch-wide id.
struct SetDirectory {
    /// How the batch refers to one set.
    struct Reference {
        /// The index in the table's `sets`.
        var index: Int
        /// The name sent to the kernel (`__set%d` for anonymous sets).
        var kernelName: String
        /// The id lookups and elements in the same batch use (`NFTA_SET_ID`), unique in the batch.
        var batchID: UInt32
        /// Anonymous and constant, bound to one rule.
        var isAnonymous: Bool
    }

    /// The name template the kernel turns into `__set0`, `__set1`, … for anonymous sets.
    static let anonymousName = "__set%d"

    /// One reference per set of the table, in the table's order.
    private(set) var references: [Reference] = []
    private var namedIndex: [String: Int] = [:]
    private var idIndex: [UInt32: Int] = [:]

    /// The directory of `sets`, numbering them from `firstBatchID`. Problems (duplicate names or
    /// ids) are appended to `problems`.
    init(sets: [NftSet], firstBatchID: UInt32, describe: (NftSet) -> String, problems: inout [String]) {
        self.firstBatchID = firstBatchID
        references.reserveCapacity(sets.count)
        for set in sets { append(set, describe: describe, problems: &problems) }
    }

    /// The batch id of the table's first set; the others follow in order.
    let firstBatchID: UInt32

    /// Adds the table's next set (registered while its rules were lowered) and returns how the
    /// batch refers to it. Problems (a duplicate name or id) are appended to `problems`.
    @discardableResult
    mutating func append(_ set: NftSet, describe: (NftSet) -> String, problems: inout [String]) -> Reference {
        let index = references.count
        let name = set.isAnonymous ? Self.anonymousName : set.name
        let reference = Reference(
            index: index, kernelName: name, batchID: firstBatchID &+ UInt32(truncatingIfNeeded: index),
            isAnonymous: set.isAnonymous)
        references.append(reference)
        if !set.isAnonymous {
            if namedIndex.updateValue(index, forKey: set.name) != nil {
                problems.append("\(describe(set)): defined twice")
            }
        }
        if idIndex.updateValue(index, forKey: set.id) != nil {
            problems.append("\(describe(set)): id \(set.id) is used by another set of the table")
        }
        return reference
    }

    /// The set a lookup names: the set with `id` when it is anonymous or carries `name`, else the
    /// named set called `name`.
    func resolve(name: String, id: UInt32) -> Reference? {
        if let index = idIndex[id] {
            let reference = references[index]
            if reference.isAnonymous || reference.kernelName == name { return reference }
        }
        return namedIndex[name].map { references[$0] }
    }
}
