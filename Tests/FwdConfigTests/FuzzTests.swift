import Foundation
@testable import FwdConfig
import FwdModel
import Testing

/// Thousands of valid, mutated and random configs: each must give errors or a valid ruleset,
/// never a crash or a hang. A trap (overflow, unwrap, index) would crash the test process.
@Suite("Fuzzing the loader")
struct FuzzTests {
    /// Every valid random config loads, validates and survives the canonical round trip.
    @Test func randomValidConfigsLoad() throws {
        var generator = SeededGenerator(state: 1)
        for round in 0..<100 {
            let text = RandomConfigs.validConfig(rules: Int.random(in: 0...30, using: &generator), using: &generator)
            let config = try ConfigLoader().load(text: text, fileName: "valid-\(round).yaml")
            #expect(config.ruleset.validate().isEmpty)
            let canonical = config.ruleset.canonicalYAML()
            let again = try ConfigLoader().load(text: canonical, fileName: "canonical-\(round).yaml")
            #expect(again.ruleset.canonicalYAML() == canonical)
        }
    }

    @Test func mutatedConfigsNeverCrashOrHang() throws {
        let seeds = [
            RandomConfigs.validConfig(rules: 12, using: &Self.seedGenerator),
            try String(contentsOfFile: repositoryRoot + "/examples/host.yaml", encoding: .utf8),
            try String(contentsOfFile: repositoryRoot + "/examples/router.yaml", encoding: .utf8),
        ] + GoldenErrorTests.cases.map(\.input)
        var generator = SeededGenerator(state: 42)
        let deadline = Date().addingTimeInterval(30)
        var loads = 0, valid = 0
        for round in 0..<3_000 where Date() < deadline {
            var text = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                text = RandomConfigs.mutate(text, using: &generator)
            }
            let started = Date()
            let outcome = Result { () throws(ConfigError) in try ConfigLoader().load(text: text, fileName: "m.yaml") }
            #expect(Date().timeIntervalSince(started) < 5, "round \(round) took too long")
            loads += 1
            switch outcome {
            case .success(let config):
                valid += 1
                #expect(config.ruleset.validate().isEmpty, "round \(round)")
            case .failure(let error):
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics == error.diagnostics.sorted(), "round \(round): errors are sorted")
                #expect(error.diagnostics.allSatisfy { $0.location.file == "m.yaml" }, "round \(round)")
            }
        }
        #expect(loads >= 300)
        #expect(valid > 0 && valid < loads)
    }

    nonisolated(unsafe) static var seedGenerator = SeededGenerator(state: 7)

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(state: 99)
        for _ in 0..<2_000 {
            let bytes = RandomConfigs.randomBytes(count: Int.random(in: 0...400, using: &generator), using: &generator)
            let parser = ConfigParser()
            parser.parse(bytes: bytes, name: "r.yaml", directory: "/nonexistent")
            _ = parser.finish()
        }
        // Invalid UTF-8 is a located syntax error (libyaml's: the subset reader leaves such a file
        // to libyaml, which the loader does by reading it again).
        let parser = ConfigParser(readWithLibyaml: ["u.yaml"])
        parser.parse(bytes: Array("tables:\n  filter: ".utf8) + [0xFF, 0xFE, 0x41], name: "u.yaml", directory: ".")
        let (_, found) = parser.finish()
        #expect(found.map(\.description).first?.hasPrefix("u.yaml:2:11: YAML syntax error: invalid") == true, "\(found)")
    }

    @Test func hugeAndDeepInputsStayBounded() throws {
        let started = Date()
        let deep = "tables: " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(problems(deep) == [
            "test.yaml:1:9: tables: expected a mapping of tables (filter, nat, mangle, raw, security), found a list",
            "test.yaml:1:72: nesting deeper than 64 levels; the rest of the file is not read",
        ])
        let longValue = "tables: {filter: {INPUT: {rules: [{comment: \(String(repeating: "a", count: 1_000_000)), jump: ACCEPT}]}}}"
        #expect(problems(longValue).first?.contains("bytes; at most 255 fit") == true)
        let hugeNumber = "tables: {filter: {INPUT: {rules: [{proto: tcp, dport: \(String(repeating: "9", count: 100)), limit-burst: 99999999999999999999, jump: ACCEPT}]}}}"
        #expect(problems(hugeNumber).count == 3)
        let manyKeys = "define:\n" + (0..<20_000).map { "  k\($0): \($0)" }.joined(separator: "\n")
        #expect(problems(manyKeys).isEmpty)
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
