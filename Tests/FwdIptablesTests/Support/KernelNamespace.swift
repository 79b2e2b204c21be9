@testable import FwdIptables
import Foundation
import FwdModel
import Testing

/// A throwaway network namespace for kernel tests (`ip netns add fwdtest-<random>`), always
/// deleted afterwards, and the gate that decides whether kernel tests can run here.
///
/// Kept small on purpose; FwdTestKit will get the shared version.
enum KernelNamespace {
    /// Why kernel tests cannot run here, or nil when they can (root, and every tool present).
    static func unavailableReason(tools: [String]) -> String? {
        if geteuid() != 0 { return "kernel tests need root" }
        let missing = (["ip"] + tools).filter { ToolRunner.resolve($0) == nil }
        return missing.isEmpty ? nil : "missing tools: \(missing.joined(separator: ", "))"
    }

    /// True when kernel tests can run; otherwise fails the test when `CI=true`, else prints a
    /// loud skip notice and returns false.
    static func canRun(tools: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        guard let reason = unavailableReason(tools: tools) else { return true }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("kernel test cannot run on CI: \(reason)", sourceLocation: sourceLocation)
        } else {
            print("⚠️⚠️⚠️ SKIPPED kernel test at \(sourceLocation): \(reason) ⚠️⚠️⚠️")
        }
        return false
    }

    /// Runs `body` with the name of a fresh namespace, deleting it on every path.
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        let name = "fwdtest-\(UInt32.random(in: 0...UInt32.max))"
        let host = ToolRunner(networkNamespace: nil)
        let added = try await host.run("ip", ["netns", "add", name])
        guard added.succeeded else { throw NamespaceError(message: "ip netns add \(name): \(added.standardError)") }
        do {
            let result = try await body(name)
            await delete(name)
            return result
        } catch {
            await delete(name)
            throw error
        }
    }

    private static func delete(_ name: String) async {
        let deleted = try? await ToolRunner(networkNamespace: nil).run("ip", ["netns", "del", name])
        if deleted?.succeeded != true {
            Issue.record("could not delete network namespace \(name): \(deleted?.standardError ?? "ip not run")")
        }
    }

    /// Runs `command` inside namespace `name` and returns its standard output; a failure is an error.
    static func run(_ command: String, _ arguments: [String], in name: String, input: String? = nil) async throws -> String {
        let output = try await ToolRunner(networkNamespace: name).run(command, arguments, input: input)
        guard output.succeeded else {
            throw NamespaceError(message: "\(command) \(arguments.joined(separator: " ")) failed"
                + " (\(output.exitCode)): \(output.standardError)")
        }
        return output.standardOutput
    }

    struct NamespaceError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
