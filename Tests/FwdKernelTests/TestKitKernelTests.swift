import FwdTestKit
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Proves the test kit against the real kernel: namespaces, a veth pair, the probes, and a firewall
/// rule loaded inside a namespace changing what the probes see.
@Suite("Test kit on the real kernel")
struct TestKitKernelTests {
    @Test(
        "TCP, UDP and ping across a veth pair; an iptables DROP makes TCP time out",
        .kernelAccess(tools: ["ping", "iptables-legacy", "iptables-legacy-save"], needsProbe: true))
    func probesAcrossVethAndDropRule() async throws {
        try requireKernelAccess(tools: ["ping", "iptables-legacy", "iptables-legacy-save"], needsProbe: true)
        var used: [String] = []
        try await withLinkedNamespaces { client, server, link in
            used = [client.name, server.name]
            let target = link.second
            try await server.withTCPListener(port: 8080) { listener async throws in
                #expect(try await client.tcpConnect(to: target.ipv4, port: 8080) == .connected)
                #expect(try await client.tcpConnect(to: target.ipv6, port: 8080) == .connected)
                #expect(try await client.tcpConnect(to: target.ipv4, port: 8081) == .refused)
                #expect(try await client.tcpConnect(to: target.ipv6, port: 8081) == .refused)
                let peers = await listener.waitForEvents(count: 2).compactMap { $0.fields["peer"] }
                #expect(peers == [link.first.ipv4, link.first.ipv6])

                try await server.runChecked("iptables-legacy", ["-A", "INPUT", "-p", "tcp", "--dport", "8080", "-j", "DROP"])
                let saved = try await server.runChecked("iptables-legacy-save", ["-t", "filter"])
                #expect(saved.contains("-A INPUT -p tcp -m tcp --dport 8080 -j DROP"))
                #expect(try await client.tcpConnect(to: target.ipv4, port: 8080, timeout: .milliseconds(500)) == .timedOut)
                // The IPv4 rule leaves IPv6 alone.
                #expect(try await client.tcpConnect(to: target.ipv6, port: 8080) == .connected)
                #expect(await listener.waitForEvents(count: 3).count == 3)
            }
            for address in [target.ipv4, target.ipv6, link.first.ipv4, link.first.ipv6] {
                let pinger = address == target.ipv4 || address == target.ipv6 ? client : server
                #expect(try await pinger.ping(address) == .replied, "ping \(address)")
            }
            // An address of the link nobody holds: no ARP answer, no reply.
            #expect(try await client.ping("10.99.1.99", timeout: .seconds(1)) == .noReply)
        }
        try #require(used.count == 2)
        for name in used { #expect(try await !NetworkNamespace.exists(name), "\(name) was not removed") }
    }

    @Test("UDP echo answers on both families; a closed port is refused", .kernelAccess(needsProbe: true))
    func udpEcho() async throws {
        try requireKernelAccess(needsProbe: true)
        try await withLinkedNamespaces { client, server, link in
            try await server.withUDPEcho(port: 5353) { echo async throws in
                #expect(try await client.udpExchange(with: link.second.ipv4, port: 5353) == .echoed)
                #expect(try await client.udpExchange(with: link.second.ipv6, port: 5353, payload: "v6") == .echoed)
                let events = await echo.waitForEvents(count: 2)
                #expect(events.map { $0.integer("bytes") } == [9, 2])
            }
            #expect(try await client.udpExchange(with: link.second.ipv4, port: 5353) == .refused)
            #expect(try await client.udpExchange(with: link.second.ipv6, port: 5353) == .refused)
        }
    }

    @Test("A namespace is removed when the body throws", .kernelAccess())
    func removedOnError() async throws {
        try requireKernelAccess()
        struct Planned: Error {}
        var name = ""
        await #expect(throws: Planned.self) {
            try await withNetworkNamespace { namespace in
                name = namespace.name
                #expect(try await NetworkNamespace.exists(namespace.name))
                throw Planned()
            }
        }
        #expect(name.hasPrefix("fwdt-\(getpid())-"))
        #expect(try await !NetworkNamespace.exists(name))
    }

    @Test("Stale namespaces of dead processes are removed, live ones kept", .kernelAccess())
    func staleNamespaces() async throws {
        try requireKernelAccess()
        let deadPID = try #require((4_000_000..<4_100_000).first { kill(pid_t($0), 0) != 0 && errno == ESRCH })
        let stale = "fwdt-\(deadPID)-deadbeef"
        // Creating a namespace first lets the process's one automatic sweep finish, so the explicit
        // sweep below is the one that finds the stale namespace.
        try await withNetworkNamespace { live in
            try await Command.run("ip", ["netns", "add", stale]).checked()
            let removed = try await NetworkNamespace.removeStale()
            #expect(removed.contains(stale))
            #expect(!removed.contains(live.name))
            #expect(try await NetworkNamespace.exists(live.name))
        }
        #expect(try await !NetworkNamespace.exists(stale))
    }

    @Test("Sysctls change inside the namespace only", .kernelAccess())
    func sysctlInsideOnly() async throws {
        try requireKernelAccess()
        let hostBefore = try await Command.run("cat", ["/proc/sys/net/ipv4/ip_forward"]).checked().standardOutput
        try await withNetworkNamespace { namespace in
            let flipped = hostBefore.hasPrefix("1") ? "0" : "1"
            try await namespace.setSysctl("net.ipv4.ip_forward", flipped)
            #expect(try await namespace.sysctl("net.ipv4.ip_forward") == flipped)
            #expect(try await namespace.sysctl("net.ipv4.icmp_ratelimit") == "0")
        }
        let hostAfter = try await Command.run("cat", ["/proc/sys/net/ipv4/ip_forward"]).checked().standardOutput
        #expect(hostAfter == hostBefore)
    }
}
