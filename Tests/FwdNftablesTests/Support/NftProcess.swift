import Foundation
import Subprocess

/// Runs `nft` on a file inside a new network namespace (`unshare -n`), which disappears with
/// the process: nothing touches the host's own ruleset.
enum NftProcess {
    /// What a run printed.
    struct Output {
        var succeeded: Bool
        var standardOutput: String
        var standardError: String
    }

    /// `nft --debug=netlink -c -f FILE`: the expressions nft builds for `text`, checked by the
    /// kernel but not committed.
    static func debugCheck(_ text: String) async throws -> Output {
        try await withFile(text) { path in
            try await run(["unshare", "-n", "--", "nft", "--debug=netlink", "-c", "-f", path])
        }
    }

    /// `nft -c -f FILE`: a syntax and kernel check of `text`, committing nothing.
    static func check(_ text: String) async throws -> Output {
        try await withFile(text) { path in try await run(["unshare", "-n", "--", "nft", "-c", "-f", path]) }
    }

    /// `nft -f FILE && nft list ruleset` in one namespace: what nft lists once `text` is loaded.
    static func loadAndList(_ text: String) async throws -> Output {
        try await withFile(text) { path in
            try await run(["unshare", "-n", "--", "sh", "-c", "nft -f \"$1\" && nft list ruleset", "sh", path])
        }
    }

    private static func run(_ command: [String]) async throws -> Output {
        let result = try await Subprocess.run(
            .name(command[0]), arguments: Arguments(Array(command.dropFirst())),
            output: .string(limit: 256 << 20), error: .string(limit: 16 << 20))
        return Output(
            succeeded: result.terminationStatus.isSuccess, standardOutput: result.standardOutput,
            standardError: result.standardError)
    }

    private static func withFile<T>(_ text: String, _ body: (String) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fwd-nft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rules.nft").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try await body(path)
    }
}

/// One rule as `nft --debug=netlink` prints it.
struct DebugRule: Equatable, CustomStringConvertible {
    var table: String
    var chain: String
    var lines: [String]
    var userdata: String?

    var description: String { "inet \(table) \(chain)\n" + lines.map { "  \($0)\n" }.joined() }

    /// The rules in `output`: a line `inet TABLE CHAIN`, then its `  [ … ]` expression lines and
    /// an optional `  userdata = …` line. Table, chain and set lines are skipped.
    static func parse(_ output: String) -> [DebugRule] {
        var rules: [DebugRule] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(separator: " ")
            if line.hasPrefix("inet "), words.count == 3, !line.contains("(null)") {
                rules.append(DebugRule(table: String(words[1]), chain: String(words[2]), lines: []))
            } else if line.hasPrefix("  [ "), !rules.isEmpty {
                rules[rules.count - 1].lines.append(String(line.dropFirst(2)))
            } else if line.hasPrefix("  userdata = "), !rules.isEmpty {
                rules[rules.count - 1].userdata = String(line.dropFirst(2))
            }
        }
        return rules
    }
}
