@testable import FwdConfig
import FwdModel
import Testing

/// Every event of `reader`, up to the stream's end (at most `limit`).
func drain(_ reader: any ConfigEventReader, limit: Int = 1_000_000) -> [YAMLEvent] {
    var events: [YAMLEvent] = []
    while events.count < limit {
        let event = reader.next()
        events.append(event)
        if event.kind == .streamEnd { break }
    }
    return events
}

/// `kind line:column` and, for a scalar, `plain|quoted text`: one event, for comparisons.
func summary(_ event: YAMLEvent) -> String {
    var text = "\(event.kind) \(event.line):\(event.column)"
    if event.kind == .scalar { text += (event.isPlain ? " plain " : " quoted ") + event.text }
    if let tag = event.tag { text += " tag \(tag)" }
    return text
}

/// The JSON reader's events for `text`, summarised.
func jsonEvents(_ text: String) -> [String] {
    drain(JSONEventReader(bytes: Array(text.utf8), fileName: "t.json")).map(summary)
}

/// The syntax error the JSON reader reports for `text`, as `file:line:column: message`.
func jsonError(_ text: String) -> String? {
    jsonError(bytes: Array(text.utf8))
}

func jsonError(bytes: [UInt8]) -> String? {
    let reader = JSONEventReader(bytes: bytes, fileName: "t.json")
    _ = drain(reader)
    return reader.syntaxError?.description
}

@Suite("The JSON event reader")
struct JSONEventReaderTests {
    @Test func eventsCarryKindsPositionsAndStyles() {
        #expect(jsonEvents("{\"a\": [1, -2.5e3, true, false, null, \"x\"],\n \"b\": {}}") == [
            "documentStart 1:1", "mappingStart 1:1", "scalar 1:2 quoted a", "sequenceStart 1:7",
            "scalar 1:8 plain 1", "scalar 1:11 plain -2.5e3", "scalar 1:19 plain true", "scalar 1:25 plain false",
            "scalar 1:32 plain null", "scalar 1:38 quoted x", "sequenceEnd 1:41",
            "scalar 2:2 quoted b", "mappingStart 2:7", "mappingEnd 2:8", "mappingEnd 2:9",
            "documentEnd 2:10", "streamEnd 2:10",
        ])
    }

    @Test func everyEscapeIsDecoded() {
        let events = jsonEvents(#"["\" \\ \/ \b \f \n \r \t", "\u00e9\u4E2D\u0041", "\ud83d\ude00!", "\u0000"]"#)
        #expect(events[2] == "scalar 1:2 quoted \" \\ / \u{08} \u{0C} \n \r \t")
        #expect(events[3] == "scalar 1:29 quoted é中A")
        #expect(events[4] == "scalar 1:51 quoted 😀!")
        #expect(events[5] == "scalar 1:68 quoted \u{0}")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes, "中" three and "😀" four: each is one column, as libyaml counts.
        #expect(jsonEvents("[\"é中😀\", 1,\n \"😀\", 2]").filter { $0.hasPrefix("scalar") } == [
            "scalar 1:2 quoted é中😀", "scalar 1:9 plain 1", "scalar 2:2 quoted 😀", "scalar 2:7 plain 2",
        ])
        // An escape counts as the characters written.
        #expect(jsonEvents(#"["\u00e9", 1]"#)[3] == "scalar 1:12 plain 1")
    }

    @Test func lineBreaksOfEveryKindCount() {
        #expect(jsonEvents("[1,\r\n2,\r3,\n\n4]").filter { $0.hasPrefix("scalar") } == [
            "scalar 1:2 plain 1", "scalar 2:1 plain 2", "scalar 3:1 plain 3", "scalar 5:1 plain 4",
        ])
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "t.json:1:9: JSON syntax error: expected a key in double quotes after ',', found '}' (JSON allows no ',' before '}')"),
        ("[1, 2,]", "t.json:1:7: JSON syntax error: expected a value after ',', found ']' (JSON allows no ',' before ']')"),
        ("{a: 1}", "t.json:1:2: JSON syntax error: expected a key in double quotes or '}', found 'a'"),
        ("{\"a\" 1}", "t.json:1:6: JSON syntax error: expected ':' after the key, found '1'"),
        ("[1 2]", "t.json:1:4: JSON syntax error: expected ',' or ']' after an array's value, found '2'"),
        ("{\"a\": 1 \"b\": 2}", "t.json:1:9: JSON syntax error: expected ',' or '}' after an object's value, found '\"'"),
        ("[tcp]", "t.json:1:2: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found 'tcp'"),
        ("['x']", "t.json:1:2: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found ''x''"),
        ("[01]", "t.json:1:2: JSON syntax error: a number cannot start with 0 (JSON has no octal)"),
        ("[-]", "t.json:1:3: JSON syntax error: expected a digit after '-', found ']'"),
        ("[1.]", "t.json:1:4: JSON syntax error: expected a digit after '.', found ']'"),
        ("[1e+]", "t.json:1:5: JSON syntax error: expected a digit in the exponent, found ']'"),
        ("[nul]", "t.json:1:2: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found 'nul'"),
        ("[\"abc", "t.json:1:2: JSON syntax error: a string is not closed before the end of the file"),
        ("[\"a\\qb\"]", "t.json:1:4: JSON syntax error: unknown escape '\\q' (JSON has \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX)"),
        ("[\"\\u12G4\"]", "t.json:1:3: JSON syntax error: \\u needs four hexadecimal digits, found '\\u12G4'"),
        ("[\"é\\ud83d\"]", "t.json:1:4: JSON syntax error: '\\ud83d' is the first half of a UTF-16 surrogate pair; its second half (\\uDC00…\\uDFFF) must follow"),
        ("[\"\\ud83d\\u0041\"]", "t.json:1:3: JSON syntax error: '\\ud83d' is the first half of a UTF-16 surrogate pair; its second half (\\uDC00…\\uDFFF) must follow"),
        ("[\"\\ude00\"]", "t.json:1:3: JSON syntax error: '\\ude00' is the second half of a UTF-16 surrogate pair without the first"),
        ("[\"a\tb\"]", "t.json:1:4: JSON syntax error: control character U+0009 inside a string; write it as an escape (\\n, \\t, \\u00XX)"),
        ("[\"a\nb\"]", "t.json:1:4: JSON syntax error: control character U+000A inside a string; write it as an escape (\\n, \\t, \\u00XX)"),
        ("[1]\n[2]", "t.json:2:1: JSON syntax error: expected the end of the file after the JSON value, found '['"),
        ("{\"a\": [1, {\"b\": 2}", "t.json:1:19: JSON syntax error: expected ',' or ']' after an array's value, found the end of the file"),
        ("[1] # comment", "t.json:1:5: JSON syntax error: expected the end of the file after the JSON value, found '#'"),
        ("[é]", "t.json:1:2: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found 'é'"),
    ])
    func syntaxErrorsNameTheirPlaceAndWhatIsWrong(input: String, expected: String) {
        #expect(jsonError(input) == expected)
    }

    @Test func invalidUTF8IsLocated() {
        #expect(jsonError(bytes: Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8))
            == "t.json:1:5: JSON syntax error: invalid UTF-8 (byte 0xc3)")
        // An encoded surrogate and an overlong form are not UTF-8 either, after an escape too.
        #expect(jsonError(bytes: Array("[\"\\n".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8))
            == "t.json:1:5: JSON syntax error: invalid UTF-8 (byte 0xed)")
        #expect(jsonError(bytes: Array("[\"é".utf8) + [0xC0, 0xAF] + Array("\"]".utf8))
            == "t.json:1:4: JSON syntax error: invalid UTF-8 (byte 0xc0)")
        #expect(jsonError(bytes: [UInt8(ascii: "["), 0xFF, UInt8(ascii: "]")])?.hasPrefix("t.json:1:2: JSON syntax error: expected a value") == true)
        #expect(jsonError(bytes: Array("[1, ".utf8) + [0] + Array("]".utf8))
            == "t.json:1:5: JSON syntax error: expected a value (a string in double quotes, a number, true, false, null, an object or an array), found control character U+0000")
    }

    @Test func theStreamEndsForGoodAfterAnError() {
        let reader = JSONEventReader(bytes: Array("[1, x, 2]".utf8), fileName: "t.json")
        let events = drain(reader)
        #expect(events.map(\.kind) == [.documentStart, .sequenceStart, .scalar, .streamEnd])
        #expect(reader.next().kind == .streamEnd && reader.next().kind == .streamEnd)
        #expect(reader.problems.count == 1)
    }

    @Test func nestingIsLimitedLikeLibyaml() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let reader = JSONEventReader(bytes: Array(deep.utf8), fileName: "t.json")
        let events = drain(reader)
        #expect(events.count == YAMLEventReader.maximumDepth + 2)
        #expect(reader.syntaxError == nil)
        #expect(reader.problems.map(\.description)
            == ["t.json:1:65: nesting deeper than 64 levels; the rest of the file is not read"])
    }

    @Test func onlyTextStartingWithABraceOrBracketIsJSON() {
        #expect(ConfigEventReaders.looksLikeJSON(Array(" \n\t{\"tables\": {}}".utf8)))
        #expect(ConfigEventReaders.looksLikeJSON(Array("[]".utf8)))
        #expect(!ConfigEventReaders.looksLikeJSON(Array("# {\n{}".utf8)))
        #expect(!ConfigEventReaders.looksLikeJSON(Array("tables: {}".utf8)))
        #expect(!ConfigEventReaders.looksLikeJSON(Array("\u{FEFF}{}".utf8)))
        #expect(!ConfigEventReaders.looksLikeJSON([]))
    }
}
