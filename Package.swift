// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Gangwan",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GangwanKit", targets: ["GangwanKit"]),
        .executable(name: "gangwan", targets: ["gangwan"]),
        .executable(name: "gangwan-bench", targets: ["gangwan-bench"]),
        .executable(name: "gangwan-hub", targets: ["gangwan-hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // For its HTTP parser's error type only: the hub answers a malformed request 400, not 500.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Without its default traits Hummingbird skips swift-configuration, which the hub doesn't use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .target(
            name: "GangwanKit",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                "CZlib",
            ],
            resources: [.copy("Resources/regions.csv"), .copy("Resources/holidays-cn.csv")]
        ),
        // zlib, for the gzip bodies of sync requests, on both ends.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libcurl, used directly: typed wrappers around its calls live in the shim header, which
        // loads the library on first use (not linked, so other commands start without it).
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "GangwanSync",
            dependencies: ["GangwanKit", "CCurl"]
        ),
        .target(
            name: "GangwanHub",
            dependencies: [
                "GangwanKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "gangwan",
            dependencies: [
                "GangwanKit",
                "GangwanSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "gangwan-hub",
            dependencies: [
                "GangwanHub",
                "GangwanKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "gangwan-bench",
            dependencies: ["GangwanKit", "GangwanSync", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "GangwanKitTests",
            dependencies: ["GangwanKit"]
        ),
        .testTarget(
            name: "GangwanSyncTests",
            dependencies: ["GangwanSync", "GangwanKit", "gangwan", "gangwan-hub"]
        ),
        .testTarget(
            name: "GangwanHubTests",
            dependencies: [
                "GangwanHub", "GangwanKit", "gangwan-hub",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "GangwanCLITests",
            dependencies: ["GangwanKit", "gangwan", "gangwan-hub"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
