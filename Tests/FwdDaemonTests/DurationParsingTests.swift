import FwdDaemon
import Testing

@Suite struct DurationParsingTests {
    @Test(arguments: [
        ("90", Duration.seconds(90)), ("90s", .seconds(90)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
        ("250ms", .milliseconds(250)), ("2min", .seconds(120)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(Duration(confirmText: text) == expected)
    }

    @Test(arguments: ["", "0", "0s", "-5s", "5 m", "5d", "1.5m", "s", "25h", "9999999999"])
    func rejects(_ text: String) {
        #expect(Duration(confirmText: text) == nil)
    }
}
