import Foundation

/// A one-line progress counter on standard error, only when a person is watching a terminal.
struct Progress {
    private let label: String

    /// A progress line if standard error is a terminal, else `nil` (cron stays quiet).
    static func onTerminal(label: String) -> Progress? {
        isatty(STDERR_FILENO) == 1 ? Progress(label: label) : nil
    }

    /// Shows the count so far.
    func update(_ count: Int) {
        FileHandle.standardError.write(Data("\r\(count) \(label)…".utf8))
    }

    /// Ends the line.
    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
