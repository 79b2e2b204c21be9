import Foundation
import FwdDaemon
import Testing

@Suite struct RollbackArmingTests {
    func pending(netns: String? = nil) -> PendingCommit {
        PendingCommit(id: "ID-1", backend: "nftables", networkNamespace: netns,
            previousState: FirewallSnapshot(backend: "nftables", networkNamespace: netns, parts: []), previousRecord: nil,
            digest: "d", deadline: Date())
    }

    @Test func withoutADaemonAHelperIsStarted() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let marker = directory.file("helper-ran")
        let arming = RollbackArming(controlSocketPath: directory.file("control.sock"), helperExecutable: "/bin/sh") {
            ["-c", "echo \"$1\" > \(marker)", "sh", $0.id]
        }
        let waiter = try await arming.arm(pending())
        guard case .helper(let pid) = waiter else {
            Issue.record("expected a helper, got \(waiter)")
            return
        }
        #expect(pid > 0)
        #expect(await eventually { (try? String(contentsOfFile: marker, encoding: .utf8)) == "ID-1\n" })
    }

    @Test func reexecutionArgumentsNameEverythingTheHelperNeeds() {
        let arming = RollbackArming.reexecuting(runtimeDirectory: RuntimeDirectory("/run/fwd"))
        #expect(arming.helperArguments(pending(netns: "blue")) == [
            "_confirm-wait", "--id", "ID-1", "--runtime-dir", "/run/fwd", "--backend", "nftables", "--netns", "blue",
        ])
        #expect(arming.helperLogPath == "/run/fwd/confirm-helper.log")
        #expect(arming.controlSocketPath == "/run/fwd/control.sock")
    }
}
