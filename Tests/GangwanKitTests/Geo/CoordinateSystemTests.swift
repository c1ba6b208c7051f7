import Testing
@testable import GangwanKit

@Suite struct CoordinateSystemTests {
    /// Expected values come from a separate Python implementation of the published algorithms,
    /// except the eviltransform fixtures, which are that project's own published test vectors.
    static let gcjReference: [(name: String, wgs: Coordinate, gcj: Coordinate)] = [
        ("Xining", Coordinate(unchecked: 36.6171, 101.7782), Coordinate(unchecked: 36.61701833896173, 101.78013246635895)),
        ("Golmud", Coordinate(unchecked: 36.4072, 94.9283), Coordinate(unchecked: 36.40673481593657, 94.92921083595411)),
        ("Yushu", Coordinate(unchecked: 33.0062, 97.0065), Coordinate(unchecked: 33.00406159571795, 97.00693148582327)),
        ("Beijing", Coordinate(unchecked: 39.9042, 116.4074), Coordinate(unchecked: 39.90560334316507, 116.41364225378803)),
        ("Shanghai (eviltransform)", Coordinate(unchecked: 31.1774276, 121.5272106), Coordinate(unchecked: 31.17530398364597, 121.531541859215)),
        ("Shenzhen (eviltransform)", Coordinate(unchecked: 22.543847, 113.912316), Coordinate(unchecked: 22.540796131694766, 113.9171764808363)),
        ("Beijing (eviltransform)", Coordinate(unchecked: 39.911954, 116.377817), Coordinate(unchecked: 39.91334545536069, 116.38404722455657)),
    ]

    static let bdReference: [(name: String, wgs: Coordinate, bd: Coordinate)] = [
        ("Xining", Coordinate(unchecked: 36.6171, 101.7782), Coordinate(unchecked: 36.623174437147654, 101.78659283846187)),
        ("Golmud", Coordinate(unchecked: 36.4072, 94.9283), Coordinate(unchecked: 36.41299170458693, 94.93562602515672)),
        ("Yushu", Coordinate(unchecked: 33.0062, 97.0065), Coordinate(unchecked: 33.00983744810391, 97.01351220480164)),
        ("Beijing", Coordinate(unchecked: 39.9042, 116.4074), Coordinate(unchecked: 39.91186533561899, 116.42004633029816)),
    ]

    /// Every 0.4° over Qinghai and every 1.5° over mainland China's span.
    static let grid: [Coordinate] = {
        var points: [Coordinate] = []
        for lat in stride(from: 31.6, through: 39.2, by: 0.4) {
            for lon in stride(from: 89.4, through: 103.1, by: 0.4) { points.append(Coordinate(unchecked: lat, lon)) }
        }
        for lat in stride(from: 18.0, through: 53.5, by: 1.5) {
            for lon in stride(from: 73.5, through: 135.0, by: 1.5) { points.append(Coordinate(unchecked: lat, lon)) }
        }
        return points
    }()

    func expectClose(_ actual: Coordinate, _ expected: Coordinate, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(actual.latitude - expected.latitude) < 1e-9, "\(label) latitude \(actual.latitude)", sourceLocation: sourceLocation)
        #expect(abs(actual.longitude - expected.longitude) < 1e-9, "\(label) longitude \(actual.longitude)", sourceLocation: sourceLocation)
    }

    @Test func wgs84ToGCJ02MatchesTheReference() {
        for (name, wgs, gcj) in Self.gcjReference {
            expectClose(CoordinateSystem.gcj02.fromWGS84(wgs), gcj, name)
        }
    }

    @Test func wgs84ToBD09MatchesTheReference() {
        for (name, wgs, bd) in Self.bdReference {
            expectClose(CoordinateSystem.bd09.fromWGS84(wgs), bd, name)
        }
    }

    @Test func gcj02ToWGS84RecoversTheReferencePointsWithinAMillimetre() {
        for (name, wgs, gcj) in Self.gcjReference {
            let back = CoordinateSystem.gcj02.toWGS84(gcj)
            #expect(GreatCircle.distance(back, wgs) < 0.001, "\(name)")
        }
    }

    @Test func bd09ToWGS84RecoversTheReferencePointsWithinAMillimetre() {
        for (name, wgs, bd) in Self.bdReference {
            let back = CoordinateSystem.bd09.toWGS84(bd)
            #expect(GreatCircle.distance(back, wgs) < 0.001, "\(name)")
        }
    }

    @Test func pointsOutsideChinaAreNotShiftedByGCJ02() {
        for point in [Coordinate(unchecked: 48.8566, 2.3522), Coordinate(unchecked: 35.6762, 139.6503), Coordinate(unchecked: -33.8688, 151.2093)] {
            #expect(CoordinateSystem.gcj02.fromWGS84(point) == point)
            #expect(CoordinateSystem.gcj02.toWGS84(point) == point)
        }
    }

    @Test func gcj02ShiftInQinghaiIsLargerThanTheGapBetweenStations() {
        // The reason conversion matters at all: 90–240 m across the province.
        let shift = GreatCircle.distance(Self.gcjReference[0].wgs, CoordinateSystem.gcj02.fromWGS84(Self.gcjReference[0].wgs))
        #expect(shift > 150 && shift < 200)
    }

    @Test func wgsToGCJAndBackIsWithinHalfAMetreOverTheGrid() {
        var worst = 0.0
        for point in Self.grid {
            worst = max(worst, GreatCircle.distance(CoordinateSystem.gcj02.toWGS84(CoordinateSystem.gcj02.fromWGS84(point)), point))
        }
        #expect(worst < 0.5, "worst \(worst) m")
    }

    @Test func wgsToBDAndBackIsWithinHalfAMetreOverTheGrid() {
        var worst = 0.0
        for point in Self.grid {
            worst = max(worst, GreatCircle.distance(CoordinateSystem.bd09.toWGS84(CoordinateSystem.bd09.fromWGS84(point)), point))
        }
        #expect(worst < 0.5, "worst \(worst) m")
    }

    @Test func inverseIsExactWhereTheOneStepInverseIsMetresOff() {
        // The one-step inverse (subtract the offset computed at the GCJ point) is about 4 m out
        // in north-east China; the iterated one must not be.
        let wgs = Coordinate(unchecked: 53.0, 123.0)
        let gcj = CoordinateSystem.gcj02.fromWGS84(wgs)
        let shift = CoordinateSystem.gcj02.fromWGS84(gcj)
        let oneStep = Coordinate(unchecked: 2 * gcj.latitude - shift.latitude, 2 * gcj.longitude - shift.longitude)
        #expect(GreatCircle.distance(oneStep, wgs) > 1)
        #expect(GreatCircle.distance(CoordinateSystem.gcj02.toWGS84(gcj), wgs) < 0.001)
    }

    @Test func wgs84IsTheIdentity() {
        let point = Coordinate(unchecked: 36.6171, 101.7782)
        #expect(CoordinateSystem.wgs84.fromWGS84(point) == point)
        #expect(CoordinateSystem.wgs84.toWGS84(point) == point)
    }

    @Test func rawValuesAreTheNamesUsersType() {
        #expect(CoordinateSystem.allCases.map(\.rawValue) == ["wgs84", "gcj02", "bd09"])
    }

    /// BD-09's shift near a pole or the antimeridian stays on the Earth both ways: a position once
    /// came out at latitude -90.0057, stored, exported, and refused when imported back.
    @Test func conversionsNearThePolesAndTheAntimeridianStayOnTheEarth() {
        let edges = [
            Coordinate(unchecked: -89.99999, 101.7), Coordinate(unchecked: 89.99999, 101.7),
            Coordinate(unchecked: 36.6, -179.99999), Coordinate(unchecked: 36.6, 179.99999),
        ]
        for edge in edges {
            for system in [CoordinateSystem.gcj02, .bd09] {
                for converted in [system.toWGS84(edge), system.fromWGS84(edge)] {
                    #expect(abs(converted.latitude) <= 90 && abs(converted.longitude) <= 180, "\(system) \(edge) → \(converted)")
                }
            }
        }
    }
}
