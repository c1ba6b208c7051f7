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
    private var bytes: [UInt8] = []

    /// Lower case, as `JSONEncoder` writes `\u001f`.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private init() {}

    /// The JSON array of `stations`, as the hub's `JSONEncoder` writes it.
    public static func encode(_ stations: [StationJSON]) throws(EncodingError) -> [UInt8] {
        var writer = StationJSONWriter()
        // A station takes 500–700 bytes; one allocation up front instead of several doublings.
        writer.bytes.reserveCapacity(2 + stations.count * 1024)
        writer.bytes.append(UInt8(ascii: "["))
        for (index, station) in stations.enumerated() {
            if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
            try writer.station(station)
        }
        writer.bytes.append(UInt8(ascii: "]"))
        return writer.bytes
    }

    /// One station object, its keys in the byte order `.sortedKeys` puts them in.
    private mutating func station(_ station: StationJSON) throws(EncodingError) {
        bytes.append(UInt8(ascii: "{"))
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
        bytes.append(UInt8(ascii: "}"))
    }

    // MARK: - Fields

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Int?) {
        self.key(key)
        if let value { bytes.append(contentsOf: String(value).utf8) } else { null() }
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Bool?) {
        self.key(key)
        if let value { bytes.append(contentsOf: (value ? "true" : "false").utf8) } else { null() }
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ values: [String]) {
        self.key(key)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func field(_ key: StationJSON.CodingKeys, _ value: Double) throws(EncodingError) {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [key], debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        self.key(key)
        bytes.append(contentsOf: value.description.utf8)
        // `JSONEncoder` writes whole numbers without Swift's `.0`: `120`, not `120.0`.
        if bytes[bytes.count - 2] == UInt8(ascii: "."), bytes[bytes.count - 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
        }
    }

    // MARK: - Tokens

    /// `"key":`, after a comma unless it is the object's first key.
    private mutating func key(_ key: StationJSON.CodingKeys) {
        if bytes.last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: key.rawValue.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    /// A quoted string, copying runs of bytes that need no escape in one go.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: utf8[start..<index])
                escape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape `JSONEncoder` writes for a quote, a backslash or a control character.
    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x00..<0x20:
            bytes.append(contentsOf: "u00".utf8)
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0F)])
        default: bytes.append(byte)
        }
    }
}
