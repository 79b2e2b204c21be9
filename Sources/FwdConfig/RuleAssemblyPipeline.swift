import Dispatch
import FwdModel
import Synchronization

/// Builds rules on background threads while the main thread goes on reading events (and
/// resolving templates and defines, which need its state): the two halves of a load overlap on
/// two cores.
///
/// The main thread hands over batches; finished batches are collected under a lock and taken
/// back by the main thread, which puts each rule in its place.
final class RuleAssemblyPipeline: Sendable {
    /// A rule read, waiting to be built, with the place it goes.
    struct Job: Sendable {
        /// What to build from.
        enum Source: Sendable {
            /// A rule without templates or defines, as written.
            case plain(RuleDraft)
            /// A rule whose templates and defines the main thread resolved: its entries, whether
            /// they are complete, and the problems resolving them found.
            case resolved(entries: [ExpandedEntry], complete: Bool, problems: [Diagnostic], hadProblems: Bool)
        }

        var source: Source
        /// Where the rule is written.
        var location: SourceLocation
        var position: RulesetBuilder.RulePosition
    }

    /// A built rule with its place and its problems.
    struct Assembled: Sendable {
        var rule: Rule
        var position: RulesetBuilder.RulePosition
        var problems: [Diagnostic]
        /// Whether the rule had a problem (then validation's findings about it are dropped).
        var hasProblems: Bool
    }

    /// How many rules go to a thread at once.
    static let batchSize = 2_048

    private let queue = DispatchQueue(label: "fwd.config.assembly", attributes: .concurrent)
    private let group = DispatchGroup()
    private let finished = Mutex<[[Assembled]]>([])

    /// Builds `jobs` on a background thread.
    func submit(_ jobs: [Job]) {
        guard !jobs.isEmpty else { return }
        queue.async(group: group) { [self] in
            let assembled = jobs.map(RuleAssemblyPipeline.assemble)
            self.finished.withLock { $0.append(assembled) }
        }
    }

    /// The batches finished so far (each handed out once).
    func takeFinished() -> [[Assembled]] {
        finished.withLock { batches in
            defer { batches.removeAll() }
            return batches
        }
    }

    /// Waits for every batch submitted, and returns those not taken yet.
    func waitForAll() -> [[Assembled]] {
        group.wait()
        return takeFinished()
    }

    /// Builds one rule from its job.
    static func assemble(_ job: Job) -> Assembled {
        var problems: [Diagnostic] = []
        var assembler = RuleAssembler(at: job.location)
        var hadProblems: Bool
        switch job.source {
        case .plain(let draft):
            for entry in draft.entries {
                if let expanded = Definitions.expandLiteral(entry, problems: &problems) { assembler.apply(expanded) }
            }
            hadProblems = draft.hasProblems
        case .resolved(let entries, let complete, let found, let draftHadProblems):
            for entry in entries { assembler.apply(entry) }
            problems = found
            hadProblems = draftHadProblems || !complete
        }
        let rule = assembler.finish()
        problems += assembler.problems
        hadProblems = hadProblems || !problems.isEmpty
        return Assembled(rule: rule, position: job.position, problems: problems, hasProblems: hadProblems)
    }
}
