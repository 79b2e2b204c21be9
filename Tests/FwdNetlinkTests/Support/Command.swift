import Foundation

/// A command that failed.
struct CommandError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs external tools synchronously (output through temporary files, so large outputs cannot
/// block on a full pipe).
enum Command {
    /// The absolute path of `tool` in `PATH` or the sbin directories.
    static func resolve(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `tool` with `arguments`; returns the exit status, standard output and error.
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        guard let executable = resolve(tool) else { throw CommandError(message: "\(tool) not found") }
        let directory = FileManager.default.temporaryDirectory
        let outputURL = directory.appendingPathComponent("fwdnl-\(UUID().uuidString).out")
        let errorURL = directory.appendingPathComponent("fwdnl-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, error)
    }

    /// Runs `tool` and returns its standard output; throws with its standard error on failure.
    @discardableResult
    static func check(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try run(tool, arguments)
        guard result.status == 0 else {
            throw CommandError(
                message: "\(tool) \(arguments.joined(separator: " ")) exited with \(result.status): \(result.error)")
        }
        return result.output
    }
}
