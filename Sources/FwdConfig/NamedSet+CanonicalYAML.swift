import FwdModel

extension Ruleset {
    /// `sets:` with one flow mapping per set (type, interval when asked for, elements), or
    /// nothing when the ruleset has no set.
    func canonicalSetLines() -> [String] {
        guard !sets.isEmpty else { return [] }
        var lines = ["sets:"]
        for set in sets {
            var pairs = ["type: \(set.type.rawValue)"]
            if set.allowsIntervals { pairs.append("interval: true") }
            pairs.append("elements: [" + set.elements.map { YAMLScalarText.scalar($0.description) }.joined(separator: ", ") + "]")
            lines.append("  \(YAMLScalarText.scalar(set.name)): {" + pairs.joined(separator: ", ") + "}")
        }
        return lines
    }
}
