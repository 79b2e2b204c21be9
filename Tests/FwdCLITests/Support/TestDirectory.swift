import Foundation
import Glibc

/// A private temporary directory (mode 0700, owned by the test's user) for configs, the runtime
/// directory and outputs; removed by ``remove()``.
struct TestDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/fwd-cli-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw CLITestFailure("mkdtemp failed: errno \(errno)")
        }
        path = String(cString: made)
    }

    /// `<dir>/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// The runtime directory fwd is given (`--runtime-dir`), never /run/fwd.
    var runtime: String { file("run") }

    /// Writes `text` to `<dir>/name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `body` with a fresh directory, removed afterwards on every path.
    static func with<Result>(_ body: (TestDirectory) async throws -> Result) async throws -> Result {
        let directory = try TestDirectory()
        defer { directory.remove() }
        return try await body(directory)
    }
}
