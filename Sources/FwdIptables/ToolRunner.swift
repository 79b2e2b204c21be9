import FwdModel
import Subprocess
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// What a finished tool run gave back.
struct ToolOutput: Sendable {
    /// The exit code; a tool killed by a signal reports 128 + the signal.
    var exitCode: Int32
    /// Standard output.
    var standardOutput: String
    /// Standard error.
    var standardError: String

    var succeeded: Bool { exitCode == 0 }
}

/// Runs the iptables tools, directly (never through a shell) or inside a network namespace
/// with `ip netns exec NAME`.
struct ToolRunner: Sendable {
    /// The namespace to run in, or nil for the caller's own.
    var networkNamespace: String?

    /// The most output a tool may print before the run fails (iptables-save of a large ruleset).
    static let outputLimit = 512 * 1024 * 1024

    /// Runs `command` (searched in `PATH`, then the sbin directories) with `arguments`, giving
    /// it `input` on standard input.
    ///
    /// The input goes through an unlinked temporary file rather than a pipe, so that a tool that
    /// stops reading early cannot make the write fail (or raise SIGPIPE) and hide its own message.
    func run(_ command: String, _ arguments: [String], input: String? = nil) async throws(IptablesLoadError) -> ToolOutput {
        guard let toolPath = ToolRunner.resolve(command) else {
            throw .environment("\(command) not found (searched PATH, /usr/sbin, /sbin): is iptables installed?")
        }
        var executable = toolPath
        var fullArguments = arguments
        if let networkNamespace {
            guard let ipPath = ToolRunner.resolve("ip") else {
                throw .environment("ip (iproute2) not found, needed to enter network namespace \(networkNamespace)")
            }
            executable = ipPath
            fullArguments = ["netns", "exec", networkNamespace, toolPath] + arguments
        }
        let stdin = try input.map { text throws(IptablesLoadError) in try ToolRunner.temporaryFile(holding: text) }
        defer { if let stdin { try? stdin.close() } }
        do {
            let configuration = Configuration(executable: .path(FilePath(executable)), arguments: Arguments(fullArguments))
            let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
            if let stdin {
                result = try await Subprocess.run(
                    configuration, input: .fileDescriptor(stdin, closeAfterSpawningProcess: false),
                    output: .string(limit: ToolRunner.outputLimit), error: .string(limit: ToolRunner.outputLimit))
            } else {
                result = try await Subprocess.run(
                    configuration, input: .none,
                    output: .string(limit: ToolRunner.outputLimit), error: .string(limit: ToolRunner.outputLimit))
            }
            let code: Int32
            switch result.terminationStatus {
            case .exited(let status): code = status
            case .signaled(let signal): code = 128 + signal
            }
            return ToolOutput(exitCode: code, standardOutput: result.standardOutput, standardError: result.standardError)
        } catch {
            throw .environment("could not run \(([executable] + fullArguments).joined(separator: " ")): \(error)")
        }
    }

    /// The absolute path of `command`, from `PATH` or the sbin directories, if it is executable.
    static func resolve(_ command: String) -> String? {
        if command.hasPrefix("/") { return access(command, X_OK) == 0 ? command : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = directory + "/" + command
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// A descriptor of an already unlinked temporary file holding `text`, positioned at its start.
    private static func temporaryFile(holding text: String) throws(IptablesLoadError) -> FileDescriptor {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/fwd-iptables-XXXXXX").utf8CString)
        let raw = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard raw >= 0 else { throw .environment("cannot create a temporary file in \(directory): errno \(errno)") }
        unlink(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
        let descriptor = FileDescriptor(rawValue: raw)
        do {
            _ = try descriptor.writeAll(Array(text.utf8))
            _ = try descriptor.seek(offset: 0, from: .start)
        } catch {
            try? descriptor.close()
            throw .environment("cannot write a temporary file in \(directory): \(error)")
        }
        return descriptor
    }
}
