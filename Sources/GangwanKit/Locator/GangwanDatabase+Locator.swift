import Foundation
import GRDB

extension GangwanDatabase {
    /// The nearest open stations matching `query`, nearest first, ties broken by id.
    ///
    /// Reads the R*Tree best-first (see ``NearestNeighbours``), so it touches only the stations
    /// around the answer however large the table is.
    public func nearestStations(_ query: NearQuery) throws -> [NearbyStation] {
        guard query.limit > 0 else { return [] }
        return try writer.read { db in
            let candidates = try nearestCandidates(db, query)
            let stations = try Station
                .filter(candidates.map { $0.id.uuidString.lowercased() }.contains(Station.Columns.id))
                .fetchAll(db)
            let byID = Dictionary(uniqueKeysWithValues: stations.map { ($0.id, $0) })
            return candidates.compactMap { candidate in
                byID[candidate.id].map {
                    NearbyStation(station: $0, distance: candidate.distance, isOpen: candidate.isOpen)
                }
            }
        }
    }

    private struct Candidate {
        var id: UUID
        var distance: Double
        var isOpen: Bool?
    }

    private func nearestCandidates(_ db: Database, _ query: NearQuery) throws -> [Candidate] {
        let statement = try db.cachedStatement(sql: """
            SELECT s.id, s.lat, s.lon, s.services, s.kind, s.hours
            FROM station_rtree r JOIN station s ON s.seq = r.id
            WHERE r.id MATCH \(NearestNeighbours.functionName)(?, ?, ?)
            """)
        let radius = query.radius ?? .greatestFiniteMagnitude
        let rows = try Row.fetchCursor(statement, arguments: [query.origin.latitude, query.origin.longitude, radius])
        var found: [Candidate] = []
        // The k-th smallest distance so far, once k candidates passed the filters.
        var bound = Double.infinity
        while let row = try rows.next() {
            let distance = GreatCircle.distance(query.origin, Coordinate(unchecked: row[1], row[2]))
            if distance - 2 * NearestNeighbours.scoreTolerance > bound { break }
            if distance > radius { continue }
            let services = ServiceSet(rawValue: row[3])
            guard services.isSuperset(of: query.services) else { continue }
            if let kind = query.kind, kind.rawValue != row[4] as String { continue }
            let hoursText: String? = row[5]
            let hours = try hoursText.map { try OpeningHours(parsing: $0) }
            let isOpen = hours?.isOpen(at: query.evaluatedAt, holidays: holidays)
            if query.openAt != nil && isOpen != true { continue }
            guard let id = UUID(uuidString: row[0]) else { throw StoreError.corrupt("station id \(row[0] as String)") }
            found.append(Candidate(id: id, distance: distance, isOpen: isOpen))
            if found.count >= query.limit {
                found.sort(by: Self.nearestFirst)
                found.removeLast(found.count - query.limit)
                bound = found[query.limit - 1].distance
            }
        }
        return found.sorted(by: Self.nearestFirst)
    }

    private static func nearestFirst(_ a: Candidate, _ b: Candidate) -> Bool {
        a.distance != b.distance ? a.distance < b.distance : a.id.uuidString.lowercased() < b.id.uuidString.lowercased()
    }
}
