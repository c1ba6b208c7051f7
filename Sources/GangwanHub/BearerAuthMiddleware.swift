import Hummingbird

/// Lets a request through only with `Authorization: Bearer TOKEN` for a known, unrevoked token,
/// and puts the token's node in the context.
struct BearerAuthMiddleware<Store: HubStore>: RouterMiddleware {
    typealias Context = HubRequestContext

    let store: Store

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let token = Self.bearerToken(request.headers[.authorization]),
              let node = try await store.node(forToken: token)
        else { throw HubHTTPError.unauthorized() }
        var context = context
        context.node = node
        context.logFields.node = node.name
        return try await next(request, context)
    }

    /// The token of a `Bearer` credential; the scheme is case-insensitive (RFC 9110).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
