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
        // 1_800_000_000_000 ms is 0x1a3185c5000 (or later, if this process already made a later id).
        #expect(earlier.storedText >= "01a3185c-5000")
        #expect(UUID.timeOrdered() != UUID.timeOrdered())
    }

    @Test func idsMadeAtOneInstantStillIncrease() {
        let instant = Date()
        // More than the 4,096 a millisecond's counter holds: the rest carry into the next millisecond.
        let ids = (0..<10_000).map { _ in UUID.timeOrdered(at: instant).storedText }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ids.allSatisfy { Array($0)[14] == "7" && ["8", "9", "a", "b"].contains(Array($0)[19]) })
        // The random part (the last 62 bits) is drawn afresh for each id, across the pool's refills.
        #expect(Set(ids.map { $0.suffix(17) }).count == ids.count)
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
