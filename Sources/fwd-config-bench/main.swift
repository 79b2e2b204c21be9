import FwdConfig
import FwdIptables
import FwdModel
import FwdNftables

#if canImport(Glibc)
import Glibc
#endif

/// Loads and validates the config named on the command line, `--repeat N` times, and prints the
/// time of each load (and the CPU time of the main thread and of all threads) and the rule
/// count: the driver of bench/config-load.sh. `--print` prints the canonical YAML; `--nft FILE`
/// writes the ruleset as nft text (`NftTextRenderer`) and `--iptables FILE` as the IPv4
/// iptables-restore script (`IptablesRenderer`, `FILE.v6` gets the IPv6 one), so that the
/// benchmark can time `nft -f` and `iptables-restore` on the same rules.
func seconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// The value after `flag` in `arguments`, removing both.
func option(_ flag: String, in arguments: inout [String]) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    defer { arguments.removeSubrange(index...(index + 1)) }
    return arguments[index + 1]
}

/// Writes `text` to `path`, or exits with the reason.
func write(_ text: String, to path: String) {
    guard let file = fopen(path, "w") else {
        print("cannot write \(path): \(String(cString: strerror(errno)))")
        exit(2)
    }
    fputs(text, file)
    fclose(file)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let printCanonical = arguments.contains("--print")
arguments.removeAll { $0 == "--print" }
let repeats = option("--repeat", in: &arguments).flatMap { Int($0) } ?? 1
let nftPath = option("--nft", in: &arguments)
let iptablesPath = option("--iptables", in: &arguments)
guard let path = arguments.first else {
    print("usage: fwd-config-bench FILE [--repeat N] [--print] [--nft FILE] [--iptables FILE]")
    exit(2)
}
for round in 0..<repeats {
    let start = seconds(CLOCK_MONOTONIC)
    let mainStart = seconds(CLOCK_THREAD_CPUTIME_ID), processStart = seconds(CLOCK_PROCESS_CPUTIME_ID)
    do {
        let config = try ConfigLoader().load(path: path)
        let elapsed = seconds(CLOCK_MONOTONIC) - start
        let mainCPU = seconds(CLOCK_THREAD_CPUTIME_ID) - mainStart
        let processCPU = seconds(CLOCK_PROCESS_CPUTIME_ID) - processStart
        if printCanonical { print(config.ruleset.canonicalYAML(), terminator: "") }
        print("loaded \(config.ruleset.ruleCount) rules from \(config.files.count) file(s) in \(String(Int(elapsed * 1000))) ms"
            + " (CPU: main thread \(Int(mainCPU * 1000)) ms, all threads \(Int(processCPU * 1000)) ms)")
        guard round == 0 else { continue }
        if let nftPath { write(NftTextRenderer().render(config.ruleset), to: nftPath) }
        if let iptablesPath {
            write(IptablesRenderer().render(config.ruleset, family: .ipv4).text, to: iptablesPath)
            write(IptablesRenderer().render(config.ruleset, family: .ipv6).text, to: iptablesPath + ".v6")
        }
    } catch {
        print(error.description)
        print("\(error.diagnostics.count) problem(s)")
        exit(1)
    }
}
