import Hummingbird

/// What the hub knows about a request while handling it: the node its token belongs to.
struct HubRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The authenticated node; set by ``BearerAuthMiddleware`` on the routes that need a token.
    var node: HubNode?
    /// Shared by every copy of the context, so the request log (outermost) learns the node that
    /// authentication (further in) found.
    let logFields = RequestLogFields()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The authenticated node; only routes behind ``BearerAuthMiddleware`` call this.
    func authenticatedNode() throws -> HubNode {
        guard let node else { throw HubHTTPError.unauthorized() }
        return node
    }
}
