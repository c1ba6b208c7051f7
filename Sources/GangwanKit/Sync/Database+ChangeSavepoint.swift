import GRDB

extension Database {
    /// Runs `body`, which merges one change, in a savepoint that `.rollback` (or an error) undoes,
    /// inside the caller's transaction.
    ///
    /// As GRDB's `inSavepoint`, but its three statements are prepared once per connection: a page of
    /// 5,000 changes parsed them 15,000 times, a twentieth of the hub's time per pushed batch.
    func inChangeSavepoint(_ body: () throws -> TransactionCompletion) throws {
        precondition(isInsideTransaction, "a change is merged inside the page's or batch's transaction")
        try cachedStatement(sql: "SAVEPOINT change").execute()
        let completion: TransactionCompletion
        do {
            completion = try body()
        } catch {
            try? rollBackChange()
            throw error
        }
        if completion == .rollback {
            try rollBackChange()
        } else {
            try cachedStatement(sql: "RELEASE SAVEPOINT change").execute()
        }
    }

    private func rollBackChange() throws {
        try cachedStatement(sql: "ROLLBACK TO SAVEPOINT change").execute()
        try cachedStatement(sql: "RELEASE SAVEPOINT change").execute()
    }
}
