import Foundation
import GangwanKit
import GangwanSync

/// `gangwan-bench sync`: push and pull throughput over loopback against a real `gangwan-hub`
/// process, and an empty sync as a whole `gangwan sync` process (issue 4).
///
///   .build/release/gangwan-bench sync [--push N] [--pull N] [--empty-runs R] [--work DIR]
struct SyncBench {
    var pushCount = 100_000
    var pullCount = 1_000_000
    var emptyRuns = 20
    var work = "bench-data"
}

extension SyncBench {
    init(_ arguments: ArraySlice<String>) {
        self.init()
        let usage = "--push N (\(pushCount)) --pull N (\(pullCount)) --empty-runs R (\(emptyRuns)) --work DIR (\(work))"
        OptionPairs.read(arguments, command: "gangwan-bench sync", usage: usage) { name, value in
            switch name {
            case "--push": pushCount = OptionPairs.count(value, name)
            case "--pull": pullCount = OptionPairs.count(value, name)
            case "--empty-runs": emptyRuns = OptionPairs.count(value, name)
            case "--work": work = value
            default: return false
            }
            return true
        }
    }

    func run(binaries: URL) throws {
        let gangwan = binaries.appendingPathComponent("gangwan")
        let hubBinary = binaries.appendingPathComponent("gangwan-hub")
        let folder = URL(fileURLWithPath: work).appendingPathComponent("sync")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Child `gangwan` processes find their key here, never in the user's home.
        setenv("GANGWAN_KEY_FILE", folder.appendingPathComponent("office.key").path, 1)
        print("gangwan-bench sync: push \(pushCount), pull \(pullCount) station changes over loopback, in \(folder.path)")

        // Push: an office that imported N stations sends them to an empty hub.
        let pushCSV = try csv(count: pushCount)
        let pushOffice = folder.appendingPathComponent("push-office.sqlite").path
        try check(ChildProcess.run(gangwan, ["station", "import", pushCSV.path, "--db", pushOffice]), "import")
        try withHub(hubBinary, database: folder.appendingPathComponent("push-hub.sqlite").path) { endpoint, token in
            let office = try GangwanDatabase.open(path: pushOffice)
            let client = try syncClient(office, endpoint: endpoint, token: token)
            var summary = SyncSummary()
            let seconds = try Timer.measure { try client.push(deadline: .now + .seconds(3600), summary: &summary) }
            let wire = try batchWire(of: pushCount, from: pushOffice)
            print(String(format: "push: %d changes in %.2f s = %.0f changes/s, %d requests, %.1f compressed bytes per change   [target ≥ 20,000/s]",
                         summary.pushed, seconds, Double(summary.pushed) / seconds, summary.requests, wire.bytes))
            print(String(format: "  a change's JSON: written in %.2f µs, read in %.2f µs; gzip %.2f µs, gunzip %.2f µs",
                         wire.write * 1e6, wire.read * 1e6, wire.compress * 1e6, wire.decompress * 1e6))
        }

        // Pull: a hub that imported N stations (its feed) to a new office, then empty syncs.
        let pullCSV = try csv(count: pullCount)
        let pullHub = folder.appendingPathComponent("pull-hub.sqlite").path
        try check(ChildProcess.run(gangwan, ["station", "import", pullCSV.path, "--db", pullHub]), "import")
        try withHub(hubBinary, database: pullHub) { endpoint, token in
            let officePath = folder.appendingPathComponent("pull-office.sqlite").path
            let office = try GangwanDatabase.open(path: officePath)
            let client = try syncClient(office, endpoint: endpoint, token: token)
            var summary = SyncSummary()
            // A whole run, as `gangwan sync` makes it: nothing to push, the pull, and the note of
            // success whose commit also checkpoints the pull's write-ahead log.
            let seconds = try Timer.measure { summary = try client.run(deadline: .now + .seconds(3600)) }
            let bytes = try pageBytes(endpoint: endpoint, token: token)
            print(String(format: "pull: %d changes in %.2f s = %.0f changes/s, %d requests, %.1f compressed bytes per change   [target ≥ 20,000/s]",
                         summary.pulled, seconds, Double(summary.pulled) / seconds, summary.requests, bytes))
            let tokenFile = folder.appendingPathComponent("token").path
            var runs: [Double] = []
            for _ in 0..<emptyRuns {
                let run = try ChildProcess.run(gangwan, [
                    "sync", "--db", officePath, "--endpoint", endpoint.baseURL, "--token-file", tokenFile, "--quiet",
                ])
                try check(run, "gangwan sync")
                runs.append(run.seconds)
            }
            print(String(format: "empty gangwan sync as a whole process: median %.1f ms, p99 %.1f ms over %d runs, 1 request each   [target ≤ 50 ms]",
                         Stats.percentile(runs, 50) * 1e3, Stats.percentile(runs, 99) * 1e3, runs.count))
        }
    }

    /// The synthetic stations CSV of `count` rows, made once and kept in the work folder.
    private func csv(count: Int) throws -> URL {
        let file = URL(fileURLWithPath: work).appendingPathComponent("stations-\(count).csv")
        if !FileManager.default.fileExists(atPath: file.path) { try SyntheticStations.write(count: count, to: file) }
        return file
    }

    /// Starts `gangwan-hub serve` on a free port with a token for all of Qinghai, runs `body`, stops it.
    private func withHub(_ hub: URL, database: String, _ body: (Endpoint, String) throws -> Void) throws {
        let tokenRun = Process()
        tokenRun.executableURL = hub
        tokenRun.arguments = ["token", "issue", "--db", database, "--node", "bench", "--scope", "63"]
        let tokenPipe = Pipe()
        tokenRun.standardOutput = tokenPipe
        try tokenRun.run()
        let token = String(decoding: tokenPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        tokenRun.waitUntilExit()
        let tokenFile = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("token")
        _ = FileManager.default.createFile(atPath: tokenFile.path, contents: Data(token.utf8), attributes: [.posixPermissions: 0o600])

        let server = Process()
        server.executableURL = hub
        server.arguments = ["serve", "--db", database, "--port", "0", "--log-level", "warning"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { fatalError("gangwan-hub stopped before listening") }
            line += chunk
        }
        let address = String(decoding: line, as: UTF8.self).split(separator: " ").last!.trimmingCharacters(in: .whitespacesAndNewlines)
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        try body(try Endpoint(address), token)
    }

    private func syncClient(_ office: GangwanDatabase, endpoint: Endpoint, token: String) throws -> SyncClient {
        let key = try office.personalDataKey(from: KeyFile(path: ProcessInfo.processInfo.environment["GANGWAN_KEY_FILE"]!))
        return SyncClient(database: office, key: key, endpoint: endpoint, token: token, client: RetryingClient(transport: CurlTransport()))
    }

    /// The batches an office sends, per change: compressed bytes, and the seconds to write, read,
    /// compress and inflate their JSON (a fresh office with the same stations).
    private func batchWire(of count: Int, from office: String) throws -> (bytes: Double, write: Double, read: Double, compress: Double, decompress: Double) {
        let copy = URL(fileURLWithPath: office).deletingLastPathComponent().appendingPathComponent("bytes-office.sqlite").path
        try check(ChildProcess.run(
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gangwan"),
            ["station", "import", try csv(count: count).path, "--db", copy]), "import")
        let db = try GangwanDatabase.open(path: copy)
        let key = try db.personalDataKey(from: KeyFile(path: ProcessInfo.processInfo.environment["GANGWAN_KEY_FILE"]!))
        var (bytes, changes) = (0, 0)
        var (write, read, compress, decompress) = (0.0, 0.0, 0.0, 0.0)
        while let batch = try db.nextPushBatch(limit: 1000, key: key) {
            bytes += batch.body.count
            changes += batch.count
            var json = Data()
            decompress += try Timer.measure { json = try Gzip.decompress(batch.body, limit: 1 << 28) }
            var decoded = PushBatch(changes: [])
            read += try Timer.measure { decoded = try PushBatch(json: json) }
            write += Timer.measure { json = Data(decoded.json) }
            compress += Timer.measure { _ = Gzip.compress(json) }
            _ = try db.acknowledge(batch, answer: PushAnswer(results: []), key: key)
        }
        let perChange = Double(max(changes, 1))
        return (Double(bytes) / perChange, write / perChange, read / perChange, compress / perChange, decompress / perChange)
    }

    /// Compressed bytes per change of pulled pages, as the hub gzips them: the first ten pages.
    private func pageBytes(endpoint: Endpoint, token: String) throws -> Double {
        let transport = CurlTransport()
        var cursor: String?
        var bytes = 0
        var changes = 0
        for _ in 0..<10 {
            var query = [(name: "limit", value: "1000")]
            if let cursor { query.append((name: "since", value: cursor)) }
            let response = try transport.send(HTTPRequest(
                method: "GET", url: endpoint.url(path: "/v1/changes", query: query), headers: ["Authorization": "Bearer \(token)"]),
                timeout: .seconds(60))
            let page = try PullPage(json: response.body)
            bytes += Gzip.compress(response.body).count
            changes += page.changes.count
            cursor = page.cursor
            if !page.more { break }
        }
        return Double(bytes) / Double(max(changes, 1))
    }

    private func check(_ run: ChildProcess.Run, _ what: String) throws {
        guard run.status == 0 else { fatalError("\(what) failed (exit \(run.status)): \(run.stderr)") }
    }
}
