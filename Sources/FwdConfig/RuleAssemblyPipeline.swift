import Dispatch
import FwdModel
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the rules that name no template or define (nearly all of a large config) on a second
/// thread while the parser reads on: the parser hands their drafts over in batches, each draft
/// with the place its rule holds in the ruleset (a placeholder until then), and takes the built
/// rules and their problems back.
///
/// Building such a rule reads nothing but its draft (``ConfigParser/assembleLiteral(_:)``), and
/// the loader sorts every problem at the end, so the outcome is exactly that of building each
/// rule where it is read. When the second thread is still busy with the last batch as the next
/// one fills up (on a loaded machine, where it gets little time), the parser builds that batch
/// itself rather than wait, as it does every batch on a machine with one core; what is left at
/// the end is built on the parser's thread too (all of a config of less than a batch).
final class RuleAssemblyPipeline {
    /// A draft to build, and where its rule goes.
    struct Job: Sendable {
        var draft: RuleDraft
        var position: RulesetBuilder.RulePosition
    }

    /// Drafts and, once built, their rules and problems.
    struct Batch: Sendable {
        var jobs: [Job]
        /// The rule of each job, in the same order.
        var rules: [Rule] = []
        /// Each job whose rule has a problem of its own (found building it, or reported while
        /// reading it), by index, with the problems found building it.
        var problems: [(job: Int, found: [Diagnostic])] = []

        init(_ jobs: [Job]) { self.jobs = jobs }

        /// Builds every job's rule.
        mutating func build() {
            var rules: [Rule] = []
            rules.reserveCapacity(jobs.count)
            var problems: [(job: Int, found: [Diagnostic])] = []
            jobs.withUnsafeBufferPointer { jobs in  // borrowed: iterating would copy each draft
                for index in jobs.indices {
                    let (rule, found) = ConfigParser.assembleLiteral(jobs[index].draft)
                    rules.append(rule)
                    if !found.isEmpty || jobs[index].draft.hasProblems { problems.append((index, found)) }
                }
            }
            self.rules = rules
            self.problems = problems
        }
    }

    /// Drafts per batch: large enough that handing a batch over costs little next to building it,
    /// small enough that the drafts in flight take little memory.
    static let batchSize = 256

    private var pending: [Job] = []
    private let queue = DispatchQueue(label: "fwd.config.rule-assembly")
    private let group = DispatchGroup()
    /// Taken while the second thread builds a batch.
    private let idle = DispatchSemaphore(value: 1)
    /// Whether there is a second core to build on: with one, handing batches over only adds
    /// the cost of moving them between threads.
    private static let hasSecondCore = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
    /// Batches built on the second thread and not taken yet.
    private let built = BuiltBatches()

    init() { pending.reserveCapacity(RuleAssemblyPipeline.batchSize) }

    /// Adds a draft; when that fills a batch, hands the batch over (or builds it, when the
    /// second thread is busy) and returns the batches built since the last call that returned any.
    func add(_ draft: consuming RuleDraft, at position: RulesetBuilder.RulePosition) -> [Batch] {
        pending.append(Job(draft: draft, position: position))
        guard pending.count >= RuleAssemblyPipeline.batchSize else { return [] }
        var batch = Batch(pending)
        pending = []
        pending.reserveCapacity(RuleAssemblyPipeline.batchSize)
        if RuleAssemblyPipeline.hasSecondCore, idle.wait(timeout: .now()) == .success {
            handOver(batch)
            return built.take()
        }
        batch.build()
        return built.take() + [batch]
    }

    /// Every batch not taken yet, once all are built; what is left of the last batch is built
    /// here, on the calling thread.
    func finish() -> [Batch] {
        group.wait()
        var batches = built.take()
        if !pending.isEmpty {
            var batch = Batch(pending)
            pending = []
            batch.build()
            batches.append(batch)
        }
        return batches
    }

    /// Builds `batch` on the second thread (``idle`` taken).
    private func handOver(_ batch: consuming Batch) {
        group.enter()
        queue.async { [built, idle, group, batch] in
            var batch = batch
            batch.build()
            built.add(batch)
            idle.signal()
            group.leave()
        }
    }
}

/// Batches built on the second thread, handed to the parser's. They go back with their drafts,
/// which are freed on the parser's thread, which allocated them.
private final class BuiltBatches: Sendable {
    private let batches = Mutex<[RuleAssemblyPipeline.Batch]>([])

    func add(_ batch: RuleAssemblyPipeline.Batch) { batches.withLock { $0.append(batch) } }

    /// The batches added since the last call.
    func take() -> [RuleAssemblyPipeline.Batch] {
        var taken: [RuleAssemblyPipeline.Batch] = []
        batches.withLock { swap(&taken, &$0) }
        return taken
    }
}
