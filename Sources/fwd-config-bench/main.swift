import FwdConfig
import FwdModel

#if canImport(Glibc)
import Glibc
#endif

/// Loads and validates the config named on the command line, `--repeat N` times, and prints the
/// time of each load (and the CPU time of the main thread, the critical path when cores are
/// free, and of all threads) and the rule count (and with `--print` the canonical YAML): the driver of
/// bench/config-load.sh.
func seconds(_ clock: clockid_t) -> Double {
    var time = timespec()
    clock_gettime(clock, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func monotonicSeconds() -> Double { seconds(CLOCK_MONOTONIC) }

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 1
let printCanonical = arguments.contains("--print")
arguments.removeAll { $0 == "--print" }
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count, let count = Int(arguments[index + 1]) {
    repeats = count
    arguments.removeSubrange(index...(index + 1))
}
guard let path = arguments.first else {
    print("usage: fwd-config-bench FILE [--repeat N] [--print]")
    exit(2)
}
for _ in 0..<repeats {
    let start = monotonicSeconds()
    let mainStart = seconds(CLOCK_THREAD_CPUTIME_ID), processStart = seconds(CLOCK_PROCESS_CPUTIME_ID)
    do {
        let config = try ConfigLoader().load(path: path)
        let elapsed = monotonicSeconds() - start
        let mainCPU = seconds(CLOCK_THREAD_CPUTIME_ID) - mainStart
        let processCPU = seconds(CLOCK_PROCESS_CPUTIME_ID) - processStart
        if printCanonical { print(config.ruleset.canonicalYAML(), terminator: "") }
        print("loaded \(config.ruleset.ruleCount) rules from \(config.files.count) file(s) in \(String(Int(elapsed * 1000))) ms"
            + " (CPU: main thread \(Int(mainCPU * 1000)) ms, all threads \(Int(processCPU * 1000)) ms)")
    } catch {
        print(error.description)
        print("\(error.diagnostics.count) problem(s)")
        exit(1)
    }
}
