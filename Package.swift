// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "fwd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fwd", targets: ["fwd"]),
        .library(name: "FwdModel", targets: ["FwdModel"]),
        .library(name: "FwdConfig", targets: ["FwdConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        /// The rule model: tables, chains, rules, matches, targets, validation. Standard library only.
        .target(name: "FwdModel", swiftSettings: strict),

        /// libyaml's C API (package libyaml-dev), used only inside FwdConfig.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        /// The YAML config loader: one streaming pass over libyaml's events into the model, with
        /// defines, templates, includes and file:line:column diagnostics; and the canonical printer.
        .target(name: "FwdConfig", dependencies: ["FwdModel", "CYAML"], swiftSettings: strict),

        /// Loads a config and prints time and counts: the driver of bench/config-load.sh.
        .executableTarget(name: "fwd-config-bench", dependencies: ["FwdConfig", "FwdModel"], swiftSettings: strict),

        /// Model → iptables-restore text, and loading it with iptables-restore/ip6tables-restore.
        .target(
            name: "FwdIptables",
            dependencies: ["FwdModel", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),

        /// Model → nftables objects and expressions (pure Swift, no kernel), and nft text.
        .target(name: "FwdNftables", dependencies: ["FwdModel"], swiftSettings: strict),

        /// Namespaces, veth pairs, packet probes and golden files shared by the test targets.
        .target(
            name: "FwdTestKit",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),

        /// The command-line interface: one file per subcommand.
        .executableTarget(
            name: "fwd",
            dependencies: [
                "FwdModel", "FwdIptables",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "FwdModelTests", dependencies: ["FwdModel"]),
        .testTarget(name: "FwdConfigTests", dependencies: ["FwdConfig", "FwdModel"], exclude: ["Golden"]),
        .testTarget(
            name: "FwdIptablesTests",
            dependencies: ["FwdIptables", "FwdModel", "FwdTestKit"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "FwdKernelTests",
            dependencies: ["FwdIptables", "FwdModel", "FwdTestKit"]
        ),
    ]
)
