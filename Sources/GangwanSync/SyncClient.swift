import Foundation
import GangwanKit

/// What one sync did.
public struct SyncSummary: Sendable, Equatable {
    /// Changes the hub took (applied, or kept as conflict losers).
    public var pushed = 0
    /// Changes the hub refused, now in quarantine.
    public var rejected = 0
    /// Changes pulled from the hub.
    public var pulled = 0
    /// Same-field edits found while merging pulled changes.
    public var conflicts = 0
    /// Requests sent.
    public var requests = 0

    public init() {}
}

/// Pushes this office's outbox to the hub and pulls the hub's feed, over one HTTP client.
///
/// Each batch is stored before its first attempt and each pulled page is committed with its cursor,
/// so a run stopped at any point (network, deadline, `kill -9`) loses nothing and the next run
/// resumes where it stopped.
public struct SyncClient {
    let database: GangwanDatabase
    let key: PersonalDataKey
    let endpoint: Endpoint
    let token: String
    let client: RetryingClient
    /// Changes per pushed batch and per pulled page.
    let pageSize: Int
    /// Called with the running totals as batches and pages complete.
    let progress: ((SyncSummary) -> Void)?

    public init(
        database: GangwanDatabase, key: PersonalDataKey, endpoint: Endpoint, token: String, client: RetryingClient,
        pageSize: Int = PullPage.largestPage, progress: ((SyncSummary) -> Void)? = nil
    ) {
        self.database = database
        self.key = key
        self.endpoint = endpoint
        self.token = token
        self.client = client
        self.pageSize = pageSize
        self.progress = progress
    }

    /// Pushes everything waiting, then pulls until the hub has nothing more, all before `deadline`.
    ///
    /// Notes the outcome for `sync status`: the time of a success, or when and why a run stopped
    /// (``SyncError`` messages hold no token and no personal data).
    public func run(deadline: ContinuousClock.Instant) throws -> SyncSummary {
        var summary = SyncSummary()
        do {
            try push(deadline: deadline, summary: &summary)
            try pull(deadline: deadline, summary: &summary)
        } catch let error as SyncError {
            try? database.recordSyncFailure(error.localizedDescription)
            throw error
        }
        try database.recordSyncSuccess(endpoint: endpoint.baseURL)
        return summary
    }

    /// Sends the outbox batch by batch, oldest first; each batch leaves the outbox only when its
    /// answer is stored.
    ///
    /// While a batch is with the hub, the next one is made and stored here; it goes out as soon as
    /// the answer comes, and the answer is stored while it travels. So this office and the hub work
    /// at the same time, and the hub still gets each batch only after answering the one before.
    ///
    /// A batch refused as too large (HTTP 413, from the hub or a proxy before it, such as nginx's
    /// 1 MB default) was applied nowhere: it is sent again as batches half its size. A single
    /// change refused so stops the run, kept: no change is that large, so the limit is wrong.
    public func push(deadline: ContinuousClock.Instant, summary: inout SyncSummary) throws {
        var limit = pageSize
        var batch = try database.nextPushBatch(limit: limit, key: key)
        var sending = batch.map { startPush($0, deadline: deadline) }
        // On an error, the batch on its way is waited for: the HTTP client is then free again.
        defer { _ = try? sending?.wait() }
        while let current = batch, let job = sending {
            sending = nil
            let following = Result { try database.pushBatch(after: current, limit: limit, key: key) }
            let body: Data
            do {
                body = try job.wait()
            } catch SyncError.hubRefused(status: 413, let message) {
                summary.requests += 1
                // One change refused as too large: no change can be (fields are bounded, a change
                // is a few kilobytes at most), so whatever refuses every body must be set right.
                guard current.count > 1 else {
                    throw SyncError.hubRefused(status: 413, message: message + Language.current.pick(
                        "; even a request of one change (\(current.body.count) bytes) was refused: raise the size limit of the proxy before the hub",
                        "；连只含一条变更的请求（\(current.body.count) 字节）也被拒绝：请调高中心服务器前代理的大小限制"))
                }
                try database.returnStoredBatchesToOutbox()
                limit = max(1, current.count / 2)
                batch = try database.nextPushBatch(limit: limit, key: key)
                sending = batch.map { startPush($0, deadline: deadline) }
                continue
            }
            summary.requests += 1
            let answer = try Self.read(body) { try PushAnswer(json: $0) }
            batch = (try? following.get()) ?? nil
            sending = batch.map { startPush($0, deadline: deadline) }
            let tally = try database.acknowledge(current, answer: answer, key: key)
            summary.pushed += tally.applied + tally.superseded
            summary.rejected += tally.rejected
            progress?(summary)
            // Storing the next batch failed (the database busy, the disk full): said only now, so
            // that the answer in hand was stored first.
            if case .failure(let error) = following { throw error }
        }
    }

    /// Starts sending a stored batch; the client is the send's until `wait()` returns.
    private func startPush(_ batch: PushRequest, deadline: ContinuousClock.Instant) -> BackgroundJob<Data> {
        let request = pushRequest(batch)
        nonisolated(unsafe) let sync = self
        return BackgroundJob { try sync.send(request, deadline: deadline) }
    }

    /// Reads the feed page by page; each page is merged and its cursor stored in one transaction.
    ///
    /// The next page is fetched and read on another thread while this one is merged, so the hub
    /// and this office work at the same time; it is only kept once this page is committed.
    ///
    /// A long pull leaves its new stations out of the R*Tree, which is packed once at the end, even
    /// when the pull stops early (a process killed meanwhile leaves it to the next sync).
    public func pull(deadline: ContinuousClock.Instant, summary: inout SyncSummary) throws {
        do {
            try pullPages(deadline: deadline, summary: &summary)
        } catch {
            try? database.finishSpatialIndex()
            throw error
        }
        try database.finishSpatialIndex()
    }

    private func pullPages(deadline: ContinuousClock.Instant, summary: inout SyncSummary) throws {
        var next: BackgroundJob<PreparedPull>? = fetchPage(since: try database.syncCursor(), deadline: deadline)
        // On an error, the page on its way is waited for: the HTTP client is then free again.
        defer { _ = try? next?.wait() }
        while let pending = next {
            next = nil
            let pull = try pending.wait()
            summary.requests += 1
            if pull.page.more { next = fetchPage(since: pull.page.cursor, deadline: deadline) }
            let tally = try database.applyPulled(pull, key: key)
            summary.pulled += tally.received
            summary.conflicts += tally.conflicts
            summary.rejected += tally.rejected
            progress?(summary)
        }
    }

    /// Checks that the hub answers and accepts the token, without changing anything here or there.
    public func check(deadline: ContinuousClock.Instant) throws {
        let body = try send(pullRequest(since: try database.syncCursor(), limit: 1), deadline: deadline)
        _ = try Self.read(body) { try PullPage(json: $0) }
    }

    /// Starts fetching the page after `cursor`, reading it and preparing its new stations. The client
    /// is the fetch's until `wait()` returns: `pull` sends nothing else meanwhile.
    private func fetchPage(since cursor: String?, deadline: ContinuousClock.Instant) -> BackgroundJob<PreparedPull> {
        let request = pullRequest(since: cursor)
        nonisolated(unsafe) let sync = self
        return BackgroundJob {
            let body = try sync.send(request, deadline: deadline)
            return sync.database.prepare(try Self.read(body) { try PullPage(json: $0) }, key: sync.key)
        }
    }

    private func pushRequest(_ batch: PushRequest) -> HTTPRequest {
        HTTPRequest(method: "POST", url: endpoint.url(path: "/v1/changes"), headers: [
            "Authorization": "Bearer \(token)", "Content-Type": "application/json", "Content-Encoding": "gzip",
            "Idempotency-Key": batch.id,
        ], body: batch.body)
    }

    private func pullRequest(since cursor: String?, limit: Int? = nil) -> HTTPRequest {
        var query = [(name: "limit", value: String(limit ?? pageSize))]
        if let cursor { query.append((name: "since", value: cursor)) }
        return HTTPRequest(method: "GET", url: endpoint.url(path: "/v1/changes", query: query), headers: ["Authorization": "Bearer \(token)"])
    }

    /// Sends with retries; the body of a 200 answer, other answers as ``SyncError``.
    private func send(_ request: HTTPRequest, deadline: ContinuousClock.Instant) throws -> Data {
        let response: HTTPResponse
        do {
            response = try client.send(request, deadline: deadline)
        } catch {
            throw SyncError.hubUnavailable(error)
        }
        switch response.status {
        case 200: return response.body
        case 401, 403: throw SyncError.tokenRefused(status: response.status)
        default: throw SyncError.hubRefused(status: response.status, message: Self.message(of: response))
        }
    }

    /// A 200 answer's body read as what it should be.
    private static func read<Answer>(_ body: Data, _ decode: (Data) throws -> Answer) throws -> Answer {
        do {
            return try decode(body)
        } catch {
            throw SyncError.hubRefused(status: 200, message: "the answer is not the expected JSON: \(error)")
        }
    }

    /// The hub's `{"error": "…"}` text, else the start of the body.
    private static func message(of response: HTTPResponse) -> String {
        struct HubError: Decodable { let error: String }
        if let decoded = try? JSONDecoder().decode(HubError.self, from: response.body) { return decoded.error }
        return String(decoding: response.body.prefix(200), as: UTF8.self)
    }
}
