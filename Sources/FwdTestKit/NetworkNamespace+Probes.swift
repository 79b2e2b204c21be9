extension NetworkNamespace {
    /// Tries one TCP connection from this namespace to `address`:`port`, waiting at most `timeout`.
    /// - Throws: ``CommandError`` when the probe cannot run or reports an error of its own.
    public func tcpConnect(
        to address: String, port: UInt16, timeout: Duration = .seconds(1)
    ) async throws -> TCPConnectResult {
        let line = try await runProbe(["tcp-connect", address, String(port), "--timeout", timeout.secondsText], timeout)
        return try line.decodedResult(TCPConnectResult.self)
    }

    /// Connects over TCP from this namespace to `address`:`port` and sends `rounds` messages one
    /// after the other, each waiting at most `timeout` for its echo (the other side runs
    /// ``withTCPListener(port:echo:lifetime:_:)`` with `echo: true`). `timeout` also bounds the
    /// handshake.
    public func tcpExchange(
        with address: String, port: UInt16, rounds: Int = 3, timeout: Duration = .seconds(1),
        payload: String = "fwd-probe"
    ) async throws -> TCPExchangeResult {
        let arguments = [
            "tcp-exchange", address, String(port), "--timeout", timeout.secondsText,
            "--rounds", String(rounds), "--payload", payload,
        ]
        let line = try await runProbe(arguments, timeout * (rounds + 1))
        return try line.decodedResult(TCPExchangeResult.self)
    }

    /// Sends one UDP datagram from this namespace to `address`:`port` and waits at most `timeout`
    /// for it to come back (the other side runs ``withUDPEcho(port:lifetime:_:)``).
    public func udpExchange(
        with address: String, port: UInt16, timeout: Duration = .seconds(1), payload: String = "fwd-probe"
    ) async throws -> UDPExchangeResult {
        let line = try await runProbe(
            ["udp-send", address, String(port), "--timeout", timeout.secondsText, "--payload", payload], timeout)
        return try line.decodedResult(UDPExchangeResult.self)
    }

    /// Pings `address` (ICMP or ICMPv6, by the address's form) `count` times, waiting at most
    /// `timeout` for each reply.
    public func ping(_ address: String, count: Int = 1, timeout: Duration = .seconds(1)) async throws -> PingResult {
        let family = address.contains(":") ? "-6" : "-4"
        let waitSeconds = String(max(1, Int(timeout.components.seconds)))
        let result = try await run(
            "ping", [family, "-n", "-q", "-c", String(count), "-i", "0.2", "-W", waitSeconds, address],
            timeout: timeout * (count + 1) + .seconds(5))
        switch result.exitCode {
        case 0: return .replied
        case 1: return .noReply
        default: throw CommandError.failed(result)
        }
    }

    /// Runs `fwd-probe` with `arguments` in this namespace and returns its result line.
    func runProbe(_ arguments: [String], _ probeTimeout: Duration) async throws -> ProbeLine {
        let probe = try ProbeBinary.require()
        let result = try await run(probe, arguments, timeout: probeTimeout + .seconds(10))
        let lines = result.standardOutput.split(whereSeparator: \.isNewline).compactMap { ProbeLine(String($0)) }
        guard let line = lines.last(where: { $0.result != nil }) else {
            throw CommandError.unexpectedOutput(commandLine: result.commandLine, output: result.description)
        }
        return line
    }
}

extension ProbeLine {
    /// The result as `Outcome`.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` for `result=error` or an
    ///   unknown result.
    func decodedResult<Outcome: RawRepresentable<String>>(_: Outcome.Type) throws -> Outcome {
        guard let name = result, let outcome = Outcome(rawValue: name) else {
            throw CommandError.unexpectedOutput(commandLine: ["fwd-probe"], output: text)
        }
        return outcome
    }
}

extension Duration {
    /// The duration in seconds as text (`1`, `0.5`), for the probe's `--timeout`.
    var secondsText: String {
        let (seconds, attoseconds) = components
        let fraction = Double(attoseconds) / 1e18
        return fraction == 0 ? String(seconds) : String(Double(seconds) + fraction)
    }
}
