import Dispatch
import FwdModel
import Synchronization

/// One load of a config: reads the main file and its includes, streams each through libyaml into
/// the ruleset, then resolves what waited for later definitions, validates, and collects every
/// problem.
final class ConfigParser {
    /// Problems found so far, in any order (sorted and deduplicated at the end).
    var problems: [Diagnostic] = []
    /// Rules with a problem of their own: validation's findings about them are left out, as
    /// they would only repeat it.
    var rulesWithProblems: Set<SourceLocation> = []
    var definitions = Definitions()
    var builder = RulesetBuilder()
    /// Rules that use a template or define not known when they were read.
    var waitingRules: [(draft: RuleDraft, position: RulesetBuilder.RulePosition)] = []
    /// The files read, in order, as named to the user.
    var files: [String] = []
    /// The bytes of each file read, for the digest.
    var contents: [[UInt8]] = []
    /// The canonical path of each file read, with where it was included (nil for the main file).
    var loadedFiles: [String: SourceLocation?] = [:]
    /// The canonical paths of the files being read, outermost first (for include cycles).
    var includeStack: [String] = []
    /// Builds plain rules on other threads while parsing goes on.
    let pipeline = RuleAssemblyPipeline()
    /// Plain rules read but not handed to the pipeline yet.
    var pendingJobs: [RuleAssemblyPipeline.Job] = []
    /// The sets declared under `sets:`, in reading order.
    var namedSets: [NamedSet] = []
    /// The zones written under `zones:`, by name, and their names in reading order.
    var zoneDrafts: [String: ZoneDraft] = [:]
    var zoneOrder: [String] = []
    /// The services written under `services:`, by name.
    var serviceDrafts: [String: ServiceDraft] = [:]
    /// The policies written under `policies:`, in reading order.
    var policyDrafts: [PolicyDraft] = []

    /// One file being parsed: its event stream, its name and its directory (for includes).
    struct FileContext {
        let reader: YAMLEventReader
        let name: String
        let directory: String

        /// The location of `event` in this file.
        func location(_ event: YAMLEvent) -> SourceLocation {
            SourceLocation(file: name, line: event.line, column: event.column)
        }
    }

    /// Parses `bytes` as the file `name`, whose includes are relative to `directory`.
    func parse(bytes: [UInt8], name: String, directory: String) {
        files.append(name)
        contents.append(bytes)
        let file = FileContext(reader: YAMLEventReader(bytes: bytes, fileName: name), name: name, directory: directory)
        parseDocument(file)
        problems += file.reader.problems
    }

    /// Reports `message` at `location`.
    func report(_ location: SourceLocation, _ message: String) {
        problems.append(Diagnostic(message, at: location))
    }

    /// Resolves what waited, builds and validates the ruleset; every problem, sorted.
    func finish() -> (ruleset: Ruleset, problems: [Diagnostic]) {
        pipeline.submit(pendingJobs)
        pendingJobs = []
        place(pipeline.waitForAll())
        definitions.checkAll(problems: &problems)
        checkTemplateValues()
        for (draft, position) in waitingRules {
            if let rule = assemble(draft, final: true) { builder.replace(at: position, with: rule) }
        }
        var ruleset = builder.build()
        ruleset.sets = namedSets
        expandPolicies(into: &ruleset)
        let found = Set(problems).sorted()
        let validation = (ConfigParser.validate(ruleset) + ruleset.validateSets()).filter {
            $0.ruleNumber == nil || !rulesWithProblems.contains($0.location)
        }
        return (ruleset, found + validation)
    }

    /// SHA-256 over each file's name, length and bytes, in reading order.
    static func digest(files: [String], contents: [[UInt8]]) -> String {
        var digest = SHA256()
        for (name, bytes) in zip(files, contents) {
            digest.update(Array("\(name)\0\(bytes.count)\0".utf8))
            digest.update(bytes)
        }
        return digest.hexDigest()
    }

    /// `ruleset.validate()`, one table per thread (tables are validated independently).
    static func validate(_ ruleset: Ruleset) -> [Diagnostic] {
        let tables = ruleset.tables
        let found = Mutex<[Diagnostic]>([])
        DispatchQueue.concurrentPerform(iterations: tables.count) { index in
            let diagnostics = tables[index].validate()
            found.withLock { $0 += diagnostics }
        }
        return found.withLock { $0 }.sorted()
    }

    /// Builds the rule `draft` describes, now (`final`) or, when it needs a definition not read
    /// yet, returns nil.
    func assemble(_ draft: RuleDraft, final: Bool) -> Rule? {
        var found: [Diagnostic] = []
        guard let (entries, complete) = definitions.resolve(draft, final: final, problems: &found) else { return nil }
        var assembler = RuleAssembler(at: draft.location)
        for entry in entries { assembler.apply(entry) }
        let rule = assembler.finish()
        found += assembler.problems
        if !found.isEmpty || !complete || draft.hasProblems {
            problems += found
            rulesWithProblems.insert(draft.location)
        }
        return rule
    }

    /// Reports bad values in templates, including those no rule uses.
    private func checkTemplateValues() {
        for name in definitions.templates.keys.sorted() {
            guard let template = definitions.templates[name] else { continue }
            var found: [Diagnostic] = []
            var assembler = RuleAssembler(at: template.location)
            for entry in template.draft.entries {
                if case .resolved(let expanded) = definitions.expand(entry, final: true, problems: &found) {
                    assembler.apply(expanded)
                }
            }
            problems += found + assembler.problems
        }
    }
}

extension ConfigParser {
    /// Appends a rule (a placeholder holds its place) and hands it to the pipeline: as written
    /// when it needs no definitions, else resolved here first; a rule that needs a definition
    /// not read yet waits for the end.
    func addRule(_ draft: RuleDraft, chain: Int, in table: TableKind) {
        let position = builder.append(Rule(at: draft.location), chain: chain, in: table)
        let source: RuleAssemblyPipeline.Job.Source
        if !draft.needsDefinitions {
            source = .plain(draft)
        } else {
            var found: [Diagnostic] = []
            guard let (entries, complete) = definitions.resolve(draft, final: false, problems: &found) else {
                waitingRules.append((draft, position))
                return
            }
            source = .resolved(entries: entries, complete: complete, problems: found, hadProblems: draft.hasProblems)
        }
        pendingJobs.append(RuleAssemblyPipeline.Job(source: source, location: draft.location, position: position))
        if pendingJobs.count >= RuleAssemblyPipeline.batchSize {
            pipeline.submit(pendingJobs)
            pendingJobs.removeAll(keepingCapacity: true)
            place(pipeline.takeFinished())
        }
    }

    /// Puts rules built by the pipeline in their places.
    func place(_ batches: [[RuleAssemblyPipeline.Assembled]]) {
        for batch in batches {
            for assembled in batch {
                builder.replace(at: assembled.position, with: assembled.rule)
                if assembled.hasProblems {
                    problems += assembled.problems
                    rulesWithProblems.insert(assembled.rule.location)
                }
            }
        }
    }
}
