import Dispatch
import FwdModel
import Synchronization

/// Loads a fwd config file (YAML or JSON) with its includes into a validated ``Ruleset``.
///
/// ```swift
/// let config = try ConfigLoader().load(path: ConfigLoader.defaultPath)
/// print(config.ruleset.ruleCount, config.digest)
/// ```
///
/// Every problem is reported at once, sorted by `file:line:column`: syntax errors, unknown or
/// duplicate keys, wrong types, bad values, undefined names, include cycles, missing files, and
/// what ``Ruleset/validate()`` finds. See docs/config.md for the format.
public struct ConfigLoader: Sendable {
    /// Where fwd looks for its config by default.
    public static let defaultPath = "/etc/fwd/fwd.yaml"

    /// A loader.
    public init() {}

    /// Loads the config file at `path` and the files it includes.
    /// - Throws: ``ConfigError`` with every problem found.
    public func load(path: String = ConfigLoader.defaultPath) throws(ConfigError) -> LoadedConfig {
        let parser = ConfigParser()
        parser.loadMainFile(path)
        return try finish(parser)
    }

    /// Loads config `text` as if read from `fileName`; includes are relative to its directory.
    /// - Throws: ``ConfigError`` with every problem found.
    public func load(text: String, fileName: String = "<config>") throws(ConfigError) -> LoadedConfig {
        let parser = ConfigParser()
        let canonical = FileSystem.canonicalPath(fileName) ?? fileName
        parser.loadedFiles[canonical] = .some(nil)
        parser.includeStack.append(canonical)
        parser.parse(bytes: Array(text.utf8), name: fileName, directory: FileSystem.directory(of: fileName))
        return try finish(parser)
    }

    private func finish(_ parser: ConfigParser) throws(ConfigError) -> LoadedConfig {
        let digest = Mutex("")
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { [contents = parser.contents, files = parser.files] in
            let hex = ConfigParser.digest(files: files, contents: contents)
            digest.withLock { $0 = hex }
        }
        let (ruleset, problems) = parser.finish()
        guard problems.isEmpty else { throw ConfigError(problems.sorted()) }
        group.wait()
        return LoadedConfig(ruleset: ruleset, files: parser.files, digest: digest.withLock { $0 })
    }
}
