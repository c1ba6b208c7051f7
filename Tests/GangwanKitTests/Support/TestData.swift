import Foundation
@testable import GangwanKit

enum TestData {
    static let now = ShanghaiTime.instant(from: "2026-11-24T10:00:00+08:00")!

    /// Fields for a valid station in 城中区, with the given overrides.
    static func fields(
        name: String = "城中区南大街劳动者港湾", lat: Double = 36.6171, lon: Double = 101.7782, region: String = "630103",
        code: String? = nil, services: String? = "water,rest", hours: String? = nil, kind: String = "harbor"
    ) -> StationFields {
        var fields = StationFields()
        fields.name = name
        fields.kind = kind
        fields.lat = "\(lat)"
        fields.lon = "\(lon)"
        fields.region = region
        fields.code = code
        fields.services = services
        fields.hours = hours
        fields.address = "西宁市城中区南大街1号"
        return fields
    }

    /// Fields for a worker in 城东区, with the given overrides (no ID number or phone unless given).
    static func workerFields(
        name: String = "张三", group: String = "gig", region: String = "630102", idNumber: String? = nil, phone: String? = nil
    ) -> WorkerFields {
        var fields = WorkerFields()
        fields.name = name
        fields.group = group
        fields.region = region
        fields.idNumber = idNumber
        fields.phone = phone
        return fields
    }

    /// A database with `count` random stations around Xining: random services, kinds, hours and statuses.
    static func randomStations(count: Int, seed: UInt64, spread: Double = 0.5) throws -> GangwanDatabase {
        let db = try GangwanDatabase.inMemory()
        var random = SeededGenerator(seed: seed)
        let hours = ["24/7", "Mo-Fr 08:00-18:00", "Mo-Su 20:00-02:00", "Sa,Su 09:00-17:00; PH off", ""]
        let kinds = ["harbor", "love-station", "union-station", "other"]
        for index in 0..<count {
            var fields = StationFields()
            fields.name = "测试站点\(index)"
            fields.kind = kinds.randomElement(using: &random)!
            // Some stations share a position exactly, to exercise ties.
            let lat = index % 50 == 1 ? 36.6 : 36.6 + Double.random(in: -spread...spread, using: &random)
            let lon = index % 50 == 1 ? 101.8 : 101.8 + Double.random(in: -spread...spread, using: &random)
            fields.lat = "\(lat)"
            fields.lon = "\(lon)"
            fields.region = "630103"
            fields.services = Service.allCases.filter { _ in Bool.random(using: &random) }.map(\.rawValue).joined(separator: ",")
            fields.hours = hours.randomElement(using: &random)!
            let station = try db.addStation(fields, crs: .wgs84, actor: "test", now: now)
            switch index % 10 {
            case 3: _ = try db.setStationStatus(station.id.uuidString, .closed, reason: nil, actor: "test", now: now)
            case 6: _ = try db.setStationStatus(station.id.uuidString, .suspended, reason: "装修，暂停开放", actor: "test", now: now)
            case 9: _ = try db.removeStation(station.id.uuidString, actor: "test", now: now)
            default: break
            }
        }
        return db
    }
}
