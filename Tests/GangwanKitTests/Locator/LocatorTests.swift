import Foundation
import Testing
@testable import GangwanKit

/// The locator must give exactly the brute-force haversine ranking, with every filter.
@Suite struct LocatorTests {
    static let database = Result { try TestData.randomStations(count: 1500, seed: 42) }

    /// Haversine written out again here, independent of `GreatCircle`.
    static func referenceDistance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = 6_371_008.8
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = (lat2 - lat1) * .pi / 180, dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * atan2(sqrt(a), sqrt(1 - a))
    }

    /// Ranks every station by brute force and applies the same filters.
    static func bruteForce(_ db: GangwanDatabase, _ query: NearQuery) throws -> [String] {
        let all = try db.stations(StationFilter(status: .open))
        return all.compactMap { station -> (String, Double)? in
            let d = referenceDistance(query.origin.latitude, query.origin.longitude, station.position.latitude, station.position.longitude)
            if let radius = query.radius, d > radius { return nil }
            guard station.services.isSuperset(of: query.services) else { return nil }
            if let kind = query.kind, station.kind != kind { return nil }
            if let openAt = query.openAt, station.hours?.isOpen(at: openAt, holidays: db.holidays) != true { return nil }
            return (station.id.uuidString.lowercased(), d)
        }
        .sorted { abs($0.1 - $1.1) > 1e-6 ? $0.1 < $1.1 : $0.0 < $1.0 }
        .prefix(query.limit).map(\.0)
    }

    static func origins() -> [Coordinate] {
        var random = SeededGenerator(seed: 7)
        return (0..<25).map { _ in
            Coordinate(unchecked: 36.6 + Double.random(in: -0.8...0.8, using: &random), 101.8 + Double.random(in: -0.8...0.8, using: &random))
        } + [Coordinate(unchecked: 36.6, 101.8), Coordinate(unchecked: 39.9, 116.4)]
    }

    func check(_ make: (Coordinate) -> NearQuery) throws {
        let db = try Self.database.get()
        for origin in Self.origins() {
            let query = make(origin)
            let answer = try db.nearestStations(query).map { $0.station.id.uuidString.lowercased() }
            #expect(answer == (try Self.bruteForce(db, query)), "origin \(origin)")
        }
    }

    /// A database file is read on the locator's own connections (``LocatorConnections``): each
    /// query sees every write committed before it, and a query while another runs gets another.
    @Test func aDatabaseFileIsReadOnConnectionsThatSeeEveryEarlierWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = try GangwanDatabase.open(path: folder.appendingPathComponent("gangwan.sqlite").path)
        let connections = try #require(db.locatorConnections)
        let origin = Coordinate(unchecked: 36.6171, 101.7782)
        let far = try db.addStation(TestData.fields(name: "远站", lat: 36.70, lon: 101.80), crs: .wgs84, actor: "t")
        #expect(try db.nearestStations(NearQuery(origin: origin)).map(\.station.id) == [far.id])
        #expect(connections.idleCount == 1)

        let near = try db.addStation(TestData.fields(name: "近站", lat: 36.618, lon: 101.778), crs: .wgs84, actor: "t")
        #expect(try db.nearestStations(NearQuery(origin: origin)).map(\.station.id) == [near.id, far.id])
        _ = try db.removeStation(near.id.storedText, actor: "t")
        #expect(try db.nearestStations(NearQuery(origin: origin)).map(\.station.id) == [far.id])

        try connections.read { outer in
            try connections.read { inner in #expect(outer !== inner) }
        }
        #expect(connections.idleCount == 2)
    }

    /// The pool closes after the locator's connections, so the last to close removes the log.
    @Test func closingADatabaseFileRemovesItsWriteAheadLog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gangwan.sqlite").path
        try {
            let db = try GangwanDatabase.open(path: path)
            _ = try db.addStation(TestData.fields(), crs: .wgs84, actor: "t")
            #expect(try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6, 101.8))).count == 1)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        }()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(try GangwanDatabase.open(path: path).stations().count == 1)
    }

    @Test func nearestWithoutFiltersMatchesBruteForce() throws {
        try check { NearQuery(origin: $0, limit: 10) }
    }

    @Test func radiusKeepsOnlyStationsWithin() throws {
        try check { NearQuery(origin: $0, limit: 50, radius: 5_000) }
    }

    @Test func everyRequestedServiceMustBeOffered() throws {
        try check { NearQuery(origin: $0, limit: 7, services: [ServiceSet(.hotMeal), ServiceSet(.oxygen), ServiceSet(.wifi)]) }
    }

    @Test func kindFilterMatchesBruteForce() throws {
        try check { NearQuery(origin: $0, limit: 5, kind: .loveStation) }
    }

    @Test func openAtKeepsOnlyStationsOpenThen() throws {
        let sundayNight = ShanghaiTime.instant(from: "2026-11-22T23:30:00+08:00")!
        try check { NearQuery(origin: $0, limit: 8, openAt: sundayNight) }
    }

    @Test func allFiltersTogetherMatchBruteForce() throws {
        let weekday = ShanghaiTime.instant(from: "2026-11-24T10:00:00+08:00")!
        try check {
            NearQuery(origin: $0, limit: 3, radius: 30_000, services: ServiceSet(.water), kind: .harbor, openAt: weekday)
        }
    }

    @Test func closedSuspendedAndRemovedStationsAreNeverReturned() throws {
        let db = try Self.database.get()
        let answer = try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6, 101.8), limit: 2000))
        #expect(answer.count == (try db.stations(StationFilter(status: .open))).count)
        #expect(answer.allSatisfy { $0.station.status == .open && $0.station.removedAt == nil })
    }

    @Test func tiesAreBrokenByID() throws {
        let db = try Self.database.get()
        let answer = try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6, 101.8), limit: 40))
        let tied = answer.filter { $0.distance < 0.001 }
        #expect(tied.count > 5)
        #expect(tied.map { $0.station.id.uuidString.lowercased() } == tied.map { $0.station.id.uuidString.lowercased() }.sorted())
    }

    @Test func openFlagIsNilWhenHoursAreUnknown() throws {
        let db = try GangwanDatabase.inMemory()
        _ = try db.addStation(TestData.fields(hours: nil), crs: .wgs84, actor: "t", now: TestData.now)
        let answer = try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6, 101.7), now: TestData.now))
        #expect(answer.count == 1)
        #expect(answer.first?.isOpen == nil)
    }

    @Test func farAwayStationsAreFoundWithoutRadius() throws {
        let db = try GangwanDatabase.inMemory()
        // 玉树 is about 600 km from 西宁: without a radius it is still the nearest.
        _ = try db.addStation(TestData.fields(name: "玉树市爱心驿站", lat: 33.0, lon: 97.0, region: "632701"), crs: .wgs84, actor: "t", now: TestData.now)
        let answer = try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6171, 101.7782)))
        #expect(answer.map(\.station.name) == ["玉树市爱心驿站"])
        #expect(try db.nearestStations(NearQuery(origin: Coordinate(unchecked: 36.6171, 101.7782), radius: 100_000)).isEmpty)
    }

    @Test func boxScoreNeverExceedsTheDistanceToAnyStationInTheBox() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            let origin = Coordinate(unchecked: Double.random(in: -80...80, using: &random), Double.random(in: -180...180, using: &random))
            let minLat = Double.random(in: -80...79, using: &random), minLon = Double.random(in: -180...179, using: &random)
            let points = (0..<8).map { _ in
                Coordinate(unchecked: minLat + Double.random(in: 0...1, using: &random), minLon + Double.random(in: 0...1, using: &random))
            }
            let vectors = points.map(NearestNeighbours.unitVector)
            let box = [
                vectors.map(\.x).min()!, vectors.map(\.x).max()!, vectors.map(\.y).min()!, vectors.map(\.y).max()!,
                vectors.map(\.z).min()!, vectors.map(\.z).max()!,
            ]
            let query = NearestNeighbours.arguments(origin: origin, radius: nil, prune: 0)
            let score = NearestNeighbours.squaredDistance(from: query, toBox: box)
            for point in points {
                // The chord that the score bounds, as a great-circle distance.
                let distance = 2 * GreatCircle.earthRadius * asin(min(1, score.squareRoot() / 2))
                #expect(distance <= Self.referenceDistance(origin.latitude, origin.longitude, point.latitude, point.longitude) + 1e-6)
            }
        }
    }
}
