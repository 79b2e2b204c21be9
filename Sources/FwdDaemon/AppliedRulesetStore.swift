public import Foundation

/// What fwd last committed with one backend in one namespace, kept under the runtime directory:
/// the config's own files (``ConfigCopy``), which the nftables adapter loads and re-applies to
/// restore the previous state, and the tables and chains the ruleset named, which tell the
/// iptables adapter what is fwd's.
public struct AppliedRecord: Codable, Hashable, Sendable {
    /// The backend that applied it.
    public var backend: String
    /// The namespace it was applied in.
    public var networkNamespace: String?
    /// The config digest.
    public var digest: String
    /// The number of rules.
    public var ruleCount: Int
    /// The copy of the config's files, when the source read files.
    public var configCopy: ConfigCopy?
    /// The tables the ruleset names (`filter`, `nat`, …), each with its user chains; nil in
    /// records written before fwd kept them.
    public var tables: [String: [String]]?
    /// When it was applied.
    public var appliedAt: Date

    /// A record of a commit.
    public init(
        backend: String, networkNamespace: String?, digest: String, ruleCount: Int, configCopy: ConfigCopy? = nil,
        tables: [String: [String]]? = nil, appliedAt: Date = Date()
    ) {
        self.backend = backend
        self.networkNamespace = networkNamespace
        self.digest = digest
        self.ruleCount = ruleCount
        self.configCopy = configCopy
        self.tables = tables
        self.appliedAt = appliedAt
    }
}

/// Reads and writes ``AppliedRecord``s: one file per backend and namespace,
/// `<dir>/applied-<backend>[@<netns>].json`, each naming its copy of the config
/// (`<dir>/config-<id>/`).
public struct AppliedRulesetStore: Hashable, Sendable {
    /// The runtime directory holding the records.
    public var directory: RuntimeDirectory

    /// A store in `directory`.
    public init(directory: RuntimeDirectory = RuntimeDirectory()) { self.directory = directory }

    /// The record's path for `backend` in `networkNamespace`.
    public func path(backend: String, networkNamespace: String?) -> String {
        let key = backend + (networkNamespace.map { "@" + $0 } ?? "")
        return directory.file("applied-" + key.map { $0.isLetter || $0.isNumber || $0 == "@" || $0 == "-" ? $0 : "_" }
            .reduce(into: "") { $0.append($1) } + ".json")
    }

    /// The last record for `backend` in `networkNamespace`, or nil when fwd applied nothing there
    /// since boot (or since the record was removed).
    public func record(backend: String, networkNamespace: String?) throws -> AppliedRecord? {
        guard let text = try StateFile.read(path(backend: backend, networkNamespace: networkNamespace)) else {
            return nil
        }
        return try StateCoding.decode(AppliedRecord.self, from: text)
    }

    /// Stores `record`, replacing the previous one.
    public func save(_ record: AppliedRecord) throws {
        try directory.prepare()
        try StateFile.write(
            StateCoding.encode(record), to: path(backend: record.backend, networkNamespace: record.networkNamespace))
    }

    /// Forgets the record for `backend` in `networkNamespace` (after fwd's tables were removed),
    /// with its copy of the config unless a pending commit-confirmed still needs it.
    public func remove(backend: String, networkNamespace: String?) {
        StateFile.remove(path(backend: backend, networkNamespace: networkNamespace))
        removeUnusedCopies()
    }
}

/// JSON for the state files.
enum StateCoding {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw EnvironmentError("state file is damaged (\(error)); remove it to start afresh")
        }
    }
}
