import Foundation
import GRDB

/// Which stations a listing shows. Removed stations never appear.
public struct StationFilter: Sendable {
    /// A GB/T 2260 prefix: `6301` is all of 西宁.
    public var regionPrefix: String?
    public var kind: StationKind?
    /// Services every listed station must offer.
    public var services: ServiceSet
    public var status: StationStatus?
    /// Only stations not verified for at least this many days (never verified counts as stale).
    public var staleDays: Int?

    /// Creates a filter; with no arguments it lists every station.
    public init(regionPrefix: String? = nil, kind: StationKind? = nil, services: ServiceSet = [], status: StationStatus? = nil, staleDays: Int? = nil) {
        self.regionPrefix = regionPrefix
        self.kind = kind
        self.services = services
        self.status = status
        self.staleDays = staleDays
    }

    func request(now: Date) -> QueryInterfaceRequest<Station> {
        var request = Station.filter(Station.Columns.removedAt == nil)
        if let regionPrefix {
            // GLOB, unlike LIKE, can use the region index; the prefix is validated as digits.
            request = request.filter(sql: "region GLOB ?", arguments: [regionPrefix + "*"])
        }
        if let kind { request = request.filter(Station.Columns.kind == kind.rawValue) }
        if !services.isEmpty {
            request = request.filter(sql: "services & ? = ?", arguments: [services.rawValue, services.rawValue])
        }
        if let status { request = request.filter(Station.Columns.status == status.rawValue) }
        if let staleDays {
            let cutoff = ShanghaiTime.day(of: now.addingTimeInterval(-Double(staleDays) * 86_400))
            request = request.filter(Station.Columns.verifiedOn == nil || Station.Columns.verifiedOn <= cutoff)
        }
        return request.order(Column("region"), Column("name"), Station.Columns.id)
    }
}
