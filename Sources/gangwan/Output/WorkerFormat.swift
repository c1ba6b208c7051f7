import Foundation
import GangwanKit

/// How workers read in human output: personal data masked unless revealed.
enum WorkerFormat {
    /// A table, or JSON, of workers (always masked).
    static func print(_ workers: [Worker], json: Bool) throws {
        if json {
            try OutputOptions.printJSON(workers.map { WorkerJSON($0, reveal: false) })
            return
        }
        var table = Table(headers: [
            text("ID", "ID"), text("NAME", "姓名"), text("GROUP", "群体"), text("ID NUMBER", "身份证号"),
            text("PHONE", "电话"), text("REGION", "区划"),
        ])
        for worker in workers {
            table.rows.append([
                worker.id.storedText, worker.name, worker.group.displayName,
                worker.idNumber?.masked ?? "-", worker.phone?.masked ?? "-", worker.region ?? "-",
            ])
        }
        Swift.print(table.render())
    }

    /// Every field of one worker, a line each.
    static func detail(_ worker: Worker, reveal: Bool, regions: RegionTable) -> String {
        func region(_ code: String?) -> String {
            guard let code else { return "-" }
            return regions.region(code).map { "\(code) \($0.name)" } ?? code
        }
        var lines: [(String, String)] = [
            (text("id", "ID"), worker.id.storedText),
            (text("name", "姓名"), worker.name),
            (text("group", "群体"), worker.group.displayName),
            (text("id number", "身份证号"), worker.idNumber?.shown(revealed: reveal) ?? "-"),
            (text("phone", "电话"), worker.phone?.shown(revealed: reveal) ?? "-"),
            (text("region", "区划"), region(worker.region)),
            (text("employer", "用人单位"), worker.employer ?? "-"),
            (text("consent", "同意日期"), worker.consentDate ?? "-"),
        ]
        switch worker.group {
        case .gig:
            lines += [
                (text("occupation", "职业"), worker.occupation?.displayName ?? "-"),
                (text("platform", "平台"), worker.platform ?? "-"),
                (text("relationship", "用工关系"), worker.relationship?.displayName ?? "-"),
            ]
        case .hardship:
            lines += [
                (text("category", "困难类别"), worker.hardshipCategory?.displayName ?? "-"),
                (text("cause", "致困原因"), worker.hardshipCause?.displayName ?? "-"),
            ]
        case .migrant:
            lines.append((text("hukou", "户籍地"), region(worker.hukouRegion)))
        case .other:
            break
        }
        lines.append((text("updated", "更新"), "\(ShanghaiTime.timestamp(of: worker.updatedAt)) \(worker.actor)"))
        return Detail.render(lines)
    }
}
