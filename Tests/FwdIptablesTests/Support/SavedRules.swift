@testable import FwdIptables
import Foundation
import FwdModel

/// iptables-save (or generated) text reduced to what must match: per table, the chain
/// declarations without counters and the rule lines; comments, `# Generated` lines, counters and
/// blank lines are dropped, protocol names are turned into the numbers fwd writes.
struct SavedRules: Equatable, CustomStringConvertible {
    /// Per table, its normalised lines in order.
    var tables: [String: [String]]

    /// Parses iptables-save or iptables-restore text.
    init(_ text: String) {
        var tables: [String: [String]] = [:]
        var current: String?
        for rawLine in text.split(separator: "\n") {
            let line = String(rawLine)
            if line.hasPrefix("*") {
                let name = String(line.dropFirst())
                current = name
                tables[name] = []
            } else if let table = current, line.hasPrefix(":") {
                let parts = line.split(separator: " ")
                tables[table, default: []].append(parts.prefix(2).joined(separator: " "))
            } else if let table = current, line.hasPrefix("-A ") {
                tables[table, default: []].append(SavedRules.numericProtocols(line))
            }
        }
        self.tables = tables
    }

    /// Only the given tables.
    func restricted(to kinds: [TableKind]) -> SavedRules {
        var copy = self
        copy.tables = tables.filter { name, _ in kinds.contains { $0.rawValue == name } }
        return copy
    }

    /// `-p NAME` with a name from the host's protocol database replaced by its number, as fwd
    /// writes every protocol iptables does not know by itself.
    private static func numericProtocols(_ line: String) -> String {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in words.indices.dropLast() where words[index] == "-p" {
            let name = words[index + 1]
            if IptablesRuleRenderer.builtinProtocolNames.values.contains(name) || Int(name) != nil { continue }
            if let entry = getprotobyname(name) { words[index + 1] = String(entry.pointee.p_proto) }
        }
        return words.joined(separator: " ")
    }

    var description: String {
        tables.keys.sorted().map { "*\($0)\n" + (tables[$0] ?? []).joined(separator: "\n") }.joined(separator: "\n")
    }

    /// The first differing line of `self` (expected) and `other` (actual), for a readable failure.
    func firstDifference(from other: SavedRules) -> String? {
        for table in Set(tables.keys).union(other.tables.keys).sorted() {
            let expected = tables[table] ?? [], actual = other.tables[table] ?? []
            for index in 0..<max(expected.count, actual.count) {
                let wanted = index < expected.count ? expected[index] : "<nothing>"
                let got = index < actual.count ? actual[index] : "<nothing>"
                if wanted != got { return "table \(table), line \(index + 1):\n  expected: \(wanted)\n  actual:   \(got)" }
            }
        }
        return nil
    }
}
