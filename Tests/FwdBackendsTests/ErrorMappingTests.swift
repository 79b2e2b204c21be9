import FwdDaemon
import FwdIptables
import FwdModel
import FwdNetlink
import Testing

@testable import FwdBackends

/// The backends' errors in the daemon's terms: the exit codes fwd(8) documents and messages that
/// start with the rule's location.
@Suite struct ErrorMappingTests {
    let location = SourceLocation(file: "fw.yaml", line: 12, column: 7)

    @Test func nftablesRefusalsBecomeOneLinePerRuleWithExitCode3() {
        let refusals = [
            NftKernelRefusal(
                location: location, object: "chain INPUT", action: "rule", errno: 2,
                reason: "No such file or directory", hint: "jump target or set missing?"),
            NftKernelRefusal(
                location: nil, object: "table inet fwd_filter", action: "table", errno: 22,
                reason: "Invalid argument", hint: nil),
        ]
        let error = NftCommitError.refused(refusals, repliesLost: false).backendError
        #expect(FwdExitCode.classifying(error) == .kernelRefused)
        let refusal = error as? KernelRefusal
        #expect(refusal?.locations == [location])
        #expect(
            "\(error)" == """
                fw.yaml:12:7: chain INPUT: kernel refused rule: No such file or directory (jump target or set missing?)
                table inet fwd_filter: kernel refused table: Invalid argument
                """)
    }

    @Test func otherNftablesFailuresAreConfigOrEnvironment() {
        let unencodable = NftCommitError.invalidRuleset([
            NftRulesetProblem(location: location, object: "rule", message: "too long")
        ])
        #expect(FwdExitCode.classifying(unencodable.backendError) == .invalidConfig)
        #expect("\(unencodable.backendError)".hasPrefix("fw.yaml:12:7: rule: too long"))
        for error in [
            NftCommitError.foreignTable(family: "inet", name: "fwd_filter"), .concurrentChanges(attempts: 4),
            .outcomeUnknown("lost"), .system(NftSystemError(operation: "open a socket", errno: 1)),
        ] {
            #expect(FwdExitCode.classifying(error.backendError) == .environment, "\(error)")
        }
    }

    @Test func iptablesErrorsMapToTheDocumentedCodes() {
        let origin = IptablesLineOrigin(kind: .rule(ruleNumber: 1), location: location, table: .filter, chain: "INPUT")
        let refused = IptablesLoadError.refused(
            IptablesRefusal(
                command: "iptables-legacy-restore", family: .ipv4, wasTest: true, line: 9, origin: origin,
                scriptLine: "-A INPUT -j NOPE", toolMessage: "Couldn't load target `NOPE'", standardError: ""))
        #expect(FwdExitCode.classifying(refused.backendError) == .kernelRefused)
        #expect(
            "\(refused.backendError)".hasPrefix(
                "fw.yaml:12:7: chain filter/INPUT: iptables-legacy-restore refused rule"))
        #expect((refused.backendError as? KernelRefusal)?.locations == [location])

        let invalid = IptablesLoadError.invalidRuleset(ValidationError([Diagnostic("bad", at: location)]))
        #expect(FwdExitCode.classifying(invalid.backendError) == .invalidConfig)
        #expect(FwdExitCode.classifying(IptablesLoadError.environment("no tool").backendError) == .environment)
        #expect(
            FwdExitCode.classifying(
                IptablesLoadError.toolFailed(command: "iptables-save", exitCode: 1, standardError: "").backendError)
                == .environment)
    }

    @Test func backendNamesRoundTripForTheRollbackHelper() throws {
        let directory = RuntimeDirectory("/tmp/unused")
        var names: [String] = []
        for backend in [NftablesBackend(runtimeDirectory: directory) as any FirewallBackend]
            + IptablesTool.allCases.map({ IptablesBackend(tool: $0, runtimeDirectory: directory) })
        {
            let found = try #require(
                BackendChoice.backend(named: backend.name, networkNamespace: "ns", runtimeDirectory: directory))
            #expect(found.name == backend.name)
            #expect(found.networkNamespace == "ns")
            names.append(backend.name)
        }
        #expect(names == ["nftables", "iptables", "iptables-legacy", "iptables-nft"])
        #expect(BackendChoice.backend(named: "pf", networkNamespace: nil, runtimeDirectory: directory) == nil)
    }

    @Test func aMissingNamespaceIsAnEnvironmentError() {
        #expect(throws: EnvironmentError.self) {
            try BackendChoice.nftables.resolve(networkNamespace: "fwdt-surely-missing-namespace")
        }
    }
}
