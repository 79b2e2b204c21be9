import Testing
import FwdModel

/// The Swift API reads as the guide shows it: implicit members and literals type-check.
@Test func apiErgonomics() {
    let ssh = Rule(proto: .tcp, dport: 22)
    let r = ssh(source: "10.0.0.0/8", comment: "SSH from admins", jump: .accept)
    let web = Rule(proto: "tcp", dport: [80, 443, .range(8000, 8100)], ctstate: [.new], jump: .reject)
    let neg = Rule(source: "!10.0.0.1", jump: .reject(with: .tcpReset))
    var chain = Chain("INPUT", policy: .drop)
    chain.append(r); chain.append(web); chain.append(neg)
    var rs = Ruleset.defaultTables()
    rs[.filter]?["INPUT"] = chain
    #expect(rs.validate().count == 1)
    #expect(r.families == IPFamilies.ipv4)
}
