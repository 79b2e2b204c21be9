public import FwdModel

/// Every problem a config has, from reading, parsing and validating it, sorted by location.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, each with its `file:line:column`, sorted by location.
    public var diagnostics: [Diagnostic]

    /// An error holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One problem per line: `file:line:column: what is wrong`.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A config that loaded without problems.
public struct LoadedConfig: Hashable, Sendable {
    /// The rules, validated.
    public var ruleset: Ruleset
    /// The files read, in the order read: the main file, then each include where it is included.
    public var files: [String]
    /// SHA-256 (hex) over the files read, their names and contents: it changes when any changes.
    public var digest: String
    /// The files read, in the order read, with the bytes parsed: the config exactly as loaded.
    public var fileContents: [ConfigFile]

    /// A loaded config.
    public init(ruleset: Ruleset, files: [String], digest: String, fileContents: [ConfigFile] = []) {
        self.ruleset = ruleset
        self.files = files
        self.digest = digest
        self.fileContents = fileContents
    }
}
