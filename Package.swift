// swift-tools-version: 6.0
import PackageDescription

// One library module per stage; each imports only the stages below it:
//   PlacardDiagnostics  <- PlacardContent, PlacardMarkdown, PlacardTemplates
//   PlacardContent <- PlacardFigures (computed figures: rates, totals, ranks, rules)
//   PlacardSite (the pipeline) <- PlacardServe (placard serve: HTTP, watching, reload)
//   PlacardSite, PlacardServe <- PlacardCLI <- placard (executable)
let package = Package(
    name: "Placard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "placard", targets: ["placard"]),
        .executable(name: "placard-bench", targets: ["placard-bench"]),
        .executable(name: "placard-fuzz", targets: ["placard-fuzz"]),
        .library(name: "PlacardSite", targets: ["PlacardSite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already a dependency of Hummingbird; named here to give its server a silent logger.
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
        // Also Hummingbird's own; named for placard serve's HTTP/1 channel, which closes
        // HTTP/1.0 connections after their response (PlacardServe/ServeChannel.swift).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Workbooks (.xlsx) as datasets: a workbook is a ZIP of XML parts (PlacardContent/Workbook*.swift).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The one system call Glibc's Swift module does not show (renameat2).
        .target(name: "CSystemCalls"),
        .target(name: "PlacardDiagnostics"),
        .target(
            name: "PlacardContent",
            dependencies: [
                "PlacardDiagnostics", .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(name: "PlacardFigures", dependencies: ["PlacardDiagnostics", "PlacardContent"]),
        .target(name: "PlacardMarkdown", dependencies: ["CCmark", "PlacardDiagnostics"]),
        .executableTarget(name: "EmbedTheme"),
        .plugin(
            name: "EmbedThemePlugin",
            capability: .buildTool(),
            dependencies: ["EmbedTheme"]
        ),
        .target(
            name: "PlacardTemplates",
            dependencies: ["PlacardDiagnostics", .product(name: "Mustache", package: "swift-mustache")],
            plugins: ["EmbedThemePlugin"]
        ),
        .target(
            name: "PlacardSite",
            dependencies: [
                "PlacardDiagnostics", "PlacardContent", "PlacardFigures", "PlacardMarkdown", "PlacardTemplates", "CSystemCalls",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PlacardServe",
            dependencies: [
                "PlacardSite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "PlacardCLI",
            dependencies: [
                "PlacardDiagnostics", "PlacardMarkdown", "PlacardSite", "PlacardServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "placard", dependencies: ["PlacardCLI"]),
        .executableTarget(name: "placard-bench", dependencies: ["PlacardSite"]),
        // libFuzzer targets for the readers and Markdown: scripts/fuzz builds them
        // instrumented in .build-fuzz; a plain build makes a replayer of saved inputs.
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "placard-fuzz",
            dependencies: ["CLibFuzzer", "PlacardSite", "PlacardContent", "PlacardMarkdown", "PlacardTemplates"]
        ),
        .testTarget(
            name: "PlacardContentTests",
            dependencies: ["PlacardContent", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PlacardFiguresTests",
            dependencies: ["PlacardFigures", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "PlacardMarkdownTests", dependencies: ["PlacardMarkdown"]),
        .testTarget(
            name: "PlacardTemplatesTests",
            dependencies: ["PlacardTemplates", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PlacardSiteTests",
            dependencies: [
                "PlacardSite", "PlacardCLI", "PlacardDiagnostics", "PlacardContent",
                .product(name: "PropertyBased", package: "swift-property-based"),
                // To write workbooks with what Excel writes and LibreOffice does not (WorkbookTests).
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Golden", "Fixtures"]
        ),
        .testTarget(name: "PlacardServeTests", dependencies: ["PlacardServe", "PlacardSite"]),
        .testTarget(name: "PlacardBenchTests", dependencies: ["placard-bench"]),
    ]
)
