import ArgumentParser
import FwdDaemon

/// `--runtime-dir DIR`: where the control socket, the commit lock and the state files live.
struct RuntimeOptions: ParsableArguments {
    @Option(
        name: .customLong("runtime-dir"),
        help: ArgumentHelp(
            "Where the control socket, the commit lock and the state files live.", valueName: "directory"))
    var runtimeDirectoryPath: String = RuntimeDirectory.defaultPath

    /// The runtime directory.
    var directory: RuntimeDirectory { RuntimeDirectory(runtimeDirectoryPath) }
}
