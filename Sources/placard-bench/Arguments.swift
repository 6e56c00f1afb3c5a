import Foundation

/// The command line, parsed by hand (swift-argument-parser is not a dependency here).
struct BenchArguments {
    var pageCounts: [Int] = []
    /// `--units N ...`: organisation sites of about N units (see `OrganisationSite`).
    var unitCounts: [Int] = []
    var workDirectory: URL?
    var keep = false
    /// `--generate-only`: write the sites and stop (to build them with --phases or under perf).
    var generateOnly = false
    var hugo = true
    var runs = 1
    var cmark = true
    /// `--phases DIR`: build one site in this process and print the time of each build step.
    var phasesSite: String?
    /// `--rebuild DIR`: time rebuilds after one narrative changes, as `placard serve` does them.
    var rebuildSite: String?
    /// `--wide-csv N`: build a site whose dataset has N columns, each step timed.
    var wideColumns: Int?

    static let usage = """
        USAGE: placard-bench [--pages N ...] [--work DIR] [--keep] [--no-hugo] [--no-cmark] [--runs K] [--generate-only]
               placard-bench --units N ... [--work DIR] [--keep] [--runs K] [--generate-only]
               placard-bench --phases SITE-DIR
               placard-bench --rebuild SITE-DIR
               placard-bench --wide-csv N [--work DIR]

        Generates a synthetic Placard site of N narratives (and the same pages as a
        Hugo site), times `placard build` (and `hugo`, where installed) in child
        processes and prints seconds, pages per second and peak memory (ru_maxrss
        from wait4), with the ratio Hugo time / Placard time.

        OPTIONS:
          --pages N ...   Site sizes in narratives (default: 1000 10000). Repeatable;
                          several numbers may follow one --pages.
          --units N ...   Organisation sites instead (or as well, with --pages): 1 county,
                          N/1000 townships of 999 villages each (100000: 100,001 units),
                          10 commitments, one score and one rating per unit. Placard
                          only (no Hugo); goal: 100,000 units in under 60 s and 1 GB.
          --work DIR      Where the synthetic sites and outputs go
                          (default: $TMPDIR/placard-bench).
          --keep          Keep the generated sites and the last outputs afterwards.
          --generate-only Write the sites into the work folder and stop (implies --keep).
          --no-hugo       Do not build with Hugo even when `hugo` is on the PATH.
          --no-cmark      Skip the raw cmark throughput line.
          --runs K        Timed runs per tool and size, after one warm-up run;
                          the median is reported (default: 1).
          --phases DIR    Build the site in DIR in this process (no output kept) and
                          print how long each step of the pipeline took, then the
                          CPU seconds (all threads) of each part of making pages:
                          content, views, render, files, search documents.
          --rebuild DIR   Build the site in DIR with a build session (as placard serve
                          does), then change one narrative five times and time each
                          rebuild; the file is put back afterwards.
          --wide-csv N    Write a site whose one dataset has N columns and one row
                          (in DIR/wide-csv-N) and build it as --phases does: the
                          CSV reader must stay linear in the width of a header.
          -h, --help      Show this help.

        Each run writes a new output folder. Earlier outputs and work folders are
        moved into DIR/.set-aside and deleted only after the timings: on a file
        system that is slow to reuse inodes just freed (ext4 without a journal),
        deleting them right before a run would time the deletion.

        The `placard` binary is looked for next to this one (build it with
        `swift build -c release --product placard`); without it the bench builds
        in a child copy of itself through the PlacardSite library.
        """

    enum Problem: Error, CustomStringConvertible {
        case message(String)
        var description: String {
            switch self { case .message(let text): return text }
        }
    }

    static func parse(_ arguments: [String]) throws -> BenchArguments? {
        var result = BenchArguments()
        var index = 0
        func value(for option: String) throws -> String {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw Problem.message("\(option) needs a value")
            }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                return nil
            case "--pages", "--units":
                var found = false
                while index + 1 < arguments.count, let count = Int(arguments[index + 1]) {
                    guard count >= 1 else { throw Problem.message("\(argument) needs positive numbers, not \(count)") }
                    if argument == "--pages" { result.pageCounts.append(count) } else { result.unitCounts.append(count) }
                    index += 1
                    found = true
                }
                if !found { throw Problem.message("\(argument) needs at least one number") }
            case "--work":
                result.workDirectory = URL(fileURLWithPath: try value(for: argument))
            case "--keep":
                result.keep = true
            case "--generate-only":
                result.generateOnly = true
                result.keep = true
            case "--no-hugo":
                result.hugo = false
            case "--no-cmark":
                result.cmark = false
            case "--runs":
                let text = try value(for: argument)
                guard let runs = Int(text), runs >= 1 else { throw Problem.message("--runs needs a positive number, not '\(text)'") }
                result.runs = runs
            case "--phases":
                result.phasesSite = try value(for: argument)
            case "--rebuild":
                result.rebuildSite = try value(for: argument)
            case "--wide-csv":
                let text = try value(for: argument)
                guard let columns = Int(text), columns >= 1 else { throw Problem.message("--wide-csv needs a positive number, not '\(text)'") }
                result.wideColumns = columns
            default:
                throw Problem.message("unknown argument '\(argument)' (see --help)")
            }
            index += 1
        }
        if result.pageCounts.isEmpty && result.unitCounts.isEmpty { result.pageCounts = [1000, 10000] }
        return result
    }
}
