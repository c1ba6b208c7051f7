import Foundation
import GangwanKit
import GRDB

/// The hub locator load benchmark of issue 4:
/// `gangwan-bench hub-near [--stations N] [--work DIR] [--seconds S] [--connections C] [--limit K] [--hub-log-level L]`.
///
/// Prepares (or reuses) a hub database of N synthetic stations, starts `gangwan-hub serve` from the
/// folder of this binary as a separate process, and drives `GET /v1/stations/near` from this process
/// with C keep-alive connections at seeded random points for S seconds, timing every request on the
/// client side. The hub is stopped with SIGTERM at the end.
struct HubNearBench {
    var stations = 1_000_000
    var work = "bench-data"
    var seconds = 10
    var connections = 8
    var limit = 10
    /// Passed to the hub as `--log-level` when given; otherwise the hub logs at its default (info),
    /// one line per request.
    var hubLogLevel: String?

    /// Untimed load before the measurement: connections opened, code and pages warm.
    static let warmUpSeconds = 2.0
}

extension HubNearBench {
    init(_ arguments: ArraySlice<String>) {
        self.init()
        let usage = """
            --stations N (\(stations)) --work DIR (\(work)) --seconds S (\(seconds)) --connections C (\(connections)) \
            --limit K (\(limit)) --hub-log-level LEVEL (the hub's default)
            """
        OptionPairs.read(arguments, command: "gangwan-bench hub-near", usage: usage) { name, value in
            switch name {
            case "--stations": stations = OptionPairs.count(value, name)
            case "--work": work = value
            case "--seconds": seconds = OptionPairs.count(value, name)
            case "--connections": connections = max(1, OptionPairs.count(value, name))
            case "--limit": limit = OptionPairs.count(value, name)
            case "--hub-log-level": hubLogLevel = value
            default: return false
            }
            return true
        }
    }

    func run(hub: URL) throws {
        let folder = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        print("gangwan-bench hub-near: \(stations) stations, \(connections) connections, \(seconds) s, limit \(limit), in \(folder.path)")
        let database = try prepareDatabase(in: folder)
        try PageCache.warm(database.path)

        var arguments = [
            "serve", "--db", database.path, "--key-file", database.path + ".key", "--host", "127.0.0.1", "--port", "0",
        ]
        if let hubLogLevel { arguments += ["--log-level", hubLogLevel] }
        let log = folder.appendingPathComponent("hub-near.log")
        let server = try HubNearServer.start(hub, arguments, log: log)
        print(String(format: "hub: %@ %@ -> %@ (first line after %.0f ms; its log in %@)",
                     hub.path, arguments.joined(separator: " "), server.baseURL, server.startSeconds * 1e3, log.path))
        do {
            try measure(server)
        } catch {
            _ = server.stop()
            throw error
        }
        let stop = server.stop()
        print(String(format: "hub stopped by SIGTERM in %.0f ms, exit status %d", stop.seconds * 1e3, stop.status))
        print("command: \(CommandLine.arguments.joined(separator: " "))")
    }

    /// The warm-up, the measured run, and its report.
    private func measure(_ server: HubNearServer) throws {
        // Everything else running shares the two cores with both processes: say how busy the machine was.
        let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        print("load average before the run: \(loadAverage)")
        let load = HubNearLoad(baseURL: server.baseURL, limit: limit, connections: connections)
        let sample = try load.sampleAnswer()
        print("one answer: \(sample.stations) stations, \(sample.bytes) bytes of JSON")

        let warm = try load.run(seconds: Self.warmUpSeconds, seed: 1_000)
        print(String(format: "warm-up: %d requests in %.1f s, %d errors", warm.latencies.count, warm.seconds, warm.errors))

        let logBefore = HubNearServer.fileSize(server.log)
        let hubBefore = HubNearServer.cpuSeconds(pid: server.pid)
        let benchBefore = HubNearServer.cpuSeconds(pid: getpid())
        let result = try load.run(seconds: Double(seconds), seed: 2_026)
        let hubCPU = HubNearServer.cpuSeconds(pid: server.pid) - hubBefore
        let benchCPU = HubNearServer.cpuSeconds(pid: getpid()) - benchBefore
        let logLines = HubNearServer.lineCount(server.log, from: logBefore)
        let logBytes = HubNearServer.fileSize(server.log) - logBefore

        let completed = result.latencies.count
        print(String(format: "near k=%d under load: %d requests in %.2f s = %.0f requests/s   [target ≥ 5,000 requests/s]",
                     limit, completed, result.seconds, Double(completed) / result.seconds))
        print(String(format: "latency per request (client side): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms   [target p99 ≤ 20 ms]",
                     Stats.percentile(result.latencies, 50) * 1e3, Stats.percentile(result.latencies, 90) * 1e3,
                     Stats.percentile(result.latencies, 99) * 1e3, (result.latencies.max() ?? .nan) * 1e3))
        print(String(format: "errors: %d%@; response bytes: %.1f MB (%.0f per answer)",
                     result.errors, result.firstError.map { " (first: \($0))" } ?? "",
                     Double(result.bytes) / 1e6, Double(result.bytes) / Double(max(completed - result.errors, 1))))
        print(String(format: "CPU during the run: hub %.2f cores, this client %.2f cores (of %d)",
                     hubCPU / result.seconds, benchCPU / result.seconds, ProcessInfo.processInfo.activeProcessorCount))
        print(String(format: "hub log during the run (--log-level %@): %d lines, %.1f MB, %.2f lines per request",
                     hubLogLevel ?? "info, the default", logLines, Double(logBytes) / 1e6, Double(logLines) / Double(max(completed, 1))))
    }

    /// The hub database with `stations` synthetic stations: reused when it holds exactly that many,
    /// otherwise imported anew in this process (the hub adds its own tables when it opens the file).
    private func prepareDatabase(in folder: URL) throws -> URL {
        let database = folder.appendingPathComponent("hub-near-\(stations).sqlite")
        if FileManager.default.fileExists(atPath: database.path),
            let count = try? DatabaseQueue(path: database.path).read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM station") }),
            count == stations
        {
            print("database: \(database.path), reused")
            return database
        }
        for suffix in ["", "-wal", "-shm", ".key"] {
            try? FileManager.default.removeItem(atPath: database.path + suffix)
        }
        let csv = folder.appendingPathComponent("stations-\(stations).csv")
        if !FileManager.default.fileExists(atPath: csv.path) {
            let seconds = try Timer.measure { try SyntheticStations.write(count: stations, to: csv) }
            print(String(format: "generated %@ in %.1f s", csv.lastPathComponent, seconds))
        }
        var inserted = 0
        let seconds = try Timer.measure {
            inserted = try GangwanDatabase.open(path: database.path).importStations(from: csv, options: ImportOptions(), actor: "gangwan-bench").inserted
        }
        print(String(format: "database: %@, %d stations imported in %.1f s", database.path, inserted, seconds))
        return database
    }
}
