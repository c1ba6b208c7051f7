import Foundation

/// A station as `--json` and JSON export print it: snake_case keys, positions in the output CRS.
public struct StationJSON: Encodable, Sendable {
    let id: String
    let code: String?
    let name: String
    let kind: String
    let status: String
    let statusReason: String?
    let region: String
    let regionName: String?
    let address: String
    let lat: Double
    let lon: Double
    let crs: String
    let services: [String]
    let hours: String?
    let phone: String?
    let host: String?
    let seats: Int?
    let verifiedOn: String?
    let createdAt: String
    let updatedAt: String
    let actor: String
    let removedAt: String?
    var distanceM: Double?
    var open: Bool??
    var walkMinutes: Int?
    var ebikeMinutes: Int?

    /// The station's fields, its position in `crs`.
    public init(_ station: Station, crs: CoordinateSystem, regions: RegionTable) {
        let position = crs.fromWGS84(station.position)
        id = station.id.storedText
        code = station.code
        name = station.name
        kind = station.kind.rawValue
        status = station.status.rawValue
        statusReason = station.statusReason
        region = station.region
        regionName = regions.region(station.region)?.name
        address = station.address
        lat = position.latitude
        lon = position.longitude
        self.crs = crs.rawValue
        services = station.services.services.map(\.rawValue)
        hours = station.hours?.description
        phone = station.phone
        host = station.host
        seats = station.seats
        verifiedOn = station.verifiedOn
        createdAt = ShanghaiTime.timestamp(of: station.createdAt)
        updatedAt = ShanghaiTime.timestamp(of: station.updatedAt)
        actor = station.actor
        removedAt = station.removedAt.map(ShanghaiTime.timestamp(of:))
    }

    /// A locator answer: the station plus `distance_m`, `open` and travel minutes.
    public init(_ nearby: NearbyStation, crs: CoordinateSystem, regions: RegionTable) {
        self.init(nearby.station, crs: crs, regions: regions)
        distanceM = nearby.distance
        open = .some(nearby.isOpen)
        walkMinutes = nearby.walkingMinutes
        ebikeMinutes = nearby.ebikeMinutes
    }

    enum CodingKeys: String, CodingKey {
        case id, code, name, kind, status, region, address, lat, lon, crs, services, hours, phone, host, seats, actor, open
        case statusReason = "status_reason", regionName = "region_name", verifiedOn = "verified_on"
        case createdAt = "created_at", updatedAt = "updated_at", removedAt = "removed_at"
        case distanceM = "distance_m", walkMinutes = "walk_minutes", ebikeMinutes = "ebike_minutes"
    }

    /// Writes every key, `null` included, so scripts see a stable shape; near-only keys only for near.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        try container.encode(statusReason, forKey: .statusReason)
        try container.encode(region, forKey: .region)
        try container.encode(regionName, forKey: .regionName)
        try container.encode(address, forKey: .address)
        try container.encode(lat, forKey: .lat)
        try container.encode(lon, forKey: .lon)
        try container.encode(crs, forKey: .crs)
        try container.encode(services, forKey: .services)
        try container.encode(hours, forKey: .hours)
        try container.encode(phone, forKey: .phone)
        try container.encode(host, forKey: .host)
        try container.encode(seats, forKey: .seats)
        try container.encode(verifiedOn, forKey: .verifiedOn)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(actor, forKey: .actor)
        try container.encode(removedAt, forKey: .removedAt)
        if let distanceM {
            try container.encode(distanceM, forKey: .distanceM)
            try container.encode(open ?? nil, forKey: .open)
            try container.encodeIfPresent(walkMinutes, forKey: .walkMinutes)
            try container.encodeIfPresent(ebikeMinutes, forKey: .ebikeMinutes)
        }
    }
}
