import Foundation

/// A named network namespace (`ip netns add fwdt-…`) for one test: its own interfaces, addresses,
/// routes, sysctls and firewall, so nothing a test does reaches the host's network.
///
/// Create it with ``create()`` and remove it with ``remove()``, or, better, use
/// ``withNetworkNamespace(_:)``, which removes it on every path.
public struct NetworkNamespace: Sendable, Hashable, CustomStringConvertible {
    /// The namespace's name, `fwdt-<pid>-<random>`: the creating process's id lets
    /// ``removeStale()`` tell leftovers of dead runs from namespaces in use.
    public let name: String

    /// The prefix of every namespace the kit creates.
    public static let namePrefix = "fwdt-"

    /// Refers to an existing namespace called `name` (it is not created).
    public init(existing name: String) { self.name = name }

    /// Creates a namespace with a fresh unique name, brings its loopback interface up and turns off
    /// the ICMP rate limits inside it (so every REJECT is answered). The first call in a process
    /// also removes stale namespaces of earlier runs (``removeStale()``).
    /// - Throws: ``CommandError`` when `ip` is missing or fails (not root).
    public static func create() async throws -> NetworkNamespace {
        await StaleNamespaceSweep.shared.runOnce()
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let namespace = NetworkNamespace(existing: "\(namePrefix)\(getpid())-\(suffix)")
        try await Command.run("ip", ["netns", "add", namespace.name], timeout: .seconds(10)).checked()
        do {
            try await namespace.run("ip", ["link", "set", "lo", "up"]).checked()
            try await namespace.setSysctl("net.ipv4.icmp_ratelimit", "0")
            try await namespace.setSysctl("net.ipv6.icmp.ratelimit", "0")
        } catch {
            try? await namespace.remove()
            throw error
        }
        return namespace
    }

    /// Runs `tool` with `arguments` inside the namespace (`ip netns exec NAME tool …`), giving it
    /// `input` on standard input when given, and killing it after `timeout`. A non-zero exit is a
    /// normal result.
    public func run(
        _ tool: String, _ arguments: [String], input: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> CommandResult {
        let executable = try Tool.require(tool)
        return try await Command.run(
            "ip", ["netns", "exec", name, executable] + arguments, input: input, timeout: timeout)
    }

    /// Runs `tool` inside the namespace (with `input` on standard input when given) and returns
    /// its standard output.
    /// - Throws: ``CommandError/failed(_:)`` when it exits non-zero.
    @discardableResult
    public func runChecked(
        _ tool: String, _ arguments: [String], input: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> String {
        try await run(tool, arguments, input: input, timeout: timeout).checked().standardOutput
    }

    /// Sets the sysctl `key` (`net.ipv4.ip_forward`) to `value` inside this namespace only (the
    /// `net.` sysctls belong to the namespace of the process writing them).
    public func setSysctl(_ key: String, _ value: String) async throws {
        guard key.hasPrefix("net."), key.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw CommandError.unexpectedOutput(commandLine: ["sysctl", key], output: "not a per-namespace net.* sysctl")
        }
        let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
        try await runChecked("sh", ["-c", "printf '%s\\n' \"$1\" > \"$2\"", "sh", value, path])
    }

    /// Reads the sysctl `key` inside this namespace.
    public func sysctl(_ key: String) async throws -> String {
        let path = "/proc/sys/" + key.replacingOccurrences(of: ".", with: "/")
        return try await runChecked("cat", [path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Deletes the namespace, first killing any process still inside it (probes the test started).
    /// Removing a namespace that is already gone is not an error.
    public func remove() async throws {
        // Removal must happen even when the calling task was cancelled: run it in its own task.
        try await Task.detached { try await NetworkNamespace.delete(name) }.value
    }

    private static func delete(_ name: String) async throws {
        guard try await exists(name) else { return }
        let pids = try await Command.run("ip", ["netns", "pids", name], timeout: .seconds(10))
        for pid in pids.standardOutput.split(whereSeparator: \.isNewline).compactMap({ pid_t($0) }) {
            kill(pid, SIGKILL)
        }
        try await Command.run("ip", ["netns", "delete", name], timeout: .seconds(10)).checked()
    }

    /// Whether a namespace called `name` exists.
    public static func exists(_ name: String) async throws -> Bool {
        try await names().contains(name)
    }

    /// The names of all named network namespaces (`ip netns list`).
    public static func names() async throws -> [String] {
        let output = try await Command.run("ip", ["netns", "list"], timeout: .seconds(10)).checked().standardOutput
        return output.split(whereSeparator: \.isNewline).compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The namespace's name.
    public var description: String { name }
}
