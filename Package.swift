// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "sealpost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sealpost", targets: ["sealpost"]),
        .executable(name: "sealpost-relay", targets: ["sealpost-relay"]),
        .library(name: "SealpostCore", targets: ["SealpostCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The only C in Sealpost: libsodium, imported by SealpostSodium alone.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        // Typed Swift over libsodium: keys, boxes, streams, hashes, secret bytes.
        .target(name: "SealpostSodium", dependencies: ["CSodium"]),
        // Envelope v1, identities and key files, identity cards.
        .target(name: "SealpostCore", dependencies: ["SealpostSodium", "SealpostJSON"]),
        // Strict JSON: the RFC 8259 parser, the canonical writer, one strict object reader.
        .target(name: "SealpostJSON"),
        // Safeguarding records: the record model and its validation.
        .target(name: "SealpostRecord", dependencies: ["SealpostJSON"]),
        // The signed data-sharing agreement: parties, roles, purposes, fields, signatures.
        .target(name: "SealpostAgreement", dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON", "SealpostRecord"]),
        // Third-party identity redaction over free text and structured fields.
        .target(name: "SealpostRedaction"),
        // Preparing a record to leave the sender: minimisation by the agreement, then redaction.
        .target(name: "SealpostSharing", dependencies: ["SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostAgreement", "SealpostRedaction"]),
        // The tamper-evident receipt log: signed hash-chained entries, erasable details, checkpoints.
        .target(name: "SealpostLog", dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON"]),
        // What client and relay agree on: signed requests, deposit receipts, the relay's JSON bodies.
        .target(name: "SealpostProtocol", dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON"]),
        // The store-and-forward relay: Hummingbird routes over a mailbox repository (SQLite, or PostgreSQL for several instances).
        .target(
            name: "SealpostRelay",
            dependencies: [
                "SealpostProtocol", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The benchmarks behind `sealpost bench`: envelope, redaction and receipt-log figures beside raw libsodium.
        .target(
            name: "SealpostBenchmarks",
            dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON", "SealpostRedaction", "SealpostLog"]
        ),
        // `sealpost bench web`: the app's page render times over a home built in the run.
        .target(
            name: "SealpostWebBenchmarks",
            dependencies: [
                "SealpostWeb", "SealpostExchange", "SealpostLedger", "SealpostLog", "SealpostAgreement", "SealpostCore", "SealpostSodium",
                "SealpostRecord",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // `sealpost-relay bench`, apart from SealpostBenchmarks so that the client never links the relay.
        .target(
            name: "SealpostRelayBenchmarks",
            dependencies: [
                "SealpostRelay", "SealpostProtocol", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord",
            ]
        ),
        // Receipts and what the log means: each receipt kind's typed facts, evidence, and the
        // readings both faces show (message status, subject history, exports).
        .target(
            name: "SealpostLedger",
            dependencies: ["SealpostLog", "SealpostProtocol", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord"]
        ),
        // The client side of an exchange: the relay client, outbox, inbox, send / open / ack / sync.
        .target(
            name: "SealpostExchange",
            dependencies: [
                "SealpostProtocol", "SealpostSharing", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord",
                "SealpostRedaction", "SealpostLog", "SealpostLedger",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What both executables share: one error printer, one runner for async commands, one passphrase reader.
        .target(
            name: "SealpostCommandLine",
            dependencies: ["SealpostSodium", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The practitioners' web app (`sealpost web`): server-rendered pages over the same libraries.
        .target(
            name: "SealpostWeb",
            dependencies: [
                "SealpostExchange", "SealpostLedger", "SealpostLog", "SealpostAgreement", "SealpostRecord", "SealpostCore", "SealpostSharing",
                "SealpostSodium",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The `sealpost` commands, as a library so tests can call them.
        .target(
            name: "SealpostCLI",
            dependencies: [
                "SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostAgreement", "SealpostRedaction", "SealpostSharing",
                "SealpostExchange", "SealpostLog", "SealpostLedger", "SealpostBenchmarks", "SealpostCommandLine", "SealpostWeb",
                "SealpostWebBenchmarks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sealpost", dependencies: ["SealpostCLI", "SealpostCommandLine"]),
        // The relay's command line: serve and bench.
        .executableTarget(
            name: "sealpost-relay",
            dependencies: [
                "SealpostRelay", "SealpostRelayBenchmarks", "SealpostCore", "SealpostCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets for every reader (Tests/fuzz.sh builds it with -sanitize=fuzzer,address).
        .executableTarget(
            name: "sealpost-fuzz",
            dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON", "SealpostRecord", "SealpostAgreement", "SealpostLog",
                           "SealpostProtocol", "SealpostSharing"]
        ),
        // Regenerates spec/vectors/ with injected, seeded randomness.
        .executableTarget(name: "sealpost-vectors", dependencies: ["SealpostCore", "SealpostSodium", "SealpostJSON", "SealpostProtocol",
                                                            "SealpostLog", "SealpostAgreement", "SealpostRecord", "SealpostLedger"]),
        .testTarget(
            name: "SealpostSodiumTests",
            dependencies: ["SealpostSodium"],
            resources: [.copy("Wycheproof")]
        ),
        .testTarget(name: "SealpostCoreTests", dependencies: ["SealpostVectorFiles", "SealpostCore", "SealpostSodium", "SealpostJSON"]),
        .testTarget(name: "SealpostCLITests", dependencies: ["SealpostCore", "SealpostSodium", "SealpostLog"]),
        .testTarget(name: "SealpostJSONTests", dependencies: ["SealpostJSON"]),
        .testTarget(name: "SealpostRecordTests", dependencies: ["SealpostRecord"]),
        .testTarget(name: "SealpostSharingTests", dependencies: ["SealpostSharing", "SealpostRecord", "SealpostAgreement", "SealpostRedaction", "SealpostCore"]),
        .testTarget(name: "SealpostAgreementTests", dependencies: ["SealpostVectorFiles", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord"]),
        .testTarget(name: "SealpostCommandLineTests", dependencies: ["SealpostCommandLine", "SealpostSodium"]),
        .testTarget(name: "SealpostBenchmarksTests", dependencies: ["SealpostBenchmarks", "SealpostRedaction"]),
        .testTarget(name: "SealpostRedactionTests", dependencies: ["SealpostRedaction", "SealpostRecord", "SealpostSharing"],
                    resources: [.copy("Corpus"), .copy("HeldOut")]),
        .testTarget(name: "SealpostLogTests", dependencies: ["SealpostVectorFiles", "SealpostLog", "SealpostCore", "SealpostSodium", "SealpostJSON"]),
        .testTarget(name: "SealpostProtocolTests", dependencies: ["SealpostVectorFiles", "SealpostProtocol", "SealpostCore", "SealpostSodium", "SealpostJSON"]),
        .testTarget(
            name: "SealpostRelayTests",
            dependencies: [
                "SealpostRelay", "SealpostProtocol", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "SealpostExchangeTests",
            dependencies: [
                "SealpostExchange", "SealpostRelay", "SealpostProtocol", "SealpostAgreement",
                "SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostRedaction", "SealpostLog", "SealpostLedger", "SealpostSharing",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SealpostWebTests",
            dependencies: [
                "SealpostWeb", "SealpostCore", "SealpostSodium", "SealpostExchange", "SealpostRelay", "SealpostAgreement", "SealpostRecord",
                "SealpostLedger", "SealpostLog", "SealpostSharing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SealpostLedgerTests",
            dependencies: ["SealpostLedger", "SealpostLog", "SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord",
                           "SealpostVectorFiles"]
        ),
        // The loader of spec/vectors' field-format sets, shared by the test targets that read them.
        .target(name: "SealpostVectorFiles", path: "Tests/SealpostVectorFiles"),
    ],
    swiftLanguageModes: [.v6]
)
