import Foundation

/// An administrative division from GB/T 2260: a province, prefecture or county.
public struct Region: Codable, Sendable, Hashable {
    /// How high a division stands.
    public enum Level: String, Codable, Sendable {
        case province, prefecture, county
    }

    /// The 6-digit code, e.g. `630103`.
    public var code: String
    /// The Chinese name, e.g. `城中区`.
    public var name: String
    /// Province, prefecture or county.
    public var level: Level
    /// The code of the division above, `nil` for the province.
    public var parent: String?
}
