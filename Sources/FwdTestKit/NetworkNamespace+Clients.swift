/// Runs `body` with `count` fresh network namespaces, all removed on every path (see
/// ``NetworkNamespace/with(_:)``).
public func withNetworkNamespaces<Result: Sendable>(
    count: Int, _ body: ([NetworkNamespace]) async throws -> Result
) async throws -> Result {
    guard count > 0 else { return try await body([]) }
    return try await withNetworkNamespace { first in
        try await withNetworkNamespaces(count: count - 1) { rest in try await body([first] + rest) }
    }
}

/// Runs `body` with a server namespace and one client namespace per entry of `addressings`, each
/// client joined to the server by its own veth pair (``VethLink``): link `i`'s first end (`.1`,
/// interface `veth0`) is in client `i`, its second end (`.2`, interface `veth<i+1>`) in the server.
/// Clients reach the server, and the server each client, over their link; clients do not reach
/// each other. Every namespace is removed on every path.
///
/// ```swift
/// try await withClientsAndServer(addressings: [.init(number: 0), .init(number: 7)]) { server, links in
///     let outsider = links[1].first.namespace
///     #expect(try await outsider.tcpConnect(to: links[1].second.ipv4, port: 22) == .timedOut)
/// }
/// ```
public func withClientsAndServer<Result: Sendable>(
    addressings: [VethLink.Addressing],
    _ body: (_ server: NetworkNamespace, _ links: [VethLink]) async throws -> Result
) async throws -> Result {
    try await withNetworkNamespaces(count: addressings.count + 1) { namespaces in
        let server = namespaces[0]
        var links: [VethLink] = []
        for (index, addressing) in addressings.enumerated() {
            links.append(try await VethLink.connect(
                namespaces[index + 1], server, addressing: addressing, interfaces: ("veth0", "veth\(index + 1)")))
        }
        return try await body(server, links)
    }
}
