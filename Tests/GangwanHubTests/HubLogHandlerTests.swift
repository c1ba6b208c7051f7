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

    @Test func theTimeIsTheLocalTimeAsStrftimeWritesIt() {
        var second: time_t = 1_780_000_000
        var local = tm()
        localtime_r(&second, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        #expect(LogClock.format(second) == String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #expect(LogClock.format(second).count == 24)
    }
}
