import ArgumentParser
import FwdDaemon
import Glibc

/// `fwd check`: validates the config, then has the kernel check the ruleset, changing nothing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the config, then ask the kernel whether it would take it (changes nothing).",
        discussion: """
            The kernel check is the chosen backend's dry run: an nftables batch without its commit \
            message, or iptables-restore --test for both families. It needs root; without root \
            (or with --offline) only the config is checked, and a note says so.
            Exit codes: 0 valid, 1 invalid config, 2 usage error, 3 the kernel would refuse it, \
            4 environment problem (tool or namespace missing).
            """)

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var runtimeOptions: RuntimeOptions

    @Flag(name: .long, help: "Check the config only; do not ask the kernel.")
    var offline = false

    func run() async throws {
        let loaded = try await configOptions.readingSource.load()
        let summary = "\(loaded.ruleset.ruleCount) rules in \(loaded.ruleset.tables.count) table(s)"
        if offline || geteuid() != 0 {
            if !offline {
                StandardError.write("fwd check: not root, so the kernel was not asked (--offline to silence)")
            }
            print("ok: \(configOptions.config): \(summary) (config only)")
            return
        }
        let backend = try backendOptions.resolve(runtimeDirectory: runtimeOptions.directory)
        try await backend.check(loaded.ruleset)
        let place = backend.networkNamespace.map { " in netns \($0)" } ?? ""
        print("ok: \(configOptions.config): \(summary); the kernel would take them (\(backend.name)\(place))")
    }
}
