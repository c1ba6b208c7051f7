import Testing
@testable import GangwanKit

@Suite struct GreatCircleTests {
    // Expected distances from a separate Python haversine with R = 6,371,008.8 m.
    let xining = Coordinate(unchecked: 36.6171, 101.7782)
    let golmud = Coordinate(unchecked: 36.4072, 94.9283)
    let beijing = Coordinate(unchecked: 39.9042, 116.4074)

    @Test func oneDegreeOfLatitudeIs111195Metres() {
        #expect(abs(GreatCircle.distance(Coordinate(unchecked: 36, 101), Coordinate(unchecked: 37, 101)) - 111_195.0802) < 0.001)
        #expect(abs(GreatCircle.distance(Coordinate(unchecked: 0, 0), Coordinate(unchecked: 1, 0)) - 111_195.0802) < 0.001)
    }

    @Test func xiningToGolmudMatchesTheReference() {
        #expect(abs(GreatCircle.distance(xining, golmud) - 612_496.503) < 0.01)
    }

    @Test func xiningToBeijingMatchesTheReference() {
        #expect(abs(GreatCircle.distance(xining, beijing) - 1_326_785.145) < 0.01)
    }

    @Test func aPointIsZeroFromItself() {
        #expect(GreatCircle.distance(xining, xining) == 0)
    }

    @Test func distanceIsSymmetric() {
        #expect(GreatCircle.distance(xining, golmud) == GreatCircle.distance(golmud, xining))
    }

    @Test func antipodesAreHalfACircumferenceApartWithoutNaN() {
        let d = GreatCircle.distance(Coordinate(unchecked: 0, 0), Coordinate(unchecked: 0, 180))
        #expect(abs(d - Double.pi * GreatCircle.earthRadius) < 0.001)
        let nearly = GreatCircle.distance(Coordinate(unchecked: 36.6171, 101.7782), Coordinate(unchecked: -36.6171, -78.2218))
        #expect(nearly.isFinite && abs(nearly - Double.pi * GreatCircle.earthRadius) < 0.01)
    }

    @Test func centimetresApartAreMeasuredToTheMillimetre() {
        // 1e-7° of latitude is 1.11195 cm; the law of cosines would round this to 0 or to decimetres.
        let d = GreatCircle.distance(xining, Coordinate(unchecked: 36.6171001, 101.7782))
        #expect(abs(d - 0.0111195) < 0.0001)
    }

    @Test func crossingTheAntimeridianTakesTheShortWay() {
        let d = GreatCircle.distance(Coordinate(unchecked: 0, 179.5), Coordinate(unchecked: 0, -179.5))
        #expect(abs(d - 111_195.0802) < 0.001)
    }
}
