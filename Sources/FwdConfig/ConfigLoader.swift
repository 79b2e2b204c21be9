import FwdModel

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
        try load { $0.loadMainFile(path) }
    }

    /// Loads config `text` as if read from `fileName`; includes are relative to its directory.
    /// - Throws: ``ConfigError`` with every problem found.
    public func load(text: String, fileName: String = "<config>") throws(ConfigError) -> LoadedConfig {
        let bytes = Array(text.utf8)
        return try load { parser in
            let canonical = FileSystem.canonicalPath(fileName) ?? fileName
            parser.loadedFiles[canonical] = .some(nil)
            parser.includeStack.append(canonical)
            parser.parse(bytes: bytes, name: fileName, directory: FileSystem.directory(of: fileName))
        }
    }

    /// Reads with `read` and finishes. A file that starts like JSON but is not strict JSON, or a
    /// YAML file outside what the YAML subset reader reads, ends the attempt; the next one reads
    /// that file with libyaml. Each attempt adds a file to those, so there are at most as many
    /// attempts as files, plus one.
    private func load(_ read: (ConfigParser) -> Void) throws(ConfigError) -> LoadedConfig {
        var readAsYAML: [String: Diagnostic] = [:]
        var readWithLibyaml: Set<String> = []
        while true {
            let parser = ConfigParser(readAsYAML: readAsYAML, readWithLibyaml: readWithLibyaml)
            read(parser)
            guard let failure = parser.fastReaderFailure else { return try finish(parser) }
            if let jsonError = failure.jsonError {
                readAsYAML[failure.file] = jsonError
            } else {
                readWithLibyaml.insert(failure.file)
            }
        }
    }

    private func finish(_ parser: ConfigParser) throws(ConfigError) -> LoadedConfig {
        let (ruleset, problems) = parser.finish()
        guard problems.isEmpty else { throw ConfigError(problems.sorted()) }
        return LoadedConfig(ruleset: ruleset, files: parser.files, digest: parser.digest.hexDigest())
    }
}
