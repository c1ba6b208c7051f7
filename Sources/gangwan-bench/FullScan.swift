import Foundation
import GangwanKit
import GRDB

/// The baseline the R*Tree must beat: read every open station and rank by haversine.
enum FullScan {
    static func nearest(_ database: DatabaseQueue, origin: Coordinate, limit: Int) throws -> [(String, Double)] {
        try database.read { db in
            var best: [(String, Double)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, lat, lon FROM station WHERE status = 'open' AND removed_at IS NULL")
            while let row = try rows.next() {
                let distance = GreatCircle.distance(origin, Coordinate(unchecked: row[1], row[2]))
                if best.count < limit || distance < best[best.count - 1].1 {
                    best.append((row[0], distance))
                    best.sort { $0.1 < $1.1 }
                    if best.count > limit { best.removeLast() }
                }
            }
            return best
        }
    }
}
