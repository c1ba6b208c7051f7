// gangwan-bench: the locator and import benchmarks of issue 2, on deterministic synthetic data.
//
//   swift build -c release && .build/release/gangwan-bench [--stations N] [--queries Q] [--work DIR]
//   .build/release/gangwan-bench casework [--workers N] [--cases N] [--events N]   (issue 3, see CaseworkBench)
//   .build/release/gangwan-bench hub-near [--stations N] [--seconds S] [--connections C]   (issue 4, see HubNearBench)
//   .build/release/gangwan-bench sync [--push N] [--pull N] [--empty-runs R]                 (issue 4, see SyncBench)
//
// Generates N synthetic stations across China (clustered around cities, a seeded generator, so
// every run sees the same data), imports them with the real `gangwan` binary as a child process
// (wall time and peak memory), then times k=10 `near` in-process against a full-scan baseline on
// the same database, and `gangwan station near` as a whole process.

import Foundation
import GangwanKit
import GRDB

if CommandLine.arguments.dropFirst().first == "casework" {
    let gangwan = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gangwan")
    try CaseworkBench(CommandLine.arguments.dropFirst(2)).run(gangwan: gangwan)
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "hub-near" {
    let hub = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gangwan-hub")
    try HubNearBench(CommandLine.arguments.dropFirst(2)).run(hub: hub)
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "sync" {
    try SyncBench(CommandLine.arguments.dropFirst(2)).run(binaries: URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    exit(0)
}

let options = BenchOptions(CommandLine.arguments.dropFirst())
let work = URL(fileURLWithPath: options.work)
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
let csv = work.appendingPathComponent("stations-\(options.stations).csv")
let database = work.appendingPathComponent("bench-\(options.stations).sqlite")
let gangwan = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gangwan")

print("gangwan-bench: \(options.stations) stations, \(options.queries) queries, k=10, in \(work.path)")
if !FileManager.default.fileExists(atPath: csv.path) {
    let seconds = try Timer.measure { try SyntheticStations.write(count: options.stations, to: csv) }
    print(String(format: "generated %@ in %.1f s", csv.lastPathComponent, seconds))
}

if !(options.reuse && FileManager.default.fileExists(atPath: database.path)) {
    for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: database.path + suffix)
    }
    let importRun = try ChildProcess.run(gangwan, ["station", "import", csv.path, "--db", database.path])
    guard importRun.status == 0 else { fatalError("import failed: \(importRun.stderr)") }
    let csvSize = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0
    print(String(format: "import: %.2f s for %d rows (%.0f MB CSV), peak memory %.0f MB   [target ≤ 14 s, ≤ 500 MB]",
                 importRun.seconds, options.stations, Double(csvSize) / 1e6, Double(importRun.peakKilobytes) / 1024))
}

try PageCache.warm(database.path)
let db = try GangwanDatabase.open(path: database.path)
var random = SeededGenerator(seed: 2026)
let origins = (0..<options.queries).map { _ in SyntheticStations.randomOrigin(using: &random) }

_ = try origins.prefix(200).map { try db.nearestStations(NearQuery(origin: $0, limit: 10)) }
var indexed: [Double] = []
var returned = 0
for origin in origins {
    let start = Timer.now()
    returned += try db.nearestStations(NearQuery(origin: origin, limit: 10)).count
    indexed.append(Timer.now() - start)
}
print(String(format: "near k=10 in-process (R*Tree best-first): median %.1f µs, p99 %.1f µs over %d queries, %.1f results each   [target median ≤ 50 µs, p99 ≤ 500 µs]",
             Stats.percentile(indexed, 50) * 1e6, Stats.percentile(indexed, 99) * 1e6, indexed.count, Double(returned) / Double(indexed.count)))

var filtered: [Double] = []
let weekdayEvening = ShanghaiTime.instant(from: "2026-11-24T19:30:00+08:00")!
for origin in origins {
    let query = NearQuery(origin: origin, limit: 10, services: ServiceSet([.hotMeal, .ebikeCharging]), openAt: weekdayEvening)
    let start = Timer.now()
    _ = try db.nearestStations(query)
    filtered.append(Timer.now() - start)
}
print(String(format: "near k=10 with --service hot-meal --service ebike-charging --open-at: median %.1f µs, p99 %.1f µs",
             Stats.percentile(filtered, 50) * 1e6, Stats.percentile(filtered, 99) * 1e6))

let scanDatabase = try DatabaseQueue(path: database.path)
var scans: [Double] = []
for origin in origins.prefix(options.scanQueries) {
    let start = Timer.now()
    _ = try FullScan.nearest(scanDatabase, origin: origin, limit: 10)
    scans.append(Timer.now() - start)
}
print(String(format: "full-scan baseline (every row, haversine, top 10): median %.1f ms over %d queries",
             Stats.percentile(scans, 50) * 1e3, scans.count))

var processes: [Double] = []
for origin in origins.prefix(options.processRuns) {
    let run = try ChildProcess.run(gangwan, [
        "station", "near", "--db", database.path, "--lat", "\(origin.latitude)", "--lon", "\(origin.longitude)", "--limit", "10", "--json",
    ])
    guard run.status == 0 else { fatalError("near failed: \(run.stderr)") }
    processes.append(run.seconds)
}
print(String(format: "gangwan station near as a whole process: median %.1f ms, p99 %.1f ms over %d runs   [target median ≤ 30 ms]",
             Stats.percentile(processes, 50) * 1e3, Stats.percentile(processes, 99) * 1e3, processes.count))
