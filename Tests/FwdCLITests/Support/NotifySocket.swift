import Glibc

/// A bound `AF_UNIX` datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
final class NotifySocket {
    let descriptor: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw CLITestFailure("path too long") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else { throw CLITestFailure("bind \(path): errno \(errno)") }
    }

    /// Waits (polling) for a datagram containing `text`, for at most `limit`; returns every
    /// datagram received meanwhile.
    func waitFor(_ text: String, within limit: Duration = .seconds(30)) async -> (found: Bool, received: [String]) {
        var received: [String] = []
        let deadline = ContinuousClock.now.advanced(by: limit)
        while ContinuousClock.now < deadline {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            if count > 0 {
                let message = String(decoding: buffer[0..<count], as: UTF8.self)
                received.append(message)
                if message.contains(text) { return (true, received) }
                continue
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return (false, received)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
