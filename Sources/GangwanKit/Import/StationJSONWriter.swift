import Foundation

/// Writes stations as a compact JSON array, byte for byte what `JSONEncoder` with
/// `[.sortedKeys, .withoutEscapingSlashes]` (the hub's settings) writes for the same `[StationJSON]`.
///
/// The hub's public locator answers every request with a handful of stations, and `JSONEncoder`
/// took almost half of the hub's CPU doing it: it builds a tree of boxed values with a dictionary
/// per station, then sorts each one's keys. This writer appends the bytes directly, keys already in
/// sorted order, and follows `JSONEncoder`'s rules so clients cannot tell the difference:
///
/// - every key ``StationJSON/encode(to:)`` writes, `null` for a missing value; the locator keys
///   (`distance_m`, `open`, and the travel minutes when known) only when the distance is set;
/// - a `Double` as its shortest round-trip `description` without a trailing `.0`
///   (`36.6171`, `1e-05`, `120`); NaN and infinities throw, as `JSONEncoder` does by default;
/// - strings as UTF-8, escaping only `"`, `\` and U+0000…U+001F (`\b`, `\f`, `\n`, `\r`, `\t`,
///   the others as `\u001f`), but not `/`.
///
/// `StationJSONWriterTests` compares the two on random stations: a key added to ``StationJSON``
/// and not here fails there.
public struct StationJSONWriter {
    private var json: JSONByteWriter

    private init(count: Int) {
        // A station takes 500–700 bytes; one allocation up front instead of several doublings.
        json = JSONByteWriter(capacity: 2 + count * 1024)
    }

    /// The JSON array of `stations`, as the hub's `JSONEncoder` writes it.
    public static func encode(_ stations: [StationJSON]) throws(EncodingError) -> [UInt8] {
        var writer = StationJSONWriter(count: stations.count)
        writer.json.bytes.append(UInt8(ascii: "["))
        for station in stations {
            writer.json.element()
            try writer.station(station)
        }
        writer.json.bytes.append(UInt8(ascii: "]"))
        return writer.json.bytes
    }

    /// One station object, its keys in the byte order `.sortedKeys` puts them in.
    private mutating func station(_ station: StationJSON) throws(EncodingError) {
        json.bytes.append(UInt8(ascii: "{"))
        field(.actor, station.actor)
        field(.address, station.address)
        field(.code, station.code)
        field(.createdAt, station.createdAt)
        field(.crs, station.crs)
        if let distance = station.distanceM {
            try field(.distanceM, distance)
            if let minutes = station.ebikeMinutes { field(.ebikeMinutes, minutes) }
        }
        field(.host, station.host)
        field(.hours, station.hours)
        field(.id, station.id)
        field(.kind, station.kind)
        try field(.lat, station.lat)
        try field(.lon, station.lon)
        field(.name, station.name)
        if station.distanceM != nil { field(.open, station.open ?? nil) }
        field(.phone, station.phone)
        field(.region, station.region)
        field(.regionName, station.regionName)
        field(.removedAt, station.removedAt)
        field(.seats, station.seats)
        field(.services, station.services)
        field(.status, station.status)
        field(.statusReason, station.statusReason)
        field(.updatedAt, station.updatedAt)
        field(.verifiedOn, station.verifiedOn)
        if station.distanceM != nil, let minutes = station.walkMinutes { field(.walkMinutes, minutes) }
        json.bytes.append(UInt8(ascii: "}"))
    }

    // MARK: - Fields

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: String?) {
        json.key(key.rawValue)
        json.string(value)
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Int?) {
        json.key(key.rawValue)
        if let value { json.bytes.append(contentsOf: String(value).utf8) } else { json.null() }
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Bool?) {
        json.key(key.rawValue)
        if let value { json.bool(value) } else { json.null() }
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ values: [String]) {
        json.key(key.rawValue)
        json.strings(values)
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Double) throws(EncodingError) {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [key], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        json.key(key.rawValue)
        json.bytes.append(contentsOf: value.description.utf8)
        // `JSONEncoder` writes whole numbers without Swift's `.0`: `120`, not `120.0`.
        if json.bytes[json.bytes.count - 2] == UInt8(ascii: "."), json.bytes[json.bytes.count - 1] == UInt8(ascii: "0") {
            json.bytes.removeLast(2)
        }
    }
}
