/// Elements to add to or delete from a named set of the applied ruleset, live, without
/// reloading the rules (`fwd set add|del NAME ELEMENT…`). Build it with
/// ``Ruleset/setElementChange(_:set:elements:)``, which checks the set and the elements.
///
/// The change lasts until the next full apply, which loads the set as the ruleset declares it.
public struct SetElementChange: Hashable, Sendable {
    /// Add or delete.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        /// Add the elements (those already there stay as they are).
        case add
        /// Delete the elements (each must be in the set, as it was added).
        case delete
    }

    /// Add or delete.
    public var operation: Operation
    /// The set, as the ruleset declares it.
    public var set: NamedSet
    /// The elements to add or delete.
    public var elements: [SetElement]

    /// A change of `elements` in `set`.
    public init(_ operation: Operation, set: NamedSet, elements: [SetElement]) {
        self.operation = operation
        self.set = set
        self.elements = elements
    }
}

/// Why a set change cannot be made: an unknown or unused set, or elements that do not belong in
/// it. Nothing was changed.
public struct SetChangeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem per entry.
    public var problems: [String]

    /// An error with `problems`.
    public init(_ problems: [String]) { self.problems = problems }

    /// One problem per line.
    public var description: String { problems.joined(separator: "\n") }
}

extension Ruleset {
    /// The change of `elements` (as text: `10.0.0.1`, `10.0.0.0/8`, `a-b`, `80`, `8000-8100`) in the
    /// set called `name`.
    /// - Throws: ``SetChangeError`` when the ruleset declares no such set (with a suggestion), no
    ///   rule uses it (so it is not in the kernel), no element is given, an element is not of the
    ///   set's type, or a network or range goes to a set that takes single keys only.
    public func setElementChange(
        _ operation: SetElementChange.Operation, set name: String, elements texts: [String]
    ) throws(SetChangeError) -> SetElementChange {
        guard let set = set(named: name) else {
            let best = sets.map(\.name).min { $0.editDistance(to: name) < $1.editDistance(to: name) }
            let hint = best.flatMap { $0.editDistance(to: name) <= max(2, name.count / 3) ? " (did you mean '\($0)'?)" : nil }
            throw SetChangeError(["set '\(name)' is not declared in the config" + (hint ?? "")])
        }
        guard isSetInUse(name) else {
            throw SetChangeError(["set '\(name)' (\(set.location)) is not used by any rule, so it is not in the kernel"])
        }
        guard !texts.isEmpty else { throw SetChangeError(["no element given for set '\(name)'"]) }
        var elements: [SetElement] = []
        var problems: [String] = []
        for text in texts {
            guard let element = SetElement(parsing: text, as: set.type) else {
                problems.append("'\(text)' is not a port or port range (set '\(name)' holds ports)")
                continue
            }
            if let problem = element.problem(in: set.type) {
                problems.append("set '\(name)': \(problem)")
            } else if element.isInterval, !set.isInterval {
                problems.append("set '\(name)' takes single \(set.type == .port ? "ports" : "addresses") only;"
                    + " '\(text)' is a \(set.type == .port ? "range" : "network or range") (declare the set with interval: true)")
            } else {
                elements.append(element)
            }
        }
        guard problems.isEmpty else { throw SetChangeError(problems) }
        return SetElementChange(operation, set: set, elements: elements)
    }

    /// Whether some rule looks up the set called `name`.
    public func isSetInUse(_ name: String) -> Bool {
        tables.contains { table in
            table.chains.contains { chain in chain.rules.contains { rule in rule.setMatches.contains { $0.set == name } } }
        }
    }
}
