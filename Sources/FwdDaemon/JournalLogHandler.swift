import Glibc
public import Logging

/// A swift-log handler writing one line per message to standard error with the syslog priority
/// prefix journald reads (`<3>` for errors, `<6>` for info; see sd-daemon(3)), then the message
/// and its metadata as `key=value`. Outside systemd the prefixes are harmless; turn them off
/// with `priorityPrefixes: false` for a terminal.
public struct JournalLogHandler: LogHandler {
    /// The lowest level written.
    public var logLevel: Logger.Level
    /// Metadata added to every message.
    public var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata.
    public var metadataProvider: Logger.MetadataProvider?
    /// Whether lines start with `<N>`.
    public var priorityPrefixes: Bool
    private let output: @Sendable (String) -> Void

    /// A handler writing to standard error (or to `output`, for tests).
    public init(
        label: String, logLevel: Logger.Level = .info, priorityPrefixes: Bool = true,
        output: (@Sendable (String) -> Void)? = nil
    ) {
        self.logLevel = logLevel
        self.priorityPrefixes = priorityPrefixes
        self.output = output ?? { text in
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
    }

    /// Metadata for `key`.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the event: every line of a multi-line message gets the prefix, so journald keeps
    /// each at its priority.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let suffix = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let prefix = priorityPrefixes ? "<\(JournalLogHandler.priority(of: event.level))>" : ""
        let lines = "\(event.message)".split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.enumerated().map { index, line in
            prefix + line + (index == lines.count - 1 ? suffix : "")
        }.joined(separator: "\n")
        output(text + "\n")
    }

    /// The syslog priority for a swift-log level.
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
