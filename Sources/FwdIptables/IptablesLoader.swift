public import FwdModel

/// Loads a ruleset into the kernel with `iptables-restore --noflush` (IPv4) and
/// `ip6tables-restore --noflush` (IPv6).
///
/// Each table of the ruleset is brought to the new state as a whole, but never deleted and
/// re-created: the script (``IptablesRenderer``) declares the chains with their policies, flushes
/// the builtin chains (declaring a user chain flushes it), flushes and deletes the user chains the
/// kernel holds that the ruleset no longer has, and appends the rules, all in the table's one
/// commit. A builtin chain the ruleset leaves out is flushed with policy ACCEPT, as when the whole
/// table was replaced. Tables the ruleset does not name are left untouched. (A plain
/// iptables-nft-restore deletes and re-creates each table in its transaction, with the new base
/// chain live at policy ACCEPT before its real policy: blocked packets passed while re-applying.)
///
/// Named sets the rules use are ipsets, built before the rules and swapped in right before them
/// (see `IptablesLoader+Sets.swift`).
///
/// iptables-restore is atomic per table at best, and the two families are two separate runs.
/// ``apply(_:)`` narrows the window in which a failure leaves the host half-configured:
///
/// 1. the ruleset is validated (nothing runs when it has problems);
/// 2. the tables about to be replaced are saved, for both families (`iptables-save -c -t TABLE`),
///    which also tells the user chains to delete;
/// 3. both scripts are run with `--test`, which catches everything the tools can check without
///    the kernel;
/// 4. the IPv4 script is loaded, then the IPv6 script;
/// 5. when a load fails, the saved tables of every family touched so far (including the one
///    that failed: an earlier table of its script may already be committed) are restored with
///    their counters, the same windowless way, and the error says so.
///
/// What is left: the kernel may refuse a table that passed `--test` (legacy only checks target
/// and table constraints at commit); then step 5 restores the previous state. Between steps 2
/// and 4 another program could change the same tables (a chain it deletes makes our `-X` fail,
/// which rolls back); use `-w` (we do) and avoid concurrent writers. A failure while restoring is
/// reported as ``IptablesRefusal/Rollback/failed(_:)``.
public struct IptablesLoader: Sendable {
    /// Which iptables implementation to run.
    public var tool: IptablesTool
    /// The network namespace to load into (`ip netns exec NAME`), or nil for the current one.
    public var networkNamespace: String?

    /// A loader using `tool`, inside `networkNamespace` when given.
    public init(tool: IptablesTool = .auto, networkNamespace: String? = nil) {
        self.tool = tool
        self.networkNamespace = networkNamespace
    }

    var runner: ToolRunner { ToolRunner(networkNamespace: networkNamespace) }

    /// Checks `ruleset` without changing anything: validation, then `--test` for both families.
    ///
    /// - Throws: ``IptablesLoadError/invalidRuleset(_:)`` with every validation problem,
    ///   ``IptablesLoadError/refused(_:)`` located at the rule the tool refused, or an
    ///   environment or tool error.
    public func check(_ ruleset: Ruleset) async throws(IptablesLoadError) {
        try validate(ruleset)
        let scripts = Self.scripts(for: ruleset)
        try await withSetsForTest(ruleset.setsInUse) { () async throws(IptablesLoadError) in
            for script in scripts { try await restore(script, test: true) }
        }
    }

    /// Replaces the ruleset's tables in the kernel, both families, rolling back on failure (see
    /// the type's documentation for the steps).
    ///
    /// - Throws: as ``check(_:)``; a refusal during the load says which families were restored.
    public func apply(_ ruleset: Ruleset) async throws(IptablesLoadError) {
        try validate(ruleset)
        try await applyUnvalidated(ruleset)
    }

    /// Loads `ruleset` without validating it, with the same snapshot, test and rollback steps as
    /// ``apply(_:)``. Internal: tests use it to reach refusals that validation would catch first.
    func applyUnvalidated(_ ruleset: Ruleset) async throws(IptablesLoadError) {
        // Named sets first (see IptablesLoader+Sets.swift): built before the test, which needs
        // them, and swapped in right before the rules.
        let sets = ruleset.setsInUse
        let stage = sets.isEmpty ? nil : try await IpsetStage.stage(sets, using: ipset)
        let tables = ruleset.tables.map(\.kind)
        var snapshots: [IptablesSnapshot] = []
        var scripts: [IptablesScript] = []
        do {
            for family in IPFamily.allCases {
                snapshots.append(try await IptablesSnapshot.save(tables, family: family, tool: tool, runner: runner))
            }
            let renderer = IptablesRenderer()
            scripts = snapshots.map { snapshot in
                renderer.render(ruleset, family: snapshot.family, removingChains: snapshot.staleUserChains(keeping: ruleset))
            }
            for script in scripts {
                try await restore(script, test: true)
            }
        } catch {
            await stage?.discard()
            throw error
        }
        do throws(IptablesLoadError) {
            try await stage?.swapIn()
            var touched: [IptablesSnapshot] = []
            for (script, snapshot) in zip(scripts, snapshots) {
                touched.append(snapshot)
                do {
                    try await restore(script, test: false)
                } catch {
                    throw await rolledBack(error, restoring: touched)
                }
            }
        } catch {
            await stage?.swapBack()
            throw error
        }
        if let stage { await stage.finish() } else { await removeUnusedSets() }
    }

    /// `error` after restoring `snapshots` (last loaded first), with the outcome recorded in it.
    private func rolledBack(_ error: IptablesLoadError, restoring snapshots: [IptablesSnapshot]) async -> IptablesLoadError {
        var failures: [String] = []
        for snapshot in snapshots.reversed() {
            do {
                try await snapshot.restore(tool: tool, runner: runner)
            } catch {
                failures.append("\(snapshot.family): \(error)")
            }
        }
        guard case .refused(var refusal) = error else {
            if failures.isEmpty { return error }
            return .toolFailed(
                command: tool.restoreCommand(for: snapshots.last?.family ?? .ipv4), exitCode: 1,
                standardError: "\(error)\nrestoring the previous tables failed too: \(failures.joined(separator: "; "))")
        }
        refusal.rollback = failures.isEmpty ? .restored(snapshots.map(\.family)) : .failed(failures.joined(separator: "; "))
        return .refused(refusal)
    }

    /// Throws every validation problem of `ruleset`, if any.
    private func validate(_ ruleset: Ruleset) throws(IptablesLoadError) {
        let problems = ruleset.validate()
        guard problems.isEmpty else { throw .invalidRuleset(ValidationError(problems)) }
    }

    /// Both families' scripts, IPv4 first, removing no chain (what `--test` needs: it checks the
    /// rules, not which chains the kernel holds).
    static func scripts(for ruleset: Ruleset) -> [IptablesScript] {
        let renderer = IptablesRenderer()
        return IPFamily.allCases.map { renderer.render(ruleset, family: $0) }
    }

    /// Runs the restore tool on `script` (`--test` when `test`), mapping a refusal to the model.
    func restore(_ script: IptablesScript, test: Bool) async throws(IptablesLoadError) {
        let command = tool.restoreCommand(for: script.family)
        let output = try await runner.run(command, ["-w", "--noflush"] + (test ? ["--test"] : []), input: script.text)
        guard !output.succeeded else { return }
        throw IptablesLoader.refusal(
            command: command, script: script, wasTest: test, exitCode: output.exitCode,
            standardError: output.standardError)
    }

    /// The error for a failed restore of `script`: an environment problem when the tool says so,
    /// else a refusal located through the line it names.
    static func refusal(
        command: String, script: IptablesScript, wasTest: Bool, exitCode: Int32, standardError: String
    ) -> IptablesLoadError {
        if let problem = IptablesLoader.environmentProblem(in: standardError) {
            return .environment("\(command): \(problem)")
        }
        let parsed = IptablesErrorParser.parse(standardError)
        let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false)
        let scriptLine = parsed.line.flatMap { $0 >= 1 && $0 <= lines.count ? String(lines[$0 - 1]) : nil }
        return .refused(IptablesRefusal(
            command: command, family: script.family, wasTest: wasTest, line: parsed.line,
            origin: parsed.line.flatMap(script.origin(ofLine:)), scriptLine: scriptLine,
            toolMessage: parsed.message.isEmpty ? "exit code \(exitCode)" : parsed.message,
            standardError: standardError))
    }

    /// The tool's complaint when it is about the environment rather than the rules.
    static func environmentProblem(in standardError: String) -> String? {
        let markers = [
            "you must be root", "Permission denied", "Cannot open network namespace", "can't initialize",
            "unable to initialize table", "Could not fetch rule set generation id", "Failed to initialize nft",
            "exec of", "Address family not supported",
        ]
        guard markers.contains(where: { standardError.contains($0) }) else { return nil }
        return IptablesErrorParser.parse(standardError).message
    }
}
