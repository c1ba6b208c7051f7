import Foundation

/// The benchmark's few knobs, from `--name value` pairs.
struct BenchOptions {
    var stations = 1_000_000
    var queries = 10_000
    var scanQueries = 20
    var processRuns = 50
    var work = "bench-data"
    /// Keep an already imported database and skip the import measurement (for profiling the locator).
    var reuse = false
}

extension BenchOptions {
    init(_ arguments: ArraySlice<String>) {
        self.init()
        let usage = """
            --stations N (\(stations)) --queries Q (\(queries)) --scan-queries Q (\(scanQueries)) --process-runs R (\(processRuns)) \
            --work DIR (\(work)) --reuse yes; or a benchmark first: casework, hub-near, sync
            """
        OptionPairs.read(arguments, command: "gangwan-bench", usage: usage) { name, value in
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
    /// Hands each pair to `apply`, which answers `false` for a name it does not know. `--help`
    /// prints the usage and exits; a mistake says what is wrong and exits 64 (usage).
    static func read(_ arguments: ArraySlice<String>, command: String, usage: String, _ apply: (String, String) -> Bool) {
        if arguments.contains("--help") || arguments.contains("-h") {
            print("usage: \(command) \(usage)")
            exit(0)
        }
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard let value = iterator.next() else { fail("\(name) needs a value", command: command, usage: usage) }
            guard apply(name, value) else { fail("unknown option \(name)", command: command, usage: usage) }
        }
    }

    /// A whole number of at least 0, or the run stops naming the option.
    static func count(_ value: String, _ name: String) -> Int {
        guard let number = Int(value), number >= 0 else {
            FileHandle.standardError.write(Data("gangwan-bench: \(name) needs a whole number, not \(value)\n".utf8))
            exit(64)
        }
        return number
    }

    private static func fail(_ message: String, command: String, usage: String) -> Never {
        FileHandle.standardError.write(Data("\(command): \(message)\nusage: \(command) \(usage)\n".utf8))
        exit(64)
    }
}
