extension NetworkNamespace {
    /// A background `udp-flood` from this namespace: numbered datagrams to `address`:`port` at
    /// `rate` per second, for `duration` at most (stopping it earlier is the usual end). Its
    /// outcome decodes as ``UDPFloodReport``.
    public func udpFlood(
        to address: String, port: UInt16, rate: Int, duration: Duration, count: Int = 10_000_000, size: Int = 64
    ) -> BackgroundProbe {
        BackgroundProbe(
            namespace: self,
            arguments: [
                "udp-flood", address, String(port), "--rate", String(rate), "--duration", duration.secondsText,
                "--count", String(count), "--size", String(size),
            ],
            readyEvent: "started")
    }

    /// A background `udp-sink` on `port` in this namespace, counting flood datagrams, for
    /// `lifetime` at most. Its outcome decodes as ``UDPSinkReport``.
    public func udpSink(
        port: UInt16, lifetime: Duration, receiveBufferBytes: Int = 16 * 1024 * 1024
    ) -> BackgroundProbe {
        BackgroundProbe(
            namespace: self,
            arguments: [
                "udp-sink", String(port), "--lifetime", lifetime.secondsText,
                "--receive-buffer", String(receiveBufferBytes),
            ],
            readyEvent: "listening")
    }

    /// A background `tcp-echo` server on `port` in this namespace, keeping connections open, for
    /// `lifetime` at most. Its outcome decodes as ``TCPEchoReport``.
    public func tcpEcho(port: UInt16, lifetime: Duration) -> BackgroundProbe {
        BackgroundProbe(
            namespace: self, arguments: ["tcp-echo", String(port), "--lifetime", lifetime.secondsText],
            readyEvent: "listening")
    }

    /// A background `tcp-stream` from this namespace: `connections` connections to a `tcp-echo`
    /// at `address`:`port`, one echoed message on each every `interval`, one connection replaced
    /// every `cycleEvery` rounds, for `duration` at most. Its outcome decodes as
    /// ``TCPStreamReport``.
    public func tcpStream(
        to address: String, port: UInt16, connections: Int = 4, duration: Duration,
        interval: Duration = .milliseconds(10), cycleEvery: Int = 10, timeout: Duration = .seconds(2)
    ) -> BackgroundProbe {
        let (seconds, attoseconds) = interval.components
        let intervalMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return BackgroundProbe(
            namespace: self,
            arguments: [
                "tcp-stream", address, String(port), "--connections", String(connections),
                "--duration", duration.secondsText, "--interval-ms", String(intervalMilliseconds),
                "--cycle-every", String(cycleEvery), "--timeout", timeout.secondsText,
            ],
            readyEvent: "started")
    }

    /// The counters of `/proc/net/snmp` inside this namespace, as `"Udp.RcvbufErrors"` → value:
    /// where the kernel counts datagrams it dropped for reasons other than the firewall.
    public func snmpCounters() async throws -> [String: Int] {
        let text = try await runChecked("cat", ["/proc/net/snmp"])
        var counters: [String: Int] = [:]
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: " ") }
        for (names, values) in zip(lines, lines.dropFirst()) where names.first == values.first {
            guard let group = names.first?.dropLast() else { continue }
            for (name, value) in zip(names.dropFirst(), values.dropFirst()) {
                if let number = Int(value) { counters["\(group).\(name)"] = number }
            }
        }
        return counters
    }
}
