import Foundation
@testable import FwdConfig
import FwdModel
import Testing

/// Random and mutated JSON: the JSON reader and the loader give events or errors, never a
/// crash or a hang.
@Suite("Fuzzing the JSON reader")
struct JSONFuzzTests {
    /// JSON's tokens and pieces of them, and bytes that break them.
    static let tokens = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud83d", "\\ude00", "\\u00", "\\x", "\"a\"", "\"tables\"",
        "1", "-", "0", "01", ".", "e", "E+", "1.5e-3", "true", "tru", "false", "null", "nul", " ", "\n", "\r", "\t",
        "é", "\u{FEFF}", "\u{2028}", "#", "'", "a", "$x", "!",
    ]

    static func randomTokens(count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            if Int.random(in: 0..<8, using: &generator) == 0 {
                bytes.append(UInt8.random(in: 0...255, using: &generator))
            } else {
                bytes += Array((tokens.randomElement(using: &generator) ?? "").utf8)
            }
        }
        return bytes
    }

    /// Token soup straight into the reader: it ends, with at most one event per byte (plus the
    /// document and stream events), nesting balanced up to where it stopped.
    @Test func randomTokensEndTheStream() {
        var generator = SeededGenerator(state: 77)
        for round in 0..<3_000 {
            let bytes = (Bool.random(using: &generator) ? Array("{".utf8) : Array("[".utf8))
                + Self.randomTokens(count: Int.random(in: 0...60, using: &generator), using: &generator)
            let reader = JSONEventReader(bytes: bytes, fileName: "r.json")
            let events = drain(reader, limit: bytes.count + 4)
            #expect(events.last?.kind == .streamEnd, "round \(round)")
            var depth = 0
            for event in events {
                switch event.kind {
                case .mappingStart, .sequenceStart: depth += 1
                case .mappingEnd, .sequenceEnd: depth -= 1
                case .documentStart, .documentEnd, .scalar, .alias, .streamEnd: break
                }
                #expect(depth >= 0, "round \(round)")
            }
            if reader.syntaxError == nil { #expect(depth == 0, "round \(round)") }
            #expect(reader.syntaxError.map { $0.location.line >= 1 && ($0.location.column ?? 0) >= 1 } ?? true)
        }
    }

    /// Valid configs in JSON, mutated by inserting, deleting, repeating and cutting pieces:
    /// each loads or gives sorted, located errors, in bounded time.
    @Test func mutatedJSONConfigsNeverCrashOrHang() {
        var generator = SeededGenerator(state: 31)
        let seeds = (0..<4).map { _ in RandomJSON.config(rules: 10, using: &generator).json }
        let deadline = Date().addingTimeInterval(30)
        var loads = 0, valid = 0, syntaxErrors = 0
        for round in 0..<3_000 where Date() < deadline {
            var text = Array(seeds[round % seeds.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                text = Self.mutate(text, using: &generator)
            }
            let started = Date()
            let outcome = Result { () throws(ConfigError) in
                try ConfigLoader().load(text: String(decoding: text, as: UTF8.self), fileName: "m.json")
            }
            #expect(Date().timeIntervalSince(started) < 5, "round \(round) took too long")
            loads += 1
            switch outcome {
            case .success(let config):
                valid += 1
                #expect(config.ruleset.validate().isEmpty, "round \(round)")
            case .failure(let error):
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics == error.diagnostics.sorted(), "round \(round): errors are sorted")
                #expect(error.diagnostics.allSatisfy { $0.location.file == "m.json" }, "round \(round)")
                if error.diagnostics.contains(where: { $0.message.hasPrefix("JSON syntax error") }) { syntaxErrors += 1 }
            }
        }
        #expect(loads >= 300)
        #expect(valid > 0 && syntaxErrors > 0)
    }

    /// `bytes` changed in one random way.
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let position = Int.random(in: 0...bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            bytes.insert(contentsOf: (tokens.randomElement(using: &generator) ?? "").utf8, at: position)
        case 1:
            if position < bytes.count { bytes.remove(at: position) }
        case 2:
            let end = min(bytes.count, position + Int.random(in: 1...40, using: &generator))
            bytes.insert(contentsOf: bytes[position..<end], at: position)
        case 3:
            bytes = Array(bytes.prefix(position))
        case 4:
            if position < bytes.count { bytes[position] = UInt8.random(in: 0...255, using: &generator) }
        default:
            let depth = Int.random(in: 1...200, using: &generator)
            bytes.insert(contentsOf: Array(String(repeating: "[", count: depth).utf8)
                + Array(String(repeating: "]", count: depth).utf8), at: position)
        }
        return bytes
    }

    @Test func hugeAndDeepJSONStaysBounded() {
        let started = Date()
        let deep = "{\"tables\": " + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}"
        #expect(problems(deep, fileName: "d.json") == [
            "d.json:1:12: tables: expected a mapping of tables (filter, nat, mangle, raw, security), found a list",
            "d.json:1:75: nesting deeper than 64 levels; the rest of the file is not read",
        ])
        let long = "{\"tables\": {\"filter\": {\"INPUT\": {\"rules\": [{\"comment\": \"\(String(repeating: "é", count: 500_000))\", \"jump\": \"ACCEPT\"}]}}}}"
        #expect(problems(long, fileName: "l.json").first?.contains("bytes; at most 255 fit") == true)
        let unclosed = "{\"define\": {\"a\": \"" + String(repeating: "\\u0041", count: 200_000)
        #expect(problems(unclosed, fileName: "u.json") == ["u.json:1:18: JSON syntax error: a string is not closed before the end of the file"])
        #expect(Date().timeIntervalSince(started) < 60)
    }
}
