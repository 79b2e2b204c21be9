public import FwdConfig
public import FwdDaemon

/// The daemon's and the CLI's ruleset source: the YAML config file and its includes, loaded with
/// ``ConfigLoader`` afresh on every call, with the canonical YAML kept as the applied copy.
public struct ConfigRulesetSource: RulesetSource {
    /// The main config file.
    public var path: String
    /// Whether ``LoadedRuleset/canonicalText`` is filled in: commits need it (it is how the
    /// nftables backend restores a previous state); `fwd show` and `fwd check` do not.
    public var printsCanonicalText: Bool

    /// The source reading `path` (default `/etc/fwd/fwd.yaml`).
    public init(path: String = ConfigLoader.defaultPath, printsCanonicalText: Bool = true) {
        self.path = path
        self.printsCanonicalText = printsCanonicalText
    }

    /// The main config file.
    public var primaryPath: String? { path }

    /// Loads, validates and (when asked) prints the config canonically, on a thread of its own;
    /// the digest is the first 12 hex digits of the config's SHA-256.
    /// - Throws: ``InvalidConfig`` (exit 1) with every problem, each at its `file:line:column`.
    public func load() async throws -> LoadedRuleset {
        let path = path
        let printsCanonicalText = printsCanonicalText
        return try await BlockingWork.run("fwd-config-load") {
            let config: LoadedConfig
            do throws(ConfigError) {
                config = try ConfigLoader().load(path: path)
            } catch {
                throw InvalidConfig(error: error)
            }
            return LoadedRuleset(
                ruleset: config.ruleset, files: config.files, digest: String(config.digest.prefix(12)),
                canonicalText: printsCanonicalText ? config.ruleset.canonicalYAML() : nil)
        }
    }
}

/// The config does not load: its problems, one per line as `file:line:column: what is wrong`.
public struct InvalidConfig: Error, Hashable, Sendable, CustomStringConvertible, ExitCodeProviding {
    /// What the loader found.
    public var error: ConfigError

    /// An error for `error`.
    public init(error: ConfigError) { self.error = error }

    /// One problem per line.
    public var description: String { error.description }

    /// 1.
    public var exitCode: FwdExitCode { .invalidConfig }
}
