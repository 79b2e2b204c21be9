public import FwdModel

extension IptablesLoader {
    /// Every table of `family` the kernel holds now, as `iptables-save -c` prints it (counters
    /// included), or only `table` with `-t`. With the legacy tool, `-t` loads a missing table
    /// (empty): leave it out to read only what exists.
    ///
    /// - Throws: ``IptablesLoadError/environment(_:)`` or ``IptablesLoadError/toolFailed(command:exitCode:standardError:)``.
    public func save(family: IPFamily, table: TableKind? = nil) async throws(IptablesLoadError) -> String {
        let command = tool.saveCommand(for: family)
        let output = try await ToolRunner(networkNamespace: networkNamespace)
            .run(command, ["-c"] + (table.map { ["-t", $0.rawValue] } ?? []))
        guard output.succeeded else {
            if let problem = IptablesLoader.environmentProblem(in: output.standardError) {
                throw .environment("\(command): \(problem)")
            }
            throw .toolFailed(command: command, exitCode: output.exitCode, standardError: output.standardError)
        }
        return output.standardOutput
    }

    /// Loads iptables-save text of `family` back with `iptables-restore -w -c` (counters
    /// included), replacing each table it names and no other; with `noflush`, `--noflush`: the
    /// tables are kept and the text itself says what to flush and delete. Nothing is validated:
    /// the text is what ``save(family:table:)`` gave, or built from it.
    ///
    /// - Throws: ``IptablesLoadError/environment(_:)`` or ``IptablesLoadError/toolFailed(command:exitCode:standardError:)``.
    public func restoreSaved(_ text: String, family: IPFamily, noflush: Bool = false) async throws(IptablesLoadError) {
        let command = tool.restoreCommand(for: family)
        let output = try await ToolRunner(networkNamespace: networkNamespace)
            .run(command, ["-w", "-c"] + (noflush ? ["--noflush"] : []), input: text)
        guard output.succeeded else {
            if let problem = IptablesLoader.environmentProblem(in: output.standardError) {
                throw .environment("\(command): \(problem)")
            }
            throw .toolFailed(command: command, exitCode: output.exitCode, standardError: output.standardError)
        }
    }
}
