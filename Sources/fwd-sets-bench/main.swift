import FwdModel
import FwdNetlink
import FwdNftables

#if canImport(Glibc)
import Glibc
#endif

/// The driver of bench/sets.sh. One ruleset: a filter INPUT chain with one rule looking up a
/// named set of `--count` IPv4 elements (distinct hosts; with `--interval`, every tenth a /30).
///
///     fwd-sets-bench text --count N [--interval]     prints the ruleset as nft text (for nft -f)
///     fwd-sets-bench commit --count N [--interval]   commits it over netlink in the current
///                                                     network namespace; prints
///                                                     `build=S lower=S commit=S` (seconds)
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// `seconds` with three decimals.
func fixed(_ seconds: Double) -> String {
    let milliseconds = Int((seconds * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Element `index`: `10.A.B.C`, four addresses apart, so a /30 never overlaps another element.
func element(_ index: Int, interval: Bool) -> SetElement {
    let base = index * 4
    let address = IPAddress.v4(0x0A00_0000 | UInt32(base & 0x7F_FFFF))
    return .address(interval && index % 10 == 9 ? .network(address, prefixLength: 30) : .host(address))
}

func ruleset(count: Int, interval: Bool) -> Ruleset {
    let set = NamedSet("blocklist", type: .ipv4, elements: (0..<count).map { element($0, interval: interval) })
    let rule = Rule(sets: [.source(in: set)], comment: "blocklist", jump: .drop)
    return Ruleset([Table(.filter, chains: [Chain("INPUT", rules: [rule])])], sets: [set])
}

let arguments = Array(CommandLine.arguments.dropFirst())
let interval = arguments.contains("--interval")
let count = arguments.firstIndex(of: "--count").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil }
    ?? 100_000
switch arguments.first {
case "text":
    print(NftTextRenderer().render(ruleset(count: count, interval: interval)), terminator: "")
case "commit":
    let start = monotonicSeconds()
    let model = ruleset(count: count, interval: interval)
    let built = monotonicSeconds()
    let lowered = NftablesLowering().lower(model)
    let loweredAt = monotonicSeconds()
    let report: NftCommitReport
    do {
        report = try NftablesKernel().commit(lowered)
    } catch {
        print("commit failed: \(error)")
        exit(1)
    }
    let done = monotonicSeconds()
    print("build=\(fixed(built - start)) lower=\(fixed(loweredAt - built)) commit=\(fixed(done - loweredAt))"
        + " (encode=\(fixed(report.buildDuration.seconds)) kernel=\(fixed(report.kernelDuration.seconds)))")
default:
    print("usage: fwd-sets-bench text|commit [--count N] [--interval]")
    exit(2)
}
