import FwdDaemon
import FwdTestKit
import Glibc
import Testing

@Suite struct SystemdNotifierTests {
    @Test func readyAndStatusArriveOnAPathSocket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try NotifySocketReceiver(path: directory.file("notify"))
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.path])

        try notifier.ready(status: "enforcing 3 rules with nftables (config abc)")
        let message = try #require(await receiver.receive())
        #expect(message.split(separator: "\n") == ["READY=1", "STATUS=enforcing 3 rules with nftables (config abc)"])

        try notifier.status("last reload failed: fw.yaml:3:5: bad\nsecond line")
        #expect(await receiver.receive() == "STATUS=last reload failed: fw.yaml:3:5: bad second line")
    }

    @Test func abstractSocketNamesWork() async throws {
        let name = "@fwd-test-notify-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let receiver = try NotifySocketReceiver(path: name)
        try SystemdNotifier(socketPath: name).stopping(status: "bye")
        #expect(await receiver.receive() == "STOPPING=1\nSTATUS=bye")
    }

    @Test func withoutNotifySocketNothingIsSentAndNothingFails() throws {
        try SystemdNotifier(environment: [:]).ready(status: "x")
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).ready(status: "x")
    }

    @Test func aReceiverThatDoesNotReadNeverBlocksTheSender() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try NotifySocketReceiver(path: directory.file("notify"))
        let notifier = SystemdNotifier(socketPath: receiver.path)
        var dropped = 0
        // Far more than the receiving queue holds (net.unix.max_dgram_qlen, 10 by default).
        for index in 0..<200 {
            do { try notifier.status("reload \(index)") } catch { dropped += 1 }
        }
        #expect(dropped > 0, "the queue never filled: the test proves nothing")
        #expect(await receiver.receive() == "STATUS=reload 0")
    }

    @Test func aMissingSocketIsReported() throws {
        let notifier = SystemdNotifier(socketPath: "/tmp/fwd-no-such-dir-\(getpid())/notify")
        #expect(throws: EnvironmentError.self) { try notifier.ready(status: "x") }
    }
}
