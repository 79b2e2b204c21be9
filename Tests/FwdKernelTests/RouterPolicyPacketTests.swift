import FwdConfig
import FwdModel
import FwdTestKit
import Testing

/// A two-zone router described with zones and policies in a config, probed with real packets: a
/// router namespace between a LAN client and a WAN client, forwarding enabled inside the router
/// only. Every backend must give the same verdicts.
@Suite("Zone policies: a two-zone router", .serialized)
struct RouterPolicyPacketTests {
    /// LAN (veth1, 10.99.21.0/24) may open TCP 8080 to the WAN; the WAN may ping the router but
    /// reach nothing on the LAN; blocked WAN hosts (a named set) get nothing at all.
    static let config = """
        sets:
          blocked: [10.99.22.99]
        zones:
          lan: {interfaces: veth1, addresses: [10.99.21.0/24]}
          wan: {interfaces: veth2}
        services:
          app: {proto: tcp, dport: 8080}
        tables:
          filter:
            INPUT:
              policy: DROP
              rules:
                - {ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}
                - {source: "@blocked", jump: DROP}
            FORWARD:
              policy: DROP
              rules:
                - {ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}
        policies:
          - {name: lan-app, from: lan, to: wan, services: [app], verdict: accept}
          - {name: wan-ping, from: wan, to: host, services: [ping], verdict: accept}
          - {name: wan-to-lan, from: wan, to: lan, verdict: reject, log: true}
        """

    @Test("LAN reaches the WAN's app port only; the WAN pings the router but not the LAN",
        .kernelAccess(tools: FirewallUnderTest.allTools + ["ipset"], needsProbe: true))
    func twoZoneRouter() async throws {
        try requireKernelAccess(tools: FirewallUnderTest.allTools + ["ipset"], needsProbe: true)
        let ruleset = try ConfigLoader().load(text: Self.config, fileName: "router.yaml").ruleset
        let addressings = [VethLink.Addressing(number: 21), VethLink.Addressing(number: 22)]
        for backend in FirewallUnderTest.all {
            try await withClientsAndServer(addressings: addressings) { router, links in
                let (lan, wan) = (links[0].first, links[1].first)
                try await router.setSysctl("net.ipv4.ip_forward", "1")
                try await lan.namespace.runChecked("ip", ["route", "add", "10.99.22.0/24", "via", links[0].second.ipv4])
                try await wan.namespace.runChecked("ip", ["route", "add", "10.99.21.0/24", "via", links[1].second.ipv4])
                try await backend.apply(ruleset, router.name)
                try await wan.namespace.withTCPListener(port: 8080) { _ async throws in
                    try await wan.namespace.withTCPListener(port: 8081) { _ async throws in
                        #expect(try await lan.namespace.tcpConnect(to: wan.ipv4, port: 8080) == .connected, "\(backend)")
                        #expect(try await lan.namespace.tcpConnect(to: wan.ipv4, port: 8081) == .timedOut, "\(backend)")
                    }
                }
                try await lan.namespace.withTCPListener(port: 8080) { _ async throws in
                    // REJECT's default answer, ICMP port unreachable, reads as a refused connection.
                    #expect(try await wan.namespace.tcpConnect(to: lan.ipv4, port: 8080) == .refused, "\(backend)")
                }
                #expect(try await wan.namespace.ping(links[1].second.ipv4) == .replied, "\(backend)")
                #expect(try await lan.namespace.ping(links[0].second.ipv4) == .noReply, "\(backend)")
                // A blocked WAN host: its ping to the router is dropped by the set lookup.
                try await wan.namespace.runChecked("ip", ["addr", "add", "10.99.22.99/24", "dev", wan.interface])
                let blocked = try await wan.namespace.run(
                    "ping", ["-4", "-n", "-q", "-c", "1", "-W", "1", "-I", "10.99.22.99", links[1].second.ipv4])
                #expect(blocked.exitCode == 1, "\(backend): a blocked host's ping was answered")
                #expect(try await wan.namespace.ping(links[1].second.ipv4) == .replied, "\(backend)")
            }
        }
    }
}
