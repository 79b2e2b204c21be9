import FwdTestKit
import Testing

/// The test kit's additions for the packet suite, on the real kernel: TCP data exchanges, several
/// clients around one server, and commands fed on standard input.
@Suite("Test kit: exchanges and several clients")
struct TestKitExchangeTests {
    @Test("A TCP exchange is echoed by an echoing listener, closed by a plain one, refused by none",
        .kernelAccess(needsProbe: true))
    func tcpExchange() async throws {
        try requireKernelAccess(needsProbe: true)
        try await withLinkedNamespaces { client, server, link in
            try await server.withTCPListener(port: 7000, echo: true) { echo async throws in
                #expect(try await client.tcpExchange(with: link.second.ipv4, port: 7000, rounds: 5) == .echoed)
                #expect(try await client.tcpExchange(with: link.second.ipv6, port: 7000) == .echoed)
                #expect(await echo.waitForEvents(count: 2).count == 2)
            }
            try await server.withTCPListener(port: 7001) { _ async throws in
                #expect(try await client.tcpExchange(with: link.second.ipv4, port: 7001) == .closed)
            }
            #expect(try await client.tcpExchange(with: link.second.ipv4, port: 7002) == .refused)
        }
    }

    @Test("Clients around one server each reach it over their own link", .kernelAccess(needsProbe: true))
    func clientsAndServer() async throws {
        try requireKernelAccess(needsProbe: true)
        let addressings = [VethLink.Addressing(number: 3), VethLink.Addressing(number: 4)]
        try await withClientsAndServer(addressings: addressings) { server, links in
            #expect(links.count == 2)
            #expect(Set(links.map(\.second.namespace)) == [server])
            #expect(links.map(\.second.interface) == ["veth1", "veth2"])
            try await server.withTCPListener(port: 7000) { listener async throws in
                for link in links {
                    #expect(try await link.first.namespace.tcpConnect(to: link.second.ipv4, port: 7000) == .connected)
                }
                #expect(await listener.waitForEvents(count: 2).compactMap { $0.fields["peer"] } == ["10.99.3.1", "10.99.4.1"])
            }
            // The clients are not joined to each other: no route from one to the other.
            #expect(try await links[0].first.namespace.tcpConnect(to: links[1].first.ipv4, port: 7000) == .unreachable)
        }
    }

    @Test("A command run in a namespace reads the input it is given", .kernelAccess())
    func standardInput() async throws {
        try requireKernelAccess()
        try await withNetworkNamespace { namespace async throws in
            #expect(try await namespace.runChecked("cat", [], input: "line 1\nline 2\n") == "line 1\nline 2\n")
            #expect(try await namespace.runChecked("cat", []) == "")
        }
    }
}
