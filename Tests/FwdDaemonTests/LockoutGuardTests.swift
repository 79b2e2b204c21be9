import FwdDaemon
import FwdModel
import Testing

@Suite struct LockoutGuardTests {
    let connection = SSHConnection(parsing: "198.51.100.7 52100 192.0.2.1 22")!

    func filter(input: [Rule], inputPolicy: Policy = .drop, output: [Rule] = [], outputPolicy: Policy = .accept) -> Ruleset {
        Ruleset([Table(.filter, chains: [
            Chain("INPUT", policy: inputPolicy, rules: input), Chain("OUTPUT", policy: outputPolicy, rules: output),
        ])])
    }

    @Test func parsesSSHConnection() throws {
        #expect(connection.clientAddress == IPAddress("198.51.100.7"))
        #expect(connection.clientPort == 52100 && connection.serverPort == 22)
        let v6 = try #require(SSHConnection(parsing: "2001:db8::5 40000 2001:db8::1 2222"))
        #expect(v6.serverAddress.family == .ipv6)
        let mapped = try #require(SSHConnection(parsing: "::ffff:10.0.0.5 40000 ::ffff:10.0.0.1 22"))
        #expect(mapped.clientAddress == IPAddress("10.0.0.5"))
        #expect(SSHConnection(parsing: "10.0.0.5 40000 10.0.0.1") == nil)
        #expect(SSHConnection(parsing: "10.0.0.5 99999 10.0.0.1 22") == nil)
        #expect(SSHConnection(parsing: "10.0.0.5 4000 fd00::1 22") == nil)
        #expect(LockoutGuard.current(in: [:]) == nil)
        #expect(LockoutGuard.current(in: ["SSH_CONNECTION": "10.0.0.5 40000 10.0.0.1 22"]) != nil)
    }

    @Test func keepsAConnectionAllowedAsEstablished() throws {
        let ruleset = filter(input: [Rule(ctstate: Negatable([.established, .related]), jump: .accept)])
        try LockoutGuard(connection: connection).requireSafe(ruleset)
    }

    @Test func refusesARulesetDroppingTheConnection() {
        let ruleset = filter(input: [Rule(proto: "tcp", dport: [80, 443], jump: .accept, file: "fw.yaml", line: 4)])
        let refusal = #expect(throws: LockoutRefusal.self) { try LockoutGuard(connection: connection).requireSafe(ruleset) }
        #expect(refusal?.exitCode == .lockoutRefused)
        let text = refusal?.description ?? ""
        #expect(text.contains("would drop the SSH connection this command runs from (198.51.100.7:52100 → 192.0.2.1:22)"))
        #expect(text.contains("client → server: dropped by policy DROP of filter/INPUT"))
        #expect(text.contains("--confirm") && text.contains("--force"))
    }

    @Test func refusesWhenRepliesCannotLeave() {
        let ruleset = filter(input: [Rule(proto: "tcp", dport: 22, jump: .accept)], inputPolicy: .drop, output: [],
            outputPolicy: .drop)
        let verdict = LockoutGuard(connection: connection).assess(ruleset)
        #expect(verdict.decision == .dropped)
        #expect(verdict.reasons.first?.hasPrefix("server → client: dropped by policy DROP of filter/OUTPUT") == true)
    }

    @Test func refusesWhenItCannotTellAndSaysWhy() {
        let ruleset = filter(input: [Rule(proto: "tcp", inInterface: "eth0", dport: 22, jump: .accept)])
        let refusal = #expect(throws: LockoutRefusal.self) { try LockoutGuard(connection: connection).requireSafe(ruleset) }
        #expect(refusal?.verdict.decision == .undecidable)
        #expect(refusal?.description.contains("might drop") == true)
        #expect(refusal?.description.contains("in-interface eth0: the packet's interface is not known") == true)
    }

    @Test func loopbackConnectionsKnowTheirInterface() throws {
        let local = try #require(SSHConnection(parsing: "127.0.0.1 40000 127.0.0.1 22"))
        let ruleset = filter(input: [Rule(inInterface: "lo", jump: .accept)], output: [Rule(outInterface: "lo", jump: .accept)],
            outputPolicy: .drop)
        try LockoutGuard(connection: local).requireSafe(ruleset)
    }

    @Test func coordinatorRefusesBeforeTouchingTheKernelUnlessConfirmOrForce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = FakeBackend()
        let coordinator = CommitCoordinator(backend: backend, directory: RuntimeDirectory(directory.path))
        let locking = LoadedRuleset(ruleset: filter(input: []), files: [], digest: "d")
        let guardian = LockoutGuard(connection: connection)

        await #expect(throws: LockoutRefusal.self) {
            try await coordinator.apply(locking, options: CommitOptions(lockoutGuard: guardian))
        }
        #expect(backend.kernel.withLock { $0.applies } == 0)

        _ = try await coordinator.apply(locking, options: CommitOptions(force: true, lockoutGuard: guardian))
        #expect(backend.current == locking.ruleset)
    }
}
