import Subprocess

/// The lines a running probe server printed, collected as they arrive.
actor ProbeLog {
    /// The probe lines so far.
    private(set) var lines: [ProbeLine] = []
    /// Every line, probe line or not (error messages), for failure reports.
    private(set) var rawLines: [String] = []
    private var finished = false

    /// Reads `output` line by line until the process closes it.
    nonisolated func read(_ output: SubprocessOutputSequence) async throws {
        for try await text in output.strings() {
            await append(text)
        }
        await finish()
    }

    private func append(_ text: String) {
        let text = text.trimmingSuffixNewlines()
        rawLines.append(text)
        if let line = ProbeLine(text) { lines.append(line) }
    }

    private func finish() { finished = true }

    /// The port a `listening` event names.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` when it names none.
    func port(of line: ProbeLine, commandLine: [String]) throws -> UInt16 {
        guard let port = line.integer("port"), let port16 = UInt16(exactly: port) else {
            throw CommandError.unexpectedOutput(commandLine: commandLine, output: rawLines.joined(separator: "\n"))
        }
        return port16
    }

    /// Waits (5 s at most) for the first event called `name` and returns its line.
    /// - Throws: ``CommandError/unexpectedOutput(commandLine:output:)`` when the probe exits or
    ///   stays silent instead.
    func waitForEvent(_ name: String, commandLine: [String]) async throws -> ProbeLine {
        for _ in 0..<500 {
            if let line = lines.first(where: { $0.event == name }) { return line }
            if finished { break }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CommandError.unexpectedOutput(commandLine: commandLine, output: rawLines.joined(separator: "\n"))
    }
}

extension String {
    /// The string without trailing line breaks.
    func trimmingSuffixNewlines() -> String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
