extension NetworkNamespace {
    /// Runs `body` with a fresh namespace and removes the namespace afterwards, whether `body`
    /// returns, throws or is cancelled.
    public static func with<Result: Sendable>(
        _ body: (NetworkNamespace) async throws -> Result
    ) async throws -> Result {
        let namespace = try await NetworkNamespace.create()
        let result: Result
        do {
            result = try await body(namespace)
        } catch {
            try? await namespace.remove()
            throw error
        }
        try await namespace.remove()
        return result
    }
}

/// Runs `body` with a fresh network namespace, removed on every path (see
/// ``NetworkNamespace/with(_:)``).
public func withNetworkNamespace<Result: Sendable>(
    _ body: (NetworkNamespace) async throws -> Result
) async throws -> Result {
    try await NetworkNamespace.with(body)
}

/// Runs `body` with two fresh namespaces joined by a veth pair (``VethLink``): `client` holds the
/// link's first end, `server` its second. Both are removed on every path.
public func withLinkedNamespaces<Result: Sendable>(
    addressing: VethLink.Addressing = .default,
    _ body: (_ client: NetworkNamespace, _ server: NetworkNamespace, _ link: VethLink) async throws -> Result
) async throws -> Result {
    try await withNetworkNamespace { client in
        try await withNetworkNamespace { server in
            let link = try await VethLink.connect(client, server, addressing: addressing)
            return try await body(client, server, link)
        }
    }
}
