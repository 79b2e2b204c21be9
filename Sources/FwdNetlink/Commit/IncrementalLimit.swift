import FwdNftables

/// Which tables a commit diffs rule by rule, and which it refills whole.
///
/// Diffing needs the kernel's rules (``KernelState/readRules(of:using:)``), and the kernel's rule
/// dump is quadratic: each round of a dump fills one buffer of at most 32 KiB (about 60 rules)
/// and finds where it stopped by walking the table's rules from the first one again
/// (`__nf_tables_dump_rules` skips `s_idx` rules). At 100,000 rules that walk costs ~10 s of
/// system time, more than refilling the table (~3 s); at 25,000 about a sixteenth of it. A table
/// whose new ruleset has more rules than ``maximumRules`` is therefore not read: each of its kept
/// chains is flushed and refilled in the same batch, as fwd did before it committed incrementally
/// (still atomic and windowless, only without keeping counters).
enum IncrementalLimit {
    /// The most rules in a table for which its kernel rules are read and diffed.
    static let maximumRules = 25_000

    /// The tables of `ruleset` small enough to diff, as ``key(_:_:)``s.
    static func tablesToDiff(in ruleset: NftRuleset) -> Set<String> {
        var keys = Set<String>()
        for table in ruleset.tables where table.chains.reduce(0, { $0 + $1.rules.count }) <= maximumRules {
            keys.insert(key(UInt32(table.family.kernelFamily), table.name))
        }
        return keys
    }

    /// `family name`.
    static func key(_ family: UInt32, _ name: String) -> String { "\(family) \(name)" }
}
