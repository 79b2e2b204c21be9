import FwdModel

/// Runs `ipset` for the iptables backend, in the loader's network namespace: lists fwd's sets,
/// and feeds scripts to `ipset restore` (one process per step), mapping a failed line back to the
/// set it belongs to.
struct IpsetRunner: Sendable {
    let runner: ToolRunner

    /// The names of fwd's ipsets in the kernel (`ipset list -n`), temporary ones included.
    func ownedSets() async throws(IptablesLoadError) -> Set<String> {
        guard IpsetRunner.isInstalled else {
            throw .environment("ipset not found (searched PATH, /usr/sbin, /sbin): the iptables backend needs it for"
                + " named sets (Debian package ipset)")
        }
        let output = try await runner.run("ipset", ["list", "-n"])
        guard output.succeeded else {
            throw .toolFailed(command: "ipset list -n", exitCode: output.exitCode, standardError: output.standardError)
        }
        return Set(output.standardOutput.split(whereSeparator: \.isNewline).map(String.init).filter(IpsetNaming.isOwned))
    }

    /// Whether the `ipset` tool is installed.
    static var isInstalled: Bool { ToolRunner.resolve("ipset") != nil }

    /// One line of a restore script and the set it is about (for errors).
    struct Line {
        var text: String
        var set: NamedSet?
    }

    /// Runs `lines` through one `ipset restore`.
    /// - Throws: ``IptablesLoadError/toolFailed(command:exitCode:standardError:)`` naming the set
    ///   (and where it was declared) of the line ipset refused.
    func restore(_ lines: [Line], ignoringExisting: Bool = false) async throws(IptablesLoadError) {
        guard !lines.isEmpty else { return }
        let script = lines.map(\.text).joined(separator: "\n") + "\n"
        let output = try await runner.run("ipset", (ignoringExisting ? ["-exist"] : []) + ["restore"], input: script)
        guard !output.succeeded else { return }
        throw .toolFailed(
            command: "ipset restore", exitCode: output.exitCode,
            standardError: IpsetRunner.located(output.standardError, lines: lines))
    }

    /// Runs each line as its own `ipset` command, ignoring failures (cleanup: a set still used
    /// by rules fwd does not manage cannot be destroyed, and stays).
    func runEach(_ commands: [[String]]) async {
        for arguments in commands { _ = try? await runner.run("ipset", arguments) }
    }

    /// ipset's `Error in line N: …` with the set of line N and where it was declared.
    static func located(_ standardError: String, lines: [Line]) -> String {
        let message = standardError.split(whereSeparator: \.isNewline).map { line -> String in
            guard let colon = line.firstRange(of: ": ") , line.hasPrefix("ipset v") else { return String(line) }
            return String(line[colon.upperBound...])
        }.joined(separator: "; ")
        guard let range = message.firstRange(of: "Error in line "),
            let number = Int(message[range.upperBound...].prefix { $0.isNumber }),
            lines.indices.contains(number - 1), let set = lines[number - 1].set
        else { return message }
        return "\(set.location): set '\(set.name)': \(message) (`\(lines[number - 1].text)`)"
    }
}
