public import FwdModel

/// Why loading or checking a ruleset with iptables-restore failed.
public enum IptablesLoadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ruleset has problems; no tool was run.
    case invalidRuleset(ValidationError)
    /// iptables-restore or ip6tables-restore refused the generated rules.
    case refused(IptablesRefusal)
    /// The environment is not fit: a tool is missing, we are not root, the namespace is missing.
    case environment(String)
    /// A tool failed for a reason not tied to a rule (iptables-save, or a refusal without detail).
    case toolFailed(command: String, exitCode: Int32, standardError: String)

    /// One line per problem: `file:line: chain filter/INPUT: … refused rule: <tool's message>`.
    public var description: String {
        switch self {
        case .invalidRuleset(let error):
            return error.description
        case .refused(let refusal):
            return refusal.description
        case .environment(let message):
            return message
        case .toolFailed(let command, let exitCode, let standardError):
            let detail = IptablesErrorParser.parse(standardError).message
            return "\(command) failed (exit code \(exitCode))" + (detail.isEmpty ? "" : ": \(detail)")
        }
    }
}

/// A refusal by iptables-restore, located at the rule, chain or table of the model it concerns.
public struct IptablesRefusal: Sendable, Hashable, CustomStringConvertible {
    /// What happened to the tables loaded before the refusal.
    public enum Rollback: Sendable, Hashable {
        /// Nothing had been changed (a `--test` run, or the first table of the first family).
        case notNeeded
        /// These families' tables were restored to what they held before the apply.
        case restored([IPFamily])
        /// Restoring the previous tables failed too; the host may be half-configured.
        case failed(String)
    }

    /// The command that refused (`iptables-legacy-restore`).
    public var command: String
    /// The family of the refused script.
    public var family: IPFamily
    /// Whether this was a `--test` run (nothing was loaded).
    public var wasTest: Bool
    /// The 1-based line of the script the tool named, if it named one.
    public var line: Int?
    /// The model object that line came from, if any.
    public var origin: IptablesLineOrigin?
    /// The text of that line of the script.
    public var scriptLine: String?
    /// The tool's own explanation, without its boilerplate (`Couldn't load target ...`).
    public var toolMessage: String
    /// Everything the tool wrote to standard error.
    public var standardError: String
    /// What was done about the tables already loaded.
    public var rollback: Rollback

    /// A refusal from its parts.
    public init(
        command: String, family: IPFamily, wasTest: Bool, line: Int?, origin: IptablesLineOrigin?,
        scriptLine: String?, toolMessage: String, standardError: String, rollback: Rollback = .notNeeded
    ) {
        self.command = command
        self.family = family
        self.wasTest = wasTest
        self.line = line
        self.origin = origin
        self.scriptLine = scriptLine
        self.toolMessage = toolMessage
        self.standardError = standardError
        self.rollback = rollback
    }

    /// `file:line: chain filter/INPUT: iptables-restore refused rule: <message>`, and a second
    /// line about the rollback when one was done.
    public var description: String {
        let message = toolMessage.isEmpty ? "no reason given" : toolMessage
        var text: String
        if let origin {
            switch origin.kind {
            case .rule:
                text = "\(origin.location): chain \(origin.table)/\(origin.chain ?? ""): \(command) refused rule: \(message)"
            case .chain:
                text = "\(origin.location): chain \(origin.table)/\(origin.chain ?? ""): \(command) refused the chain: \(message)"
            case .table:
                text = "\(origin.location): table \(origin.table): \(command) refused the table when committing it"
                    + " (the kernel did not say which rule): \(message)"
            }
        } else {
            text = "\(command) refused the \(family) rules" + (line.map { " at script line \($0)" } ?? "") + ": \(message)"
        }
        switch rollback {
        case .notNeeded:
            break
        case .restored(let families):
            let names = families.map(\.description).joined(separator: " and ")
            text += "\n\(names) tables were restored to their state before this apply"
        case .failed(let reason):
            text += "\nrestoring the previous tables failed too, the firewall may be half-configured: \(reason)"
        }
        return text
    }
}
