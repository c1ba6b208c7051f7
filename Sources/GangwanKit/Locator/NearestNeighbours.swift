import Foundation
import GRDB
import GRDBSQLite

/// The `knn(lat, lon, radius)` R*Tree query function: a best-first walk of the station index.
///
/// SQLite visits R*Tree cells in increasing `rScore`. For an index node the score is a lower bound
/// of the great-circle distance from the query point to anything inside the node; for a station it
/// is the distance to its (float32-rounded) position. Rows therefore come out nearest first, and a
/// caller can stop reading as soon as it has enough; nodes beyond the radius are never opened.
enum NearestNeighbours {
    /// The SQL function name used as `WHERE id MATCH knn(lat, lon, radius_m)`.
    static let functionName = "knn"

    /// How far a station's score may be from its exact distance: the R*Tree keeps float32
    /// coordinates, whose rounding at longitude 180° is under 2 m. Callers re-rank with the
    /// exact double positions and read on until scores pass the k-th distance by this margin.
    static let scoreTolerance = 10.0

    static func register(on db: Database) throws {
        let code = sqlite3_rtree_query_callback(db.sqliteConnection, functionName, score, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the knn function")
        }
    }

    /// Scores one cell; captures nothing, so it converts to a C function pointer.
    private static let score: @convention(c) (UnsafeMutablePointer<sqlite3_rtree_query_info>?) -> Int32 = { info in
        guard let info, info.pointee.nParam == 3, info.pointee.nCoord == 4 else { return SQLITE_ERROR }
        let params = info.pointee.aParam!
        let box = info.pointee.aCoord!
        let lat = params[0], lon = params[1], radius = params[2]
        let distance: Double
        if info.pointee.iLevel == 0 {
            let centre = Coordinate(unchecked: (box[0] + box[1]) / 2, (box[2] + box[3]) / 2)
            distance = GreatCircle.distance(Coordinate(unchecked: lat, lon), centre)
        } else {
            distance = lowerBound(lat: lat, lon: lon, minLat: box[0], maxLat: box[1], minLon: box[2], maxLon: box[3])
        }
        info.pointee.rScore = distance
        info.pointee.eWithin = distance > radius + scoreTolerance ? NOT_WITHIN : PARTLY_WITHIN
        return SQLITE_OK
    }

    /// A lower bound, in metres, of the great-circle distance from a point to any point of a
    /// latitude/longitude box: the larger of the gap in latitude (a meridian arc) and the
    /// cross-track distance to the nearest edge meridian (no point of that meridian is closer).
    static func lowerBound(lat: Double, lon: Double, minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) -> Double {
        let radiansPerDegree = Double.pi / 180
        let latGap = max(minLat - lat, lat - maxLat, 0) * radiansPerDegree
        if lon >= minLon && lon <= maxLon {
            return latGap * GreatCircle.earthRadius
        }
        let lonGap = min(angularGap(lon, minLon), angularGap(lon, maxLon))
        guard lonGap < 90 else { return latGap * GreatCircle.earthRadius }
        let crossTrack = asin(min(1, cos(lat * radiansPerDegree) * sin(lonGap * radiansPerDegree)))
        return max(latGap, crossTrack) * GreatCircle.earthRadius
    }

    /// The smaller angle between two longitudes, in degrees (0…180).
    private static func angularGap(_ a: Double, _ b: Double) -> Double {
        let gap = abs(a - b).truncatingRemainder(dividingBy: 360)
        return gap > 180 ? 360 - gap : gap
    }
}
