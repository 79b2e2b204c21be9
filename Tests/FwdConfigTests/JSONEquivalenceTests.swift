@testable import FwdConfig
import FwdModel
import Testing

/// Loads `text` as `name` with the reader the loader picks, or with libyaml alone.
func loadBoth(_ text: String, name: String) -> (json: (Ruleset, [Diagnostic]), yaml: (Ruleset, [Diagnostic])) {
    let fast = ConfigParser()
    fast.parse(bytes: Array(text.utf8), name: name, directory: "/nonexistent")
    // A file marked as failed as JSON is read with libyaml; the marker error shows only if
    // libyaml fails too.
    let marker = Diagnostic("unused", at: SourceLocation(file: name, line: 1, column: 1))
    let slow = ConfigParser(readAsYAML: [name: marker])
    slow.parse(bytes: Array(text.utf8), name: name, directory: "/nonexistent")
    return (fast.finish(), slow.finish())
}

@Suite("JSON read by fwd's reader and by libyaml")
struct JSONEquivalenceTests {
    /// Random JSON documents give libyaml's events: kinds, lines, columns, texts and styles.
    @Test func randomDocumentsGiveLibyamlsEvents() {
        var generator = SeededGenerator(state: 2024)
        for round in 0..<400 {
            let text = "[" + RandomJSON.value(depth: 4, using: &generator) + "]"
            let bytes = Array(text.utf8)
            let fast = JSONEventReader(bytes: bytes, fileName: "r.json")
            let slow = YAMLEventReader(bytes: bytes, fileName: "r.json")
            // The end events' positions differ (libyaml puts them past a final line break).
            let ours = drain(fast).filter(\.isPositioned).map(summary)
            let libyamls = drain(slow).filter(\.isPositioned).map(summary)
            #expect(fast.problems.isEmpty && slow.problems.isEmpty, "round \(round): \(text)")
            #expect(ours == libyamls, "round \(round): \(text)")
        }
    }

    /// A config written as JSON gives the same ruleset, locations and diagnostics whichever
    /// reader reads it.
    @Test func bothReadersGiveTheSameConfigAndProblems() {
        var generator = SeededGenerator(state: 5)
        var withProblems = 0
        for round in 0..<60 {
            let (_, json) = RandomJSON.config(rules: Int.random(in: 0...25, using: &generator), using: &generator)
            let (fast, slow) = loadBoth(json, name: "c.json")
            #expect(fast.0 == slow.0, "round \(round)")
            #expect(fast.1 == slow.1, "round \(round):\n\(fast.1)\n\(slow.1)")
            if !fast.1.isEmpty { withProblems += 1 }
        }
        #expect(withProblems > 10 && withProblems < 60)
    }

    /// The same config as YAML and as JSON laid out alike: the same rules, each table, chain and
    /// rule at the same line and column, and the same problems on the same lines.
    @Test func yamlAndJSONOfTheSameConfigAgree() throws {
        var generator = SeededGenerator(state: 11)
        for round in 0..<40 {
            let (yaml, json) = RandomJSON.config(rules: Int.random(in: 0...25, using: &generator), using: &generator)
            let fromYAML = Result { () throws(ConfigError) in try ConfigLoader().load(text: yaml, fileName: "c") }
            let fromJSON = Result { () throws(ConfigError) in try ConfigLoader().load(text: json, fileName: "c") }
            switch (fromYAML, fromJSON) {
            case (.success(let a), .success(let b)):
                #expect(a.ruleset == b.ruleset, "round \(round)")
                #expect(a.ruleset.canonicalYAML() == b.ruleset.canonicalYAML())
            case (.failure(let a), .failure(let b)):
                #expect(a.diagnostics.map(\.message) == b.diagnostics.map(\.message), "round \(round)")
                #expect(a.diagnostics.map(\.location.line) == b.diagnostics.map(\.location.line), "round \(round)")
            default:
                Issue.record("round \(round): one loads, the other does not:\n\(fromYAML)\n\(fromJSON)")
            }
        }
    }

    @Test func tablesChainsAndRulesStartAtTheSamePlaceInBoth() throws {
        var generator = SeededGenerator(state: 3)
        let (yaml, json) = RandomJSON.config(rules: 3, onlyValid: true, using: &generator)
        let a = try ConfigLoader().load(text: yaml, fileName: "c").ruleset
        let b = try ConfigLoader().load(text: json, fileName: "c").ruleset
        #expect(a.tables.map(\.location) == b.tables.map(\.location))
        #expect(a.tables.flatMap(\.chains).map(\.location) == b.tables.flatMap(\.chains).map(\.location))
        #expect(a.tables.flatMap(\.chains).flatMap(\.rules).map(\.location)
            == b.tables.flatMap(\.chains).flatMap(\.rules).map(\.location))
        #expect(b[.nat]?["POSTROUTING"]?.rules.first?.location == SourceLocation(file: "c", line: 21, column: 11))
    }

    /// A file that starts like JSON but is YAML flow style, or JSON with YAML's extras, still
    /// loads: libyaml reads it when fwd's reader cannot.
    @Test func textThatIsNotStrictJSONFallsBackToLibyaml() throws {
        let flow = try ConfigLoader().load(text: "{tables: {filter: {INPUT: {rules: [{proto: tcp, dport: 22, jump: ACCEPT}]}}}}", fileName: "f.yaml")
        #expect(flow.ruleset[.filter]?["INPUT"]?.rules.first?.location == SourceLocation(file: "f.yaml", line: 1, column: 36))
        let commented = try ConfigLoader().load(text: """
            {"tables": {"filter": {"INPUT": {"rules": [
              {"jump": "ACCEPT"},   # a YAML comment
              {'jump': DROP},
            ]}}}}
            """, fileName: "c.json")
        #expect(commented.ruleset[.filter]?["INPUT"]?.rules.map(\.target) == [.accept, .drop])
    }

    /// When libyaml cannot read it either, the JSON syntax error is reported: where and what.
    @Test func brokenJSONReportsTheJSONError() throws {
        #expect(problems("{\"tables\": {\"filter\": {\"INPUT\": {\"rules\": [\n  {\"jump\": \"ACCEPT\"}\n  {\"jump\": \"DROP\"}]}}}}",
            fileName: "b.json") == ["b.json:3:3: JSON syntax error: expected ',' or ']' after an array's value, found '{'"])
        #expect(problems("{\"tables\": {\"filter\": {\"INPUT\": {\"rules\": [{\"jump\": \"ACC", fileName: "b.json")
            == ["b.json:1:53: JSON syntax error: a string is not closed before the end of the file"])
        // Problems found before the syntax error are reported too, as for YAML.
        #expect(problems("{\"tables\": {\"filters\": {}, \"nat\": [}", fileName: "b.json") == [
            "b.json:1:13: tables: unknown table 'filters' (did you mean 'filter'?) (tables: raw, mangle, nat, filter, security)",
            "b.json:1:35: tables: nat: expected a mapping of chains, found a list",
            "b.json:1:36: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found '}'",
        ])
    }

    @Test func includedJSONFilesUseTheFastReaderOrFallBackEachOnItsOwn() throws {
        let directory = try temporaryDirectory()
        defer { directory.remove() }
        try write("{\"include\": [\"a.json\", \"b.json\"], \"tables\": {\"filter\": {\"INPUT\": {\"rules\": [{\"jump\": \"ACCEPT\"}]}}}}",
            to: "main.json", in: directory.path)
        try write("{\"tables\": {\"filter\": {\"INPUT\": {\"rules\": [{\"jump\": \"DROP\"}]}}}}", to: "a.json", in: directory.path)
        try write("{tables: {filter: {INPUT: {rules: [{jump: RETURN}]}}}}", to: "b.json", in: directory.path)
        let config = try ConfigLoader().load(path: directory.path + "/main.json")
        #expect(config.ruleset[.filter]?["INPUT"]?.rules.map(\.target) == [.drop, .return, .accept])
        #expect(config.files.count == 3)
        try write("{\"tables\": {\"filter\": {\"INPUT\": {\"rules\": [{\"jump\": \"DROP\"]}}}}", to: "b.json", in: directory.path)
        #expect(throws: ConfigError.self) { try ConfigLoader().load(path: directory.path + "/main.json") }
        do {
            _ = try ConfigLoader().load(path: directory.path + "/main.json")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                directory.path + "/b.json:1:59: JSON syntax error: expected ',' or '}' after an object's value, found ']'",
            ])
        }
    }
}

extension YAMLEvent {
    /// Whether the event is a node or the start of a document (whose positions both readers agree on).
    var isPositioned: Bool { kind != .documentEnd && kind != .streamEnd }
}
