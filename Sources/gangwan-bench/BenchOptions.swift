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
        OptionPairs.read(arguments, usage: "--stations --queries --scan-queries --process-runs --work --reuse yes") { name, value in
            switch name {
            case "--stations": stations = OptionPairs.count(value, name)
            case "--queries": queries = OptionPairs.count(value, name)
            case "--scan-queries": scanQueries = OptionPairs.count(value, name)
            case "--process-runs": processRuns = OptionPairs.count(value, name)
            case "--work": work = value
            case "--reuse": reuse = value == "yes"
            default: return false
            }
            return true
        }
    }
}

/// The benchmarks' `--name value` arguments.
enum OptionPairs {
    /// Hands each pair to `apply`, which answers `false` for a name it does not know.
    static func read(_ arguments: ArraySlice<String>, usage: String, _ apply: (String, String) -> Bool) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { fatalError("\(name) needs a value") }
            guard apply(name, value) else { fatalError("unknown option \(name); use \(usage)") }
        }
    }

    /// A whole number of at least 0, or the run stops naming the option.
    static func count(_ value: String, _ name: String) -> Int {
        guard let number = Int(value), number >= 0 else { fatalError("\(name) needs a whole number, not \(value)") }
        return number
    }
}
