@testable import FwdConfig
import Foundation
import FwdModel
import Testing

/// The subset reader's events for `text`, summarised; nil when it gives up.
func subsetEvents(_ text: String) -> [String]? {
    let reader = YAMLSubsetReader(bytes: Array(text.utf8))
    let events = drain(reader)
    return reader.gaveUp ? nil : events.filter(\.isPositioned).map(summary)
}

/// libyaml's events for `text`, summarised, and whether it found a problem.
func libyamlEvents(_ text: String) -> (events: [String], problems: Bool) {
    let reader = YAMLEventReader(bytes: Array(text.utf8), fileName: "t.yaml")
    let events = drain(reader).filter(\.isPositioned).map(summary)
    return (events, !reader.problems.isEmpty)
}

@Suite("YAML read by fwd's subset reader and by libyaml")
struct YAMLSubsetReaderTests {
    /// Texts in the subset, each read as libyaml reads it.
    static let readTexts = [
        "", "# only a comment\n", "a: b\n", "a: b", "a:\n  b: c\n  d: [1, 2]\nx: y\n",
        "a:\n- 1\n- 2\nb: 3\n", "rules:\n  - {proto: tcp, dport: 22}\n  - [a, {b: c}]\n",
        "- a: 1\n  b: 2\n- c: 3\n", "- a:\n  - x\n  - y\n", "-\n  a: 1\n",
        "k: \"quoted: # text\"\nl: 'single \\\\ back'\n", "\"key\": value # comment\n",
        "d: fd00::c9ea\ne: {x: fd00::1, y: \"br+\"}\n", "a: b #c\n#d\n  # e\nf: g\n",
        "a: \"é, ü\"  # the column after counts characters\nb: {c: \"ñ\", d: e}\n",
        "a: -1\nb: [-2, x-y]\n", "a:  spaced   out  \n", "  indented: root\n  second: key\n",
        "a: {}\nb: []\n", "a:\n  - {}\n", "a: b\n\n\n", "a:\n\n  b: c\n",
    ]

    /// Texts outside the subset: the reader gives up (and libyaml reads them).
    static let refusedTexts = [
        "a: !tag x\n", "a: &anchor x\n", "a: *alias\n", "a: \"esc\\n\"\n", "a: 'it''s'\n", "a: |\n  text\n",
        "a: >\n  text\n", "a:\n  continued\n  text\n", "a: b\n  c\n", "a: {b: c,\n  d: e}\n", "a:\n", "a:\nb: c\n",
        "a:\tb\n", "\ta: b\n", "a: b\r\n", "---\na: b\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n", "? a\n: b\n",
        "a: {b, c: d}\n", "a: [b: c]\n", "a: {b: c,}\n", "a: [b,]\n", "a: b: c\n", "- - a\n  - b\n- x: 1\n y: 2\n",
        "a: x\n  b: y\n", "a:\n    b: 1\n  c: 2\n", "a: é\n", "# é\na: b\n", "\u{FEFF}a: b\n", "a: \"\u{85}\"\n",
        "a: @x\n", "a: `x`\n", "a: b\n- c\n", "- a\nb: c\n", "a: {b: c}x\n", "a: \"b\"#c\n", "a:b\n",
        "a: [x]\n  b: c\n", "- - a\n", "é: 1\n",
    ]

    @Test func textsInTheSubsetGiveLibyamlsEvents() {
        for text in Self.readTexts {
            let libyaml = libyamlEvents(text)
            #expect(!libyaml.problems, "\(text)")
            #expect(subsetEvents(text) == libyaml.events, "\(text)")
        }
    }

    @Test func textsOutsideTheSubsetAreLeftToLibyaml() {
        for text in Self.refusedTexts { #expect(subsetEvents(text) == nil, "\(text)") }
    }

    /// Whenever the reader reads a text, libyaml reads it without a problem and gives the same
    /// events: over random configs and thousands of mutations of them and of the examples.
    @Test func mutatedConfigsGiveLibyamlsEventsOrAreLeftToLibyaml() throws {
        var generator = SeededGenerator(state: 99)
        let seeds = [
            RandomConfigs.validConfig(rules: 12, using: &generator),
            RandomJSON.config(rules: 20, using: &generator).yaml,
            try String(contentsOfFile: repositoryRoot + "/examples/host.yaml", encoding: .utf8),
            try String(contentsOfFile: repositoryRoot + "/examples/router.yaml", encoding: .utf8),
            try String(contentsOfFile: repositoryRoot + "/examples/server.yaml", encoding: .utf8),
        ]
        for (index, seed) in seeds.enumerated() where index != 1 {  // the second has escapes and é
            #expect(subsetEvents(seed) == libyamlEvents(seed).events, "seed \(index)")
        }
        var read = 0
        for round in 0..<4_000 {
            var text = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                text = RandomConfigs.mutate(text, using: &generator)
            }
            guard let ours = subsetEvents(text) else { continue }
            read += 1
            let libyaml = libyamlEvents(text)
            #expect(!libyaml.problems, "round \(round): \(text)")
            #expect(ours == libyaml.events, "round \(round): \(text)")
        }
        #expect(read > 500)
    }

    /// A YAML config gives the same ruleset, locations and problems loaded as usual (with the
    /// subset reader, or with libyaml when it gives up) as read with libyaml alone.
    @Test func bothReadersGiveTheSameConfigAndProblems() {
        var generator = SeededGenerator(state: 21)
        var withProblems = 0, readBySubset = 0
        for round in 0..<80 {
            let (yaml, _) = RandomJSON.config(rules: Int.random(in: 0...25, using: &generator), using: &generator)
            if subsetEvents(yaml) != nil { readBySubset += 1 }
            let loaded = Result { () throws(ConfigError) in try ConfigLoader().load(text: yaml, fileName: "c.yaml") }
            let slow = ConfigParser(readWithLibyaml: ["c.yaml"])
            slow.parse(bytes: Array(yaml.utf8), name: "c.yaml", directory: "/nonexistent")
            let (ruleset, problems) = slow.finish()
            switch loaded {
            case .success(let config):
                #expect(problems.isEmpty && config.ruleset == ruleset, "round \(round): \(problems)")
            case .failure(let error):
                withProblems += 1
                #expect(error.diagnostics == problems.sorted(), "round \(round)")
            }
        }
        #expect(withProblems > 10 && withProblems < 80)
        #expect(readBySubset > 10)
    }

    /// A file the reader gives up on is read again with libyaml, whose errors are reported.
    @Test func aFileOutsideTheSubsetIsReadWithLibyaml() throws {
        let anchored = Result { () throws(ConfigError) in
            try ConfigLoader().load(text: "tables:\n  filter:\n    INPUT:\n      policy: &p DROP\n", fileName: "t.yaml")
        }
        guard case .failure(let error) = anchored else {
            Issue.record("the anchor is not reported")
            return
        }
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics.first?.message.hasPrefix("anchors (&name) are not supported") == true)
        #expect(error.diagnostics.first?.location.line == 4)
        let text = "# Übersicht\ntables:\n  filter:\n    INPUT:\n      policy: DROP\n"
        #expect(subsetEvents(text) == nil)
        let config = try ConfigLoader().load(text: text, fileName: "t.yaml")
        #expect(config.ruleset[.filter]?["INPUT"]?.policy == .drop)
    }
}
