import Foundation

/// A station's fields as a person typed them or a CSV cell held them, before validation.
///
/// `nil` leaves a field as it is; an empty string clears an optional field. ``apply(to:crs:regions:)``
/// is the one place where text becomes a station, for the CLI and the importer alike.
public struct StationFields: Sendable, Equatable {
    public var id: String?
    public var code: String?
    public var name: String?
    public var kind: String?
    public var status: String?
    public var statusReason: String?
    public var lat: String?
    public var lon: String?
    public var region: String?
    public var address: String?
    public var services: String?
    public var hours: String?
    public var phone: String?
    public var host: String?
    public var seats: String?
    public var verified: String?

    /// Creates an empty set of fields.
    public init() {}

    /// The fields that a new station must have.
    public static var required: [(String, KeyPath<StationFields, String?>)] {
        [("name", \.name), ("kind", \.kind), ("lat", \.lat), ("lon", \.lon), ("region", \.region)]
    }

    /// Builds a new station from the fields; the required ones must be present.
    public func makeStation(crs: CoordinateSystem, regions: RegionTable, actor: String, now: Date) throws(FieldError) -> Station {
        for (field, path) in Self.required where (self[keyPath: path] ?? "").trimmed.isEmpty {
            throw FieldError(field: field, value: "", reason: localized("is required", "为必填项"))
        }
        var station = Station(
            id: UUID.timeOrdered(at: now), name: "", kind: .other, region: "", position: Coordinate(unchecked: 0, 0),
            createdAt: now, updatedAt: now, actor: actor)
        station.verifiedOn = ShanghaiTime.day(of: now)
        try apply(to: &station, crs: crs, regions: regions)
        return station
    }

    /// Validates the fields that are present and writes them into `station`.
    public func apply(to station: inout Station, crs: CoordinateSystem, regions: RegionTable) throws(FieldError) {
        if let id {
            guard let uuid = UUID(uuidString: id.trimmed) else {
                throw FieldError(field: "id", value: id, reason: localized("is not a UUID", "不是 UUID"))
            }
            station.id = uuid
        }
        if let code { station.code = try FieldText.optional(code, field: "code", maxLength: 40, allowSpaces: false) }
        if let name { station.name = try FieldText.required(name, field: "name", maxLength: 100) }
        if let kind { station.kind = try StationKind.parse(kind) }
        if let status { station.status = try StationStatus.parse(status) }
        if let statusReason { station.statusReason = try FieldText.optional(statusReason, field: "status_reason", maxLength: 200) }
        switch (lat, lon) {
        case (nil, nil): break
        case (let lat?, let lon?): station.position = crs.toWGS84(try Coordinate.parse(lat: lat, lon: lon))
        case (nil, _):
            throw FieldError(field: "lat", value: "", reason: localized("must be given together with lon", "必须与经度一起提供"))
        case (_, nil):
            throw FieldError(field: "lon", value: "", reason: localized("must be given together with lat", "必须与纬度一起提供"))
        }
        if let region { station.region = try regions.validate(code: region) }
        if let address { station.address = try FieldText.optional(address, field: "address", maxLength: 200) ?? "" }
        if let services { station.services = try ServiceSet.parse(services) }
        if let hours {
            let text = hours.trimmed
            station.hours = text.isEmpty ? nil : try Self.parseHours(text)
        }
        if let phone { station.phone = try FieldText.optional(phone, field: "phone", maxLength: 40) }
        if let host { station.host = try FieldText.optional(host, field: "host", maxLength: 100) }
        if let seats { station.seats = try Self.parseSeats(seats) }
        if let verified { station.verifiedOn = try FieldText.day(verified, field: "verified") }
    }

    private static func parseHours(_ text: String) throws(FieldError) -> OpeningHours {
        do {
            return try OpeningHours.parsedOnce(text)
        } catch {
            throw FieldError(field: "hours", value: text, reason: error.reason)
        }
    }

    private static func parseSeats(_ text: String) throws(FieldError) -> Int? {
        let trimmed = text.trimmed
        if trimmed.isEmpty { return nil }
        guard let seats = Int(trimmed), (0...10_000).contains(seats) else {
            throw FieldError(field: "seats", value: trimmed, reason: localized("is not a whole number from 0 to 10000", "不是 0 到 10000 之间的整数"))
        }
        return seats
    }
}
