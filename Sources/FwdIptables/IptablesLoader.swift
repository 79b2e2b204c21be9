public import FwdModel

/// Loads a ruleset into the kernel with `iptables-restore` (IPv4) and `ip6tables-restore` (IPv6).
///
/// Each table of the ruleset is replaced as a whole (iptables-restore flushes every table it
/// names); tables the ruleset does not name are left untouched.
///
/// Named sets the rules use are ipsets, loaded before the rules and swapped in without a window
/// (see ``apply(_:)`` and `IptablesLoader+Sets.swift`).
///
/// iptables-restore is atomic per table at best, and the two families are two separate runs.
/// ``apply(_:)`` narrows the window in which a failure leaves the host half-configured:
///
/// 1. the ruleset is validated (nothing runs when it has problems);
/// 2. both scripts are run with `--test`, which catches everything the tools can check without
///    the kernel;
/// 3. the tables about to be replaced are saved, for both families (`iptables-save -c -t TABLE`);
/// 4. the IPv4 script is loaded, then the IPv6 script;
/// 5. when a load fails, the saved tables of every family touched so far (including the one
///    that failed: an earlier table of its script may already be committed) are restored with
///    their counters, and the error says so.
///
/// What is left: the kernel may refuse a table that passed `--test` (legacy only checks target
/// and table constraints at commit); then step 5 restores the previous state. Between steps 4
/// and 5 another program could change the same tables; use `-w` (we do) and avoid concurrent
/// writers. A failure while restoring is reported as ``IptablesRefusal/Rollback/failed(_:)``.
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
        let scripts = try scripts(for: ruleset)
        try await withSetsForTest(ruleset.setsInUse) { () async throws(IptablesLoadError) in
            for script in scripts { try await restore(script, test: true) }
        }
    }

    /// Replaces the ruleset's tables in the kernel, both families, rolling back on failure (see
    /// the type's documentation for the steps).
    ///
    /// - Throws: as ``check(_:)``; a refusal during the load says which families were restored.
    public func apply(_ ruleset: Ruleset) async throws(IptablesLoadError) {
        try await apply(scripts(for: ruleset), sets: ruleset.setsInUse)
    }

    /// Loads already rendered scripts with the same test, snapshot and rollback steps as
    /// ``apply(_:)``. Internal: tests use it to reach refusals that validation would catch first.
    func apply(_ scripts: [IptablesScript]) async throws(IptablesLoadError) {
        for script in scripts {
            try await restore(script, test: true)
        }
        try await load(scripts)
    }

    /// Saves the tables the scripts replace, loads the scripts, and restores the saved tables
    /// when a load fails.
    func load(_ scripts: [IptablesScript]) async throws(IptablesLoadError) {
        var snapshots: [IptablesSnapshot] = []
        for script in scripts {
            snapshots.append(try await IptablesSnapshot.save(script.tables, family: script.family, tool: tool, runner: runner))
        }
        var touched: [IptablesSnapshot] = []
        for (script, snapshot) in zip(scripts, snapshots) {
            touched.append(snapshot)
            do {
                try await restore(script, test: false)
            } catch {
                throw await rolledBack(error, restoring: touched)
            }
        }
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

    /// The validated ruleset's scripts, IPv4 first.
    private func scripts(for ruleset: Ruleset) throws(IptablesLoadError) -> [IptablesScript] {
        let problems = ruleset.validate()
        guard problems.isEmpty else { throw .invalidRuleset(ValidationError(problems)) }
        return Self.unvalidatedScripts(for: ruleset)
    }

    /// Both families' scripts without validating first (tests only reach refusals this way).
    static func unvalidatedScripts(for ruleset: Ruleset) -> [IptablesScript] {
        let renderer = IptablesRenderer()
        return IPFamily.allCases.map { renderer.render(ruleset, family: $0) }
    }

    /// Runs the restore tool on `script` (`--test` when `test`), mapping a refusal to the model.
    func restore(_ script: IptablesScript, test: Bool) async throws(IptablesLoadError) {
        let command = tool.restoreCommand(for: script.family)
        let output = try await runner.run(command, ["-w"] + (test ? ["--test"] : []), input: script.text)
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
