import Foundation
import Logging
import Testing
@testable import GangwanHub

@Suite struct HubLogHandlerTests {
    /// What one logger call writes, read back from a pipe.
    func written(_ body: (Logger) -> Void) throws -> String {
        let pipe = Pipe()
        let handler = HubLogHandler(label: "gangwan-hub", level: .info, output: pipe.fileHandleForWriting.fileDescriptor)
        body(Logger(label: "gangwan-hub") { _ in handler })
        try pipe.fileHandleForWriting.close()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    @Test func linesHaveStreamLogHandlersShapeWithSortedMetadata() throws {
        let text = try written { logger in
            var logger = logger
            logger[metadataKey: "hb.request.id"] = "42"
            logger.info("request", metadata: ["status": "200", "method": "GET", "duration_ms": "0.5"], source: "GangwanHub")
            logger.debug("below the level")
            logger.warning("no metadata", source: "GangwanHub")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty, "two whole lines: \(text)")
        let timestamp = #/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} /#
        #expect(lines[0].prefixMatch(of: timestamp) != nil)
        #expect(lines[0].hasSuffix(" info gangwan-hub: duration_ms=0.5 hb.request.id=42 method=GET status=200 [GangwanHub] request"))
        #expect(lines[1].hasSuffix(" warning gangwan-hub: hb.request.id=42 [GangwanHub] no metadata"))
    }

    @Test func theTimeReadsBackAsTheSameInstant() throws {
        // Any instant, in whatever zone the machine is set to: the text names the same second.
        for second: time_t in [0, 1_780_000_000, 1_795_000_123] {
            let text = LogClock.format(second)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
            let read = try #require(formatter.date(from: text), "\(text)")
            #expect(read.timeIntervalSince1970 == Double(second), "\(text)")
            #expect(text.count == 24)
        }
    }
}
