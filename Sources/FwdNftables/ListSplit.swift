import FwdModel

/// How the positive lists of one rule are lowered: as one rule per element (per combination when
/// the rule has several lists), or as a lookup in a named set shared per table.
///
/// **Why splitting is exact.** A list is normalised before it is lowered (sorted, overlapping
/// elements merged: ``KeyRange/normalized(_:)``), so its elements are pairwise disjoint, and the
/// fields a list reads (addresses and ports) do not change while a packet walks a chain (NAT
/// rewrites the packet only after the hook's chains have run, and every NAT statement ends the
/// walk anyway). A packet therefore matches at most one of the split rules: whatever the target
/// (terminal like `accept`, `drop`, `reject`, `return`, `goto` and NAT; or going on like `log`,
/// `meta mark set` or a `jump` into a chain that returns), it acts once, as the one rule would.
/// What splitting cannot keep is state held by the rule itself: a `limit` bucket must stay one,
/// so a rule with a `limit` keeps its lists whole (in sets). fwd's rules carry no counter or quota.
///
/// **Why a cap.** Split rules cost the kernel a fixed amount each; a set costs it a walk over the
/// table's sets (quadratic in their number, see `docs/nftables.md`), but it is one hashed lookup
/// on the packet path where split rules are a linear walk. ``maximumRules`` bounds the walk.
/// Lists are split smallest first (in field order on a tie) while the product stays within it;
/// the rest stay sets.
enum ListSplit {
    /// The most rules one model rule lowers to. Measured (`bench/lists.sh`, `docs/performance.md`,
    /// "Lists"): with a thousand sets in the table a named set costs as much as 6–6.5 small
    /// rules, so a list of up to ~8 costs no more split than as 1 rule + 1 set; with more sets a
    /// set costs far more (16–23 rules at 4,000 sets, 62–83 at 16,000).
    static let maximumRules = 8

    /// The rules to lower in place of `rule`, in order: `rule` itself when nothing is split, else
    /// one copy per combination of the split lists' elements, each holding one element (the
    /// written entries that merged into it) of each split list. Copies keep the rule's comment
    /// and location.
    static func rules(for rule: Rule) -> [Rule] {
        guard rule.limit == nil, rule.hasPositiveList else { return [rule] }
        var fields = SplitField.allCases.compactMap { field in
            field.groups(in: rule).map { (field: field, groups: $0) }
        }
        fields.sort { ($0.groups.count, $0.field.rawValue) < ($1.groups.count, $1.field.rawValue) }
        var product = 1
        var split: [(field: SplitField, groups: [SplitGroup])] = []
        for candidate in fields where product * candidate.groups.count <= maximumRules {
            product *= candidate.groups.count
            split.append(candidate)
        }
        guard !split.isEmpty else { return [rule] }
        split.sort { $0.field.rawValue < $1.field.rawValue }
        var rules = [rule]
        for (field, groups) in split {
            rules = rules.flatMap { partial in groups.map { field.restrict(partial, to: $0) } }
        }
        return rules
    }

    /// What ``rules(for:)`` makes of `rule`, without building the rules: how many, and whether a
    /// list may stay whole (a lookup in a list set).
    static func shape(of rule: Rule) -> RuleShape {
        guard rule.hasPositiveList else { return RuleShape(count: 1, keepsList: false) }
        guard rule.limit == nil else { return RuleShape(count: 1, keepsList: true) }
        var fields = SplitField.allCases.compactMap { field in field.groups(in: rule).map { (field: field, count: $0.count) } }
        fields.sort { ($0.count, $0.field.rawValue) < ($1.count, $1.field.rawValue) }
        var product = 1
        var splitFields = 0
        for candidate in fields where product * candidate.count <= maximumRules {
            product *= candidate.count
            splitFields += 1
        }
        return RuleShape(count: product, keepsList: splitFields < fields.count)
    }
}

/// How one model rule lowers (``ListSplit/shape(of:)``).
struct RuleShape: Sendable {
    /// The rules it becomes (at most ``ListSplit/maximumRules``).
    var count: UInt8
    /// Whether a list may stay whole, as a lookup in a list set.
    var keepsList: Bool

    init(count: Int, keepsList: Bool) {
        self.count = UInt8(truncatingIfNeeded: count)
        self.keepsList = keepsList
    }
}

extension Rule {
    /// Whether some address or port list of the rule is positive and holds more than one entry
    /// (a quick test that spares normalising the lists of the many rules that have none).
    var hasPositiveList: Bool {
        func isList(_ list: Negatable<AddressList>?) -> Bool {
            guard let list, !list.isNegated else { return false }
            return list.value.addresses.count > 1
        }
        func isList(_ list: Negatable<PortList>?) -> Bool {
            guard let list, !list.isNegated else { return false }
            return list.value.ranges.count > 1
        }
        return isList(source) || isList(destination) || isList(sourcePort) || isList(destinationPort)
    }
}
