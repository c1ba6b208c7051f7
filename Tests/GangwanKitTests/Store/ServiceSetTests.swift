import Foundation
import Testing
@testable import GangwanKit

@Suite struct ServiceSetTests {
    @Test func codesAndLabelsWithEverySeparatorAreRead() throws {
        let expected = ServiceSet([.water, .hotMeal, .toilet, .rest, .ebikeCharging, .aed])
        #expect(try ServiceSet.parse("water,热饭、toilet；rest;电动车充电，aed") == expected)
        // Spaces around items, capitals and empty items are read as a clerk meant them.
        #expect(try ServiceSet.parse(" Water , 热饭 、TOILET；；rest ;电动车充电，AED ") == expected)
        #expect(try ServiceSet.parse("") == ServiceSet())
        #expect(try ServiceSet.parse(Service.allCases.map(\.label).joined(separator: "、")) == ServiceSet(Service.allCases))
        #expect(try ServiceSet.parse(Service.allCases.map(\.rawValue).joined(separator: ",")) == ServiceSet(Service.allCases))
    }

    @Test func anUnknownServiceIsRefusedWithTheValidOnes() {
        let error = #expect(throws: FieldError.self) { try ServiceSet.parse("water,waterr") }
        #expect(error?.field == "services" && error?.value == "waterr")
        #expect(error?.reason.contains("hot-meal") == true && error?.reason.contains("热饭") == true)
        // A label's prefix is no label.
        #expect(throws: FieldError.self) { try ServiceSet.parse("热") }
    }
}
