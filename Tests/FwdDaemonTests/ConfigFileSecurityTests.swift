import Foundation
import FwdDaemon
import Glibc
import Testing

@Suite struct ConfigFileSecurityTests {
    @Test func rootOwnedPrivateFilesPass() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("fwd.yaml")
        try "tables: {}\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o644)
        try ConfigFileSecurity(requiredOwner: getuid()).check([path])
    }

    @Test func worldWritableFilesAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("fwd.yaml")
        try "tables: {}\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o666)
        let error = #expect(throws: UnsafeConfigFile.self) { try ConfigFileSecurity(requiredOwner: getuid()).check(path) }
        #expect(error?.description == "\(path): refusing config file: it is writable by every user (mode 0666); run chmod o-w \(path)")
        #expect(error?.exitCode == .invalidConfig)
    }

    @Test func filesNotOwnedByRootAreRefused() throws {
        guard require(isRoot, "needs root to chown a file to another user") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("fwd.yaml")
        try "tables: {}\n".write(toFile: path, atomically: false, encoding: .utf8)
        chown(path, 65534, 65534)
        let error = #expect(throws: UnsafeConfigFile.self) { try ConfigFileSecurity().check([path]) }
        #expect(error?.problem.hasPrefix("is owned by uid 65534, not by root") == true)
    }

    @Test func filesInAWorldWritableDirectoryAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("fwd.yaml")
        try "tables: {}\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(directory.path, 0o777)
        #expect(throws: UnsafeConfigFile.self) { try ConfigFileSecurity(requiredOwner: getuid()).check(path) }
        chmod(directory.path, 0o1777)  // sticky, like /tmp: others cannot replace our file
        try ConfigFileSecurity(requiredOwner: getuid()).check(path)
    }

    @Test func missingFilesAreReported() {
        #expect(throws: UnsafeConfigFile.self) { try ConfigFileSecurity().check("/nonexistent/fwd.yaml") }
    }
}
