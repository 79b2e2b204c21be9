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
        .library(name: "FwdPolicy", targets: ["FwdPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        /// The rule model: tables, chains, rules, matches, targets, validation. Standard library only.
        .target(name: "FwdModel", swiftSettings: strict),

        /// Zones, services and zone policies, expanded into ordinary rules of the model (pure).
        .target(name: "FwdPolicy", dependencies: ["FwdModel"], swiftSettings: strict),

        /// libyaml's C API (package libyaml-dev), used only inside FwdConfig.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        /// The YAML config loader: one streaming pass over libyaml's events into the model, with
        /// defines, templates, includes and file:line:column diagnostics; and the canonical printer.
        .target(
            name: "FwdConfig",
            dependencies: ["FwdModel", "FwdPolicy", "CYAML", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        /// Loads a config and prints time and counts, and writes the same rules as nft text and
        /// iptables-restore scripts: the driver of bench/config-load.sh.
        .executableTarget(
            name: "fwd-config-bench",
            dependencies: ["FwdConfig", "FwdModel", "FwdNftables", "FwdIptables"],
            swiftSettings: strict
        ),

        /// Commits a large named set over netlink, or prints it as nft text: the driver of bench/sets.sh.
        .executableTarget(
            name: "fwd-sets-bench", dependencies: ["FwdModel", "FwdNftables", "FwdNetlink"], swiftSettings: strict),

        /// Model → iptables-restore text, and loading it with iptables-restore/ip6tables-restore.
        .target(
            name: "FwdIptables",
            dependencies: [
                "FwdModel",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),

        /// Model → nftables objects and expressions (pure Swift, no kernel), and nft text.
        .target(name: "FwdNftables", dependencies: ["FwdModel"], swiftSettings: strict),

        /// The daemon and safe commits: backend/source protocols, the commit lock, commit-confirmed,
        /// the lockout guard, the control socket, sd_notify and journald logging.
        .target(
            name: "FwdDaemon",
            dependencies: [
                "FwdModel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),

        /// The C layer: a module map over libmnl, libnftnl and the netfilter headers, plus the few
        /// fwd_ shims Swift cannot call directly. Only FwdNetlink imports it; never a product.
        .target(
            name: "CLibMnl",
            path: "CLibMnl",
            linkerSettings: [.linkedLibrary("nftnl"), .linkedLibrary("mnl")]
        ),

        /// NftRuleset → one atomic nfnetlink batch through libnftnl; reads back fwd's own tables.
        .target(
            name: "FwdNetlink",
            dependencies: ["FwdNftables", "FwdModel", "CLibMnl", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),

        /// The adapters between the daemon's protocols and the rest: the iptables and nftables
        /// backends, the backend choice (auto picks nftables when it answers), the config source.
        .target(
            name: "FwdBackends",
            dependencies: ["FwdModel", "FwdConfig", "FwdDaemon", "FwdIptables", "FwdNftables", "FwdNetlink"],
            swiftSettings: strict
        ),

        /// Namespaces, veth pairs, packet probes and golden files shared by the test targets.
        .target(
            name: "FwdTestKit",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict
        ),

        /// Bounded TCP/UDP probes the kernel tests run inside network namespaces (`ip netns exec`).
        .executableTarget(
            name: "fwd-probe",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),

        /// The command-line interface: one file per subcommand.
        .executableTarget(
            name: "fwd",
            dependencies: [
                "FwdModel", "FwdConfig", "FwdIptables", "FwdNftables", "FwdDaemon", "FwdBackends",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "FwdModelTests", dependencies: ["FwdModel"]),
        .testTarget(name: "FwdPolicyTests", dependencies: ["FwdPolicy", "FwdModel", "FwdIptables", "FwdTestKit"], exclude: ["Golden"]),
        .testTarget(name: "FwdConfigTests", dependencies: ["FwdConfig", "FwdModel"], exclude: ["Golden"]),
        .testTarget(
            name: "FwdIptablesTests",
            dependencies: ["FwdIptables", "FwdModel", "FwdTestKit"],
            exclude: ["Golden"]  // read from the source tree by FwdTestKit's assertGolden
        ),
        .testTarget(name: "FwdDaemonTests", dependencies: ["FwdDaemon", "FwdModel", "FwdTestKit"]),
        .testTarget(
            name: "FwdNftablesTests",
            dependencies: [
                "FwdNftables", "FwdModel", .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "FwdNetlinkTests",
            dependencies: ["FwdNetlink", "FwdNftables", "FwdModel"]
        ),
        .testTarget(name: "FwdCLITests", dependencies: ["FwdTestKit"]),
        .testTarget(
            name: "FwdBackendsTests",
            dependencies: ["FwdBackends", "FwdConfig", "FwdDaemon", "FwdIptables", "FwdModel", "FwdNetlink", "FwdTestKit"]
        ),
        .testTarget(
            name: "FwdKernelTests",
            dependencies: ["FwdIptables", "FwdModel", "FwdNftables", "FwdNetlink", "FwdTestKit", "FwdConfig"]
        ),
    ]
)
