import FwdTestKit
import Testing

/// Proves the traffic probes' detectors on the real kernel: a sink reports exactly the datagrams
/// a firewall rule dropped, and a TCP stream reports the resets a rule injects. Without these, a
/// windowless test that sees "0 lost, 0 reset" could be blind.
@Suite("Traffic probes on the real kernel")
struct TrafficProbeTests {
    static let tools = ["iptables-legacy"]

    @Test(
        "udp-sink reports exactly the flood datagrams an nth-packet DROP rule removed",
        .kernelAccess(tools: tools, needsProbe: true))
    func sinkReportsDroppedSequenceNumbers() async throws {
        try requireKernelAccess(tools: Self.tools, needsProbe: true)
        try await withLinkedNamespaces { client, server, link in
            #expect(try await client.ping(link.second.ipv4) == .replied)
            // Every 100th datagram of the flow, the first included: numbers 0, 100, …, 1900.
            try await server.runChecked("iptables-legacy", [
                "-A", "INPUT", "-p", "udp", "--dport", "6001", "-m", "statistic", "--mode", "nth",
                "--every", "100", "--packet", "0", "-j", "DROP",
            ])
            let probes = [
                server.udpSink(port: 6001, lifetime: .seconds(20)),
                client.udpFlood(to: link.second.ipv4, port: 6001, rate: 5_000, duration: .seconds(10), count: 2_000),
            ]
            let (_, outcomes) = try await withBackgroundProbes(probes) { running in
                // The flood stops by itself after 2,000 datagrams (0.4 s at 5,000/s).
                #expect(await running[1].waitForResult() != nil)
            }
            let sink = try UDPSinkReport(outcomes[0])
            let flood = try UDPFloodReport(outcomes[1])
            #expect(flood.sent == 2_000)
            #expect(sink.received == 1_980)
            #expect(sink.lost(ofSent: flood.sent) == 20)
            #expect(sink.gaps == stride(from: 0, to: 2_000, by: 100).map { $0...$0 })
            #expect(sink.sequenceRange == 1...1_999)
        }
    }

    @Test(
        "tcp-stream reports the resets a REJECT with tcp-reset injects",
        .kernelAccess(tools: tools, needsProbe: true))
    func streamReportsResets() async throws {
        try requireKernelAccess(tools: Self.tools, needsProbe: true)
        try await withLinkedNamespaces { client, server, link in
            let probes = [
                server.tcpEcho(port: 6003, lifetime: .seconds(20)),
                client.tcpStream(to: link.second.ipv4, port: 6003, connections: 2, duration: .seconds(10)),
            ]
            let (_, outcomes) = try await withBackgroundProbes(probes) { running in
                try await Task.sleep(for: .milliseconds(300))
                try await server.runChecked("iptables-legacy", [
                    "-I", "INPUT", "-p", "tcp", "--dport", "6003", "-j", "REJECT", "--reject-with", "tcp-reset",
                ])
                try await Task.sleep(for: .milliseconds(300))
            }
            let stream = try TCPStreamReport(outcomes[1])
            let echo = try TCPEchoReport(outcomes[0])
            #expect(stream.exchanges > 0)
            #expect(stream.resets > 0)
            #expect(!stream.isClean)
            #expect(echo.accepted >= 2)
        }
    }
}
