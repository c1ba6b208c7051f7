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
            let bySeq = try db.cachedStatement(sql: "SELECT \(Self.stationColumns) FROM station s WHERE s.seq = ?")
            return try nearestCandidates(db, query).map { candidate in
                guard let station = try Station.fetchOne(bySeq, arguments: [candidate.seq]) else {
                    throw StoreError.corrupt("station \(candidate.id) vanished during a read")
                }
                let isOpen = station.hours?.isOpen(at: query.evaluatedAt, holidays: holidays)
                return NearbyStation(station: station, distance: candidate.distance, isOpen: isOpen)
            }
        }
    }

    private struct Candidate {
        var seq: Int64
        var id: String
        var distance: Double
    }

    private func nearestCandidates(_ db: Database, _ query: NearQuery) throws -> [Candidate] {
        let statement = try db.cachedStatement(sql: """
            SELECT s.seq, s.lat, s.lon, s.services, s.kind, s.hours, s.id
            FROM station_rtree r JOIN station s ON s.seq = r.id
            WHERE r.id MATCH \(NearestNeighbours.functionName)(?, ?, ?)
            """)
        let radius = query.radius ?? .greatestFiniteMagnitude
        let rows = try Row.fetchCursor(statement, arguments: [query.origin.latitude, query.origin.longitude, radius])
        var found: [Candidate] = []
        // Stations share a few dozen hours texts: parse each once per query.
        var parsedHours: [String: OpeningHours] = [:]
        // The k-th smallest distance so far, once k candidates passed the filters.
        var bound = Double.infinity
        while let row = try rows.next() {
            let distance = GreatCircle.distance(query.origin, Coordinate(unchecked: row[1], row[2]))
            if distance - 2 * NearestNeighbours.scoreTolerance > bound { break }
            if distance > radius { continue }
            let services = ServiceSet(rawValue: row[3])
            guard services.isSuperset(of: query.services) else { continue }
            if let kind = query.kind, kind.rawValue != row[4] as String { continue }
            if let openAt = query.openAt {
                guard let text: String = row[5] else { continue }
                let hours = try parsedHours[text] ?? OpeningHours(parsing: text)
                parsedHours[text] = hours
                guard hours.isOpen(at: openAt, holidays: holidays) else { continue }
            }
            found.append(Candidate(seq: row[0], id: row[6], distance: distance))
            if found.count >= query.limit {
                found.sort(by: Self.nearestFirst)
                found.removeLast(found.count - query.limit)
                bound = found[query.limit - 1].distance
            }
        }
        return found.sorted(by: Self.nearestFirst)
    }

    private static func nearestFirst(_ a: Candidate, _ b: Candidate) -> Bool {
        a.distance != b.distance ? a.distance < b.distance : a.id < b.id
    }
}
