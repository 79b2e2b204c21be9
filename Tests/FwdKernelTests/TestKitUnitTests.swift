import Foundation
@testable import FwdTestKit
import Testing

/// The parts of the test kit that need no kernel: commands, probe output, golden files.
@Suite("Test kit helpers")
struct TestKitUnitTests {
    @Test("A command is killed when it runs past its time limit")
    func commandTimeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: CommandError.self) {
            try await Command.run("sleep", ["120"], timeout: .milliseconds(300))
        }
        // Far below the sleep's own 120 s, with room for a loaded machine.
        #expect(clock.now - start < .seconds(30))
    }

    @Test("A command's exit code and both outputs are collected")
    func commandResult() async throws {
        let result = try await Command.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.exitCode == 3)
        #expect(result.standardOutput == "out\n")
        #expect(result.standardError == "err\n")
        #expect(throws: CommandError.self) { try result.checked() }
    }

    @Test("A missing tool is named")
    func missingTool() async throws {
        let error = await #expect(throws: CommandError.self) {
            try await Command.run("no-such-tool-fwd", [])
        }
        #expect(error?.description.contains("'no-such-tool-fwd' is not installed") == true)
    }

    @Test("Probe lines parse into fields; other text is rejected")
    func probeLines() throws {
        let line = try #require(ProbeLine("result=connected errno=0 elapsed_ms=3"))
        #expect(line.result == "connected")
        #expect(line.event == nil)
        #expect(line.integer("elapsed_ms") == 3)
        #expect(try line.decodedResult(TCPConnectResult.self) == .connected)
        #expect(ProbeLine("Error: bind failed") == nil)
        #expect(ProbeLine("port=5") == nil)
        let error = try #require(ProbeLine("result=error call=bind errno=98"))
        #expect(throws: CommandError.self) { try error.decodedResult(TCPConnectResult.self) }
        #expect(try #require(ProbeLine("result=timed-out")).decodedResult(UDPExchangeResult.self) == .timedOut)
    }

    @Test("Namespace names carry the creating process id")
    func creatorProcessID() {
        #expect(NetworkNamespace.creatorProcessID(of: "fwdt-123-abc") == 123)
        #expect(NetworkNamespace.creatorProcessID(of: "fwdt-abc") == nil)
        #expect(NetworkNamespace.creatorProcessID(of: "other-123-abc") == nil)
        #expect(NetworkNamespace.creatorProcessID(of: "fwdt-0-abc") == nil)
    }

    @Test("Durations print as probe timeouts")
    func durationText() {
        #expect(Duration.seconds(1).secondsText == "1")
        #expect(Duration.milliseconds(500).secondsText == "0.5")
    }

    @Test("Golden files: equal passes, a difference and a missing file are reported")
    func golden() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fwd-golden-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let testFile = directory.appendingPathComponent("SomeTests.swift").path
        let file = GoldenFile(named: "sample.txt", besides: testFile)
        #expect(file.path == directory.appendingPathComponent("Golden/sample.txt").path)
        try file.record("a\nb\n")
        #expect(try file.contents() == "a\nb\n")

        assertGolden("a\nb\n", named: "sample.txt", in: testFile)
        withKnownIssue { assertGolden("a\nc\n", named: "sample.txt", in: testFile) }
        withKnownIssue { assertGolden("x", named: "missing.txt", in: testFile) }

        let difference = try #require(GoldenFile.firstDifference(expected: "a\nb\n", actual: "a\nc\n"))
        #expect(difference.contains("line 2"))
        #expect(difference.contains("expected: 'b'"))
        #expect(difference.contains("actual:   'c'"))
        let shorter = try #require(GoldenFile.firstDifference(expected: "a\nb", actual: "a"))
        #expect(shorter.contains("line 2") && shorter.contains("(no line: the text ends)"))
        #expect(GoldenFile.firstDifference(expected: "same", actual: "same") == nil)
    }
}
