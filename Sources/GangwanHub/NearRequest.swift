import Foundation
import GangwanKit
import Hummingbird

/// The query of `GET /v1/stations/near`, read with the same parsers as `gangwan station near`.
struct NearRequest {
    /// At most this many stations per answer: the locator is public, so one request stays cheap.
    static let maximumLimit = 50

    let query: NearQuery
    /// The system the position was given in, and the one answers are printed in.
    let crs: CoordinateSystem

    /// Reads `lat`, `lon`, `crs`, `limit`, `radius_km`, `service` (repeatable or comma-separated),
    /// `kind`, `open_now` and `open_at`; a bad one is a 400 naming the parameter and its value.
    init(_ parameters: Parameters, now: Date) throws(HubHTTPError) {
        let crsText = parameters.get("crs") ?? CoordinateSystem.wgs84.rawValue
        guard let crs = CoordinateSystem(rawValue: crsText.lowercased()) else {
            throw Self.invalid("crs", crsText, localized("is not wgs84, gcj02 or bd09", "不是 wgs84、gcj02 或 bd09"))
        }
        self.crs = crs
        let position = try Self.parse("lat") { () throws(FieldError) in
            try Coordinate.parse(lat: try Self.required("lat", parameters), lon: try Self.required("lon", parameters))
        }

        var limit = 5
        if let text = parameters.get("limit") {
            guard let value = Int(text), (1...Self.maximumLimit).contains(value) else {
                throw Self.invalid("limit", text, localized(
                    "is not a whole number from 1 to \(Self.maximumLimit)", "不是 1 至 \(Self.maximumLimit) 的整数"))
            }
            limit = value
        }
        var radius: Double?
        if let text = parameters.get("radius_km") {
            guard let kilometres = Double(text), kilometres > 0, kilometres.isFinite else {
                throw Self.invalid("radius_km", text, localized("is not a positive number of kilometres", "不是正的公里数"))
            }
            radius = kilometres * 1000
        }
        let services = try Self.parse("service") { () throws(FieldError) in
            try ServiceSet.parse(parameters.getAll("service").joined(separator: ","))
        }
        let kind = try Self.parse("kind") { () throws(FieldError) in
            try parameters.get("kind").map { text throws(FieldError) in try StationKind.parse(text) }
        }
        let openAt = try Self.openInstant(parameters, now: now)
        query = NearQuery(
            origin: crs.toWGS84(position), limit: limit, radius: radius, services: services, kind: kind,
            openAt: openAt, now: now)
    }

    /// `open_now=true` means now, `open_at=…` a given instant; both at once is refused.
    private static func openInstant(_ parameters: Parameters, now: Date) throws(HubHTTPError) -> Date? {
        var openNow = false
        if let text = parameters.get("open_now") {
            switch text.lowercased() {
            case "true", "1", "yes", "": openNow = true
            case "false", "0", "no": openNow = false
            default: throw invalid("open_now", text, localized("is not true or false", "不是 true 或 false"))
            }
        }
        guard let text = parameters.get("open_at") else { return openNow ? now : nil }
        guard !openNow else {
            throw .badRequest(localized("open_now and open_at cannot be used together", "open_now 与 open_at 不能同时使用"))
        }
        guard let instant = ShanghaiTime.instant(from: text) else {
            throw invalid("open_at", text, localized(
                "is not an ISO 8601 time like 2026-03-01T20:30 or 2026-03-01T12:30:00Z",
                "不是 ISO 8601 时间，例如 2026-03-01T20:30 或 2026-03-01T12:30:00Z"))
        }
        return instant
    }

    private static func required(_ name: String, _ parameters: Parameters) throws(FieldError) -> String {
        guard let text = parameters.get(name) else {
            throw FieldError(field: name, value: "", reason: localized("is required", "为必填项"))
        }
        return text
    }

    /// Runs a GangwanKit parser, reporting its error under the query parameter's name.
    private static func parse<Value>(_ name: String, _ body: () throws(FieldError) -> Value) throws(HubHTTPError) -> Value {
        do {
            return try body()
        } catch {
            var error = error
            // Coordinate.parse names `lat` or `lon` itself; the others are renamed to the parameter.
            if name != "lat" { error.field = name }
            error.value = shown(error.value)
            throw .badRequest(error.localizedDescription)
        }
    }

    private static func invalid(_ name: String, _ value: String, _ reason: String) -> HubHTTPError {
        .badRequest(FieldError(field: name, value: shown(value), reason: reason).localizedDescription)
    }
}
