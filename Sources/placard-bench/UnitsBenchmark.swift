import Foundation

/// The goals of the issue for organisation data: 100,000 units built in under
/// 60 s with peak memory under 1 GB.
enum UnitGoals {
    static let units = 100_000
    static let seconds = 60.0
    static let peakMegabytes = 1024.0
}

extension Benchmark {
    /// `--units N`: generates the organisation site and times `placard build` on it (no Hugo).
    func measure(units: Int, work: URL, placard: Command) throws {
        let site = OrganisationSite(units: units)
        let root = work.appendingPathComponent("units-\(site.unitCount)")
        setAside.move(root)
        let clock = ContinuousClock()
        let started = clock.now
        let summary = try site.write(to: root.appendingPathComponent("placard"))
        print("")
        print("== \(site.unitCount) units: 1 county, \(site.townships) townships, \(site.townships * OrganisationSite.villagesPerTownship) villages ==")
        print(String(format: "generated in %.2f s: %.1f MB of data and narratives, %d commitments",
                     seconds(clock.now - started), Double(summary.dataBytes) / 1_048_576, summary.commitments))
        print("load average before timing: \(Machine.loadAverage)")
        fflush(nil)
        if arguments.generateOnly { return }

        let output = root.appendingPathComponent("placard-out").path
        let tool = Tool(name: "placard", executable: placard.executable,
                        arguments: placard.arguments(site: root.appendingPathComponent("placard").path, output: output), output: output)
        let (runs, _) = try time([tool], logs: root)
        if let measured = runs["placard"], !measured.isEmpty {
            let result = ToolResult(tool: "placard", pages: site.unitCount, runs: measured, outputPages: countPages(in: output))
            let m = result.median
            print("")
            print(pad("units", 8, right: true) + pad("seconds", 10, right: true) + pad("units/s", 10, right: true)
                  + pad("pages/s", 10, right: true) + pad("peak MB", 10, right: true) + pad("user s", 9, right: true) + pad("system s", 10, right: true)
                  + pad("HTML files", 12, right: true))
            print(pad("\(site.unitCount)", 8, right: true) + pad(String(format: "%.3f", m.seconds), 10, right: true)
                  + pad(String(format: "%.0f", result.pagesPerSecond), 10, right: true)
                  + pad(String(format: "%.0f", Double(result.outputPages) / m.seconds), 10, right: true)
                  + pad(String(format: "%.1f", m.peakMegabytes), 10, right: true)
                  + pad(String(format: "%.2f", m.userSeconds), 9, right: true)
                  + pad(String(format: "%.2f", m.systemSeconds), 10, right: true)
                  + pad("\(result.outputPages)", 12, right: true))
            if site.unitCount >= UnitGoals.units {
                let time = m.seconds < UnitGoals.seconds ? "met" : String(format: "MISSED, %.1fx the goal", m.seconds / UnitGoals.seconds)
                let memory = m.peakMegabytes < UnitGoals.peakMegabytes
                    ? "met" : String(format: "MISSED, %.1fx the goal", m.peakMegabytes / UnitGoals.peakMegabytes)
                print("goals at \(UnitGoals.units) units: time < \(Int(UnitGoals.seconds)) s: \(time); "
                      + "peak memory < \(Int(UnitGoals.peakMegabytes)) MB: \(memory)")
            }
        }
        fflush(nil)
        if !arguments.keep { setAside.move(root) }
    }
}
