import Hummingbird
import Logging

/// Builds the hub's HTTP application over `store`, for `gangwan-hub serve` and for tests alike.
///
/// Run it with `runService()` (stops gracefully on SIGTERM and SIGINT, letting requests in flight
/// finish) or, inside a test's own service group or task, with `run()`. `onListening` is called once
/// the socket is bound, with the actual port when `configuration.port` is 0.
public func buildApplication(
    store: some HubStore,
    configuration: HubServerConfiguration,
    logger: Logger,
    onListening: @escaping @Sendable (HubAddress) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(store: store),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            await onListening(HubAddress(host: configuration.host, port: port))
        },
        logger: logger)
}

/// The hub's routes: the public locator and liveness check, and the token-protected changes feed.
func buildRouter(store: some HubStore) -> Router<HubRequestContext> {
    let router = Router(context: HubRequestContext.self)
    // Added first, so it wraps every route and the 404 of an unknown path.
    router.add(middleware: RequestLogMiddleware())
    router.get("healthz") { _, _ in "ok" }
    StationsController(store: store).addRoutes(to: router.group("v1/stations"))
    ChangesController(store: store).addRoutes(to: router.group("v1/changes").add(middleware: BearerAuthMiddleware(store: store)))
    return router
}
