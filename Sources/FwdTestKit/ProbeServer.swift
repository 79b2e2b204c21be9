import Subprocess

/// A `fwd-probe` listener running in a namespace for the duration of a closure: what it has seen
/// so far can be read at any time.
public struct ProbeServer: Sendable {
    /// The port it listens on (the one picked by the kernel when 0 was asked for).
    public let port: UInt16
    /// The namespace it runs in.
    public let namespace: NetworkNamespace
    let log: ProbeLog

    /// The event lines printed since it started listening (`accepted`, `received`).
    public func events() async -> [ProbeLine] { await log.lines.filter { $0.event != nil && $0.event != "listening" } }

    /// The peer addresses of the connections accepted or datagrams received so far.
    public func peers() async -> [String] { await events().compactMap { $0.fields["peer"] } }
}

extension NetworkNamespace {
    /// Runs `body` while a TCP listener on `port` accepts (and at once closes) connections in this
    /// namespace, on all its IPv4 and IPv6 addresses. With `echo`, each connection is first served
    /// by sending back what it sends, until it closes or stays quiet for 2 s (one connection at a
    /// time), for ``tcpExchange(with:port:rounds:timeout:payload:)``. The listener is stopped when
    /// `body` ends, and after `lifetime` in any case.
    public func withTCPListener<Result: Sendable>(
        port: UInt16, echo: Bool = false, lifetime: Duration = .seconds(60),
        _ body: (ProbeServer) async throws -> Result
    ) async throws -> Result {
        try await withProbeServer(["tcp-listen", String(port)] + (echo ? ["--echo"] : []), lifetime: lifetime, body)
    }

    /// Runs `body` while a UDP echo server on `port` sends every datagram back, in this namespace.
    /// The server is stopped when `body` ends, and after `lifetime` in any case.
    public func withUDPEcho<Result: Sendable>(
        port: UInt16, lifetime: Duration = .seconds(60), _ body: (ProbeServer) async throws -> Result
    ) async throws -> Result {
        try await withProbeServer(["udp-echo", String(port)], lifetime: lifetime, body)
    }

    /// Starts `fwd-probe arguments` in this namespace, waits (5 s at most) for its `listening`
    /// event, runs `body`, then stops it with SIGTERM (SIGKILL if it lingers).
    func withProbeServer<Result: Sendable>(
        _ arguments: [String], lifetime: Duration, _ body: (ProbeServer) async throws -> Result
    ) async throws -> Result {
        try await runProbe(
            arguments + ["--lifetime", lifetime.secondsText], readyEvent: "listening", gracePeriod: .seconds(1)
        ) { ready, log, commandLine in
            let port = try await log.port(of: ready, commandLine: commandLine)
            return try await body(ProbeServer(port: port, namespace: self, log: log))
        }.result
    }
}

extension ProbeServer {
    /// Waits (at most `timeout`) until the server has reported `count` events, and returns the
    /// events seen by then — fewer than `count` when the time ran out.
    public func waitForEvents(count: Int, timeout: Duration = .seconds(2)) async -> [ProbeLine] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let events = await events()
            if events.count >= count { return events }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await events()
    }
}
