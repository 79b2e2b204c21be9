import FwdTestKit
import Glibc
import Testing

extension CLITests {
    /// The daemon's reloads are windowless: while a flood of numbered UDP datagrams goes to an
    /// allowed and a blocked port and TCP connections stay busy, 100 `fwd reload`s of the running
    /// `fwd daemon`, alternating two configs that differ, lose no allowed datagram, let no
    /// blocked one through and reset no connection — on both backends.
    ///
    /// Cost (2 cores, load average 10 from other builds): the 100 reloads took 13 s on nftables
    /// and 25 s on iptables-legacy, 42 s for both cases with namespaces and daemons; mostly the
    /// `fwd reload` processes and, on iptables, the tool runs of each commit.
    ///
    /// The test's notify socket is never read during the reloads, as a stuck receiver would not
    /// be: the daemon drops the notifications it cannot queue instead of stalling the reload.
    @Suite("fwd daemon: 100 reloads under a flood", .kernelAccess(tools: FloodConfigs.tools, needsProbe: true))
    struct DaemonFloodTests {
        static let reloads = 100
        /// The most any probe runs; the reloads must end well within it.
        static let lifetime: Duration = .seconds(150)

        @Test("100 reloads: nothing blocked gets through, nothing allowed is lost", arguments: BackendUnderTest.allCases)
        func reloadsUnderFlood(backend: BackendUnderTest) async throws {
            try requireKernelAccess(tools: FloodConfigs.tools, needsProbe: true)
            try await TestDirectory.with { directory in
                try await withLinkedNamespaces { client, server, link in
                    #expect(try await client.ping(link.second.ipv4) == .replied, "resolve neighbours first")
                    let config = try directory.write("fwd.yaml", FloodConfigs.variant(0))
                    let notify = try NotifySocketReceiver(path: directory.file("notify.sock"))
                    let options = ["--config", config, "--netns", server.name, "--runtime-dir", directory.runtime]
                    let daemon = try FwdProcess(
                        ["daemon"] + options + backend.options, environment: ["NOTIFY_SOCKET": notify.path],
                        directory: directory)
                    defer { daemon.killIfRunning() }
                    let ready = await notify.waitFor("READY=1")
                    try #require(ready.found, "no READY=1 (\(ready.received)); stderr:\n\(daemon.standardErrorSoFar)")

                    let traffic = FloodTraffic(
                        allowedUDPPort: FloodConfigs.allowedUDPPort, blockedUDPPort: FloodConfigs.blockedUDPPort,
                        allowedTCPPort: FloodConfigs.allowedTCPPort, lifetime: Self.lifetime)
                    var failures: [FwdResult] = []
                    let outcome = try await traffic.run(client: client, server: server, link: link) {
                        for round in 1...Self.reloads {
                            try directory.write("fwd.yaml", FloodConfigs.variant(round % 2))
                            let reload = try await FwdProcess.run(
                                ["reload", "--runtime-dir", directory.runtime], directory: directory)
                            if reload.exitCode != 0 { failures.append(reload) }
                        }
                    }
                    print("daemon reloads under flood [\(backend)]: \(outcome.summary)")
                    let context = Comment(rawValue: "\(backend): \(outcome.summary)")
                    #expect(failures.isEmpty, "\(failures.count) reloads failed, first: \(failures.first.map { "\($0)" } ?? "")")
                    #expect(outcome.leakedBlocked == 0, context)
                    #expect(outcome.lostAllowed == 0, context)
                    #expect(outcome.allowedSink.foreign == 0 && outcome.allowedSink.duplicates == 0, context)
                    #expect(outcome.stream.isClean && outcome.stream.resets == 0 && outcome.echo.resets == 0, context)
                    #expect(outcome.stream.exchanges > 0 && outcome.stream.cycled > 0, context)
                    #expect(outcome.window.allowedSent > 500 && outcome.window.blockedSent > 500, context)
                    #expect(outcome.window.workTime < Self.lifetime - .seconds(10), "reloads outlasted the traffic: \(context)")

                    // 100 is even: the last reload applied variant 0.
                    let final = try await Readback.state(server, backend: backend)
                    Self.expectVariant(0, in: final, backend: backend)
                    daemon.send(SIGTERM)
                    let ended = try await daemon.wait(timeout: .seconds(30))
                    #expect(ended.exitCode == 0, "\(ended)")
                }
            }
        }

        /// Expects `readback` to hold variant `variant` of the config, and not the other one.
        static func expectVariant(_ variant: Int, in readback: String, backend: BackendUnderTest) {
            let other = 1 - variant
            for index in 0..<FloodConfigs.decoys {
                let port = FloodConfigs.decoyPort(index, variant: variant)
                let otherPort = FloodConfigs.decoyPort(index, variant: other)
                switch backend {
                case .nftables:
                    #expect(readback.contains("udp dport \(port) accept") && !readback.contains("udp dport \(otherPort) "))
                case .iptablesLegacy:
                    let lines = readback.split(separator: "\n")
                    #expect(lines.filter { $0.hasPrefix("-A decoy\(index) ") && $0.contains("--dport \(port) ") }.count == 2)
                    #expect(!readback.contains("--dport \(otherPort) "))
                }
            }
            #expect(readback.contains("allowed flood \(variant)") && !readback.contains("allowed flood \(other)"))
            switch backend {
            case .nftables: #expect(readback.contains("policy drop"))
            case .iptablesLegacy:
                #expect(readback.split(separator: "\n").filter { $0 == ":INPUT DROP" }.count == 2, "\(readback)")
            }
        }
    }
}
