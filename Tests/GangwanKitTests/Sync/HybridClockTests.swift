import Foundation
import Testing
@testable import GangwanKit

@Suite struct HybridClockTests {
    @Test func textIsThreeFixedWidthLowercaseHexGroupsAndReadsBack() throws {
        let stamp = HybridClock.Timestamp(wall: 0x0193_A1B2_C3D4, counter: 0x00AF, node: 0x0123_4567_89AB_CDEF)
        #expect(stamp.text == "0193a1b2c3d4-00af-0123456789abcdef")
        #expect(HybridClock.Timestamp(wall: 1, counter: 0, node: 0).text == "000000000001-0000-0000000000000000")
        let largest = HybridClock.Timestamp(wall: .max, counter: .max, node: .max)
        #expect(largest.text == "ffffffffffff-ffff-ffffffffffffffff")
        for value in [stamp, largest] {
            #expect(HybridClock.Timestamp(text: value.text) == value)
        }
        for bad in ["0193A1B2C3D4-00af-0123456789abcdef", "0193a1b2c3d4-00af-0123456789abcde", "0193a1b2c3d4_00af_0123456789abcdef"] {
            #expect(HybridClock.Timestamp(text: bad) == nil, "\(bad)")
        }
    }

    @Test func textSortsAsTheTimestampsDo() {
        var generator = SystemRandomNumberGenerator()
        let stamps = (0..<200).map { _ in
            HybridClock.Timestamp(
                wall: UInt64.random(in: 0...0xFFFF_FFFF_FFFF, using: &generator), counter: .random(in: 0...3, using: &generator),
                node: .random(in: 0...UInt64.max, using: &generator))
        }
        #expect(stamps.sorted().map(\.text) == stamps.map(\.text).sorted())
    }

    @Test func ticksNeverGoBackEvenWhenTheWallClockDoes() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let first = HybridClock.tick(after: nil, now: now, node: 7)
        let second = HybridClock.tick(after: first, now: now, node: 7)
        let third = HybridClock.tick(after: second, now: now.addingTimeInterval(-60), node: 7)
        #expect(first < second && second < third)
        #expect(third.wall == first.wall && third.counter == 2)
        #expect(HybridClock.isPlausible(HybridClock.tick(after: nil, now: now.addingTimeInterval(3000), node: 1), now: now))
        #expect(!HybridClock.isPlausible(HybridClock.tick(after: nil, now: now.addingTimeInterval(3700), node: 1), now: now))
    }
}
