public import FwdModel

/// Where a ruleset comes from: the YAML config loader through an adapter, or a fixed ruleset in
/// tests. Each call reads afresh (the daemon calls it on every reload).
public protocol RulesetSource: Sendable {
    /// The path shown in messages and checked for safe permissions before loading.
    var primaryPath: String? { get }
    /// Reads and validates the ruleset. Errors should say file:line:column and what is wrong
    /// (they are logged and sent back to `fwd reload` as they are), and conform to
    /// ``ExitCodeProviding`` (1: invalid config).
    func load() async throws -> LoadedRuleset
}

/// A ruleset as loaded, with what the daemon reports and keeps about it.
public struct LoadedRuleset: Sendable {
    /// The validated ruleset.
    public var ruleset: Ruleset
    /// Every file read to build it (the main config and its includes); each is checked for safe
    /// permissions by the daemon.
    public var files: [String]
    /// A digest of the config's content, shown in `STATUS=` and logs.
    public var digest: String
    /// The config's files as read (the main file first, absolute paths): a commit copies them
    /// under the runtime directory as the record of what was applied (``ConfigCopy``). Empty when
    /// the ruleset was not read from files.
    public var sourceFiles: [SourceFile]

    /// A loaded ruleset.
    public init(ruleset: Ruleset, files: [String], digest: String, sourceFiles: [SourceFile] = []) {
        self.ruleset = ruleset
        self.files = files
        self.digest = digest
        self.sourceFiles = sourceFiles
    }
}

/// A source that always yields the same ruleset (for tests and for `fwd apply` of a ruleset built
/// in memory).
public struct FixedRulesetSource: RulesetSource {
    /// The ruleset handed out.
    public var loaded: LoadedRuleset
    /// The path reported, if any.
    public var primaryPath: String?

    /// A source handing out `loaded`.
    public init(_ loaded: LoadedRuleset, primaryPath: String? = nil) {
        self.loaded = loaded
        self.primaryPath = primaryPath
    }

    /// Returns the fixed ruleset.
    public func load() async throws -> LoadedRuleset { loaded }
}
