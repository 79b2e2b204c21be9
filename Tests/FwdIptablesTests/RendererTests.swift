@testable import FwdIptables
import FwdModel
import Testing

/// Focused checks of the renderer's rules, beside the golden files.
@Suite struct RendererTests {
    private func ruleLines(_ rules: [Rule], family: IPFamily = .ipv4, table: TableKind = .filter, chain: String = "INPUT") -> [String] {
        let ruleset = Ruleset([Table(table, chains: [Chain(chain, rules: rules)])])
        #expect(ruleset.validate().isEmpty, "\(ruleset.validate())")
        return IptablesRenderer().render(ruleset, family: family).text
            .split(separator: "\n").map(String.init).filter { $0.hasPrefix("-A ") }
    }

    @Test("quoting follows iptables-save", arguments: [
        ("plain", "plain"), ("with space", "\"with space\""), ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("a\\b", "\"a\\\\b\""), ("it's", "\"it\\'s\""), ("", "\"\""), ("x+", "\"x+\""),
    ])
    func quoting(input: String, expected: String) {
        #expect(IptablesQuoting.quote(input) == expected)
    }

    @Test("multiport slices hold at most 15 slots, a range taking two")
    func multiportSlices() {
        let ranges = (1...20).map { PortRange($0 * 10, $0 * 10 + 5) }
        let slices = IptablesRuleRenderer.slices(of: ranges)
        #expect(slices.count == 3)
        #expect(slices.allSatisfy { PortList($0).multiportSlots <= PortList.multiportCapacity })
        #expect(slices.flatMap { $0 } == ranges)
        #expect(IptablesRuleRenderer.slices(of: (1...45).map { PortRange($0) }).map(\.count) == [15, 15, 15])
    }

    @Test("a split list and a composite rule multiply")
    func splitTimesComposite() {
        let lines = ruleLines([Rule(
            proto: "udp", source: "10.0.0.1,10.0.0.2,10.0.0.3", dport: Negatable(PortList((1...31).map { PortRange($0) })),
            jump: .accept)])
        #expect(lines.count == 3 * 3)
        #expect(Set(lines).count == 9)
    }

    @Test("rules of the other family are left out, the table is not")
    func familySplit() {
        let rules = [Rule(source: "10.0.0.1", jump: .accept), Rule(source: "fd00::1", jump: .drop)]
        #expect(ruleLines(rules, family: .ipv4) == ["-A INPUT -s 10.0.0.1/32 -j ACCEPT"])
        #expect(ruleLines(rules, family: .ipv6) == ["-A INPUT -s fd00::1/128 -j DROP"])
    }

    @Test("negations are placed as iptables-save places them")
    func negations() {
        let lines = ruleLines([Rule(
            proto: "!tcp", source: "!10.0.0.0/8", destination: "!10.1.0.1-10.1.0.2", inInterface: "!eth0",
            ctstate: .not([.new]), mark: .not(MarkValue(1)), jump: .accept)])
        #expect(lines == [
            "-A INPUT ! -s 10.0.0.0/8 ! -i eth0 ! -p tcp -m iprange ! --dst-range 10.1.0.1-10.1.0.2"
                + " -m conntrack ! --ctstate NEW -m mark ! --mark 0x1 -j ACCEPT",
        ])
    }

    @Test("rates are written in iptables-save's unit", arguments: [
        (RateLimit(60, per: .minute), "1/sec"), (RateLimit(120, per: .hour), "2/min"),
        (RateLimit(48, per: .day), "2/hour"), (RateLimit(90, per: .minute), "90/min"),
        (RateLimit(86400, per: .day), "1/sec"), (RateLimit(3, per: .second), "3/sec"),
    ])
    func rates(limit: RateLimit, expected: String) {
        #expect(IptablesRuleRenderer.rateText(limit) == expected)
    }

    @Test("colour only when asked, with the target coloured by kind")
    func colour() {
        let ruleset = ExampleRulesets.host()
        #expect(!IptablesRenderer().render(ruleset, family: .ipv4).text.contains("\u{1B}["))
        let text = IptablesRenderer(colorized: true).render(ruleset, family: .ipv4).text
        #expect(text.contains("-j \u{1B}[32mACCEPT\u{1B}[0m"))
        #expect(text.contains("-j \u{1B}[31mREJECT\u{1B}[0m --reject-with tcp-reset"))
        #expect(text.contains("-j \u{1B}[33mLOG\u{1B}[0m"))
        #expect(text.contains("-j \u{1B}[34mLOGDROP\u{1B}[0m"))
        #expect(text.contains("\u{1B}[1m*filter\u{1B}[0m"))
        #expect(text.contains("\u{1B}[2m# Rule: loopback"))
    }
}
