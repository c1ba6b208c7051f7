import Foundation
import GRDB

extension GangwanDatabase {
    /// The nearest open stations matching `query`, nearest first, ties broken by id.
    ///
    /// Reads the R*Tree best-first (see ``NearestNeighbours``), so it touches only the stations
    /// around the answer however large the table is. One statement walks the index and reads the
    /// station rows; only rows that pass the filters and could still be among the answers are
    /// decoded. While a pull has left stations out of the tree (see ``finishSpatialIndex()``), the
    /// same statement reads every open station instead, unordered: slower, never wrong. Stations a
    /// push on the hub left out for a moment (see ``indexLateStations()``) are read from the
    /// table first, beside the tree.
    public func nearestStations(_ query: NearQuery) throws -> [NearbyStation] {
        guard query.limit > 0 else { return [] }
        // One SELECT sees one consistent snapshot by itself, so the query skips GRDB's read
        // transaction (BEGIN, COMMIT, query_only on and off), a third of its cost.
        return try locatorRead { db in
            let statement = try db.cachedStatement(sql: Self.nearestSQL)
            let unfiltered = query.services.isEmpty && query.kind == nil && query.openAt == nil
            let arguments = NearestNeighbours.arguments(origin: query.origin, radius: query.radius, prune: unfiltered ? query.limit : 0)
            // Columns by position, as in `Station.selectedColumns`: 0 id, 3 kind, 8 lat, 9 lon, 10
            // services, 11 hours; then whether rows come nearest first (from the tree).
            let ordered = Station.selectedColumns.count
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(arguments))
            let radius = query.radius ?? .greatestFiniteMagnitude
            var found: [Candidate] = []
            // The k-th smallest distance so far, once k candidates passed the filters.
            var bound = Double.infinity
            while let row = try rows.next() {
                let distance = GreatCircle.distance(query.origin, Coordinate(unchecked: row[8], row[9]))
                if distance - 2 * NearestNeighbours.scoreTolerance > bound, row[ordered] as Bool { break }
                if distance > radius || distance > bound { continue }
                guard ServiceSet(rawValue: row[10]).isSuperset(of: query.services) else { continue }
                if let kind = query.kind, kind.rawValue != row[3] as String { continue }
                if let openAt = query.openAt {
                    guard let text: String = row[11] else { continue }
                    guard try OpeningHours.parsedOnce(text).isOpen(at: openAt, holidays: holidays) else { continue }
                }
                let station = try Station(row: row)
                let isOpen = station.hours?.isOpen(at: query.evaluatedAt, holidays: holidays)
                found.append(Candidate(answer: NearbyStation(station: station, distance: distance, isOpen: isOpen), id: row[0]))
                if found.count >= query.limit {
                    found.sort(by: Self.nearestFirst)
                    found.removeLast(found.count - query.limit)
                    bound = found[query.limit - 1].answer.distance
                }
            }
            return found.sorted(by: Self.nearestFirst).map(\.answer)
        }
    }

    /// Runs `body` outside any transaction on one of the locator's connections (see
    /// ``LocatorConnections``), or on the database's only one.
    private func locatorRead<T>(_ body: (Database) throws -> T) throws -> T {
        if let locatorConnections { return try locatorConnections.read(body) }
        return try writer.unsafeRead(body)
    }

    /// The open stations a push has left out of the tree so far, unordered, then the tree's
    /// candidates nearest first; or, while the tree is stale, every open station, unordered. One
    /// statement, so one snapshot decides which. Made once: the query runs thousands of times a second.
    ///
    /// The two unordered parts come first, so the loop may stop early in the tree's; each is a
    /// range of `seq` whose start is `NULL` (no rows, nothing read) unless it has rows to give.
    static let nearestSQL: String = {
        let stale = "(SELECT 1 FROM meta WHERE name = '\(staleSpatialIndex)')"
        let lateFrom = "(SELECT CAST(value AS INTEGER) FROM meta WHERE name = '\(lateStations)')"
        let staleFrom = "(SELECT 0 FROM meta WHERE name = '\(staleSpatialIndex)')"
        return """
            SELECT \(stationColumns), 0 FROM station s
            WHERE s.seq >= \(lateFrom) AND s.status = 'open' AND s.removed_at IS NULL AND NOT EXISTS \(stale)
              AND NOT EXISTS (SELECT 1 FROM station_rtree_rowid WHERE rowid = s.seq)
            UNION ALL
            SELECT \(stationColumns), 0 FROM station s
            WHERE s.seq >= \(staleFrom) AND s.status = 'open' AND s.removed_at IS NULL
            UNION ALL
            SELECT \(stationColumns), 1 FROM station_rtree r JOIN station s ON s.seq = r.id
            WHERE r.id MATCH \(NearestNeighbours.functionName)(?, ?, ?, ?, ?) AND NOT EXISTS \(stale)
            """
    }()

    /// An answer with its id as stored, the tie-breaker.
    private struct Candidate {
        var answer: NearbyStation
        var id: String
    }

    private static func nearestFirst(_ a: Candidate, _ b: Candidate) -> Bool {
        a.answer.distance != b.answer.distance ? a.answer.distance < b.answer.distance : a.id < b.id
    }
}
