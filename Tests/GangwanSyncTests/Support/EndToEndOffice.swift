import Foundation
import Glibc

/// One union office: the `gangwan` binary with its own database, key, home folder and hub token.
///
/// The token sits in a 0600 file named by `$GANGWAN_TOKEN_FILE`, and the hub's address in
/// `$GANGWAN_ENDPOINT`, as a cron job would set them. Every command's output is kept in a
/// transcript, so a test can check that no token or personal number was ever printed.
final class EndToEndOffice: @unchecked Sendable {
    let name: String
    let folder: URL
    let tokenFile: String
    /// Added to every `gangwan sync` this office runs, such as a page size.
    let syncOptions: [String]
    private var runner: EndToEndProcess
    private let lock = NSLock()
    private var outputs: [String] = []

    /// An office called `name` syncing with `endpoint` using `token`.
    init(_ name: String, token: String, endpoint: String, syncOptions: [String] = []) throws {
        self.name = name
        self.syncOptions = syncOptions
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-e2e-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        tokenFile = folder.appendingPathComponent("hub.token").path
        runner = EndToEndProcess(
            executable: EndToEndProcess.executable("gangwan"), folder: folder,
            environment: [
                "PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
                "GANGWAN_DB": folder.appendingPathComponent("gangwan.sqlite").path,
                "GANGWAN_KEY_FILE": folder.appendingPathComponent("gangwan.key").path,
                "GANGWAN_ACTOR": "\(name)-clerk", "GANGWAN_ENDPOINT": endpoint, "GANGWAN_TOKEN_FILE": tokenFile,
            ])
        try writeToken(token)
    }

    /// Removes the office's folder: database, key, token and output files.
    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    var databasePath: String { runner.environment["GANGWAN_DB"]! }
    var endpoint: String? { runner.environment["GANGWAN_ENDPOINT"] }

    /// Replaces the token in the token file (created 0600).
    func writeToken(_ token: String) throws {
        try? FileManager.default.removeItem(atPath: tokenFile)
        guard FileManager.default.createFile(atPath: tokenFile, contents: Data((token + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else { throw EndToEndFailure("cannot write \(tokenFile)") }
    }

    /// Sets (or with `nil` removes) one environment variable for later commands.
    func setEnvironment(_ name: String, _ value: String?) {
        lock.withLock { runner.environment[name] = value }
    }

    // MARK: - Running

    /// Runs `gangwan ARGS…` to its end.
    @discardableResult
    func run(_ arguments: String..., timeout: Double = 90) throws -> EndToEndProcess.Result {
        try run(arguments, timeout: timeout)
    }

    @discardableResult
    func run(_ arguments: [String], timeout: Double = 90) throws -> EndToEndProcess.Result {
        let result = try start(arguments, timeout: timeout).wait()
        record(result)
        return result
    }

    /// Starts `gangwan ARGS…` without waiting; pass the result of `wait()` to ``record(_:)``.
    func start(_ arguments: [String], timeout: Double = 90) throws -> EndToEndProcess.Running {
        try lock.withLock { runner }.start(arguments, timeout: timeout)
    }

    /// Keeps a result's output in the transcript.
    func record(_ result: EndToEndProcess.Result) {
        lock.withLock { outputs.append(result.output) }
    }

    /// Runs a command that must succeed and returns its standard output, trimmed.
    @discardableResult
    func succeed(_ arguments: String...) throws -> String {
        let result = try run(arguments)
        guard result.status == 0, !result.signalled else { throw EndToEndFailure("\(name): \(result)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `gangwan sync ARGS…`.
    @discardableResult
    func sync(_ arguments: String..., timeout: Double = 90) throws -> EndToEndProcess.Result {
        try run(["sync"] + syncOptions + arguments, timeout: timeout)
    }

    /// `gangwan sync` that must finish with exit 0.
    @discardableResult
    func syncSucceeds(_ arguments: String...) throws -> EndToEndProcess.Result {
        let result = try run(["sync"] + syncOptions + arguments)
        guard result.status == 0, !result.signalled else { throw EndToEndFailure("\(name): \(result)") }
        return result
    }

    /// Everything every command printed so far.
    var transcript: String {
        lock.withLock { outputs.joined(separator: "\n") }
    }

    // MARK: - Making records

    /// Registers a station and returns its id.
    @discardableResult
    func addStation(_ name: String, region: String, lat: Double = 36.62, lon: Double = 101.78, seats: Int? = nil) throws -> String {
        var arguments = ["station", "add", "--name", name, "--kind", "harbor", "--lat", String(lat), "--lon", String(lon), "--region", region]
        if let seats { arguments += ["--seats", String(seats)] }
        let result = try run(arguments)
        guard result.status == 0 else { throw EndToEndFailure("\(self.name): \(result)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Imports `count` stations in `region` from a CSV file in one `station import`: a large push
    /// without thousands of processes. Codes are `E2E-<batch>-NNNNN`, so batches never collide.
    func importStations(_ count: Int, region: String, batch: String) throws {
        var csv = "code,name,kind,lat,lon,region,seats\n"
        for number in 0..<count {
            let lat = 36.55 + Double(number % 100) * 0.001, lon = 101.70 + Double(number / 100) * 0.001
            csv += "E2E-\(batch)-\(String(format: "%05d", number)),测试劳动者港湾\(batch)第\(number)号,harbor,\(lat),\(lon),\(region),\(number % 20)\n"
        }
        let file = folder.appendingPathComponent("import-\(batch).csv")
        try Data(csv.utf8).write(to: file)
        try succeed("station", "import", file.path)
    }

    /// Registers a gig worker and returns the id.
    @discardableResult
    func addWorker(_ name: String, region: String, idNumber: String? = nil, phone: String? = nil) throws -> String {
        var arguments = ["worker", "add", "--name", name, "--group", "gig", "--region", region]
        if let idNumber { arguments += ["--id-number", idNumber] }
        if let phone { arguments += ["--phone", phone] }
        let result = try run(arguments)
        guard result.status == 0 else { throw EndToEndFailure("\(self.name): \(result)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Opens a wage-arrears case for `worker` and returns its id.
    func openCase(worker: String, summary: String) throws -> String {
        try succeed("case", "open", "--worker", worker, "--type", "wage-arrears", "--summary", summary)
    }

    /// Logs an event on a case (an assistance with `amount` yuan if given) and returns the event's id.
    @discardableResult
    func logEvent(case caseID: String, _ text: String, amount: String? = nil) throws -> String {
        var arguments = ["case", "log", caseID, "--kind", amount == nil ? "note" : "assistance", "--text", text]
        if let amount { arguments += ["--amount", amount] }
        let result = try run(arguments)
        guard result.status == 0 else { throw EndToEndFailure("\(name): \(result)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Reading state

    /// Every station by id, as `station export --format json` prints it, without the fields that
    /// say when and by whom this copy was last written (`updated_at`, `actor`).
    func stations() throws -> EndToEndSnapshot {
        let objects = try jsonArray("station", "export", "--format", "json")
        return EndToEndSnapshot(objects, ignoring: ["updated_at", "actor"])
    }

    /// One station as `station show --json` prints it.
    func station(_ id: String) throws -> [String: Any] {
        try jsonObject("station", "show", id, "--json")
    }

    /// Every worker by id (ID numbers and phones masked).
    func workers() throws -> EndToEndSnapshot {
        EndToEndSnapshot(try jsonArray("worker", "list", "--json"), ignoring: ["updated_at", "actor"])
    }

    /// Every case by id.
    func cases() throws -> EndToEndSnapshot {
        EndToEndSnapshot(try jsonArray("case", "list", "--json"), ignoring: ["updated_at", "actor", "overdue"])
    }

    /// One case with its events, as `case show --json` prints it.
    func caseDetail(_ id: String) throws -> [String: Any] {
        try jsonObject("case", "show", id, "--json")
    }

    /// The ids of a case's events, in the order shown, duplicates kept.
    func eventIDs(case caseID: String) throws -> [String] {
        let events = try caseDetail(caseID)["events"] as? [[String: Any]] ?? []
        return events.compactMap { $0["id"] as? String }
    }

    /// `sync status --json`.
    func syncStatus() throws -> [String: Any] {
        try jsonObject("sync", "status", "--json")
    }

    /// `sync conflicts --json`.
    func syncConflicts() throws -> [[String: Any]] {
        try jsonArray("sync", "conflicts", "--json")
    }

    func jsonArray(_ arguments: String...) throws -> [[String: Any]] {
        let text = try run(arguments: arguments)
        guard let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] else {
            throw EndToEndFailure("\(name): \(arguments.joined(separator: " ")) did not print a JSON array of objects: \(text.prefix(500))")
        }
        return array
    }

    func jsonObject(_ arguments: String...) throws -> [String: Any] {
        let text = try run(arguments: arguments)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw EndToEndFailure("\(name): \(arguments.joined(separator: " ")) did not print a JSON object: \(text.prefix(500))")
        }
        return object
    }

    private func run(arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0, !result.signalled else { throw EndToEndFailure("\(name): \(result)") }
        return result.stdout
    }
}
