import FwdDaemon
import Logging
import Testing

@Suite struct JournalLogHandlerTests {
    @Test func everyLineCarriesThePriorityAndMetadataEndsTheMessage() {
        let lines = LogLines()
        var logger = lines.logger
        logger[metadataKey: "netns"] = "test"
        logger.error("reload failed:\nfw.yaml:3:5: bad", metadata: ["exit_code": "1"])
        logger.info("applied")
        logger.debug("details")
        #expect(lines.all == [
            "<3>reload failed:\n<3>fw.yaml:3:5: bad exit_code=1 netns=test\n", "<6>applied netns=test\n",
            "<7>details netns=test\n",
        ])
    }

    @Test func prioritiesFollowSyslog() {
        #expect(Logger.Level.allCases.map(JournalLogHandler.priority(of:)) == [7, 7, 6, 5, 4, 3, 2])
    }
}
