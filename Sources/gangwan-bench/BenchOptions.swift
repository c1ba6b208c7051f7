/// The benchmark's few knobs, from `--name value` pairs.
struct BenchOptions {
    var stations = 1_000_000
    var queries = 10_000
    var scanQueries = 20
    var processRuns = 50
    var work = "bench-data"
    /// Keep an already imported database and skip the import measurement (for profiling the locator).
    var reuse = false

    init(_ arguments: ArraySlice<String>) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { fatalError("\(name) needs a value") }
            switch name {
            case "--stations": stations = Int(value) ?? stations
            case "--queries": queries = Int(value) ?? queries
            case "--scan-queries": scanQueries = Int(value) ?? scanQueries
            case "--process-runs": processRuns = Int(value) ?? processRuns
            case "--work": work = value
            case "--reuse": reuse = value == "yes"
            default: fatalError("unknown option \(name); use --stations --queries --scan-queries --process-runs --work --reuse yes")
            }
        }
    }
}
