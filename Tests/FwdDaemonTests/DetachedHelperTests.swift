import Foundation
import FwdDaemon
import Glibc
import Testing

@Suite struct DetachedHelperTests {
    @Test func helperRunsInItsOwnSessionWithoutTheCallersTerminal() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.file("stat")
        let pid = try DetachedHelper.spawn(
            executable: "/bin/sh",
            arguments: ["-c", "readlink /proc/$$/fd/0 > \(out).stdin; echo \"$FWD_MARK\" > \(out).env;"
                + " echo oops >&2; cat /proc/$$/stat > \(out).tmp && mv \(out).tmp \(out)"],
            environment: ["FWD_MARK=hello", "PATH=/usr/bin:/bin"], logPath: directory.file("helper.log"))
        #expect(await eventually { FileManager.default.fileExists(atPath: out) })
        var status: Int32 = 0
        waitpid(pid, &status, 0)

        // /proc/PID/stat: "pid (comm) state ppid pgrp session ..."
        let stat = try String(contentsOfFile: out, encoding: .utf8)
        let fields = stat[stat.range(of: ") ")!.upperBound...].split(separator: " ")
        #expect(Int32(fields[3]) == pid, "the helper must lead its own session (setsid)")
        #expect(Int32(fields[3]) != getsid(0))
        #expect(try String(contentsOfFile: out + ".stdin", encoding: .utf8) == "/dev/null\n")
        #expect(try String(contentsOfFile: out + ".env", encoding: .utf8) == "hello\n")
        #expect(try String(contentsOfFile: directory.file("helper.log"), encoding: .utf8) == "oops\n")
    }

    @Test func currentExecutableIsThisTestBinary() throws {
        let path = try DetachedHelper.currentExecutable()
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    @Test func aMissingExecutableIsReported() {
        #expect(throws: EnvironmentError.self) {
            try DetachedHelper.spawn(executable: "/nonexistent/fwd", arguments: [])
        }
    }
}
