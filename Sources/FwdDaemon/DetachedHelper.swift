import Glibc

/// Starts a process that outlives the command starting it: its own session (`setsid`, so no
/// terminal hang-up reaches it), standard input and output on `/dev/null`, standard error
/// appended to a log file, no other descriptor inherited. `fwd apply --confirm` uses it, when no daemon runs, to re-execute
/// the fwd binary with the hidden subcommand that waits for `fwd confirm`.
public enum DetachedHelper {
    /// The running program's own executable (`/proc/self/exe` resolved).
    public static func currentExecutable() throws(EnvironmentError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { throw .systemCall("cannot read /proc/self/exe", errno: errno) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Spawns `executable` with `arguments` (not counting argv[0]) detached, with `environment`
    /// (`KEY=value`), stderr appended to `logPath` (`/dev/null` when nil). Returns its pid; the
    /// caller need not wait for it (it is re-parented to init when the caller exits).
    @discardableResult
    public static func spawn(
        executable: String, arguments: [String], environment: [String] = [], logPath: String? = nil
    ) throws(EnvironmentError) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGQUIT, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), not imported into Swift
        posix_spawnattr_setflags(
            &attributes, Int16(setSession | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, logPath ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        // Nothing else is inherited: a descriptor left open (an SSH session's pipe, a parent's
        // exit-watch pipe) would keep whoever holds its other end waiting until the helper ends.
        for descriptor in openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw .systemCall("cannot start \(executable)", errno: result) }
        return pid
    }

    /// The descriptors open in this process (`/proc/self/fd`). One closed before the spawn does
    /// no harm: glibc ignores a close action on a descriptor that is not open.
    private static func openDescriptors() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        let own = dirfd(directory)
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if let descriptor = Int32(name), descriptor != own { descriptors.append(descriptor) }
        }
        closedir(directory)
        return descriptors
    }

    /// Called first thing in the helper: ignore SIGHUP (belt and braces: it has no terminal).
    public static func ignoreHangups() {
        signal(SIGHUP, SIG_IGN)
    }
}
