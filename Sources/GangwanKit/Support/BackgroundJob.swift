import Foundation

/// One job on its own thread while the caller does other work; `wait()` hands back its result.
public final class BackgroundJob<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the job's thread before `done` is signalled, read after it is waited for.
    private var result: Result<Value, any Error>?

    public init(_ job: @escaping () throws -> Value) {
        nonisolated(unsafe) let job = job
        Thread { [self] in
            result = Result(catching: job)
            done.signal()
        }.start()
    }

    /// The job's value or error, once it is done. Called once.
    public func wait() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
