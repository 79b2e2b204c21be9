@testable import FwdIptables
import FwdModel
import Testing

/// iptables-restore's error output, as each tool prints it, mapped to the user's file and line.
@Suite struct ErrorMappingTests {
    let ruleset = GoldenRulesets.relocated(ExampleRulesets.host(), file: "examples.fwd")

    private func script() -> IptablesScript { IptablesRenderer().render(ruleset, family: .ipv4) }

    private func line(of fragment: String, in script: IptablesScript) throws -> Int {
        let lines = script.text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(fragment) }) + 1
    }

    @Test("a parse error (Error occurred at line) maps to the rule")
    func parseErrorMapsToRule() throws {
        let script = script()
        let failing = try line(of: "--dport 80", in: script)
        let stderr = """
            iptables-restore v1.8.9 (legacy): Couldn't load target `NOPE':No such file or directory

            Error occurred at line: \(failing)
            Try `iptables-restore -h' or 'iptables-restore --help' for more information.
            """
        let error = IptablesLoader.refusal(
            command: "iptables-restore", script: script, wasTest: true, exitCode: 2, standardError: stderr)
        guard case .refused(let refusal) = error else { Issue.record("not a refusal: \(error)"); return }
        let rule = try #require(ruleset[.filter]?["INPUT"]?.rules[3])
        #expect(refusal.origin?.location == rule.location)
        #expect(refusal.line == failing)
        #expect(refusal.scriptLine?.contains("--dport 80") == true)
        #expect(refusal.standardError == stderr)
        #expect(error.description == "\(rule.location): chain filter/INPUT: iptables-restore refused rule:"
            + " Couldn't load target `NOPE':No such file or directory")
    }

    @Test("a legacy commit failure (line N failed) maps to the table")
    func commitFailureMapsToTable() throws {
        let script = script()
        let commit = try line(of: "COMMIT", in: script)
        let error = IptablesLoader.refusal(
            command: "iptables-legacy-restore", script: script, wasTest: false, exitCode: 1,
            standardError: "iptables-restore: line \(commit) failed\n")
        guard case .refused(let refusal) = error else { Issue.record("not a refusal: \(error)"); return }
        let table = try #require(ruleset[.filter])
        #expect(refusal.origin?.kind == .table)
        #expect(refusal.origin?.location == table.location)
        #expect(error.description.hasPrefix("\(table.location): table filter: iptables-legacy-restore refused the table"))
    }

    @Test("an nft-variant error (line N: message) maps to the rule with the message")
    func nftErrorMapsToRule() throws {
        let script = script()
        let failing = try line(of: "-j LOGDROP", in: script)
        let stderr = "iptables-nft-restore v1.8.9 (nf_tables): \nline \(failing): RULE_APPEND failed (Invalid argument): rule in chain INPUT\n"
        let error = IptablesLoader.refusal(
            command: "iptables-nft-restore", script: script, wasTest: false, exitCode: 4, standardError: stderr)
        let rule = try #require(ruleset[.filter]?["INPUT"]?.rules.last)
        #expect(error.description == "\(rule.location): chain filter/INPUT: iptables-nft-restore refused rule:"
            + " RULE_APPEND failed (Invalid argument): rule in chain INPUT")
    }

    @Test("a line outside the script, or none, still gives a clear message")
    func unmappedLine() {
        let error = IptablesLoader.refusal(
            command: "ip6tables-restore", script: script(), wasTest: true, exitCode: 1,
            standardError: "ip6tables-restore: line 999 failed\n")
        #expect(error.description == "ip6tables-restore refused the IPv4 rules at script line 999: exit code 1")
    }

    @Test("permission and namespace problems are environment errors", arguments: [
        "iptables-restore v1.8.9 (legacy): iptables-restore: unable to initialize table 'filter'\n\nError occurred at line: 2\n",
        "Cannot open network namespace \"nope\": No such file or directory\n",
        "iptables-nft-restore: Could not fetch rule set generation id: Permission denied (you must be root)\n",
    ])
    func environmentProblems(stderr: String) {
        let error = IptablesLoader.refusal(
            command: "iptables-restore", script: script(), wasTest: true, exitCode: 1, standardError: stderr)
        guard case .environment(let message) = error else { Issue.record("not an environment error: \(error)"); return }
        #expect(message.hasPrefix("iptables-restore: "))
    }

    @Test("the rollback outcome is part of the description")
    func rollbackIsDescribed() {
        var refusal = IptablesRefusal(
            command: "ip6tables-restore", family: .ipv6, wasTest: false, line: nil, origin: nil, scriptLine: nil,
            toolMessage: "boom", standardError: "boom")
        refusal.rollback = .restored([.ipv4, .ipv6])
        #expect(refusal.description.hasSuffix("\nIPv4 and IPv6 tables were restored to their state before this apply"))
        refusal.rollback = .failed("disk on fire")
        #expect(refusal.description.contains("half-configured: disk on fire"))
    }
}
