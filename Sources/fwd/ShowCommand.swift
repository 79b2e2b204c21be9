import ArgumentParser
import FwdIptables
import FwdModel

#if canImport(Glibc)
import Glibc
#endif

/// `fwd show`: prints the ruleset as iptables-restore text.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the ruleset as iptables-restore (or ip6tables-restore) text.",
        discussion: "Exit codes: 0 shown, 1 invalid ruleset, 2 usage error.")

    /// The text formats `show` prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case iptables, ip6tables

        var family: IPFamily {
            switch self {
            case .iptables: .ipv4
            case .ip6tables: .ipv6
            }
        }
    }

    /// When to colour the output.
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(name: .long, help: "iptables (IPv4) or ip6tables (IPv6).")
    var format: Format = .iptables

    @Flag(name: .long, help: "Number each line (the numbers iptables-restore errors refer to).")
    var lineNumbers = false

    @Option(name: .long, help: "Colour the output: auto (when stdout is a terminal and NO_COLOR is unset), always, never.")
    var color: ColorChoice = .auto

    func run() throws {
        guard let ruleset = RulesetSource.loadValidated() else { throw FwdExitCode.invalidRuleset.exit }
        let renderer = IptablesRenderer(lineNumbers: lineNumbers, colorized: useColor)
        print(renderer.render(ruleset, family: format.family).text, terminator: "")
    }

    private var useColor: Bool {
        switch color {
        case .always: true
        case .never: false
        case .auto: standardOutputIsTerminal() && getenv("NO_COLOR") == nil
        }
    }
}
