// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "sealpost",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sealpost", targets: ["sealpost"]),
        .library(name: "SealpostCore", targets: ["SealpostCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .target(name: "SealpostCore", dependencies: ["SealpostSodium"]),
        // Safeguarding records: strict JSON, the record model and its validation.
        .target(name: "SealpostRecord"),
        // The signed data-sharing agreement: parties, roles, purposes, fields, signatures.
        .target(name: "SealpostAgreement", dependencies: ["SealpostCore", "SealpostSodium", "SealpostRecord"]),
        // Third-party identity redaction over free text and structured fields.
        .target(name: "SealpostRedaction"),
        // Preparing a record to leave the sender: minimisation by the agreement, then redaction.
        .target(name: "SealpostSharing", dependencies: ["SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostAgreement", "SealpostRedaction"]),
        // The `sealpost` commands, as a library so tests can call them.
        .target(
            name: "SealpostCLI",
            dependencies: [
                "SealpostCore", "SealpostSodium", "SealpostRecord", "SealpostAgreement", "SealpostRedaction", "SealpostSharing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "sealpost", dependencies: ["SealpostCLI"]),
        // Regenerates spec/vectors/ with injected, seeded randomness.
        .executableTarget(name: "sealpost-vectors", dependencies: ["SealpostCore", "SealpostSodium"]),
        .testTarget(
            name: "SealpostSodiumTests",
            dependencies: ["SealpostSodium"],
            resources: [.copy("Wycheproof")]
        ),
        .testTarget(name: "SealpostCoreTests", dependencies: ["SealpostCore", "SealpostSodium"]),
        .testTarget(name: "SealpostCLITests", dependencies: ["SealpostCore", "SealpostSodium"]),
        .testTarget(name: "SealpostRecordTests", dependencies: ["SealpostRecord"]),
        .testTarget(name: "SealpostSharingTests", dependencies: ["SealpostSharing", "SealpostRecord", "SealpostAgreement", "SealpostRedaction", "SealpostCore", "SealpostSodium"]),
        .testTarget(name: "SealpostAgreementTests", dependencies: ["SealpostAgreement", "SealpostCore", "SealpostSodium", "SealpostRecord"]),
        .testTarget(name: "SealpostRedactionTests", dependencies: ["SealpostRedaction"], resources: [.copy("Corpus")]),
    ],
    swiftLanguageModes: [.v6]
)
