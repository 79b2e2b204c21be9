public import FwdModel

extension IptablesLoader {
    /// Adds or deletes set elements live: one `ipset -exist restore` of `add`/`del` lines for the
    /// set's ipset. `-exist` makes adding an element already there, or deleting one that is not,
    /// a no-op. ipset applies the lines one by one; the elements are checked beforehand
    /// (``Ruleset/setElementChange(_:set:elements:)``), so a failure part-way (a full set) is the
    /// rare case, reported with the set.
    ///
    /// - Throws: ``IptablesLoadError/environment(_:)`` when ipset is missing or the set is not in
    ///   the kernel; ``IptablesLoadError/toolFailed(command:exitCode:standardError:)`` when
    ///   ipset refuses.
    public func change(_ change: SetElementChange) async throws(IptablesLoadError) {
        let name = IpsetNaming.kernelName(of: change.set)
        guard try await ipset.ownedSets().contains(name) else {
            throw .environment("ipset \(name) (set '\(change.set.name)') is not in the kernel: apply the ruleset first")
        }
        let verb = change.operation == .add ? "add" : "del"
        let lines = IpsetElements.lines(verb, name, elements: change.elements).map {
            IpsetRunner.Line(text: $0, set: change.set)
        }
        try await ipset.restore(lines, ignoringExisting: true)
    }
}
