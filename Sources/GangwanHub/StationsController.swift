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
    ///
    /// The bytes are those `JSONResponse`'s encoder would write, but ``StationJSONWriter`` writes
    /// them at half the hub's CPU per request: this is the hub's busiest, public endpoint.
    @Sendable func near(_ request: Request, context: HubRequestContext) async throws -> Response {
        let near = try NearRequest(request.uri.queryParameters, now: Date())
        let found = try await store.nearestStations(near.query)
        let regions = store.regions
        return JSONResponse.make(json: try StationJSONWriter.encode(found.map { StationJSON($0, crs: near.crs, regions: regions) }))
    }
}
