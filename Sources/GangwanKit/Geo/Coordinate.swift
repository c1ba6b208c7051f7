import Foundation

/// A point on the Earth in decimal degrees; the coordinate system is whatever the caller says it is.
///
/// Stored positions are always WGS-84 (see ``CoordinateSystem``); a `Coordinate` itself does not
/// record its system, because every conversion happens at the edge, where the system is known.
public struct Coordinate: Sendable, Hashable, Codable {
    /// Degrees north of the equator, from -90 to 90.
    public var latitude: Double
    /// Degrees east of Greenwich, from -180 to 180.
    public var longitude: Double

    /// Creates a coordinate, refusing values that are not on the Earth.
    ///
    /// The error names the field as a user types it (`lat` or `lon`), so a CLI flag or CSV
    /// column can be found from the message alone.
    public init(latitude: Double, longitude: Double) throws(FieldError) {
        try Self.check(latitude, field: "lat", limit: 90, shown: "\(latitude)", other: longitude)
        try Self.check(longitude, field: "lon", limit: 180, shown: "\(longitude)", other: nil)
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Creates a coordinate without checking it, for values that were validated when stored or
    /// that come out of arithmetic on valid ones (database rows, transforms, box centres).
    public init(unchecked latitude: Double, _ longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Reads a coordinate from text as a person or a CSV file gives it, such as `36.6171` and `101.7782`.
    ///
    /// Surrounding spaces and full-width digits (typed with a Chinese input method) are accepted.
    /// Only plain decimal numbers are: `nan`, `inf` and hexadecimal, which `Double(_:)` would
    /// take, are refused, as are values off the Earth. The exponent form is kept because Swift
    /// prints small values that way (`1e-05`), so exported files must read back.
    public static func parse(lat: String, lon: String) throws(FieldError) -> Coordinate {
        let latitude = try number(lat, field: "lat")
        let longitude = try number(lon, field: "lon")
        try check(latitude, field: "lat", limit: 90, shown: shown(lat), other: longitude)
        try check(longitude, field: "lon", limit: 180, shown: shown(lon), other: nil)
        return Coordinate(unchecked: latitude, longitude)
    }

    private static func number(_ text: String, field: String) throws(FieldError) -> Double {
        var plain = text
        // Most cells are plain ASCII and need no folding.
        if !Self.isASCII(text) {
            plain = ""
            for scalar in text.unicodeScalars {
                // Full-width ASCII (U+FF01…U+FF5E) sits at a fixed offset from ASCII.
                if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                    plain.unicodeScalars.append(ascii)
                } else {
                    plain.unicodeScalars.append(scalar)
                }
            }
        }
        let trimmed = plain.trimmed
        guard !trimmed.isEmpty else {
            throw FieldError(field: field, value: "", reason: localized(
                "is empty; give a number in degrees such as \(example(field))",
                "为空；请填写以度为单位的数字，例如 \(example(field))"))
        }
        guard Self.isPlainNumber(trimmed), let value = Double(trimmed) else {
            throw FieldError(field: field, value: shown(text), reason: localized(
                "is not a number in decimal degrees such as \(example(field))",
                "不是以十进制度表示的数字，例如 \(example(field))"))
        }
        return value
    }

    /// Refuses a value off the Earth; `other` is the longitude when checking a latitude, to spot a swap.
    private static func check(
        _ value: Double, field: String, limit: Double, shown: @autoclosure () -> String, other: Double?
    ) throws(FieldError) {
        guard value.isFinite else {
            throw FieldError(field: field, value: shown(), reason: localized("is not a finite number", "不是有限的数字"))
        }
        guard abs(value) <= limit else {
            // Swapped columns are the most common cause of a latitude past 90 in Chinese data.
            let swapped = other.map { abs($0) <= 90 } ?? false
            let bound = limit == 90 ? "-90…90" : "-180…180"
            throw FieldError(field: field, value: shown(), reason: swapped
                ? localized("is outside \(bound); are lat and lon swapped?", "超出 \(bound)；纬度和经度是否填反了？")
                : localized("is outside \(bound)", "超出 \(bound)"))
        }
    }

    private static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.allSatisfy { $0 < 0x80 } }
    }

    /// Only digits, signs, the decimal point and an exponent: what `Double(_:)` takes beyond that
    /// (`nan`, `inf`, hexadecimal) is no coordinate.
    static func isPlainNumber(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }
    }

    private static func example(_ field: String) -> String {
        field == "lat" ? "36.6171" : "101.7782"
    }

    /// The text as it may appear in a message: no control characters, and not too long.
    private static func shown(_ text: String) -> String {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter {
            $0.properties.generalCategory != .control && $0.properties.generalCategory != .format
        }))
        return visible.count > 32 ? visible.prefix(32) + "…" : visible
    }
}

extension Coordinate {
    private enum CodingKeys: String, CodingKey {
        case latitude, longitude
    }

    /// Decodes a coordinate and validates it, so a file cannot bring a point off the Earth.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let latitude = try container.decode(Double.self, forKey: .latitude)
        let longitude = try container.decode(Double.self, forKey: .longitude)
        do {
            try self.init(latitude: latitude, longitude: longitude)
        } catch {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath, debugDescription: error.localizedDescription, underlyingError: error))
        }
    }
}
