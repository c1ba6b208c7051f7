import Foundation
import GangwanKit
import Hummingbird

/// The public locator: `GET /v1/stations/near`, no token needed, read-only.
struct StationsController<Store: HubStore> {
    let store: Store

    func addRoutes(to group: RouterGroup<HubRequestContext>) {
        group.get("near", use: near)
    }

    /// The nearest stations as `gangwan station near --json` prints them, positions in the request's `crs`.
    @Sendable func near(_ request: Request, context: HubRequestContext) async throws -> Response {
        let near = try NearRequest(request.uri.queryParameters, now: Date())
        let found = try await store.nearestStations(near.query)
        let regions = store.regions
        return try JSONResponse.make(found.map { StationJSON($0, crs: near.crs, regions: regions) })
    }
}
