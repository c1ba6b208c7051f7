import Foundation
import Testing
@testable import GangwanKit

@Suite struct CoordinateTests {
    func parseError(lat: String, lon: String) -> FieldError? {
        do {
            _ = try Coordinate.parse(lat: lat, lon: lon)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesDecimalDegreesWithSurroundingSpaces() throws {
        let c = try Coordinate.parse(lat: " 36.6171", lon: "101.7782 ")
        #expect(c == Coordinate(unchecked: 36.6171, 101.7782))
    }

    @Test func acceptsTheLimitsThemselves() throws {
        #expect(try Coordinate.parse(lat: "-90", lon: "180") == Coordinate(unchecked: -90, 180))
        #expect(try Coordinate(latitude: 90, longitude: -180) == Coordinate(unchecked: 90, -180))
    }

    @Test func latitudeAbove90NamesLat() {
        let error = parseError(lat: "91", lon: "101.7782")
        #expect(error?.field == "lat")
        #expect(error?.value == "91")
    }

    @Test func longitudeBelowMinus180NamesLon() {
        let error = parseError(lat: "36.6", lon: "-181")
        #expect(error?.field == "lon")
        #expect(error?.value == "-181")
    }

    @Test func nanIsRefused() {
        let error = parseError(lat: "NaN", lon: "101.7782")
        #expect(error?.field == "lat")
        #expect(error?.value == "NaN")
        #expect(parseError(lat: "36.6", lon: "nan")?.field == "lon")
    }

    @Test func infinityIsRefused() {
        #expect(parseError(lat: "inf", lon: "101.7782")?.field == "lat")
        #expect(parseError(lat: "36.6", lon: "-infinity")?.field == "lon")
    }

    @Test func textIsRefused() {
        let error = parseError(lat: "36.6", lon: "abc")
        #expect(error?.field == "lon")
        #expect(error?.value == "abc")
    }

    @Test func hexadecimalIsRefused() {
        // Double("0x1A") would read 26.
        #expect(parseError(lat: "0x1A", lon: "101.7782")?.field == "lat")
    }

    @Test func emptyTextNamesTheField() {
        let error = parseError(lat: "", lon: "101.7782")
        #expect(error?.field == "lat")
        #expect(error?.value == "")
        #expect(parseError(lat: "36.6", lon: "   ")?.field == "lon")
    }

    @Test func exponentFormAsSwiftPrintsItReadsBack() throws {
        let c = try Coordinate.parse(lat: "\(0.00001)", lon: "1e-05")
        #expect(c == Coordinate(unchecked: 0.00001, 0.00001))
    }

    @Test func fullWidthDigitsFromAChineseKeyboardAreRead() throws {
        #expect(try Coordinate.parse(lat: "３６．６１７１", lon: "１０１．７７８２") == Coordinate(unchecked: 36.6171, 101.7782))
    }

    @Test func swappedLatitudeAndLongitudeGetAHint() {
        let swapped = parseError(lat: "101.7782", lon: "36.6171")
        let plain = parseError(lat: "101.7782", lon: "136.6")
        #expect(swapped?.field == "lat")
        #expect(swapped?.reason != plain?.reason)
    }

    @Test func controlCharactersAreRemovedFromTheShownValue() {
        let error = parseError(lat: "3\u{1B}[2J6", lon: "101.7782")
        #expect(error?.value == "3[2J6")
    }

    @Test func validatingInitRefusesNonFiniteAndOutOfRange() {
        #expect(throws: FieldError.self) { try Coordinate(latitude: .nan, longitude: 0) }
        #expect(throws: FieldError.self) { try Coordinate(latitude: 0, longitude: .infinity) }
        #expect(throws: FieldError.self) { try Coordinate(latitude: 90.000001, longitude: 0) }
        #expect(throws: FieldError.self) { try Coordinate(latitude: 0, longitude: 180.000001) }
    }

    @Test func notANumberIsNotReportedAsOutOfRange() {
        var nan: FieldError?
        var far: FieldError?
        do { _ = try Coordinate(latitude: .nan, longitude: 0) } catch { nan = error }
        do { _ = try Coordinate(latitude: 1000, longitude: 0) } catch { far = error }
        #expect(nan?.field == "lat")
        #expect(nan?.reason != far?.reason)
    }

    @Test func jsonRoundTripKeepsTheValue() throws {
        let c = Coordinate(unchecked: 36.6171, 101.7782)
        let decoded = try JSONDecoder().decode(Coordinate.self, from: JSONEncoder().encode(c))
        #expect(decoded == c)
    }

    @Test func decodingRefusesAPointOffTheEarth() {
        let json = Data(#"{"latitude": 91, "longitude": 101.7782}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: json) }
    }
}
