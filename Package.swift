// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "TappPlusTerminal",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TappDomain", targets: ["TappDomain"]),
        .library(name: "TappStore", targets: ["TappStore"]),
        .executable(name: "tapp", targets: ["tapp"]),
        .executable(name: "tappplus-server", targets: ["tappplus-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // jwt-kit 5.7+ needs swift-crypto 4; TappDomain and HummingbirdBcrypt work with either.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Pure domain: types, validation, rules. No I/O.
        .target(
            name: "TappDomain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // The local SQLite store (GRDB).
        .target(
            name: "TappStore",
            dependencies: [
                "TappDomain", "TappAPI", "TappNotify", "CTappSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        // SQLite's process-wide settings, made through its C API (sqlite3_config is variadic).
        .target(name: "CTappSQLite", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The screens as a pure model: state + key → state, state → grid (issue 3).
        .target(name: "TappTUI", dependencies: ["TappDomain", "TappStore"], swiftSettings: strict),
        // ncursesw behind a small C face: Swift never touches its globals.
        .target(name: "CTappCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The terminal backend: draws grids through ncurses, reads keys, runs the app.
        .target(name: "TappTerminal", dependencies: ["TappDomain", "TappTUI", "CTappCurses"], swiftSettings: strict),
        .executableTarget(
            name: "tapp",
            dependencies: [
                "TappDomain", "TappStore", "TappNotify", "TappSync", "TappTUI", "TappTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The REST API v1 contract as Codable types, shared by the sync client and the server (issue 15). No I/O.
        .target(name: "TappAPI", dependencies: ["TappDomain"], swiftSettings: strict),
        // Sync with a TappPlus server: sign-in, push of the queue, pull of the server's changes.
        .target(
            name: "TappSync",
            dependencies: [
                "TappDomain", "TappStore", "TappAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        // Reminder delivery: the outbox file and command providers, shared by the server's worker and tapp.
        .target(name: "TappNotify", dependencies: ["TappDomain"], swiftSettings: strict),
        // The TappPlus REST API v1 (issue 4): storage, auth, routes.
        .target(
            name: "TappServer",
            dependencies: [
                "TappDomain", "TappNotify", "TappAPI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "tappplus-server",
            dependencies: [
                "TappServer", "TappNotify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict,
            // mimalloc (Debian's libmimalloc-dev) instead of glibc's malloc: a server's small allocations from two
            // threads at once; the people list 8-10% faster (docs/performance.md).
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),
        // Speed measurements; results in docs/performance.md.
        .executableTarget(
            name: "tapp-bench",
            dependencies: [
                "TappDomain", "TappStore", "TappTUI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // Temporary clinics on real SQLite files, for the tests.
        .target(
            name: "TappTestSupport",
            dependencies: ["TappStore", "TappDomain", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/Support",
            swiftSettings: strict
        ),
        .testTarget(name: "TappDomainTests", dependencies: ["TappDomain"], swiftSettings: strict),
        .testTarget(
            name: "TappStoreTests",
            dependencies: ["TappStore", "TappDomain", "TappTestSupport", "TappNotify", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TappTUITests",
            dependencies: ["TappTUI", "TappStore", "TappDomain", "TappTestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TappServerTests",
            dependencies: ["tappplus-server", "TappServer", "TappAPI", "TappTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "JWTKit", package: "jwt-kit")],
            exclude: ["DocsPage"],
            swiftSettings: strict
        ),
        .testTarget(name: "TappAPITests", dependencies: ["TappAPI", "TappDomain"], swiftSettings: strict),
        .testTarget(name: "TappSyncTests", dependencies: ["TappSync", "TappAPI", "TappDomain", "TappStore", "TappTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TappCLITests",
            dependencies: ["tapp", "tappplus-server", "TappStore", "TappDomain", "TappTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
