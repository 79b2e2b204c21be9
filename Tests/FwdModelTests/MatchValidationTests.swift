@testable import FwdModel
import Testing

@Suite("Validation: matches")
struct MatchValidationTests {
    @Test("Ports need a protocol with ports")
    func portsNeedProtocol() {
        #expect(inputMessages(Rule(dport: 22)) == ["dport needs proto tcp, udp, sctp, udplite or dccp"])
        #expect(inputMessages(Rule(sport: 22)) == ["sport needs proto tcp, udp, sctp, udplite or dccp"])
        #expect(inputMessages(Rule(proto: "icmp", dport: 22)) == ["dport needs proto tcp, udp, sctp, udplite or dccp"])
        #expect(inputMessages(Rule(proto: "!tcp", dport: 22)) == ["dport needs proto tcp, udp, sctp, udplite or dccp"])
        for proto in [IPProtocol.tcp, .udp, .sctp, .udplite, .dccp] {
            #expect(inputMessages(Rule(proto: Negatable(proto), sport: 1024, dport: 22)).isEmpty)
        }
    }

    @Test("Ports out of range, reversed ranges, empty and long negated lists")
    func portValues() {
        #expect(inputMessages(Rule(proto: "tcp", dport: 65536)) == ["dport: port 65536 is out of range 0...65535"])
        #expect(inputMessages(Rule(proto: "tcp", dport: Negatable(PortList([PortRange(-1)]))))
            == ["dport: port -1 is out of range 0...65535"])
        #expect(inputMessages(Rule(proto: "udp", sport: [PortRange(9000, 70000)]))
            == ["sport: port 9000-70000 is out of range 0...65535"])
        #expect(inputMessages(Rule(proto: "tcp", dport: [PortRange(90, 80)])) == ["dport: port range 90-80 ends before it starts"])
        #expect(inputMessages(Rule(proto: "tcp", dport: Negatable(PortList([])))) == ["dport lists no port"])
        #expect(inputMessages(Rule(proto: "tcp", dport: [0, 65535])).isEmpty)

        let fifteen = PortList((1...15).map { PortRange($0) })
        #expect(inputMessages(Rule(proto: "tcp", dport: .not(fifteen))).isEmpty)
        let sixteenSlots = PortList((1...14).map { PortRange($0) } + [PortRange(100, 200)])
        #expect(inputMessages(Rule(proto: "tcp", dport: .not(sixteenSlots)))
            == ["dport: a negated port list holds at most 15 ports (a range counts as two)"])
        let many = PortList((1...40).map { PortRange($0) })
        #expect(inputMessages(Rule(proto: "tcp", dport: Negatable(many))).isEmpty, "a plain list is split by the renderers")
    }

    @Test("Protocols that do not exist")
    func protocols() {
        #expect(inputMessages(Rule(proto: "tcpp")) == ["unknown protocol 'tcpp'"])
        #expect(inputMessages(Rule(proto: Negatable(IPProtocol(number: 256)))) == ["protocol number 256 is not 0...255"])
        #expect(inputMessages(Rule(proto: "132")).isEmpty)
    }

    @Test("Malformed addresses and prefixes are reported with the reason")
    func addresses() {
        #expect(inputMessages(Rule(source: "10.0.0.256")) == ["source: '10.0.0.256' is not an IPv4 or IPv6 address"])
        #expect(inputMessages(Rule(destination: "10.0.0.0/40")) == ["destination: prefix length '40' is not 0...32"])
        #expect(inputMessages(Rule(source: "10.0.0.1,bad")) == ["source: 'bad' is not an IPv4 or IPv6 address"])
        #expect(inputMessages(Rule(source: "")) == ["source lists no address"])
        #expect(inputMessages(Rule(source: .not(["10.0.0.1", "10.0.0.2"])))
            == ["source: a negated match takes one address, not a list"])
        #expect(inputMessages(Rule(source: "!10.0.0.0/8", destination: "10.1.0.0/16,10.2.0.0/16")).isEmpty)
    }

    @Test("IPv4 and IPv6 in one rule", arguments: [
        (Rule(source: "10.0.0.1", destination: "fd00::1"),
            "mixes IPv4 and IPv6: source 10.0.0.1 is IPv4 but destination fd00::1 is IPv6"),
        (Rule(source: "10.0.0.1,fd00::1"), "mixes IPv4 and IPv6: source 10.0.0.1 is IPv4 but source fd00::1 is IPv6"),
        (Rule(proto: "icmpv6", destination: "10.0.0.0/8"),
            "mixes IPv4 and IPv6: destination 10.0.0.0/8 is IPv4 but protocol icmpv6 is IPv6"),
        (Rule(proto: "icmp", jump: .reject(with: .icmp6PortUnreachable)),
            "mixes IPv4 and IPv6: protocol icmp is IPv4 but reject-with icmp6-port-unreachable is IPv6"),
        (Rule(source: "fd00::1", jump: .reject(with: .icmpPortUnreachable)),
            "mixes IPv4 and IPv6: reject-with icmp-port-unreachable is IPv4 but source fd00::1 is IPv6"),
    ])
    func mixedFamilies(rule: Rule, message: String) {
        #expect(inputMessages(rule) == [message])
    }

    @Test("NAT addresses of the wrong family")
    func natFamily() {
        #expect(messages(for: Rule(destination: "fd00::1", jump: .dnat(to: "10.0.0.5")), in: .nat, chain: "PREROUTING")
            == ["mixes IPv4 and IPv6: NAT address 10.0.0.5 is IPv4 but destination fd00::1 is IPv6"])
    }

    @Test("ICMP types need an ICMP protocol and a name of its family")
    func icmpTypes() {
        #expect(inputMessages(Rule(proto: "icmp", icmpType: "echo-request")).isEmpty)
        #expect(inputMessages(Rule(proto: "icmpv6", icmpType: "neighbour-solicitation")).isEmpty)
        #expect(inputMessages(Rule(proto: "icmp", icmpType: "3/4")).isEmpty)
        #expect(inputMessages(Rule(icmpType: "echo-request")) == ["icmp-type needs proto icmp (IPv4) or icmpv6 (IPv6)"])
        #expect(inputMessages(Rule(proto: "tcp", icmpType: "echo-request"))
            == ["icmp-type needs proto icmp (IPv4) or icmpv6 (IPv6)"])
        #expect(inputMessages(Rule(proto: "!icmp", icmpType: "echo-request"))
            == ["icmp-type needs proto icmp (IPv4) or icmpv6 (IPv6)"])
        #expect(inputMessages(Rule(proto: "icmp", icmpType: "neighbour-solicitation"))
            == ["'neighbour-solicitation' is not an ICMP type"])
        #expect(inputMessages(Rule(proto: "icmpv6", icmpType: "source-quench")) == ["'source-quench' is not an ICMPv6 type"])
        #expect(inputMessages(Rule(proto: "icmp", icmpType: "300")) == ["'300' is not an ICMP type"])
    }

    @Test("Interfaces: length, characters, and the hooks that have them")
    func interfaces() {
        #expect(inputMessages(Rule(inInterface: "eth0")).isEmpty)
        #expect(inputMessages(Rule(inInterface: "123456789012345")).isEmpty)
        #expect(inputMessages(Rule(inInterface: "veth+")).isEmpty)
        #expect(inputMessages(Rule(inInterface: "+")).isEmpty)
        #expect(inputMessages(Rule(inInterface: "1234567890123456"))
            == ["in-interface '1234567890123456' is 16 bytes; interface names have at most 15"])
        #expect(inputMessages(Rule(inInterface: "eth 0")) == ["in-interface 'eth 0' holds a character interface names cannot have"])
        #expect(inputMessages(Rule(inInterface: "a/b")) == ["in-interface 'a/b' holds a character interface names cannot have"])
        #expect(inputMessages(Rule(inInterface: "")) == ["in-interface is empty"])
        #expect(messages(for: Rule(inInterface: "eth0"), in: .filter, chain: "OUTPUT")
            == ["in-interface cannot match in OUTPUT: those packets have no input interface yet"])
        #expect(inputMessages(Rule(outInterface: "eth0"))
            == ["out-interface cannot match in INPUT: those packets have no output interface yet"])
        #expect(messages(for: Rule(outInterface: "!lo"), in: .mangle, chain: "common", reachedFrom: ["PREROUTING", "INPUT", "OUTPUT"])
            == ["out-interface cannot match in INPUT/PREROUTING: those packets have no output interface yet"])
        #expect(messages(for: Rule(inInterface: "eth0", outInterface: "eth1"), in: .filter, chain: "FORWARD").isEmpty)
        #expect(messages(for: Rule(inInterface: "eth0"), in: .nat, chain: "POSTROUTING")
            == ["in-interface cannot match in POSTROUTING: those packets have no input interface yet"])
    }

    @Test("Comments: at most 255 bytes, one line")
    func comments() {
        #expect(inputMessages(Rule(comment: String(repeating: "c", count: 255))).isEmpty)
        #expect(inputMessages(Rule(comment: String(repeating: "c", count: 256))) == ["comment is 256 bytes; at most 255 fit"])
        #expect(inputMessages(Rule(comment: String(repeating: "ü", count: 128))) == ["comment is 256 bytes; at most 255 fit"])
        #expect(inputMessages(Rule(comment: "two\nlines")) == ["comment cannot hold a line break or NUL"])
    }

    @Test("Rate limits within the kernel's bounds")
    func limits() {
        #expect(inputMessages(Rule(limit: RateLimit(10_000, per: .second, burst: 10_000))).isEmpty)
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .day, burst: 1))).isEmpty)
        #expect(inputMessages(Rule(limit: RateLimit(0, per: .minute))) == ["limit rate must be at least 1/minute"])
        #expect(inputMessages(Rule(limit: RateLimit(10_001, per: .second)))
            == ["limit 10001/second is faster than the kernel's 10000/second"])
        #expect(inputMessages(Rule(limit: RateLimit(600_001, per: .minute)))
            == ["limit 600001/minute is faster than the kernel's 10000/second"])
        #expect(inputMessages(Rule(limit: RateLimit(5, per: .second, burst: 0))) == ["limit-burst 0 is not 1...10000"])
        #expect(inputMessages(Rule(limit: RateLimit(5, per: .second, burst: 10_001))) == ["limit-burst 10001 is not 1...10000"])
    }

    @Test("A burst that takes more than a day to refill overflows xt_limit's bucket")
    func limitBucket() {
        let overflow = { (rate: String, burst: Int) in
            "limit \(rate) with burst \(burst) overflows the kernel's token bucket: refilling a full burst may take"
                + " at most 86400 seconds (one day); lower the burst or raise the rate"
        }
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .day))) == [overflow("1/day", 5)], "the default burst is 5")
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .hour, burst: 120))) == [overflow("1/hour", 120)])
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .hour, burst: 25))) == [overflow("1/hour", 25)])
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .hour, burst: 24))).isEmpty)
        #expect(inputMessages(Rule(limit: RateLimit(5, per: .day, burst: 5))).isEmpty)
        #expect(inputMessages(Rule(limit: RateLimit(1, per: .minute, burst: 1440))).isEmpty)
        #expect(inputMessages(Rule(limit: RateLimit(10, per: .minute))).isEmpty)
    }
}
