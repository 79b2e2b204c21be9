internal import CLibMnl
internal import Glibc

/// An nfnetlink socket (libmnl's `struct mnl_socket`), optionally inside a network namespace,
/// closed when the wrapper goes away. One socket serves one operation (a dump or a batch), so
/// no stale reply of an earlier operation can be mistaken for an answer.
struct NetlinkSocket: ~Copyable {
    private let socket: OpaquePointer
    /// The port id the kernel assigned (replies are addressed to it).
    let portID: UInt32
    /// The namespace the socket lives in, for messages.
    let namespaceDescription: String

    /// Opens and binds a socket in `namespace` (a name under `/var/run/netns`, or an absolute
    /// path to a namespace file), or in the caller's namespace when nil.
    init(namespace: String?) throws(NftSystemError) {
        let descriptor = try Self.openDescriptor(namespace: namespace)
        guard let socket = mnl_socket_fdopen(descriptor) else {
            let error = Glibc.errno
            close(descriptor)
            throw NftSystemError(operation: "wrap the netlink socket", errno: error)
        }
        guard mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
            let error = Glibc.errno
            mnl_socket_close(socket)
            throw NftSystemError(operation: "bind the netlink socket", errno: error)
        }
        self.socket = socket
        self.portID = mnl_socket_get_portid(socket)
        self.namespaceDescription = namespace.map { "network namespace \"\($0)\"" } ?? "this network namespace"
        // Error replies carry only the refused message's header, not the whole message: a refused
        // 10,000-rule batch must not need megabytes of receive buffer.
        var on: Int32 = 1
        _ = mnl_socket_setsockopt(socket, NETLINK_CAP_ACK, &on, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { mnl_socket_close(socket) }

    /// The file descriptor.
    var descriptor: Int32 { mnl_socket_get_fd(socket) }

    /// The path of a namespace given by name or path.
    static func namespacePath(_ namespace: String) -> String {
        namespace.hasPrefix("/") ? namespace : "/var/run/netns/\(namespace)"
    }

    private static func openDescriptor(namespace: String?) throws(NftSystemError) -> Int32 {
        guard let namespace else {
            let descriptor = Glibc.socket(
                AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_NETFILTER)
            guard descriptor >= 0 else {
                throw NftSystemError(operation: "open a netlink socket", errno: Glibc.errno)
            }
            return descriptor
        }
        if namespace.isEmpty || (!namespace.hasPrefix("/") && namespace.contains("/")) {
            throw NftSystemError(
                operation: "use network namespace \"\(namespace)\" (not a namespace name)", errno: EINVAL)
        }
        var error: Int32 = 0
        var failedStep: UnsafePointer<CChar>?
        let descriptor = fwd_socket_in_netns(namespacePath(namespace), &error, &failedStep)
        guard descriptor >= 0 else {
            let step = failedStep.map { String(cString: $0) } ?? "open a netlink socket"
            throw NftSystemError(operation: "\(step) \"\(namespace)\"", errno: error)
        }
        return descriptor
    }

    /// Sets the send buffer (`SO_SNDBUFFORCE` as root, `SO_SNDBUF` otherwise): one `sendmsg`
    /// larger than it fails with `EMSGSIZE`.
    func setSendBufferSize(_ size: Int) {
        setBuffer(force: SO_SNDBUFFORCE, plain: SO_SNDBUF, size: size)
    }

    /// Sets the receive buffer (`SO_RCVBUFFORCE` as root, `SO_RCVBUF` otherwise): replies that
    /// do not fit are dropped and the next receive fails with `ENOBUFS`.
    func setReceiveBufferSize(_ size: Int) {
        setBuffer(force: SO_RCVBUFFORCE, plain: SO_RCVBUF, size: size)
    }

    private func setBuffer(force: Int32, plain: Int32, size: Int) {
        var value = Int32(clamping: size)
        let length = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(descriptor, SOL_SOCKET, force, &value, length) != 0 {
            _ = setsockopt(descriptor, SOL_SOCKET, plain, &value, length)
        }
    }

    /// The cookie of the socket's network namespace (`SO_NETNS_COOKIE`, 64 bits, never reused
    /// while the system runs), nil when the kernel cannot tell.
    func namespaceCookie() -> UInt64? {
        var cookie: UInt64 = 0
        var length = socklen_t(MemoryLayout<UInt64>.size)
        let soNetnsCookie: Int32 = 71  // not in every libc's headers
        guard getsockopt(descriptor, SOL_SOCKET, soNetnsCookie, &cookie, &length) == 0,
            length == socklen_t(MemoryLayout<UInt64>.size)
        else { return nil }
        return cookie
    }

    /// Sends `bytes` as one datagram (a request).
    func send(_ bytes: UnsafeRawBufferPointer) throws(NftSystemError) {
        guard mnl_socket_sendto(socket, bytes.baseAddress, bytes.count) >= 0 else {
            throw NftSystemError(operation: "send a netlink request", errno: Glibc.errno)
        }
    }

    /// Receives one datagram into `buffer`; returns its length, or nil when nothing is waiting
    /// and `wait` is false. Truncation (a datagram larger than the buffer) is `EMSGSIZE`.
    func receive(into buffer: UnsafeMutableRawBufferPointer, wait: Bool) -> Result<Int?, NftSystemError> {
        while true {
            let received = recv(
                descriptor, buffer.baseAddress, buffer.count, (wait ? 0 : Int32(MSG_DONTWAIT)) | Int32(MSG_TRUNC))
            if received >= 0 {
                if received > buffer.count {
                    return .failure(NftSystemError(operation: "receive a netlink reply (truncated)", errno: EMSGSIZE))
                }
                return .success(received)
            }
            let error = Glibc.errno
            switch error {
            case EINTR: continue
            case EAGAIN where !wait: return .success(nil)
            case EAGAIN: return .failure(NftSystemError(operation: "receive a netlink reply (timed out)", errno: error))
            default: return .failure(NftSystemError(operation: "receive a netlink reply", errno: error))
            }
        }
    }

    /// Waits up to `milliseconds` for a reply to arrive; true if one is waiting.
    func waitForReply(milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, milliseconds) > 0
    }
}
