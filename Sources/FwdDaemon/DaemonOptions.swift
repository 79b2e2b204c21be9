import Foundation
public import UnixSignals

/// How `fwd daemon` runs. The defaults are production's; tests point the paths at a temporary
/// directory and turn the signal handling off.
public struct DaemonOptions: Sendable {
    /// The runtime directory (`/run/fwd`).
    public var runtimeDirectory: RuntimeDirectory
    /// The control socket (default `<runtime>/control.sock`).
    public var controlSocketPath: String
    /// The commit lock (default `<runtime>/lock`).
    public var lockPath: String
    /// Remove fwd's tables when stopping (`--flush-on-stop`); by default the rules stay.
    public var flushOnStop: Bool
    /// Where readiness and status go (`$NOTIFY_SOCKET`).
    public var notifier: SystemdNotifier
    /// The config file check; nil skips it (tests running as a non-root owner).
    public var configSecurity: ConfigFileSecurity?
    /// The uids allowed on the control socket.
    public var allowedControlUIDs: Set<UInt32>
    /// Reload on SIGHUP. Off for daemons run inside a test process.
    public var reloadOnHangup: Bool
    /// The signals that stop the daemon gracefully (used by ``runDaemon(source:backend:options:logger:)``).
    public var shutdownSignals: [UnixSignal]
    /// How long a commit waits for the lock.
    public var lockTimeout: Duration

    /// Options for the runtime directory `runtimeDirectory`, with the process environment's
    /// `$NOTIFY_SOCKET`.
    public init(
        runtimeDirectory: RuntimeDirectory = RuntimeDirectory(), flushOnStop: Bool = false,
        notifier: SystemdNotifier = .fromProcessEnvironment,
        configSecurity: ConfigFileSecurity? = ConfigFileSecurity(), allowedControlUIDs: Set<UInt32> = [0],
        reloadOnHangup: Bool = true, shutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        lockTimeout: Duration = .seconds(600)
    ) {
        self.runtimeDirectory = runtimeDirectory
        self.controlSocketPath = runtimeDirectory.controlSocketPath
        self.lockPath = runtimeDirectory.lockPath
        self.flushOnStop = flushOnStop
        self.notifier = notifier
        self.configSecurity = configSecurity
        self.allowedControlUIDs = allowedControlUIDs
        self.reloadOnHangup = reloadOnHangup
        self.shutdownSignals = shutdownSignals
        self.lockTimeout = lockTimeout
    }
}
