import Dispatch
import FwdModel
import Synchronization

/// One load of a config: reads the main file and its includes, streams each file's parse events
/// (libyaml's, or fwd's own JSON reader's) into the ruleset, then resolves what waited for later
/// definitions, validates, and collects every problem.
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
    /// Builds the rules that name no template or define on a second thread.
    let assembly = RuleAssemblyPipeline()
    /// The files read, in order, as named to the user.
    var files: [String] = []
    /// The digest of the files read, computed while they are parsed.
    let digest = FilesDigest()
    /// The files read, in order, with their bytes (``LoadedConfig/fileContents``).
    var fileContents: [ConfigFile] = []
    /// The canonical path of each file read, with where it was included (nil for the main file).
    var loadedFiles: [String: SourceLocation?] = [:]
    /// The canonical paths of the files being read, outermost first (for include cycles).
    var includeStack: [String] = []

    /// The sets declared under `sets:`, in reading order.
    var namedSets: [NamedSet] = []
    /// The zones written under `zones:`, by name, and their names in reading order.
    var zoneDrafts: [String: ZoneDraft] = [:]
    var zoneOrder: [String] = []
    /// The services written under `services:`, by name.
    var serviceDrafts: [String: ServiceDraft] = [:]
    /// The policies written under `policies:`, in reading order.
    var policyDrafts: [PolicyDraft] = []

    /// Files whose JSON reading failed in an earlier attempt of this load, with that error: they
    /// are read with libyaml, and if libyaml fails too, the JSON syntax error is what is reported.
    let readAsYAML: [String: Diagnostic]
    /// Files the YAML subset reader gave up on in an earlier attempt: they are read with libyaml.
    let readWithLibyaml: Set<String>
    /// The file whose fast reading ended this attempt, with the JSON syntax error (nil when the
    /// YAML subset reader gave up): the loader starts again and reads that file with libyaml
    /// (which reads YAML flow style such as `{tables: …}`, comments and trailing commas, and
    /// all of YAML).
    private(set) var fastReaderFailure: (file: String, jsonError: Diagnostic?)?

    /// A parser for one attempt at a load.
    init(readAsYAML: [String: Diagnostic] = [:], readWithLibyaml: Set<String> = []) {
        self.readAsYAML = readAsYAML
        self.readWithLibyaml = readWithLibyaml
    }

    /// One file being parsed: its event stream, its name and its directory (for includes).
    struct FileContext {
        let reader: any ConfigEventReader
        let name: String
        let directory: String
        /// The file's name as locations hold it.
        let sourceFile: SourceFile

        init(reader: any ConfigEventReader, name: String, directory: String) {
            self.reader = reader
            self.name = name
            self.directory = directory
            sourceFile = SourceFile(name)
        }

        /// The location of `event` in this file.
        func location(_ event: YAMLEvent) -> SourceLocation {
            SourceLocation(sourceFile, line: event.line, column: event.column)
        }
    }

    /// Parses `bytes` as the file `name`, whose includes are relative to `directory`: with fwd's
    /// JSON reader when the text starts with `{` or `[`, else with its YAML subset reader (unless
    /// an earlier attempt found the file is not strict JSON or not in the subset), else with
    /// libyaml.
    func parse(bytes: [UInt8], name: String, directory: String) {
        guard fastReaderFailure == nil else { return }
        files.append(name)
        digest.add(name: name, bytes: bytes)
        fileContents.append(ConfigFile(name: name, bytes: bytes))
        let jsonError = readAsYAML[name]
        let reader = ConfigEventReaders.reader(
            for: bytes, fileName: name, fastReadersAllowed: jsonError == nil && !readWithLibyaml.contains(name))
        parseDocument(FileContext(reader: reader, name: name, directory: directory))
        if let subset = reader as? YAMLSubsetReader, subset.gaveUp {
            fastReaderFailure = (name, nil)
        } else if reader is JSONEventReader, let error = reader.syntaxError {
            fastReaderFailure = (name, error)
        } else if let jsonError, let yamlError = reader.syntaxError {
            problems += reader.problems.filter { $0 != yamlError } + [jsonError]
        } else {
            problems += reader.problems
        }
    }

    /// Reports `message` at `location`.
    func report(_ location: SourceLocation, _ message: String) {
        problems.append(Diagnostic(message, at: location))
    }

    /// Resolves what waited, builds and validates the ruleset; every problem, sorted.
    func finish() -> (ruleset: Ruleset, problems: [Diagnostic]) {
        install(assembly.finish())
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

    /// Rules validated per piece of work in ``validate(_:)``.
    private static let rulesPerValidationPiece = 8192

    /// `ruleset.tables` validated (what ``Ruleset/validate()`` finds in them), sorted, spread
    /// over the cores: first the hooks reaching each table's chains, a table per thread, then
    /// each table's chain checks and its rules in pieces of at most ``rulesPerValidationPiece``
    /// (rules are validated independently).
    static func validate(_ ruleset: Ruleset) -> [Diagnostic] {
        let tables = ruleset.tables
        let found = Mutex<[Diagnostic]>([])
        let hooks = Mutex<[[String: Set<String>]]>(Array(repeating: [:], count: tables.count))
        DispatchQueue.concurrentPerform(iterations: tables.count) { index in
            let reaching = tables[index].hooksReaching()
            hooks.withLock { $0[index] = reaching }
        }
        let hooksByTable = hooks.withLock { $0 }
        // A table's chain checks (no rules), or a range of a chain's rules.
        var pieces: [(table: Int, chain: Int, rules: Range<Int>?)] = []
        for (table, tableValue) in tables.enumerated() {
            pieces.append((table, 0, nil))
            for (chain, chainValue) in tableValue.chains.enumerated() {
                for start in stride(from: 0, to: chainValue.rules.count, by: rulesPerValidationPiece) {
                    pieces.append((table, chain, start..<min(start + rulesPerValidationPiece, chainValue.rules.count)))
                }
            }
        }
        DispatchQueue.concurrentPerform(iterations: pieces.count) { [pieces] index in
            let (table, chain, rules) = pieces[index]
            let problems = rules.map {
                tables[table].validateRules(
                    ofChain: chain, $0, hooks: hooksByTable[table][tables[table].chains[chain].name] ?? [])
            } ?? tables[table].validateChains()
            if !problems.isEmpty { found.withLock { $0 += problems } }
        }
        return found.withLock { $0 }.sorted()
    }

    /// Builds the rule `draft` describes, now (`final`) or, when it needs a definition not read
    /// yet, returns nil.
    func assemble(_ draft: RuleDraft, final: Bool) -> Rule? {
        guard draft.needsDefinitions else {
            let (rule, found) = ConfigParser.assembleLiteral(draft)
            if !found.isEmpty || draft.hasProblems {
                problems += found
                rulesWithProblems.insert(draft.location)
            }
            return rule
        }
        var found: [Diagnostic] = []
        var assembler = RuleAssembler(at: draft.location)
        guard let resolved = definitions.resolve(draft, final: final, problems: &found) else { return nil }
        for entry in resolved.entries { assembler.apply(entry) }
        let (rule, assemblyProblems) = assembler.finish()
        found += assemblyProblems
        if !found.isEmpty || !resolved.complete || draft.hasProblems {
            problems += found
            rulesWithProblems.insert(draft.location)
        }
        return rule
    }

    /// The rule `draft`, which names no template or define, and the problems found building it.
    /// Reads nothing but the draft, so any thread may call it (``RuleAssemblyPipeline``).
    static func assembleLiteral(_ draft: RuleDraft) -> (rule: Rule, problems: [Diagnostic]) {
        var found: [Diagnostic] = []
        var assembler = RuleAssembler(at: draft.location)
        draft.entries.withUnsafeBufferPointer { entries in  // borrowed: iterating would copy each entry
            for index in entries.indices where !assembler.applyPlainScalar(entries[index]) {
                if let expanded = Definitions.expandLiteral(entries[index], problems: &found) { assembler.apply(expanded) }
            }
        }
        let (rule, assemblyProblems) = assembler.finish()
        return (rule, found.isEmpty ? assemblyProblems : found + assemblyProblems)
    }

    /// Puts rules built by ``assembly`` in their places (moved in, not copied), with their problems.
    func install(_ batches: consuming [RuleAssemblyPipeline.Batch]) {
        for index in batches.indices {
            let jobs = batches[index].jobs
            batches[index].rules.withUnsafeMutableBufferPointer { rules in
                for rule in rules.indices { builder.swapIn(&rules[rule], at: jobs[rule].position) }
            }
            for (job, found) in batches[index].problems {
                problems += found
                rulesWithProblems.insert(jobs[job].draft.location)
            }
        }
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
    /// Builds a rule and appends it; a rule that needs a definition not read yet gets a
    /// placeholder and waits for the end. A rule that names no template or define gets a
    /// placeholder too, and is built on a second thread (``assembly``).
    func addRule(_ draft: consuming RuleDraft, chain: Int, in table: TableKind) {
        if !draft.needsDefinitions {
            let location = draft.location
            let position = builder.append(Rule(at: location), chain: chain, in: table)
            install(assembly.add(draft, at: position))
        } else if let rule = assemble(draft, final: false) {
            builder.append(rule, chain: chain, in: table)
        } else {
            let position = builder.append(Rule(at: draft.location), chain: chain, in: table)
            waitingRules.append((draft, position))
        }
    }
}
