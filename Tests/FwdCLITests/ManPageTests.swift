import Foundation
import Testing

extension CLITests {
    /// docs/fwd.8 and the binary's `--help` name the same commands and options.
    @Suite("fwd(8) matches the CLI")
    struct ManPageTests {
        static let manPage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/fwd.8").path

        static let commands = ["show", "check", "apply", "confirm", "reload", "daemon", "set"]

        /// The long options a command's `--help` lists under OPTIONS, without --help and --version.
        func helpOptions(_ command: String, directory: TestDirectory) async throws -> Set<String> {
            let help = try await FwdProcess.run([command, "--help"], directory: directory)
            #expect(help.exitCode == 0, "\(help)")
            let section = help.standardOutput.components(separatedBy: "OPTIONS:").last ?? ""
            let options = section.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.drop(while: { $0 == " " })
                let option = trimmed.hasPrefix("-h, ") ? trimmed.dropFirst(4) : trimmed
                guard option.hasPrefix("--") else { return nil }
                return String(option.prefix(while: { !$0.isWhitespace }))
            }
            return Set(options).subtracting(["--help", "--version"])
        }

        @Test("every option of every command is in the man page, and every option there exists")
        func optionsMatch() async throws {
            let page = try String(contentsOfFile: Self.manPage, encoding: .utf8).replacingOccurrences(
                of: "\\-", with: "-")
            try await TestDirectory.with { directory in
                var all: Set<String> = []
                for command in Self.commands {
                    #expect(page.contains(".B fwd \(command)"), "the synopsis lacks \(command)")
                    let options = try await helpOptions(command, directory: directory)
                    #expect(!options.isEmpty || ["confirm", "reload"].contains(command))
                    for option in options {
                        #expect(page.contains(option), "fwd \(command) \(option) is not in fwd(8)")
                    }
                    all.formUnion(options)
                }
                let documented = page.split(whereSeparator: { !($0.isLetter || $0 == "-") })
                    .filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init)
                // Options of other tools the page mentions (`iptables-restore --test`).
                for option in Set(documented).subtracting(["--test"]) {
                    #expect(all.contains(option), "fwd(8) documents \(option), which no command takes")
                }
            }
        }
    }
}
