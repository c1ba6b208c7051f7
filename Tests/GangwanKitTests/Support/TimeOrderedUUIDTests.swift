import Foundation
import Testing
@testable import GangwanKit

@Suite struct TimeOrderedUUIDTests {
    @Test func laterIDsSortLaterAndCarryVersion7() {
        let earlier = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_800_000_000))
        let later = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_800_000_000.002))
        #expect(earlier.storedText < later.storedText)
        #expect(Array(earlier.storedText)[14] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(earlier.storedText)[19]))
        // 1_800_000_000_000 ms is 0x1a3185c5000.
        #expect(earlier.storedText.hasPrefix("01a3185c-5000"))
        #expect(UUID.timeOrdered() != UUID.timeOrdered())
    }
}

@Suite struct UUIDTextTests {
    @Test func storedTextMatchesFoundationsText() {
        for _ in 0..<100 {
            let id = UUID()
            #expect(id.storedText == id.uuidString.lowercased())
            #expect(UUID(storedText: id.storedText) == id)
        }
    }
}
