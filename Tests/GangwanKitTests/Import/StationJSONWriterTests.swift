import Foundation
import Testing
@testable import GangwanKit

/// ``StationJSONWriter`` must write exactly the bytes the hub's `JSONEncoder` wrote before it:
/// every test compares the two outputs byte for byte.
@Suite struct StationJSONWriterTests {
    @Test func randomStationsAreWrittenExactlyAsJSONEncoderWritesThem() throws {
        var random = SeededGenerator(seed: 2_026_1202)
        var seenOpen: Set<Bool?> = []
        var seenCRS: Set<String> = []
        var seenPlain = false
        for _ in 0..<400 {
            let stations = try (0..<Int.random(in: 0...12, using: &random)).map { _ in try Self.randomStationJSON(using: &random) }
            for station in stations {
                if station.distanceM == nil { seenPlain = true } else { seenOpen.insert(station.open ?? nil) }
                seenCRS.insert(station.crs)
            }
            let written = try StationJSONWriter.encode(stations)
            let expected = try Self.encoded(stations)
            #expect(written == expected, "\(Self.firstDifference(written, expected))")
        }
        // The sample must reach what the writer claims to handle, or the comparison proves little.
        #expect(seenOpen == [true, false, nil] && seenPlain)
        #expect(seenCRS == Set(CoordinateSystem.allCases.map(\.rawValue)))
    }

    @Test func everyControlCharacterQuoteBackslashAndSlashIsWrittenAsJSONEncoderWritesIt() throws {
        let awkward = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
            + "\u{80}\u{A0}\u{2028}\u{2029}\u{FEFF}é e\u{301} 😀 👩‍👩‍👧 🇨🇳 𠀀 港湾 </script> \\u0041"
        var station = Self.station(name: awkward)
        station.address = awkward
        station.statusReason = awkward
        let stations = CoordinateSystem.allCases.map { StationJSON(station, crs: $0, regions: .bundled) }
        let written = try StationJSONWriter.encode(stations)
        let expected = try Self.encoded(stations)
        #expect(written == expected, "\(Self.firstDifference(written, expected))")
        // The documented rules, spelled out: a change to them must be deliberate.
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains(#"\u0000\u0001"#) && text.contains(#"\b\t\n\u000b\f\r"#) && text.contains(##"\u001f !\""##))
        #expect(text.contains("</script>") && text.contains(#"\\u0041"#) && text.contains("😀"))
    }

    @Test func extremeAndWholeNumbersAreWrittenAsJSONEncoderWritesThem() throws {
        let positions = [
            (90.0, 180.0), (-90.0, -180.0), (0.0, 0.0), (-0.0, -0.0), (1e-05, 5e-324), (-1e-300, 2.5e-7),
            (89.99999999999999, 179.99999999999997), (36.6171, 101.7782), (36.0, 101.0), (39.9042, 116.4074),
        ]
        let distances = [0.0, -0.0, 0.1 + 0.2, 1e-7, 120.0, 1234.5678, 1e15, 1e16, 1.2345678901234568e17, 2.2250738585072014e-308]
        let seats = [Int.min, Int.max, 0, -1]
        var stations: [StationJSON] = []
        for (index, ((latitude, longitude), distance)) in zip(positions, distances).enumerated() {
            var station = Self.station(name: "港湾")
            station.position = Coordinate(unchecked: latitude, longitude)
            station.seats = seats[index % seats.count]
            for crs in CoordinateSystem.allCases {
                stations.append(StationJSON(NearbyStation(station: station, distance: distance, isOpen: nil), crs: crs, regions: .bundled))
            }
        }
        let written = try StationJSONWriter.encode(stations)
        let expected = try Self.encoded(stations)
        #expect(written == expected, "\(Self.firstDifference(written, expected))")
    }

    @Test func anEmptyListIsAnEmptyArray() throws {
        #expect(try StationJSONWriter.encode([]) == Self.encoded([]))
    }

    @Test(arguments: [Coordinate(unchecked: .nan, 101), Coordinate(unchecked: 36, .infinity), Coordinate(unchecked: 36, -.infinity)])
    func aPositionThatIsNotAFiniteNumberThrowsAsJSONEncoderDoes(position: Coordinate) {
        var station = Self.station(name: "港湾")
        station.position = position
        let stations = [StationJSON(station, crs: .wgs84, regions: .bundled)]
        #expect(throws: EncodingError.self) { try Self.encoded(stations) }
        #expect(throws: EncodingError.self) { try StationJSONWriter.encode(stations) }
    }

    // MARK: - Helpers

    /// The hub's `JSONResponse` encoder, which wrote the locator's answers before the writer.
    private static func encoded(_ stations: [StationJSON]) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(stations))
    }

    /// Where two outputs part, with some context, so a failure shows the field at fault.
    private static func firstDifference(_ written: [UInt8], _ expected: [UInt8]) -> String {
        let common = min(written.count, expected.count)
        let index = (0..<common).first { written[$0] != expected[$0] } ?? common
        let from = max(0, index - 60)
        func excerpt(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[min(from, bytes.count)..<min(index + 40, bytes.count)], as: UTF8.self)
        }
        return "first difference at byte \(index): writer …\(excerpt(written))… JSONEncoder …\(excerpt(expected))…"
    }

    private static func station(name: String) -> Station {
        Station(
            name: name, kind: .harbor, region: "630103", position: Coordinate(unchecked: 36.6171, 101.7782),
            createdAt: Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date(timeIntervalSince1970: 1_767_225_600),
            actor: "测试")
    }

    /// Pieces of text that stress escaping and UTF-8: quotes, backslashes, slashes, control
    /// characters, DEL, line and paragraph separators, combining marks, emoji, CJK beyond the BMP.
    private static let pieces = [
        "港湾", "西宁市城中区南大街", "劳动者港湾", "a", "Z", "0", " ", "\"", "\\", "/", "//", "</script>", "\\u0041",
        "\u{0}", "\u{1}", "\u{7}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\r\n", "\u{1B}", "\u{1F}", "\u{7F}",
        "\u{80}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{2029}", "\u{FEFF}", "é", "e\u{301}", "😀", "👩‍👩‍👧", "🇨🇳", "𠀀",
        "€", "'", "&<>", "%20", "{}[]:,", "null", "1e-05", "",
    ]

    private static func randomText(using random: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in
            if Int.random(in: 0..<8, using: &random) == 0 {
                // Any scalar below U+0080, control characters included.
                return String(Unicode.Scalar(UInt8.random(in: 0..<0x80, using: &random)))
            }
            return pieces.randomElement(using: &random)!
        }.joined()
    }

    private static func randomOptionalText(using random: inout SeededGenerator) -> String? {
        Bool.random(using: &random) ? nil : randomText(using: &random)
    }

    private static func randomDate(using random: inout SeededGenerator) -> Date {
        Date(timeIntervalSince1970: Double.random(in: 0...4_102_444_800, using: &random).rounded())
    }

    /// A random position: anywhere on the Earth, inside China (where GCJ-02 and BD-09 shift it), or at an edge.
    private static func randomPosition(using random: inout SeededGenerator) -> Coordinate {
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            Coordinate(unchecked: Double.random(in: -90...90, using: &random), Double.random(in: -180...180, using: &random))
        case 1:
            Coordinate(unchecked: Double.random(in: 18...54, using: &random), Double.random(in: 73...135, using: &random))
        default:
            [
                Coordinate(unchecked: 90, 180), Coordinate(unchecked: -90, -180), Coordinate(unchecked: 0, 0),
                Coordinate(unchecked: -0.0, -0.0), Coordinate(unchecked: 1e-05, -1e-05), Coordinate(unchecked: 36, 101),
                Coordinate(unchecked: 5e-324, 179.99999999999997),
            ].randomElement(using: &random)!
        }
    }

    private static func randomStationJSON(using random: inout SeededGenerator) throws -> StationJSON {
        let regions = RegionTable.bundled
        let hours: [String?] = [nil, "Mo-Fr 08:00-18:00", "Mo 08:00-24:00", "mo-fr 08:00-18:00 ; ph closed"]
        let seats: [Int?] = [nil, 0, 1, 12, -1, Int.max, Int.min]
        let idBits = (random.next(), random.next())
        let station = Station(
            id: withUnsafeBytes(of: idBits) { UUID(uuid: $0.load(as: uuid_t.self)) },
            code: randomOptionalText(using: &random),
            name: randomText(using: &random),
            kind: StationKind.allCases.randomElement(using: &random)!,
            status: StationStatus.allCases.randomElement(using: &random)!,
            statusReason: randomOptionalText(using: &random),
            region: Bool.random(using: &random) ? regions.regions.randomElement(using: &random)!.code : "999999",
            address: randomText(using: &random),
            position: randomPosition(using: &random),
            services: ServiceSet(rawValue: Int64.random(in: 0..<(1 << Service.allCases.count), using: &random)),
            hours: try hours.randomElement(using: &random)!.map { try OpeningHours(parsing: $0) },
            host: randomOptionalText(using: &random),
            phone: randomOptionalText(using: &random),
            seats: seats.randomElement(using: &random)!,
            verifiedOn: Bool.random(using: &random) ? nil : "2026-0\(Int.random(in: 1...9, using: &random))-15",
            createdAt: randomDate(using: &random),
            updatedAt: randomDate(using: &random),
            actor: randomText(using: &random),
            removedAt: Bool.random(using: &random) ? nil : randomDate(using: &random))
        let crs = CoordinateSystem.allCases.randomElement(using: &random)!
        if Int.random(in: 0..<4, using: &random) == 0 {
            return StationJSON(station, crs: crs, regions: regions)
        }
        let distance = Bool.random(using: &random)
            ? Double.random(in: 0...20_000_000, using: &random)
            : [0, 1e-7, 0.1 + 0.2, 75, 250, 1_000, 12_345.678].randomElement(using: &random)!
        let isOpen = [true, false, nil].randomElement(using: &random)!
        return StationJSON(NearbyStation(station: station, distance: distance, isOpen: isOpen), crs: crs, regions: regions)
    }
}
