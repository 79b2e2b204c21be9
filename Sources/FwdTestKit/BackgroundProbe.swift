import Subprocess

/// A `fwd-probe` run to start in a namespace and keep running in the background while a test
/// does something else (a flood, a sink, a TCP stream): its arguments and the event that says it
/// is ready. Start several with ``withBackgroundProbes(_:_:)``.
public struct BackgroundProbe: Sendable {
    /// The namespace it runs in.
    public var namespace: NetworkNamespace
    /// The probe's arguments (`udp-flood 10.99.1.2 5001 --rate 5000`).
    public var arguments: [String]
    /// The event it prints once it is ready (`listening`, `started`).
    public var readyEvent: String

    /// A probe running `arguments` in `namespace`, ready once it prints `event=readyEvent`.
    public init(namespace: NetworkNamespace, arguments: [String], readyEvent: String) {
        self.namespace = namespace
        self.arguments = arguments
        self.readyEvent = readyEvent
    }
}

/// A background probe while it runs: what it has printed so far.
public struct RunningProbe: Sendable {
    /// What was started.
    public let probe: BackgroundProbe
    /// Its ready event.
    public let readyLine: ProbeLine
    let log: ProbeLog

    /// The event lines printed so far, the ready event included.
    public func events() async -> [ProbeLine] { await log.lines.filter { $0.event != nil } }

    /// The most recent event called `name`, nil when there was none yet.
    public func latestEvent(_ name: String) async -> ProbeLine? {
        await log.lines.last(where: { $0.event == name })
    }

    /// Waits (at most `timeout`) until the probe prints its result line, for a probe that ends on
    /// its own (a flood with a `count`); nil when the time ran out.
    public func waitForResult(timeout: Duration = .seconds(5)) async -> ProbeLine? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        repeat {
            if let line = await log.lines.last(where: { $0.result != nil }) { return line }
            try? await Task.sleep(for: .milliseconds(10))
        } while clock.now < deadline
        return nil
    }
}

/// Starts every probe of `probes` in order, waiting (5 s at most each) for its ready event, runs
/// `body` with them, then stops them in reverse order with SIGTERM (so a flood started after its
/// sink stops before the sink) and returns `body`'s result with each probe's `result=` line, in
/// the order of `probes`. A probe that already finished on its own keeps its result.
///
/// When `body` throws, every probe is killed. Probes are bounded by their own lifetimes too.
/// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` when a probe never gets ready
///   or ends without a result line.
public func withBackgroundProbes<Result: Sendable>(
    _ probes: [BackgroundProbe], _ body: ([RunningProbe]) async throws -> Result
) async throws -> (result: Result, outcomes: [ProbeLine]) {
    guard let first = probes.first else { return (try await body([]), []) }
    let outer = try await first.run { running in
        try await withBackgroundProbes(Array(probes.dropFirst())) { others in try await body([running] + others) }
    }
    return (outer.result.result, [outer.outcome] + outer.result.outcomes)
}

extension BackgroundProbe {
    /// Runs the probe around `body` and returns `body`'s result and the probe's result line.
    func run<Result: Sendable>(
        _ body: (RunningProbe) async throws -> Result
    ) async throws -> (result: Result, outcome: ProbeLine) {
        let (result, log, commandLine) = try await namespace.runProbe(
            arguments, readyEvent: readyEvent, gracePeriod: .seconds(5)
        ) { ready, log, _ in
            try await body(RunningProbe(probe: self, readyLine: ready, log: log))
        }
        guard let outcome = await log.lines.last(where: { $0.result != nil }) else {
            throw CommandError.unexpectedOutput(
                commandLine: commandLine, output: await log.rawLines.joined(separator: "\n"))
        }
        return (result, outcome)
    }
}
