import Foundation
import FwdConfig
import FwdDaemon
import FwdModel

/// The ruleset fwd last applied with a backend in a namespace, loaded again from the copy of the
/// config's files that the ``AppliedRulesetStore`` record names: how the nftables backend
/// restores a previous state.
struct AppliedConfig {
    /// The runtime directory holding the records.
    var directory: RuntimeDirectory

    /// The record of what fwd last applied, or nil when fwd applied nothing there.
    func record(backend: String, networkNamespace: String?) throws -> AppliedRecord? {
        try AppliedRulesetStore(directory: directory).record(backend: backend, networkNamespace: networkNamespace)
    }

    /// The copy of the config last applied, or nil when fwd applied nothing there.
    /// - Throws: ``EnvironmentError`` when the record exists but names no copy.
    func copy(backend: String, networkNamespace: String?) throws -> ConfigCopy? {
        guard let record = try record(backend: backend, networkNamespace: networkNamespace) else { return nil }
        guard let copy = record.configCopy else {
            let path = AppliedRulesetStore(directory: directory).path(backend: backend, networkNamespace: networkNamespace)
            throw EnvironmentError(
                "\(path) names no copy of the config fwd applied, so the previous state cannot be restored")
        }
        return copy
    }

    /// Loads the copy with the config loader, as the files were when they were applied.
    /// - Throws: ``EnvironmentError`` when the copy does not load, or does not load the files it
    ///   holds (a file included by absolute path is read where it is, and must not have changed).
    static func load(_ copy: ConfigCopy) throws -> Ruleset {
        let config: LoadedConfig
        do {
            config = try ConfigLoader().load(path: copy.mainFileInCopy)
        } catch {
            throw EnvironmentError(
                "the copy of the config fwd applied (\(copy.directory)) does not load back:\n\(error)")
        }
        var read: [String] = []
        for file in config.fileContents {
            if let original = copy.originalPath(of: file.name) {
                read.append(original)
            } else if FileManager.default.contents(atPath: copy.pathInCopy(file.name)) == Data(file.bytes) {
                read.append(file.name)  // included by absolute path, unchanged since
            } else {
                throw EnvironmentError(
                    "\(file.name), included by absolute path, changed since fwd applied it (or was not"
                        + " part of it): the previous state cannot be restored exactly from \(copy.directory)")
            }
        }
        guard read == copy.files else {
            throw EnvironmentError(
                "the copy in \(copy.directory) read other files than were applied:"
                    + " \(read.joined(separator: ", ")) instead of \(copy.files.joined(separator: ", "))")
        }
        return config.ruleset
    }
}
