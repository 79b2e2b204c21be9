/// A request on the control socket: one line, `reload`, `status`, `arm ID` or `ping`.
public enum ControlCommand: Hashable, Sendable {
    /// Re-read the config and commit it; answered when done.
    case reload
    /// Describe what is applied.
    case status
    /// Wait for `fwd confirm` of pending commit `id` and roll it back on timeout.
    case armRollback(id: String)
    /// Answer `ok` (is a daemon there?).
    case ping

    /// Parses a request line; nil for anything else.
    public init?(line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        switch (words.first, words.count) {
        case ("reload", 1): self = .reload
        case ("status", 1): self = .status
        case ("ping", 1): self = .ping
        case ("arm", 2): self = .armRollback(id: String(words[1]))
        default: return nil
        }
    }

    /// The request line, without its newline.
    public var line: String {
        switch self {
        case .reload: "reload"
        case .status: "status"
        case .ping: "ping"
        case .armRollback(let id): "arm \(id)"
        }
    }
}

/// The answer on the control socket: a first line `ok` or `error CODE`, then the message; the
/// daemon closes the connection after it.
public struct ControlResponse: Hashable, Sendable, CustomStringConvertible {
    /// ``FwdExitCode/success`` for `ok`, else the code the client should exit with.
    public var exitCode: FwdExitCode
    /// What happened, for people (may span lines).
    public var message: String

    /// A response.
    public init(exitCode: FwdExitCode, message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    /// A success saying `message`.
    public static func ok(_ message: String) -> ControlResponse { ControlResponse(exitCode: .success, message: message) }

    /// A failure for `error`, with its exit code.
    public static func failure(_ error: any Error) -> ControlResponse {
        ControlResponse(exitCode: .classifying(error), message: "\(error)")
    }

    /// Whether the request succeeded.
    public var succeeded: Bool { exitCode == .success }

    /// The wire form.
    var encoded: String {
        (exitCode == .success ? "ok" : "error \(exitCode.rawValue)") + "\n" + message + "\n"
    }

    /// Parses the wire form; nil when the first line is neither `ok` nor `error CODE`.
    init?(decoding text: String) {
        let head = text.prefix(while: { $0 != "\n" })
        var body = text.dropFirst(head.count + 1)
        if body.hasSuffix("\n") { body = body.dropLast() }
        if head == "ok" {
            self.init(exitCode: .success, message: String(body))
        } else if head.hasPrefix("error "), let raw = Int32(head.dropFirst(6)), let code = FwdExitCode(rawValue: raw),
            code != .success
        {
            self.init(exitCode: code, message: String(body))
        } else {
            return nil
        }
    }

    /// The message.
    public var description: String { message }
}
