import Foundation

/// The coordinate system a position is given or wanted in: WGS-84, GCJ-02 or BD-09.
///
/// Chinese map apps do not show WGS-84: Amap, Tencent Maps and WeChat use GCJ-02 ("Mars
/// coordinates"), Baidu uses BD-09 on top of it. In Qinghai the GCJ-02 shift is 90–240 m and
/// BD-09 about 1 km, more than the gap between two city stations, so a position copied from
/// a map app must be converted before it is stored (always as WGS-84) and converted back before
/// it is handed to that app.
///
/// GCJ-02 follows the widely published reverse-engineered algorithm (Krasovsky ellipsoid, the
/// `transformLat`/`transformLon` polynomials). Like that algorithm, it leaves points outside a
/// rough rectangle around mainland China unchanged; the rectangle also takes in Mongolia, the
/// Korean peninsula and parts of South-East Asia, which is wrong for them but matches what
/// every other implementation, and so every other data set, does.
public enum CoordinateSystem: String, Sendable, CaseIterable, Codable {
    /// The GPS system, used by OpenStreetMap, phone location APIs and Gangwan's own storage.
    case wgs84
    /// China's obfuscated system, used by Amap (高德), Tencent Maps and WeChat.
    case gcj02
    /// Baidu Maps' system, a further shift of GCJ-02.
    case bd09

    /// Converts a position given in this system to WGS-84.
    ///
    /// The published formulas only go forward (WGS-84 → GCJ-02 → BD-09); their usual one-step
    /// inverses are off by up to about 4 m, so the inverses here iterate until the forward
    /// transform of the answer lands within about 1e-9° (0.1 mm) of the input.
    public func toWGS84(_ c: Coordinate) -> Coordinate {
        switch self {
        case .wgs84: c
        case .gcj02: Self.gcjToWGS(c)
        case .bd09: Self.onEarth(Self.gcjToWGS(Self.bdToGCJ(c)))
        }
    }

    /// Converts a WGS-84 position to this system.
    public func fromWGS84(_ c: Coordinate) -> Coordinate {
        switch self {
        case .wgs84: c
        case .gcj02: Self.wgsToGCJ(c)
        case .bd09: Self.onEarth(Self.gcjToBD(Self.wgsToGCJ(c)))
        }
    }

    /// Keeps a converted position on the Earth: BD-09's shift of a few hundred metres can carry a
    /// point at a pole past it, or one at the antimeridian across it (only far from China, where
    /// nobody uses these systems, but the result must still be a position). GCJ-02 needs no such
    /// care: it shifts only points inside its China rectangle, by at most a kilometre.
    private static func onEarth(_ c: Coordinate) -> Coordinate {
        let longitude = c.longitude > 180 ? c.longitude - 360 : c.longitude < -180 ? c.longitude + 360 : c.longitude
        return Coordinate(unchecked: min(90, max(-90, c.latitude)), longitude)
    }
}

// MARK: - GCJ-02

extension CoordinateSystem {
    /// Semi-major axis of the Krasovsky 1940 ellipsoid, which GCJ-02 is defined on.
    private static let semiMajorAxis = 6_378_245.0
    /// Its first eccentricity squared.
    private static let eccentricitySquared = 0.00669342162296594323
    /// How close, in degrees, an inverse must bring the forward transform to its input.
    private static let tolerance = 1e-9
    /// Iterations allowed to an inverse; it converges in 3–5 in practice, the cap only guards
    /// the discontinuity at the edge of the rectangle.
    private static let maximumIterations = 20

    /// Whether the standard algorithm leaves the point unshifted (outside its China rectangle).
    static func isOutsideChina(_ c: Coordinate) -> Bool {
        c.longitude < 72.004 || c.longitude > 137.8347 || c.latitude < 0.8293 || c.latitude > 55.8271
    }

    /// Shifts a WGS-84 point to GCJ-02 with the published forward formula.
    static func wgsToGCJ(_ c: Coordinate) -> Coordinate {
        if isOutsideChina(c) { return c }
        let (dLat, dLon) = gcjOffset(c)
        return Coordinate(unchecked: c.latitude + dLat, c.longitude + dLon)
    }

    /// Inverts ``wgsToGCJ(_:)`` by fixed-point iteration: the offset changes so slowly with
    /// position that each step shrinks the error by about a thousand times.
    static func gcjToWGS(_ gcj: Coordinate) -> Coordinate {
        if isOutsideChina(gcj) { return gcj }
        return invert(gcj, start: gcj, forward: wgsToGCJ)
    }

    /// The GCJ-02 shift in degrees of latitude and longitude at a WGS-84 point.
    private static func gcjOffset(_ c: Coordinate) -> (Double, Double) {
        let x = c.longitude - 105.0
        let y = c.latitude - 35.0
        let radLat = c.latitude / 180.0 * .pi
        var magic = sin(radLat)
        magic = 1 - eccentricitySquared * magic * magic
        let sqrtMagic = magic.squareRoot()
        let a = semiMajorAxis
        let dLat = (shiftLatitude(x, y) * 180.0) / ((a * (1 - eccentricitySquared)) / (magic * sqrtMagic) * .pi)
        let dLon = (shiftLongitude(x, y) * 180.0) / (a / sqrtMagic * cos(radLat) * .pi)
        return (dLat, dLon)
    }

    /// The published `transformLat` polynomial, in metres-like units before scaling.
    private static func shiftLatitude(_ x: Double, _ y: Double) -> Double {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(y * .pi) + 40.0 * sin(y / 3.0 * .pi)) * 2.0 / 3.0
        r += (160.0 * sin(y / 12.0 * .pi) + 320.0 * sin(y * .pi / 30.0)) * 2.0 / 3.0
        return r
    }

    /// The published `transformLon` polynomial.
    private static func shiftLongitude(_ x: Double, _ y: Double) -> Double {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * .pi) + 20.0 * sin(2.0 * x * .pi)) * 2.0 / 3.0
        r += (20.0 * sin(x * .pi) + 40.0 * sin(x / 3.0 * .pi)) * 2.0 / 3.0
        r += (150.0 * sin(x / 12.0 * .pi) + 300.0 * sin(x / 30.0 * .pi)) * 2.0 / 3.0
        return r
    }
}

// MARK: - BD-09

extension CoordinateSystem {
    /// Baidu's scale for the small wobble terms (π · 3000 / 180).
    private static let xPi = Double.pi * 3000.0 / 180.0

    /// Shifts a GCJ-02 point to BD-09 with Baidu's published forward formula.
    static func gcjToBD(_ c: Coordinate) -> Coordinate {
        let x = c.longitude
        let y = c.latitude
        let z = (x * x + y * y).squareRoot() + 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * xPi)
        return Coordinate(unchecked: z * sin(theta) + 0.006, z * cos(theta) + 0.0065)
    }

    /// Inverts ``gcjToBD(_:)``. The published one-step inverse is already within about 0.25 m
    /// over China, but it evaluates the wobble at the wrong point; iterating from it costs one or
    /// two more steps and makes a round trip exact.
    static func bdToGCJ(_ bd: Coordinate) -> Coordinate {
        let x = bd.longitude - 0.0065
        let y = bd.latitude - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return invert(bd, start: Coordinate(unchecked: z * sin(theta), z * cos(theta)), forward: gcjToBD)
    }
}

// MARK: - Inversion

extension CoordinateSystem {
    /// Finds `p` with `forward(p) ≈ target`, by moving the estimate by the remaining error.
    ///
    /// Converges because both transforms are the identity plus a shift that varies slowly.
    /// Returns the best estimate seen if the tolerance is not reached within the iteration cap.
    private static func invert(_ target: Coordinate, start: Coordinate, forward: (Coordinate) -> Coordinate) -> Coordinate {
        var estimate = start
        var best = start
        var bestError = Double.infinity
        for _ in 0..<maximumIterations {
            let image = forward(estimate)
            let dLat = target.latitude - image.latitude
            let dLon = target.longitude - image.longitude
            let error = max(abs(dLat), abs(dLon))
            if error < bestError {
                best = estimate
                bestError = error
            }
            if error < tolerance { break }
            estimate = Coordinate(unchecked: estimate.latitude + dLat, estimate.longitude + dLon)
        }
        return best
    }
}
