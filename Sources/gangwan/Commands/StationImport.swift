import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan station import FILE`: a federation spreadsheet (CSV) into the registry, all or nothing.
struct StationImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import stations from CSV (UTF-8, UTF-8 with BOM or GB18030; English or Chinese headers).",
        discussion: "Rows with a code update that station, so importing a file twice changes nothing. "
            + "By default any invalid row means nothing is imported and every bad row is listed.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Coordinate system of the file's lat/lon: wgs84, gcj02 (Amap, Tencent) or bd09 (Baidu).") var crs: CoordinateSystem = .wgs84
    @Flag(name: .customLong("skip-invalid"), help: "Import the valid rows; write the invalid ones to --rejects.") var skipInvalid = false
    @Option(help: "With --skip-invalid: the CSV file that receives invalid rows with their line and reason.") var rejects: String?
    @Flag(name: .customLong("dry-run"), help: "Check the file and report what would change, writing nothing.") var dryRun = false

    func validate() throws {
        if skipInvalid && rejects == nil { throw ValidationError(text("--skip-invalid needs --rejects FILE, so no bad row is lost", "--skip-invalid 需要同时给出 --rejects 文件，以免丢失错误行")) }
        if rejects != nil && !skipInvalid { throw ValidationError(text("--rejects is only used with --skip-invalid", "--rejects 只能与 --skip-invalid 一起使用")) }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ImportError.cannotRead(path: file, reason: text("no such readable file", "文件不存在或不可读"))
        }
        let options = ImportOptions(crs: crs, skipInvalid: skipInvalid, rejects: rejects.map { URL(fileURLWithPath: $0) }, dryRun: dryRun)
        let progress = Progress.onTerminal(label: text("rows", "行"))
        let summary = try GangwanDatabase.bulkLoading(path: global.databasePath) { db in
            try db.importStations(from: url, options: options, actor: global.actorName, progress: progress?.update)
        }
        progress?.finish()
        let verb = dryRun ? text("would import", "将导入") : text("imported", "已导入")
        let encoding = summary.encoding == .gb18030 ? text(" (read as GB18030)", "（按 GB18030 读取）") : ""
        print(text(
            "\(verb): \(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.rejected) rejected\(encoding)",
            "\(verb)：新增 \(summary.inserted)，更新 \(summary.updated)，未变 \(summary.unchanged)，拒收 \(summary.rejected)\(encoding)"))
        if summary.rejected > 0 {
            throw ExitCode(ExitStatus.dataError)
        }
    }
}
