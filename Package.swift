// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Gangwan",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "GangwanKit", targets: ["GangwanKit"]),
        .executable(name: "gangwan", targets: ["gangwan"]),
        .executable(name: "gangwan-bench", targets: ["gangwan-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "GangwanKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/regions.csv"), .copy("Resources/holidays-cn.csv")]
        ),
        .executableTarget(
            name: "gangwan",
            dependencies: [
                "GangwanKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gangwan-bench",
            dependencies: ["GangwanKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "GangwanKitTests",
            dependencies: ["GangwanKit"]
        ),
        .testTarget(
            name: "GangwanCLITests",
            dependencies: ["GangwanKit", "gangwan"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
