import Foundation
import FwdDaemon
import Testing

/// The unit file and the man page, checked with the tools that read them.
@Suite struct ShippedFilesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    var unitPath: String { ShippedFilesTests.repository + "/systemd/fwd.service" }
    var manPath: String { ShippedFilesTests.repository + "/docs/fwd.8" }

    @Test func manPageRendersWithoutWarnings() throws {
        guard require(exists("/usr/bin/man"), "needs man(1) (apt-get install man-db)") else { return }
        let rendered = try runProcess("/usr/bin/env", ["MANWIDTH=120", "/usr/bin/man", "--warnings=w", "-l", manPath])
        #expect(rendered.status == 0)
        #expect(!rendered.output.contains("warning"), "\(rendered.output.prefix(2000))")
        let text = rendered.output
        for command in ["show", "check", "apply", "confirm", "reload", "daemon"] {
            #expect(text.contains("fwd \(command)"), "synopsis lacks \(command)")
        }
        for option in ["--config", "--backend", "--netns", "--confirm", "--force", "--flush-on-stop", "--runtime-dir"] {
            #expect(text.contains(option), "options lack \(option)")
        }
        for signal in ["SIGHUP", "SIGTERM", "SIGINT"] { #expect(text.contains(signal)) }
        for file in ["/run/fwd/control.sock", "/run/fwd/lock", "/run/fwd/pending-confirm.json"] { #expect(text.contains(file)) }
    }

    @Test func manPageDocumentsEveryExitCodeAndNoOther() throws {
        let source = try String(contentsOfFile: manPath, encoding: .utf8)
        let section = try #require(source.components(separatedBy: ".SH EXIT STATUS").last?.components(separatedBy: ".SH ").first)
        let documented = section.split(separator: "\n").enumerated().compactMap { index, line -> Int32? in
            guard line.hasPrefix(".B "), let code = Int32(line.dropFirst(3)) else { return nil }
            return code
        }
        #expect(documented == FwdExitCode.allCases.map(\.rawValue))
    }

    @Test func unitFilePassesSystemdAnalyzeVerify() throws {
        guard require(exists("/usr/bin/systemd-analyze"), "needs systemd-analyze"),
            require(exists("/usr/bin/man"), "needs man(1) for the Documentation= check")
        else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // systemd-analyze wants ExecStart's binary to exist: point the copy at one that does,
        // and let it find fwd(8) through MANPATH.
        let executable = try DetachedHelper.currentExecutable()
        let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/sbin/fwd", with: executable)
        try unit.write(toFile: directory.file("fwd.service"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory.file("man/man8"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: manPath, toPath: directory.file("man/man8/fwd.8"))

        let verified = try runProcess("/usr/bin/env",
            ["MANPATH=\(directory.file("man"))", "/usr/bin/systemd-analyze", "verify", directory.file("fwd.service")])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.isEmpty, "\(verified.output)")
    }

    @Test func unitFileSaysWhatTheDaemonNeeds() throws {
        let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
        let settings = Set(unit.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        for line in [
            "Type=notify", "ExecStart=/usr/local/sbin/fwd daemon $FWD_DAEMON_OPTIONS", "ExecReload=/usr/local/sbin/fwd reload",
            "Before=network-pre.target shutdown.target", "Wants=network-pre.target", "DefaultDependencies=no",
            "Conflicts=shutdown.target", "Restart=on-failure", "RuntimeDirectory=fwd", "RuntimeDirectoryMode=0700",
            "RuntimeDirectoryPreserve=yes", "ReadWritePaths=\(RuntimeDirectory.defaultPath)", "NoNewPrivileges=yes",
            "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "RestrictAddressFamilies=AF_NETLINK AF_UNIX AF_INET AF_INET6", "SystemCallFilter=@system-service",
        ] {
            #expect(settings.contains(line), "fwd.service lacks \(line)")
        }
    }
}
