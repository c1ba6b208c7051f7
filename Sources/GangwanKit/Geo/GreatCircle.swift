import Foundation

/// Distances over the Earth's surface, treating it as a sphere.
///
/// A sphere is off by at most about 0.5 % against the WGS-84 ellipsoid, far below what matters
/// for "which station is nearest", and it keeps the locator's inner loop to a few
/// trigonometric calls.
public enum GreatCircle {
    /// The Earth's mean radius in metres (IUGG R₁), the radius that minimises the error of a sphere.
    public static let earthRadius = 6_371_008.8

    /// The great-circle distance in metres between two points, by the haversine formula.
    ///
    /// Haversine rather than the spherical law of cosines, because the cosine form loses
    /// metres to rounding for points a few metres apart, which is exactly the case of a worker
    /// standing next to a station. Near antipodes rounding takes `h` an ulp past 1; the square root
    /// happens to absorb that, and the clamp keeps `asin` from returning NaN should it not.
    /// Allocation-free and inlinable: the locator and the benchmarks call it once per candidate.
    @inlinable
    public static func distance(_ a: Coordinate, _ b: Coordinate) -> Double {
        let degrees = Double.pi / 180
        let lat1 = a.latitude * degrees
        let lat2 = b.latitude * degrees
        let sinHalfDLat = sin((lat2 - lat1) / 2)
        let sinHalfDLon = sin((b.longitude - a.longitude) * degrees / 2)
        let h = sinHalfDLat * sinHalfDLat + cos(lat1) * cos(lat2) * sinHalfDLon * sinHalfDLon
        return 2 * earthRadius * asin(min(1, h.squareRoot()))
    }
}
