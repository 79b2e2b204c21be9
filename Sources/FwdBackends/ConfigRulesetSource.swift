import Foundation
public import FwdConfig
public import FwdDaemon

/// The daemon's and the CLI's ruleset source: the YAML config file and its includes, loaded with
/// ``ConfigLoader`` afresh on every call, with the files' bytes as read handed on (a commit keeps
/// them as the record of what was applied).
public struct ConfigRulesetSource: RulesetSource {
    /// The main config file.
    public var path: String

    /// The source reading `path` (default `/etc/fwd/fwd.yaml`).
    public init(path: String = ConfigLoader.defaultPath) {
        self.path = path
    }

    /// The main config file.
    public var primaryPath: String? { path }

    /// Loads and validates the config on a thread of its own; the digest is the first 12 hex
    /// digits of the config's SHA-256, the source files are named by absolute path.
    /// - Throws: ``InvalidConfig`` (exit 1) with every problem, each at its `file:line:column`.
    public func load() async throws -> LoadedRuleset {
        let path = path
        return try await BlockingWork.run("fwd-config-load") {
            let config: LoadedConfig
            do throws(ConfigError) {
                config = try ConfigLoader().load(path: path)
            } catch {
                throw InvalidConfig(error: error)
            }
            let workingDirectory = FileManager.default.currentDirectoryPath
            let sourceFiles = config.fileContents.map { file in
                SourceFile(
                    path: file.name.hasPrefix("/") ? file.name : workingDirectory + "/" + file.name, bytes: file.bytes)
            }
            return LoadedRuleset(
                ruleset: config.ruleset, files: config.files, digest: String(config.digest.prefix(12)),
                sourceFiles: sourceFiles)
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
