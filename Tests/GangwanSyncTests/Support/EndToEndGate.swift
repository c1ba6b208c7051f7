import Foundation

/// Holds requests at a point until the test opens it, and tells the test when one has arrived.
final class EndToEndGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrivals = 0
    private var isOpen = false

    /// Called where the request should wait: counts the arrival and blocks until ``open()``.
    func pass() {
        condition.withLock {
            arrivals += 1
            condition.broadcast()
            while !isOpen { condition.wait() }
        }
    }

    /// Waits until a request has arrived, at most `seconds`; whether one did.
    func waitForArrival(seconds: Double) -> Bool {
        let limit = Date(timeIntervalSinceNow: seconds)
        return condition.withLock {
            while arrivals == 0 {
                guard condition.wait(until: limit) else { return arrivals > 0 }
            }
            return true
        }
    }

    /// Lets every waiting and later request through.
    func open() {
        condition.withLock {
            isOpen = true
            condition.broadcast()
        }
    }
}
