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

    @Test func helperInheritsNoDescriptorBeyondTheStandardThree() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)  // inheritable: no O_CLOEXEC
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }
        let out = directory.file("fds")
        let pid = try DetachedHelper.spawn(
            executable: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd > \(out).tmp && mv \(out).tmp \(out)"],
            environment: ["PATH=/usr/bin:/bin"])
        #expect(await eventually { FileManager.default.fileExists(atPath: out) })
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let descriptors = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        // 0-2, plus the descriptor `ls` opened to read the directory.
        #expect(!descriptors.contains(pipeEnds[0]) && !descriptors.contains(pipeEnds[1]), "\(descriptors)")
        #expect(descriptors.filter { $0 > 2 }.count <= 1, "\(descriptors)")
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
