import Foundation
import FwdDaemon
import Glibc
import Logging
import Testing

@Suite struct ControlSocketTests {
    let logger = Logger(label: "test")

    @Test func requestAndAnswerRoundTrip() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("run/control.sock")
        let server = try ControlServer(path: path, logger: logger)
        defer { server.stop() }
        let answering = Task {
            for await request in server.requests {
                switch request.command {
                case .reload: request.respond(ControlResponse(exitCode: .kernelRefused, message: "fw.yaml:3:5: no\nline 2"))
                case .ping: request.respond(.ok("pong"))
                case .status, .armRollback: request.respond(.ok("other"))
                }
            }
        }
        defer { answering.cancel() }

        // The answering task may wait a while for a thread when the whole suite loads the machine.
        let client = ControlClient(socketPath: path, timeoutSeconds: 60)
        let ping = try await client.send(.ping)
        #expect(ping.succeeded && ping.message == "pong")
        let reload = try await client.reload()
        #expect(reload.exitCode == .kernelRefused)
        #expect(reload.message == "fw.yaml:3:5: no\nline 2")

        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600, "control socket must be 0600")
        #expect(stat(directory.file("run"), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700, "its directory must be 0700")
    }

    @Test func reloadWithoutDaemonSaysSoWithItsOwnExitCode() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            _ = try await requestReload(socketPath: directory.file("control.sock"))
            Issue.record("expected DaemonNotRunning")
        } catch let error as DaemonNotRunning {
            #expect(error.exitCode == .environment)
            #expect("\(error)".contains("fwd daemon is not running"))
        }

        // A socket file left by a dead daemon: connection refused, same answer.
        let stale = directory.file("stale.sock")
        let server = try ControlServer(path: stale, logger: logger)
        server.stop()
        #expect(await eventually { !FileManager.default.fileExists(atPath: stale) })
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in stale.utf8.enumerated() { raw[i] = b } }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        await #expect(throws: DaemonNotRunning.self) { try await ControlClient(socketPath: stale).reload() }
    }

    @Test func aSecondServerOnTheSamePathIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("control.sock")
        let first = try ControlServer(path: path, logger: logger)
        defer { first.stop() }
        #expect(throws: EnvironmentError.self) { _ = try ControlServer(path: path, logger: logger) }
    }

    @Test func peersOtherThanRootAreRefused() async throws {
        guard require(isRoot, "needs root to run a client as uid 65534"),
            require(exists("/usr/bin/setpriv") && exists("/usr/bin/python3"), "needs setpriv and /usr/bin/python3")
        else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        chmod(directory.path, 0o755)
        let path = directory.file("control.sock")
        let server = try ControlServer(path: path, logger: logger)
        defer { server.stop() }
        let answering = Task { for await request in server.requests { request.respond(.ok("reloaded")) } }
        defer { answering.cancel() }
        let client = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect(sys.argv[1])
            except OSError as e:
                print("connect failed:", e.strerror); sys.exit(0)
            s.sendall(b"reload\\n"); s.shutdown(socket.SHUT_WR)
            print(s.makefile().read())
            """
        let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", client, path]

        // The socket's mode keeps other users out before any request is read.
        let blocked = try runProcess("/usr/bin/setpriv", asNobody)
        #expect(blocked.output.contains("connect failed: Permission denied"), "\(blocked.output)")

        // With the mode opened up, the peer credential check still refuses.
        chmod(path, 0o666)
        let refused = try runProcess("/usr/bin/setpriv", asNobody)
        #expect(refused.output.hasPrefix("error 4\npermission denied: only root may control fwd (your uid is 65534)"),
            "\(refused.output)")

        // Root gets through.
        let accepted = try await ControlClient(socketPath: path).reload()
        #expect(accepted.succeeded && accepted.message == "reloaded")
    }

    @Test func malformedRequestsGetAUsageAnswer() async throws {
        #expect(ControlCommand(line: "reload") == .reload)
        #expect(ControlCommand(line: "arm abc") == .armRollback(id: "abc"))
        #expect(ControlCommand(line: "reload now") == nil)
        #expect(ControlCommand(line: "") == nil)
    }
}
