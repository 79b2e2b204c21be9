import Dispatch
import FwdModel
import Synchronization

/// Builds the rules that name no template or define (nearly all of a large config) on a second
/// thread while the parser reads on: the parser hands their drafts over in batches, each with the
/// place its rule holds in the ruleset, and takes the built rules and their problems back.
///
/// Building such a rule reads nothing but its draft (``ConfigParser/assembleLiteral(_:)``), and
/// the loader sorts every problem at the end, so the outcome is exactly that of building each
/// rule where it is read. A config of one batch or less is built on the calling thread, with no
/// thread handoff.
final class RuleAssemblyPipeline {
    /// A draft to build, and where its rule goes.
    struct Job: Sendable {
        var draft: RuleDraft
        var position: RulesetBuilder.RulePosition
    }

    /// A built rule, where it goes, and the problems found building it.
    struct Built: Sendable {
        var rule: Rule
        var position: RulesetBuilder.RulePosition
        /// Where the rule is written (the key of ``ConfigParser/rulesWithProblems``).
        var location: SourceLocation
        var problems: [Diagnostic]
        /// Whether the rule has a problem of its own: one found now, or one reported while reading it.
        var hasProblems: Bool
    }

    /// Drafts per batch: large enough that handing a batch over costs little next to building it,
    /// small enough that the drafts in flight take little memory.
    static let batchSize = 1024

    private var pending: [Job] = []
    private let queue = DispatchQueue(label: "fwd.config.rule-assembly")
    private let group = DispatchGroup()
    /// Taken while the second thread builds a batch. When it is still busy with the last batch
    /// as the next one fills up (on a loaded machine, where it gets little time), the parser
    /// builds that batch itself rather than wait or queue work up.
    private let idle = DispatchSemaphore(value: 1)
    /// Batches of rules built on the second thread and not taken yet.
    private let built = BuiltBatches()

    init() { pending.reserveCapacity(RuleAssemblyPipeline.batchSize) }

    /// Adds a draft; when that fills a batch, hands the batch over and returns the batches built
    /// since the last call that returned any.
    func add(_ draft: consuming RuleDraft, at position: RulesetBuilder.RulePosition) -> [[Built]] {
        pending.append(Job(draft: draft, position: position))
        guard pending.count >= RuleAssemblyPipeline.batchSize else { return [] }
        if idle.wait(timeout: .now()) == .success {
            handOver()
            return built.take()
        }
        var batches = built.take()
        batches.append(pending.map { RuleAssemblyPipeline.build($0) })
        pending.removeAll(keepingCapacity: true)
        return batches
    }

    /// Every batch not taken yet, once all are built; what is left of the last batch is built
    /// here, on the calling thread (all of a small config).
    func finish() -> [[Built]] {
        group.wait()
        var batches = built.take()
        if !pending.isEmpty { batches.append(pending.map { RuleAssemblyPipeline.build($0) }) }
        pending = []
        return batches
    }

    /// Starts building the pending batch on the second thread (``idle`` taken).
    private func handOver() {
        let batch = pending
        pending = []
        pending.reserveCapacity(RuleAssemblyPipeline.batchSize)
        group.enter()
        queue.async { [built, idle, group] in
            var rules: [Built] = []
            rules.reserveCapacity(batch.count)
            for index in batch.indices { rules.append(RuleAssemblyPipeline.build(batch[index])) }
            built.add(rules, drafts: batch)
            idle.signal()
            group.leave()
        }
    }

    private static func build(_ job: borrowing Job) -> Built {
        let (rule, problems) = ConfigParser.assembleLiteral(job.draft)
        return Built(
            rule: rule, position: job.position, location: job.draft.location, problems: problems,
            hasProblems: !problems.isEmpty || job.draft.hasProblems)
    }
}

/// Batches of built rules, handed from the second thread to the parser's.
///
/// The drafts come back too, to be freed on the parser's thread, which allocated them: glibc's
/// malloc frees a block on the arena of the thread that allocated it, under that arena's lock,
/// so freeing them on the second thread would contend with the parser's allocations.
private final class BuiltBatches: Sendable {
    private let batches = Mutex<[[RuleAssemblyPipeline.Built]]>([])
    private let drafts = Mutex<[[RuleAssemblyPipeline.Job]]>([])

    func add(_ batch: [RuleAssemblyPipeline.Built], drafts built: [RuleAssemblyPipeline.Job]) {
        batches.withLock { $0.append(batch) }
        drafts.withLock { $0.append(built) }
    }

    /// The batches added since the last call (their drafts are freed now, on this thread).
    func take() -> [[RuleAssemblyPipeline.Built]] {
        var done: [[RuleAssemblyPipeline.Job]] = []
        drafts.withLock { swap(&done, &$0) }
        done = []
        var taken: [[RuleAssemblyPipeline.Built]] = []
        batches.withLock { swap(&taken, &$0) }
        return taken
    }
}
