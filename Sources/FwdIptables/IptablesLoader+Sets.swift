import FwdModel

// Named sets: ipsets loaded in step with the rules.
//
// Order of an apply whose rules use sets (IptablesLoader.applyUnvalidated): (1) every set is
// built — an existing one under `NAME.new`, a new one under its name — so no rule sees a
// half-filled set; (2) the tables are saved and both scripts tested (`iptables-restore --test`
// resolves `--match-set` names, so the sets must exist); (3) `ipset swap` puts each new content in
// place, atomically per set; (4) the scripts are loaded, as without sets; (5) the old contents and
// the sets no rule uses any more are destroyed. A failure in (1) or (2) destroys what (1) created
// and changes nothing else; a failure in (3) or (4) restores the tables (4), swaps the old
// contents back and destroys the new sets.
extension IptablesLoader {
    var ipset: IpsetRunner { IpsetRunner(runner: runner) }

    /// Destroys fwd's ipsets (after an apply whose rules use none); nothing without ipset.
    func removeUnusedSets() async {
        guard IpsetRunner.isInstalled, let stale = try? await ipset.ownedSets(), !stale.isEmpty else { return }
        await ipset.runEach(stale.sorted().map { ["destroy", $0] })
    }

    /// Runs `test` with every set of `sets` present: those missing are created empty for the
    /// test (`--test` needs the names to exist) and destroyed after it, whatever it gives.
    func withSetsForTest(
        _ sets: [NamedSet], _ test: () async throws(IptablesLoadError) -> Void
    ) async throws(IptablesLoadError) {
        guard !sets.isEmpty else { return try await test() }
        let existing = try await ipset.ownedSets()
        let missing = sets.filter { !existing.contains(IpsetNaming.kernelName(of: $0)) }
        try await ipset.restore(missing.map {
            IpsetRunner.Line(text: IpsetElements.createLine(IpsetNaming.kernelName(of: $0), for: $0), set: $0)
        })
        do {
            try await test()
        } catch {
            await ipset.runEach(missing.map { ["destroy", IpsetNaming.kernelName(of: $0)] })
            throw error
        }
        await ipset.runEach(missing.map { ["destroy", IpsetNaming.kernelName(of: $0)] })
    }
}
