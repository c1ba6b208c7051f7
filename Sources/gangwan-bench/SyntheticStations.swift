import Foundation
import GangwanKit

/// Deterministic synthetic stations across China: most around cities (weighted by size), some scattered.
///
/// Region codes cycle through the shipped Qinghai counties, since only those are in `data/regions.csv`;
/// names, addresses, services and hours are plausible combinations, not real stations.
enum SyntheticStations {
    static let cities: [(name: String, lat: Double, lon: Double, weight: Double)] = [
        ("北京", 39.90, 116.40, 10), ("上海", 31.23, 121.47, 10), ("广州", 23.13, 113.26, 8), ("深圳", 22.54, 114.06, 8),
        ("成都", 30.57, 104.07, 8), ("重庆", 29.56, 106.55, 8), ("武汉", 30.59, 114.31, 6), ("西安", 34.34, 108.94, 6),
        ("杭州", 30.27, 120.15, 6), ("南京", 32.06, 118.80, 5), ("天津", 39.13, 117.20, 5), ("郑州", 34.75, 113.62, 5),
        ("长沙", 28.23, 112.94, 5), ("沈阳", 41.80, 123.43, 4), ("哈尔滨", 45.80, 126.53, 4), ("昆明", 25.04, 102.71, 4),
        ("济南", 36.65, 117.12, 4), ("青岛", 36.07, 120.38, 4), ("西宁", 36.62, 101.78, 2), ("兰州", 36.06, 103.83, 3),
        ("乌鲁木齐", 43.83, 87.62, 3), ("拉萨", 29.65, 91.14, 1), ("呼和浩特", 40.84, 111.75, 2), ("南宁", 22.82, 108.32, 3),
        ("贵阳", 26.65, 106.63, 3), ("福州", 26.07, 119.30, 3), ("厦门", 24.48, 118.09, 3), ("合肥", 31.82, 117.23, 4),
        ("南昌", 28.68, 115.86, 3), ("石家庄", 38.04, 114.51, 4), ("太原", 37.87, 112.55, 3), ("长春", 43.82, 125.32, 3),
        ("海口", 20.04, 110.34, 2), ("银川", 38.49, 106.23, 2), ("格尔木", 36.40, 94.90, 1), ("喀什", 39.47, 75.99, 1),
    ]
    static let streets = ["人民路", "解放路", "建设路", "中山路", "胜利街", "和平路", "长江路", "黄河路", "昆仑路", "文化街", "新华路", "光明路"]
    static let hosts = ["中国工商银行", "中国邮政", "中国移动营业厅", "中国石化加油站", "环卫所", "社区党群服务中心", "顺丰速运网点", "工会服务中心"]
    static let kinds = ["harbor", "love-station", "union-station", "other"]
    static let hours = [
        "24/7", "Mo-Su 08:00-20:00", "Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00; PH off", "Mo-Su 05:30-21:00",
        "Mo-Fr 08:00-12:00,14:30-18:00; PH off", "Mo-Su 18:00-02:00", "",
    ]

    /// Writes `count` stations as an import CSV, streaming.
    static func write(count: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)  // FileHandle below fails if it could not
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        let counties = RegionTable.bundled.regions.filter { $0.level == .county }.map(\.code)
        let totalWeight = cities.reduce(0) { $0 + $1.weight }
        var random = SeededGenerator(seed: 186_000)
        var buffer = CSVWriter.line(["code", "name", "kind", "lat", "lon", "region", "address", "services", "hours", "phone", "host", "seats"])
        for index in 0..<count {
            let (city, position) = place(totalWeight: totalWeight, using: &random)
            let street = streets.randomElement(using: &random)!
            let host = hosts.randomElement(using: &random)!
            let number = Int.random(in: 1...999, using: &random)
            let kind = kinds.randomElement(using: &random)!
            var services: [Service] = [.water, .rest]
            services += Service.allCases.filter { _ in Int.random(in: 0..<3, using: &random) == 0 }
            buffer += CSVWriter.line([
                String(format: "BM-%07d", index), "\(city)\(street)\(number)号\(host)驿站", kind,
                String(format: "%.6f", position.latitude), String(format: "%.6f", position.longitude),
                counties[index % counties.count], "\(city)\(street)\(number)号",
                ServiceSet(services).services.map(\.rawValue).joined(separator: ";"), hours.randomElement(using: &random)!,
                "", host, "\(Int.random(in: 4...40, using: &random))",
            ])
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
    }

    /// A query origin: mostly near a city, sometimes anywhere in China.
    static func randomOrigin(using random: inout SeededGenerator) -> Coordinate {
        place(totalWeight: cities.reduce(0) { $0 + $1.weight }, using: &random).1
    }

    private static func place(totalWeight: Double, using random: inout SeededGenerator) -> (String, Coordinate) {
        if Int.random(in: 0..<100, using: &random) < 15 {
            let lat = Double.random(in: 21...50, using: &random), lon = Double.random(in: 76...132, using: &random)
            return ("乡镇", Coordinate(unchecked: lat, lon))
        }
        var pick = Double.random(in: 0..<totalWeight, using: &random)
        let city = cities.first { pick -= $0.weight; return pick < 0 } ?? cities[0]
        let spread = 0.05 + 0.03 * city.weight
        let lat = city.lat + gaussian(using: &random) * spread
        let lon = city.lon + gaussian(using: &random) * spread
        return (city.name, Coordinate(unchecked: lat, lon))
    }

    private static func gaussian(using random: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &random), v = Double.random(in: 0..<1, using: &random)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}
