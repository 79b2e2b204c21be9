import FwdConfig
import FwdModel
import Testing

/// Configs of several batches of rules (``RuleAssemblyPipeline`` builds them on a second thread,
/// or on the parser's when that one is busy) load as if each rule were built where it is read:
/// every rule in its place, every problem at its rule.
@Suite("Rules built in batches")
struct RuleAssemblyPipelineTests {
    /// Chains of `counts` rules; rule `i` of a chain allows port `i + 1`, every 7th uses a
    /// template instead (built on the parser's thread), and the rules at `bad` (by line) name
    /// an unknown protocol.
    static func config(counts: [(chain: String, rules: Int)], bad: Set<Int> = []) -> (text: String, lines: [Int]) {
        var text = "templates:\n  web: {proto: tcp, jump: ACCEPT}\ntables:\n  filter:\n"
        var line = 5
        var badLines: [Int] = []
        for (chain, count) in counts {
            text += "    \(chain):\n      rules:\n"
            line += 2
            for index in 0..<count {
                if bad.contains(line) {
                    text += "        - {proto: tcpx, dport: \(index + 1), jump: ACCEPT}\n"
                    badLines.append(line)
                } else if index % 7 == 3 {
                    text += "        - {use: web, dport: \(index + 1)}\n"
                } else {
                    text += "        - {proto: udp, source: 10.0.\(index % 256).0/24, dport: \(index + 1), jump: DROP}\n"
                }
                line += 1
            }
        }
        return (text, badLines)
    }

    @Test func everyRuleLandsInItsPlace() throws {
        let counts = [("INPUT", 2500), ("svc", 1300), ("OUTPUT", 1100)]
        let config = try ConfigLoader().load(text: RuleAssemblyPipelineTests.config(counts: counts).text)
        for (chain, count) in counts {
            let rules = try #require(config.ruleset[.filter]?[chain]?.rules)
            #expect(rules.count == count)
            for (index, rule) in rules.enumerated() {
                #expect(rule.destinationPort == Negatable(PortList([PortRange(index + 1)])), "\(chain) rule \(index + 1)")
                #expect(rule.target == (index % 7 == 3 ? .accept : .drop), "\(chain) rule \(index + 1)")
                #expect(rule.proto == (index % 7 == 3 ? .tcp : .udp), "\(chain) rule \(index + 1)")
            }
        }
    }

    @Test func everyProblemIsReportedAtItsRule() {
        let (text, lines) = RuleAssemblyPipelineTests.config(
            counts: [("INPUT", 3000), ("svc", 1200)], bad: [12, 1030, 1031, 2049, 2990, 3500, 4100])
        let found = problems(text)
        #expect(lines.count == 7)
        #expect(found == lines.map {
            "test.yaml:\($0):19: proto: 'tcpx' is not a known protocol (did you mean 'tcp'?)"
        })
    }
}
