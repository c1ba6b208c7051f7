import Foundation

/// What a worker is looking for: the nearest open stations to a point, with filters.
public struct NearQuery: Sendable {
    /// Where the worker is, in WGS-84.
    public var origin: Coordinate
    /// How many stations to return at most.
    public var limit: Int
    /// Only stations within this many metres; `nil` for the nearest wherever they are.
    public var radius: Double?
    /// Services every returned station must offer.
    public var services: ServiceSet
    /// Only stations of this kind.
    public var kind: StationKind?
    /// When set, only stations open at this instant.
    public var openAt: Date?
    /// The instant the `open` flag of each answer describes: `openAt`, else now.
    public var evaluatedAt: Date

    /// Creates a query; `limit` defaults to 5 as the CLI promises.
    public init(
        origin: Coordinate, limit: Int = 5, radius: Double? = nil, services: ServiceSet = [],
        kind: StationKind? = nil, openAt: Date? = nil, now: Date = Date()
    ) {
        self.origin = origin
        self.limit = limit
        self.radius = radius
        self.services = services
        self.kind = kind
        self.openAt = openAt
        self.evaluatedAt = openAt ?? now
    }
}

/// A station found by the locator, with its distance from the query point.
public struct NearbyStation: Sendable, Equatable {
    /// The station record.
    public var station: Station
    /// Great-circle distance in metres.
    public var distance: Double
    /// Whether it is open at the query's instant; `nil` when its hours are unknown.
    public var isOpen: Bool?

    /// Minutes on foot at 4.5 km/h, rounded up.
    public var walkingMinutes: Int { Int((distance / 75).rounded(.up)) }
    /// Minutes by e-bike at 15 km/h, rounded up.
    public var ebikeMinutes: Int { Int((distance / 250).rounded(.up)) }
}
