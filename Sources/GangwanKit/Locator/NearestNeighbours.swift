import Foundation
import GRDB
import GRDBSQLite

/// The `knn(x, y, z, limit)` R*Tree query function: a best-first walk of the station index.
///
/// The index holds stations as points on the unit sphere (see migration `v2-station-indexes`).
/// SQLite visits R*Tree cells in increasing `rScore`, and the score of a cell is the squared
/// straight-line distance from the query point to the cell's box: never more than the squared
/// chord to anything inside it, and the chord grows with the great-circle distance. Rows therefore
/// come out nearest first, a caller can stop reading as soon as it has enough, and cells beyond
/// the radius are never opened.
enum NearestNeighbours {
    /// The SQL function name used as `WHERE id MATCH knn(x, y, z, limit)`.
    static let functionName = "knn"

    /// How far a station's order may stray from its exact distance, in metres: the R*Tree keeps
    /// float32 coordinates, off by under a metre on the Earth's surface. Callers re-rank with the
    /// exact double positions and read on until scores pass the k-th distance by this margin.
    static let scoreTolerance = 10.0

    /// The function's arguments: the query point on the unit sphere, and the largest squared
    /// chord still within `radius` metres (plus the tolerance), or infinity for no radius.
    static func arguments(origin: Coordinate, radius: Double?) -> [Double] {
        let point = unitVector(origin)
        var limit = Double.infinity
        if let radius {
            let angle = min((radius + scoreTolerance) / GreatCircle.earthRadius, Double.pi)
            let chord = 2 * sin(angle / 2)
            limit = chord * chord
        }
        return [point.x, point.y, point.z, limit]
    }

    /// The point on the unit sphere at a latitude and longitude (the same formula as the
    /// `station_point` view).
    static func unitVector(_ coordinate: Coordinate) -> (x: Double, y: Double, z: Double) {
        let lat = coordinate.latitude * .pi / 180, lon = coordinate.longitude * .pi / 180
        return (cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
    }

    static func register(on db: Database) throws {
        let code = sqlite3_rtree_query_callback(db.sqliteConnection, functionName, score, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the knn function")
        }
    }

    /// Scores one cell; captures nothing, so it converts to a C function pointer.
    private static let score: @convention(c) (UnsafeMutablePointer<sqlite3_rtree_query_info>?) -> Int32 = { info in
        guard let info, info.pointee.nParam == 4, info.pointee.nCoord == 6 else { return SQLITE_ERROR }
        let params = info.pointee.aParam!
        let distance = squaredDistance(from: params, toBox: info.pointee.aCoord!)
        info.pointee.rScore = distance
        info.pointee.eWithin = distance > params[3] ? NOT_WITHIN : PARTLY_WITHIN
        return SQLITE_OK
    }

    /// The squared straight-line distance from a point (x, y, z) to a box given as
    /// (min x, max x, min y, max y, min z, max z): 0 inside, else the gap along each axis.
    @inline(__always)
    static func squaredDistance(from point: UnsafePointer<Double>, toBox box: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        for axis in 0..<3 {
            let value = point[axis]
            let gap = max(box[2 * axis] - value, value - box[2 * axis + 1], 0)
            sum += gap * gap
        }
        return sum
    }
}
