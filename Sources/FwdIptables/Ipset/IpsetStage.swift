import FwdModel

/// The ipsets of one apply, built before the rules are loaded, so that no rule ever looks up a
/// half-filled set:
///
/// 1. ``stage(_:using:)``: a set that exists gets its new content built in `NAME.new`; a new set
///    is created and filled under its own name. Nothing the kernel's rules use changes.
/// 2. ``swapIn()``: `ipset swap NAME.new NAME` for each existing set — atomic per set; the old
///    content is now in `NAME.new`. (iptables-restore runs next.)
/// 3. ``finish()`` after the rules loaded: `NAME.new` destroyed, and fwd's sets no rule uses any
///    more destroyed (one that rules outside fwd's tables still use stays).
///
/// On failure before step 2, ``discard()`` destroys what step 1 created; after it,
/// ``swapBack()`` swaps the old contents back in and then discards.
struct IpsetStage: Sendable {
    let ipset: IpsetRunner
    /// The sets of the ruleset that rules use.
    let sets: [NamedSet]
    /// Kernel names of the sets that existed (their new content is in `NAME.new`).
    let replaced: [String]
    /// Kernel names of the sets created by this stage.
    let created: [String]
    /// fwd's sets in the kernel before the stage.
    let existing: Set<String>

    /// Creates and fills the sets (step 1).
    static func stage(_ sets: [NamedSet], using ipset: IpsetRunner) async throws(IptablesLoadError) -> IpsetStage {
        let existing = try await ipset.ownedSets()
        var lines: [IpsetRunner.Line] = []
        var replaced: [String] = []
        var created: [String] = []
        for set in sets {
            let name = IpsetNaming.kernelName(of: set)
            var target = name
            if existing.contains(name) {
                target = IpsetNaming.temporaryName(of: name)
                if existing.contains(target) { lines.append(.init(text: "destroy \(target)", set: set)) }
                replaced.append(name)
            } else {
                created.append(name)
            }
            lines.append(.init(text: IpsetElements.createLine(target, for: set), set: set))
            lines += IpsetElements.lines("add", target, elements: set.elements).map { .init(text: $0, set: set) }
        }
        let stage = IpsetStage(ipset: ipset, sets: sets, replaced: replaced, created: created, existing: existing)
        do {
            try await ipset.restore(lines)
        } catch {
            await stage.discard()
            throw error
        }
        return stage
    }

    /// Puts the new contents in place (step 2).
    func swapIn() async throws(IptablesLoadError) {
        try await ipset.restore(swapLines)
    }

    /// Puts the old contents back after a failed load, then discards.
    func swapBack() async {
        try? await ipset.restore(swapLines)
        await discard()
    }

    /// Destroys the temporary and newly created sets.
    func discard() async {
        await ipset.runEach((replaced.map(IpsetNaming.temporaryName) + created).map { ["destroy", $0] })
    }

    /// Destroys the temporary sets and fwd's sets no longer used (step 3).
    func finish() async {
        let wanted = Set(sets.map(IpsetNaming.kernelName(of:)))
        let unused = existing.filter { !wanted.contains($0) && !$0.hasSuffix(IpsetNaming.temporarySuffix) }.sorted()
        await ipset.runEach((replaced.map(IpsetNaming.temporaryName) + unused).map { ["destroy", $0] })
    }

    private var swapLines: [IpsetRunner.Line] {
        replaced.map { name in
            .init(text: "swap \(IpsetNaming.temporaryName(of: name)) \(name)", set: sets.first { IpsetNaming.kernelName(of: $0) == name })
        }
    }
}

extension Ruleset {
    /// The named sets some rule looks up, in declaration order.
    var setsInUse: [NamedSet] {
        var used: Set<String> = []
        for table in tables {
            for chain in table.chains {
                for rule in chain.rules { for setMatch in rule.setMatches { used.insert(setMatch.set) } }
            }
        }
        return sets.filter { used.contains($0.name) }
    }
}
