/// The YAML configs the CLI tests apply.
enum Configs {
    /// A stateful INPUT chain (policy DROP) allowing TCP to `port`, over IPv4 and IPv6.
    static func allowing(port: Int) -> String {
        """
        # allow TCP \(port)
        tables:
          filter:
            INPUT:
              policy: DROP
              rules:
                - {ctstate: [ESTABLISHED, RELATED], jump: ACCEPT}
                - {in: lo, jump: ACCEPT}
                - {proto: tcp, dport: \(port), jump: ACCEPT, comment: "port \(port)"}
                - {proto: icmp, icmp-type: echo-request, jump: ACCEPT}
            OUTPUT:
              policy: ACCEPT

        """
    }

    /// A config with an unknown key on line 6, column 48 (`bogus`).
    static let invalid = """
        tables:
          filter:
            INPUT:
              policy: DROP
              rules:
                - {proto: tcp, dport: 22, jump: ACCEPT, bogus: 1}

        """

    /// The line of ``invalid``'s bad key.
    static let invalidLine = 6

    /// Valid, but its jumps nest 20 deep: nf_tables refuses deeper than 16 (EMLINK); iptables-nft
    /// too. The first refused rule is chain c15's (line 50).
    static let deepJumps: String = {
        var lines = ["tables:", "  filter:", "    INPUT:", "      rules:", "        - {jump: c1}"]
        for index in 1...20 {
            lines += [
                "    c\(index):", "      rules:",
                index < 20 ? "        - {jump: c\(index + 1)}" : "        - {jump: ACCEPT}",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Drops everything coming in, SSH included: the lockout guard's case.
    static let dropsSSH = """
        tables:
          filter:
            INPUT:
              policy: DROP
              rules:
                - {proto: tcp, dport: 8080, jump: ACCEPT}

        """

    /// An `SSH_CONNECTION` value for a connection to port 22 of 10.0.0.2.
    static let sshConnection = "10.0.0.1 50000 10.0.0.2 22"
}
