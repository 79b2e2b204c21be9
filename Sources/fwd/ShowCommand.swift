import ArgumentParser
import FwdBackends
import FwdConfig
import FwdIptables
import FwdModel
import Glibc

/// `fwd show`: prints the config as fwd understands it, reading nothing from the kernel.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the config as nft, iptables-restore or canonical YAML text (changes nothing).",
        discussion: """
            nft (the default) is exactly what `nft list ruleset` prints once the nftables backend \
            has applied the config; iptables and ip6tables are the scripts the iptables backend \
            loads; yaml is the config normalised (defines, templates and includes resolved).
            Exit codes: 0 shown, 1 invalid config, 2 usage error.
            """)

    /// The text formats `show` prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case nft, iptables, ip6tables, yaml
    }

    /// When to colour the output.
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "nft, iptables (IPv4), ip6tables (IPv6) or yaml.")
    var format: Format = .nft

    @Flag(name: .long, help: "Number each line (iptables: the numbers iptables-restore errors refer to).")
    var lineNumbers = false

    @Option(
        name: .long,
        help: """
            Colour the iptables formats: auto (when stdout is a terminal and NO_COLOR is unset), always, never.
            """)
    var color: ColorChoice = .auto

    func run() async throws {
        let ruleset = try await configOptions.readingSource.load().ruleset
        print(text(of: ruleset), terminator: "")
    }

    /// The ruleset in the chosen format.
    func text(of ruleset: Ruleset) -> String {
        switch format {
        case .nft:
            return numbered(NftablesBackend.listing(of: ruleset))
        case .yaml:
            return numbered(ruleset.canonicalYAML())
        case .iptables, .ip6tables:
            let renderer = IptablesRenderer(lineNumbers: lineNumbers, colorized: useColor)
            return renderer.render(ruleset, family: format == .iptables ? .ipv4 : .ipv6).text
        }
    }

    /// `text` with each line numbered when `--line-numbers` is given, as the iptables renderer
    /// numbers its lines.
    private func numbered(_ text: String) -> String {
        guard lineNumbers else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        let width = String(lines.count).count
        return lines.enumerated().map { index, line in
            let number = String(index + 1)
            let padding = String(repeating: " ", count: width - number.count)
            return (line.isEmpty ? padding + number : "\(padding)\(number)  \(line)") + "\n"
        }.joined()
    }

    private var useColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: standardOutputIsTerminal() && getenv("NO_COLOR") == nil
        }
    }
}
