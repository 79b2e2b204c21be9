import Foundation
import Glibc
import Synchronization
public import Logging

/// The daemon's end of the control socket: a listening `AF_UNIX` stream socket (mode 0600 in a
/// 0700 directory), served by a thread of its own that accepts connections, checks that the peer
/// is allowed (`SO_PEERCRED`: root by default), reads the request line and hands it on.
public final class ControlServer: Sendable {
    /// The socket's path.
    public let path: String
    /// The uids allowed to send requests.
    public let allowedUIDs: Set<UInt32>
    /// The requests that passed the checks, in arrival order.
    public let requests: AsyncStream<ControlRequest>
    private let continuation: AsyncStream<ControlRequest>.Continuation
    private let listener: Int32
    private let wakeup: Int32
    private let wakeupWriter: Int32
    private let stopped = Mutex(false)
    private let logger: Logger

    /// Binds and listens on `path` (its directory is created 0700 when missing). A stale socket
    /// left by a dead daemon is replaced.
    /// - Throws: ``EnvironmentError`` when another daemon answers on `path`, or a call fails.
    public init(path: String, allowedUIDs: Set<UInt32> = [0], logger: Logger) throws(EnvironmentError) {
        guard let address = UnixSocketAddress(path) else {
            throw EnvironmentError("control socket path '\(path)' is too long")
        }
        let directory = String(path.prefix(upTo: path.lastIndex(of: "/") ?? path.startIndex))
        if !directory.isEmpty { try RuntimeDirectory.makeDirectories(directory) }
        try ControlServer.removeStaleSocket(at: path, address: address)
        let listener = try UnixSocket.make(Int32(SOCK_STREAM.rawValue))
        // The directory (0700, root's) keeps others out during the moment before chmod.
        guard address.withSocketAddress({ bind(listener, $0, $1) }) == 0 else {
            let code = errno
            close(listener)
            throw .systemCall("cannot bind the control socket \(path)", errno: code)
        }
        guard chmod(path, 0o600) == 0, listen(listener, 16) == 0 else {
            let code = errno
            close(listener)
            unlink(path)
            throw .systemCall("cannot listen on \(path)", errno: code)
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            close(listener)
            throw .systemCall("cannot create a pipe", errno: errno)
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        (requests, continuation) = AsyncStream.makeStream(of: ControlRequest.self)
        self.path = path
        self.allowedUIDs = allowedUIDs
        self.listener = listener
        self.wakeup = pipeEnds[0]
        self.wakeupWriter = pipeEnds[1]
        self.logger = logger
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "fwd-control"
        thread.start()
    }

    /// Stops accepting, removes the socket and finishes ``requests``.
    public func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        // Removed here, not only when the accept thread ends: the process may exit (and a test
        // look) before that thread runs again.
        unlink(path)
        var byte: UInt8 = 1
        _ = write(wakeupWriter, &byte, 1)
    }

    deinit { close(wakeupWriter) }

    private static func removeStaleSocket(at path: String, address: UnixSocketAddress) throws(EnvironmentError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw EnvironmentError("\(path) exists and is not a socket; refusing to replace it")
        }
        let probe = try UnixSocket.make(Int32(SOCK_STREAM.rawValue))
        defer { close(probe) }
        if address.withSocketAddress({ connect(probe, $0, $1) }) == 0 {
            throw EnvironmentError("another fwd daemon is already listening on \(path)")
        }
        unlink(path)
    }

    private func acceptLoop() {
        defer {
            close(listener)
            // After stop() the path is gone already, and may hold a newer server's socket.
            if !stopped.withLock({ $0 }) { unlink(path) }
            close(wakeup)
            continuation.finish()
        }
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeup, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0, fds[1].revents == 0 else { return }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            handle(connection)
        }
    }

    private func handle(_ connection: Int32) {
        UnixSocket.setTimeouts(connection, seconds: 5)
        let line = UnixSocket.readLine(connection)
        guard let peer = UnixSocket.peerCredentials(connection), allowedUIDs.contains(peer.uid) else {
            let uid = UnixSocket.peerCredentials(connection).map { "\($0.uid)" } ?? "unknown"
            logger.warning("control socket: refused a request from uid \(uid) (only root may control fwd)")
            UnixSocket.writeAll(connection, ControlResponse(exitCode: .environment,
                message: "permission denied: only root may control fwd (your uid is \(uid))").encoded)
            close(connection)
            return
        }
        guard let line, let command = ControlCommand(line: line) else {
            UnixSocket.writeAll(connection, ControlResponse(exitCode: .usage,
                message: "unknown request; expected reload, status, arm ID or ping").encoded)
            close(connection)
            return
        }
        UnixSocket.setTimeouts(connection, seconds: 60)
        continuation.yield(ControlRequest(command: command, peerPID: peer.pid, connection: connection))
    }
}

/// One request from the control socket; answer it exactly once with ``respond(_:)``.
public final class ControlRequest: Sendable {
    /// What was asked.
    public let command: ControlCommand
    /// The pid of the asking process.
    public let peerPID: Int32
    private let connection: Int32
    private let answered = Mutex(false)

    init(command: ControlCommand, peerPID: Int32, connection: Int32) {
        self.command = command
        self.peerPID = peerPID
        self.connection = connection
    }

    /// Sends `response` and closes the connection; later calls do nothing.
    public func respond(_ response: ControlResponse) {
        let first = answered.withLock { answered in
            defer { answered = true }
            return !answered
        }
        guard first else { return }
        UnixSocket.writeAll(connection, response.encoded)
        close(connection)
    }

    /// A request dropped unanswered (the daemon is stopping) still gets an answer.
    deinit {
        respond(ControlResponse(exitCode: .environment, message: "the fwd daemon stopped before answering"))
    }
}
