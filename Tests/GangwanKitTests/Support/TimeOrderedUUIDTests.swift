import Foundation
import Testing
@testable import GangwanKit

@Suite struct TimeOrderedUUIDTests {
    @Test func laterIDsSortLaterAndCarryVersion7() {
        let earlier = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_800_000_000))
        let later = UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_800_000_000.002))
        #expect(earlier.lowercased < later.lowercased)
        #expect(Array(earlier.lowercased)[14] == "7")
        #expect(["8", "9", "a", "b"].contains(Array(earlier.lowercased)[19]))
        // 1_800_000_000_000 ms is 0x1a3185c5000.
        #expect(earlier.lowercased.hasPrefix("01a3185c-5000"))
        #expect(UUID.timeOrdered() != UUID.timeOrdered())
    }
}

@Suite struct UUIDTextTests {
    @Test func lowercasedMatchesFoundationsText() {
        for _ in 0..<100 {
            let id = UUID()
            #expect(id.lowercased == id.uuidString.lowercased())
        }
    }
}
