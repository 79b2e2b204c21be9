import FwdConfig
import FwdDaemon
import FwdModel

/// The ruleset fwd last applied with a backend in a namespace, read back from the canonical YAML
/// the ``AppliedRulesetStore`` keeps: how the nftables backend restores a previous state and how
/// the iptables backend knows which tables are fwd's.
struct AppliedConfig {
    /// The runtime directory holding the records.
    var directory: RuntimeDirectory

    /// The name the copy is loaded under (shown should it ever fail to load).
    static let fileName = "applied.yaml"

    /// The canonical text last applied, or nil when fwd applied nothing there.
    /// - Throws: ``EnvironmentError`` when the record exists but holds no text.
    func canonicalText(backend: String, networkNamespace: String?) throws -> String? {
        let store = AppliedRulesetStore(directory: directory)
        guard let record = try store.record(backend: backend, networkNamespace: networkNamespace) else { return nil }
        guard let text = record.canonicalText else {
            throw EnvironmentError(
                "\(store.path(backend: backend, networkNamespace: networkNamespace)) holds no copy"
                    + " of the config fwd applied, so the previous state cannot be restored")
        }
        return text
    }

    /// The ruleset last applied, or nil when fwd applied nothing there.
    func ruleset(backend: String, networkNamespace: String?) throws -> Ruleset? {
        try canonicalText(backend: backend, networkNamespace: networkNamespace).map(Self.load)
    }

    /// Loads canonical text saved by an earlier commit.
    /// - Throws: ``EnvironmentError`` when it does not load (a damaged state file).
    static func load(_ text: String) throws -> Ruleset {
        do {
            return try ConfigLoader().load(text: text, fileName: fileName).ruleset
        } catch {
            throw EnvironmentError("the copy of the config fwd applied before does not load back:\n\(error)")
        }
    }
}
