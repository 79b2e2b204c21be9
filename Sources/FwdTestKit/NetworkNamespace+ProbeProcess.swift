import Subprocess

extension NetworkNamespace {
    /// Runs `fwd-probe arguments` in this namespace: waits (5 s at most) for its `readyEvent` line,
    /// runs `body` with that line, the probe's log and its command line, then stops the probe with
    /// SIGTERM and waits for it to end (SIGKILL after `gracePeriod`). When `body` throws, the probe
    /// is killed at once. Returns `body`'s result with the log, which holds everything it printed.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` when the probe never prints
    ///   its ready event.
    func runProbe<Result: Sendable>(
        _ arguments: [String], readyEvent: String, gracePeriod: Duration,
        _ body: (_ ready: ProbeLine, _ log: ProbeLog, _ commandLine: [String]) async throws -> Result
    ) async throws -> (result: Result, log: ProbeLog, commandLine: [String]) {
        let probe = try ProbeBinary.require()
        let ip = try Tool.require("ip")
        let commandLine = [ip, "netns", "exec", name, probe] + arguments
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: gracePeriod)]
        let log = ProbeLog()
        let execution = try await Subprocess.run(
            .path(.init(ip)), arguments: .init(Array(commandLine.dropFirst())), platformOptions: options,
            input: .none, output: .sequence, error: .combinedWithOutput
        ) { execution in
            async let reading: Void = log.read(execution.standardOutput)
            do {
                let ready = try await log.waitForEvent(readyEvent, commandLine: commandLine)
                let result = try await body(ready, log, commandLine)
                try? execution.send(signal: .terminate)
                try await reading
                return result
            } catch {
                try? execution.send(signal: .kill)
                _ = try? await reading
                throw error
            }
        }
        return (execution.closureResult, log, commandLine)
    }
}
