import Foundation
import GangwanKit

/// How stations read in human output.
enum StationFormat {
    /// `320 m` or `12.4 km`.
    static func distance(_ metres: Double) -> String {
        metres < 1000 ? "\(Int(metres.rounded())) m" : String(format: "%.1f km", metres / 1000)
    }

    /// `饮水 热饭 …` in Chinese, codes in English.
    static func services(_ set: ServiceSet) -> String {
        set.services.map(\.displayName).joined(separator: Language.current == .chinese ? "、" : ", ")
    }

    /// Open, closed, or unknown hours.
    static func openState(_ isOpen: Bool?) -> String {
        switch isOpen {
        case true?: text("open", "开放中")
        case false?: text("closed now", "未开放")
        case nil: text("hours unknown", "时间未知")
        }
    }

    /// Latitude and longitude with 6 decimals (about 10 cm), in the output CRS.
    static func position(_ coordinate: Coordinate, crs: CoordinateSystem) -> String {
        let shown = crs.fromWGS84(coordinate)
        return String(format: "%.6f, %.6f", shown.latitude, shown.longitude) + " (\(crs.rawValue))"
    }

    /// The listing table: code, name, kind, status, region, address.
    static func listTable(_ stations: [Station], regions: RegionTable) -> Table {
        var table = Table(headers: [
            text("CODE", "编号"), text("NAME", "名称"), text("KIND", "类型"), text("STATUS", "状态"),
            text("REGION", "区划"), text("ADDRESS", "地址"),
        ])
        for station in stations {
            table.rows.append([
                station.code ?? "-", station.name, station.kind.displayName, station.status.displayName,
                regions.region(station.region)?.name ?? station.region, station.address,
            ])
        }
        return table
    }

    /// Every field of one station, a line each.
    static func detail(_ station: Station, crs: CoordinateSystem, regions: RegionTable, holidays: HolidayCalendar, now: Date) -> String {
        let regionName = regions.region(station.region).map { "\(station.region) \($0.name)" } ?? station.region
        var lines: [(String, String)] = [
            (text("id", "ID"), station.id.uuidString.lowercased()),
            (text("code", "编号"), station.code ?? "-"),
            (text("name", "名称"), station.name),
            (text("kind", "类型"), station.kind.displayName),
            (text("status", "状态"), (station.removedAt == nil
                ? station.status.displayName
                : text("removed (was \(station.status.displayName))", "已删除（原为\(station.status.displayName)）"))
                + (station.statusReason.map { " (\($0))" } ?? "")),
            (text("region", "区划"), regionName),
            (text("address", "地址"), station.address),
            (text("position", "位置"), position(station.position, crs: crs)),
            (text("services", "服务"), services(station.services)),
            (text("hours", "开放时间"), station.hours.map { hours in
                station.removedAt == nil ? "\(hours) — \(openState(hours.isOpen(at: now, holidays: holidays)))" : "\(hours)"
            } ?? "-"),
            (text("host", "依托单位"), station.host ?? "-"),
            (text("phone", "电话"), station.phone ?? "-"),
            (text("seats", "座位"), station.seats.map(String.init) ?? "-"),
            (text("verified", "核实日期"), station.verifiedOn ?? "-"),
            (text("updated", "更新"), "\(ShanghaiTime.timestamp(of: station.updatedAt)) \(station.actor)"),
        ]
        if let removed = station.removedAt {
            lines.append((text("removed", "已删除"), ShanghaiTime.timestamp(of: removed)))
        }
        return Detail.render(lines)
    }
}
