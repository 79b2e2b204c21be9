import FwdTestKit
import Testing

/// One test's world: a fresh network namespace, a private directory with the config and the
/// runtime directory, and `fwd` run against them. Both are removed on every path.
struct CLIScenario {
    let namespace: NetworkNamespace
    let directory: TestDirectory

    /// The tools the CLI kernel tests need.
    static let tools = ["nft", "iptables-legacy-save", "ip6tables-legacy-save", "iptables-legacy-restore"]

    /// Runs `body` in a fresh scenario.
    static func with<Result: Sendable>(_ body: (CLIScenario) async throws -> Result) async throws -> Result {
        try requireKernelAccess(tools: tools)
        return try await TestDirectory.with { directory in
            try await withNetworkNamespace { namespace in
                try await body(CLIScenario(namespace: namespace, directory: directory))
            }
        }
    }

    /// `<dir>/fwd.yaml`, rewritten with `text`.
    @discardableResult
    func writeConfig(_ text: String, name: String = "fwd.yaml") throws -> String {
        try directory.write(name, text)
    }

    /// The options every kernel command gets: the config, the namespace, the runtime directory.
    func kernelOptions(config: String? = nil) -> [String] {
        [
            "--config", config ?? directory.file("fwd.yaml"), "--netns", namespace.name, "--runtime-dir",
            directory.runtime,
        ]
    }

    /// Runs `fwd arguments…` to completion.
    func fwd(_ arguments: [String], environment: [String: String] = [:]) async throws -> FwdResult {
        try await FwdProcess.run(arguments, environment: environment, directory: directory)
    }

    /// `fwd apply` of the current config with `backend`, expected to succeed.
    func apply(_ backend: BackendUnderTest, extra: [String] = []) async throws {
        let result = try await fwd(["apply"] + kernelOptions() + backend.options + extra)
        #expect(result.exitCode == 0, "\(result)")
    }

    /// The kernel's state for `backend`.
    func readback(_ backend: BackendUnderTest) async throws -> String {
        try await Readback.state(namespace, backend: backend)
    }
}
