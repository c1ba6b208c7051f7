import Foundation
import GRDB
import GRDBSQLite

/// The `knn(x, y, z, limit, prune)` R*Tree query function: a best-first walk of the station index.
///
/// The index holds stations as points on the unit sphere (see migration `v2-station-indexes`).
/// SQLite visits R*Tree cells in increasing `rScore`, and the score of a cell is the squared
/// straight-line distance from the query point to the cell's box: never more than the squared
/// chord to anything inside it, and the chord grows with the great-circle distance. Rows therefore
/// come out nearest first, a caller can stop reading as soon as it has enough, and cells beyond
/// the radius are never opened.
enum NearestNeighbours {
    /// The SQL function name used as `WHERE id MATCH knn(x, y, z, limit, prune)`.
    static let functionName = "knn"

    /// How far a station's order may stray from its exact distance, in metres: the R*Tree keeps
    /// float32 coordinates, off by under a metre on the Earth's surface. Callers re-rank with the
    /// exact double positions and read on until scores pass the k-th distance by this margin.
    static let scoreTolerance = 10.0

    /// The function's arguments: the query point on the unit sphere, the largest squared chord still
    /// within `radius` metres (plus the tolerance), or infinity for no radius, and `prune`: the number
    /// of answers wanted when every station counts as one (no filters), else 0.
    ///
    /// With `prune` = k the callback remembers the k smallest station scores it has seen and drops
    /// any cell that lies beyond the k-th by more than the tolerance: k stations are already nearer
    /// than anything inside, so SQLite need not queue it.
    static func arguments(origin: Coordinate, radius: Double?, prune: Int) -> [Double] {
        let point = unitVector(origin)
        var limit = Double.infinity
        if let radius {
            let angle = min((radius + scoreTolerance) / GreatCircle.earthRadius, Double.pi)
            let chord = 2 * sin(angle / 2)
            limit = chord * chord
        }
        return [point.x, point.y, point.z, limit, Double(prune <= maximumPruned ? prune : 0)]
    }

    /// The largest k the callback keeps scores for.
    private static let maximumPruned = 64

    /// How much farther than the k-th station score, as a chord, a cell must be to be dropped: twice
    /// the tolerance, which covers the float rounding of boxes and keeps equally distant stations.
    private static let pruneMargin = 2 * scoreTolerance / GreatCircle.earthRadius

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
        guard let info, info.pointee.nParam == 5, info.pointee.nCoord == 6 else { return SQLITE_ERROR }
        let params = info.pointee.aParam!
        let distance = squaredDistance(from: params, toBox: info.pointee.aCoord!)
        info.pointee.rScore = distance
        var within = distance <= params[3]
        let prune = Int(params[4])
        if within && prune > 0 {
            // Per query: the count, then the smallest station scores in increasing order.
            if info.pointee.pUser == nil {
                let nearest = UnsafeMutablePointer<Double>.allocate(capacity: prune + 1)
                nearest[0] = 0
                info.pointee.pUser = UnsafeMutableRawPointer(nearest)
                info.pointee.xDelUser = { $0?.deallocate() }
            }
            let nearest = info.pointee.pUser!.assumingMemoryBound(to: Double.self)
            let count = Int(nearest[0])
            if count == prune && distance.squareRoot() > nearest[prune].squareRoot() + pruneMargin {
                within = false
            } else if info.pointee.iLevel == 0 {
                keep(distance, in: nearest, capacity: prune)
            }
        }
        info.pointee.eWithin = within ? PARTLY_WITHIN : NOT_WITHIN
        return SQLITE_OK
    }

    /// Inserts a station score into the sorted list of the `capacity` smallest (count in `nearest[0]`).
    private static func keep(_ score: Double, in nearest: UnsafeMutablePointer<Double>, capacity: Int) {
        var count = Int(nearest[0])
        if count == capacity {
            guard score < nearest[count] else { return }
            count -= 1
        }
        var index = count + 1
        while index > 1 && nearest[index - 1] > score {
            nearest[index] = nearest[index - 1]
            index -= 1
        }
        nearest[index] = score
        nearest[0] = Double(count + 1)
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
