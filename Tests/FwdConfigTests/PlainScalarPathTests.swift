@testable import FwdConfig
import FwdModel
import Testing

/// A rule key's plain scalar value is applied straight from the draft
/// (``RuleAssembler/applyPlainScalar(_:)``); the general way (``Definitions/expandLiteral(_:problems:)``
/// then ``RuleAssembler/apply(_:)``) must give the same rule and the same messages, and the
/// shortcut must decline what it does not handle rather than handle it differently.
@Suite("The plain-scalar path agrees with the general one")
struct PlainScalarPathTests {
    /// Values for every key: valid ones, bad ones, negations, double negations, blanks, tags,
    /// references, set references and comma lists.
    static let values = [
        "tcp", "udp", "icmp", "6", "300", "tcpp", "!tcp", "! udp", "!!tcp", "", " ", "eth0", "!eth1", "eth/0",
        "a-very-long-interface-name", "10.0.0.0/8", "!10.0.0.1", "fd00::1", "10.0.0.0/33", "10.0.0.1-10.0.0.9",
        "1.2.3", "22", "!22", "8000-8100", "9000-8000", "70000", "80,443", "80,,443", "@blocklist", "!@set",
        "NEW", "new", "NEW,ESTABLISHED", "ESTABLISHD", "!INVALID", "echo-request", "8/0", "pingg", "0x10",
        "0x10/0xff", "16", "0xfffffffff", "ACCEPT", "DROP", "LOG", "REJECT", "DNAT", "MARK", "custom-chain",
        "icmp-port-unreachable", "tcp-reset", "nope", "warning", "4", "9", "5/second", "10/minute", "5/fortnight",
        "10", "0", "20000", "1.2.3.4", "1.2.3.4:8080", "10.0.0.1-10.0.0.5:80-90", "bad address", "8080",
        "8000-8100", "0", "prefix: ", "a comment", "$define", "!$define", "line\nbreak", "nul\0byte",
    ]

    /// The rule and messages from the general way, then from the shortcut (nil when it declines).
    static func both(_ entry: RuleEntry) -> (general: (Rule, [Diagnostic]), plain: (Rule, [Diagnostic])?) {
        var general = RuleAssembler(at: entry.keyLocation)
        var expandProblems: [Diagnostic] = []
        if let expanded = Definitions.expandLiteral(entry, problems: &expandProblems) { general.apply(expanded) }
        let (generalRule, generalProblems) = general.finish()
        var plain = RuleAssembler(at: entry.keyLocation)
        guard plain.applyPlainScalar(entry) else { return ((generalRule, expandProblems + generalProblems), nil) }
        return ((generalRule, expandProblems + generalProblems), plain.finish())
    }

    @Test func everyKeyAndValueGivesTheSameRuleAndMessages() {
        let keyAt = SourceLocation(file: "t.yaml", line: 3, column: 5)
        let valueAt = SourceLocation(file: "t.yaml", line: 3, column: 12)
        var taken = 0
        for key in RuleKey.allCases {
            for text in Self.values {
                for isFromTag in [false, true] {
                    let scalar = RawScalar(text: text, location: valueAt, isFromTag: isFromTag)
                    let entry = RuleEntry(key: key, keyLocation: keyAt, value: .scalar(scalar))
                    let (general, plain) = Self.both(entry)
                    guard let plain else { continue }
                    taken += 1
                    #expect(plain.0 == general.0, "\(key.name): '\(text)'")
                    #expect(plain.1 == general.1, "\(key.name): '\(text)'")
                }
            }
        }
        #expect(taken > RuleKey.allCases.count * 10)
    }

    @Test func declinesWhatItDoesNotHandle() {
        let at = SourceLocation(file: "t.yaml", line: 1, column: 1)
        func declines(_ key: RuleKey, _ text: String, tag: Bool = false) -> Bool {
            var assembler = RuleAssembler(at: at)
            let entry = RuleEntry(key: key, keyLocation: at, value: .scalar(RawScalar(text: text, location: at, isFromTag: tag)))
            let applied = assembler.applyPlainScalar(entry)
            return !applied
        }
        #expect(declines(.source, "$admins"))
        #expect(declines(.source, "@blocklist"))
        #expect(declines(.destinationPort, "80,443"))
        #expect(declines(.proto, "!!tcp"))
        #expect(declines(.jump, "!ACCEPT"))
        #expect(declines(.proto, " "))
        #expect(declines(.comment, "text", tag: true))
        #expect(declines(.use, "ssh"))
        var assembler = RuleAssembler(at: at)
        let list = RuleEntry(key: .source, keyLocation: at, value: .list([RawScalar(text: "10.0.0.1", location: at)], at: at))
        let appliedList = assembler.applyPlainScalar(list)
        #expect(!appliedList)
        #expect(!declines(.source, "!10.0.0.0/8"))
        #expect(!declines(.comment, "!not a negation"))
    }
}
