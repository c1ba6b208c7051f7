/// The hub did not answer the benchmark's first request as expected.
struct HubNearLoadFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
