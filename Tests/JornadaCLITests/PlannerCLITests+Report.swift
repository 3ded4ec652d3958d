import Foundation
import Testing

/// More of the planner's workflow end to end (debug build, tiny scenario): the report's technician heat
/// map and route map against series.json, progress on a terminal and off it, `validate --set`, merge of an
/// incomplete shard or into a used folder, an output folder that cannot be created, Ctrl-C during a sweep.
extension PlannerCLITests {
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func theReportDrawsTheUtilisationAndRouteSeriesOfSeriesJSON() throws {
        let a = Self.temp("series-j1"), b = Self.temp("series-j2")
        defer { for d in [a, b] { try? FileManager.default.removeItem(at: d) } }
        for (d, jobs) in [(a, "1"), (b, "2")] {
            let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--days", "7", "--replications", "3", "--jobs", jobs, "--quiet", "--out", d.path])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let seriesA = try Data(contentsOf: a.appendingPathComponent("series.json"))
        #expect(seriesA == (try Data(contentsOf: b.appendingPathComponent("series.json"))), "series.json differs between --jobs 1 and 2")
        let series = try Self.json(a.appendingPathComponent("series.json"))
        let html = try String(contentsOf: a.appendingPathComponent("report.html"), encoding: .utf8)

        // tiny.yaml: 4 field technicians (one row each), Monday-to-Friday shifts; 7 days → 5 shift days each.
        let util = try #require(series["utilisation"] as? [String: Any])
        let rows = try #require(util["rows"] as? [[String: Any]])
        #expect(rows.map { $0["label"] as? String } == ["Aldeia · Campo 1", "Aldeia · Campo 2", "Aldeia · Campo 3", "Aldeia · Campo 4"])
        let values = rows.map { ($0["value"] as? [Any]) ?? [] }
        #expect(values.allSatisfy { $0.count == 7 && $0[5] is NSNull && $0[6] is NSNull })
        #expect(rows.allSatisfy { ($0["shiftMinutes"] as? [Int]) == [540, 540, 540, 540, 540, 0, 0] })
        let booked = values.flatMap { $0 }.compactMap { $0 as? Double }
        #expect(booked.count == 20 && booked.contains { $0 > 0 } && booked.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Self.count("<rect class=\"util\"", in: html) == 20)
        #expect(html.contains("id=\"utilisation\""))

        // The route map: replication 0's first dispatch day after the warm-up, every planned stop once.
        let routes = try #require(series["routes"] as? [String: Any])
        let trucks = try #require(routes["trucks"] as? [[String: Any]])
        let stops = trucks.flatMap { ($0["stops"] as? [[String: Any]]) ?? [] }
        #expect(!stops.isEmpty && stops.count == routes["stops"] as? Int)
        let statuses = ["onTime", "late", "missed", "notServed"]
        #expect(statuses.map { s in stops.filter { $0["status"] as? String == s }.count } == statuses.map { routes[$0] as? Int ?? -1 })
        #expect(Self.count("class=\"stop\"", in: html) == stops.count)
        #expect(Self.count("<polyline class=\"route\"", in: html) == trucks.count)
        let first = stops[0]
        #expect(html.contains("class=\"stop\" data-truck=\"0\" data-stop=\"0\" data-x=\"\(first["x"] as? Double ?? .nan)\" data-y=\"\(first["y"] as? Double ?? .nan)\" data-status=\"\(first["status"] as? String ?? "")\""))
    }

    @Test func theTerminalAndTheReportSuggestTheSameMSER5WarmUp() throws {
        let out = Self.temp("mser")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--replications", "3", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("MSER-5 suggests a warm-up of ") })
        let days = try #require(line.dropFirst("MSER-5 suggests a warm-up of ".count).split(separator: " ").first.flatMap { Int($0) })
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<td style=\"text-align:left\" id=\"mser\" data-days=\"\(days)\">\(days) days"), "the report's suggestion differs from the terminal's (\(days))")
        #expect(line.contains("(now 0; set it with --warm-up)"))
    }

    @Test func progressIsPlainLinesOffATerminalAndABarWithAnETAOnOne() throws {
        let plain = Self.temp("progress-plain"), tty = Self.temp("progress-tty")
        defer { for d in [plain, tty] { try? FileManager.default.removeItem(at: d) } }
        let r = try Tool.run(["run", "Scenarios/tiny.yaml", "--days", "3", "--replications", "3", "--jobs", "1", "--out", plain.path])
        #expect(r.status == 0, "\(r.stderr)")
        for i in 1...3 { #expect(r.stderr.contains("progress: \(i)/3 replications done"), "\(r.stderr)") }
        #expect(r.stderr.contains("ETA") && !r.stderr.contains("\r"))
        // On a terminal (script(1) gives the tool a pseudo-terminal): one bar redrawn in place, with an ETA.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let command = [Tool.binary.path, "run", "Scenarios/tiny.yaml", "--days", "3", "--replications", "3", "--jobs", "1", "--out", tty.path].joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        p.currentDirectoryURL = Tool.packageRoot
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r█"), "no bar redrawn in place: \(text)")
        #expect(text.contains("3/3 replications") && text.contains("ETA"))
        #expect(!text.contains("progress: 1/3"))
    }

    @Test func validateChecksSetOverridesWithASuggestion() throws {
        let typo = try Tool.run(["validate", "Scenarios/tiny.yaml", "--set", "polices.delivery=fifo"])
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("--set: polices.delivery") && typo.stderr.contains("did you mean 'policies'"), "\(typo.stderr)")
        let value = try Tool.run(["validate", "Scenarios/tiny.yaml", "--set", "regions[0].retailers=-3"])
        #expect(value.status != 0)
        #expect(value.stderr.contains("regions[0].retailers"), "\(value.stderr)")
        let plain = try Tool.run(["validate", "Scenarios/tiny.yaml"])
        let set = try Tool.run(["validate", "Scenarios/tiny.yaml", "--set", "policies.delivery=least-slack"])
        #expect(plain.status == 0 && set.status == 0, "\(set.stderr)")
        #expect(plain.stdout != set.stdout, "the override must change the summary (its hash)")
    }

    @Test func mergeRefusesAnIncompleteShardAndAUsedOutputFolder() throws {
        let shards = (0..<2).map { Self.temp("inc-shard\($0)") }, out = Self.temp("inc-out")
        defer { for d in shards + [out] { try? FileManager.default.removeItem(at: d) } }
        let sweep = ["sweep", "Scenarios/tiny.yaml", "--days", "3", "--replications", "2", "--quiet", "--vary", "regions[0].retailers=100,150"]
        for (i, d) in shards.enumerated() { #expect(try Tool.run(sweep + ["--shard", "\(i)/2", "--out", d.path]).status == 0) }
        let units = shards[1].appendingPathComponent("units")
        let unit = try #require(try FileManager.default.contentsOfDirectory(atPath: units.path).sorted().first)
        let saved = try Data(contentsOf: units.appendingPathComponent(unit))
        try FileManager.default.removeItem(at: units.appendingPathComponent(unit))
        let incomplete = try Tool.run(["merge"] + shards.map(\.path) + ["--out", out.path])
        #expect(incomplete.status != 0)
        #expect(incomplete.stderr.contains(unit) && incomplete.stderr.contains("shard 1/2 is incomplete"), "\(incomplete.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        try saved.write(to: units.appendingPathComponent(unit))
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "keep".write(to: out.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let used = try Tool.run(["merge"] + shards.map(\.path) + ["--out", out.path])
        #expect(used.status != 0)
        #expect(used.stderr.contains(out.path) && used.stderr.contains("not empty"), "\(used.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["notes.txt"])
        let merged = try Tool.run(["merge"] + shards.map(\.path) + ["--out", out.appendingPathComponent("merged").path])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("merged/series.json").path))
    }

    @Test func anOutputFolderThatCannotBeCreatedIsRefusedBeforeRunning() throws {
        // /proc refuses new entries even to root, for whom access(2) says every folder is writable.
        let folder = "/proc/jornada-unwritable/out"
        for command in [["run", "Scenarios/tiny.yaml", "--days", "3"], ["sweep", "Scenarios/tiny.yaml", "--days", "3", "--replications", "1", "--vary", "regions[0].retailers=100,150"]] {
            let r = try Tool.run(command + ["--out", folder])
            #expect(r.status != 0)
            #expect(r.stderr.contains(folder) && r.stderr.contains("/proc is not writable"), "\(r.stderr)")
            #expect(!r.stdout.contains("simulated") && !r.stdout.contains("ran "), "it ran before refusing: \(r.stdout)")
        }
    }

    @Test func ctrlCDuringASweepKeepsTheFinishedUnits() throws {
        let out = Self.temp("sweep-sigint")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = Tool.binary
        p.arguments = ["sweep", "Scenarios/tiny.yaml", "--days", "14", "--replications", "2000", "--jobs", "2", "--quiet",
                       "--vary", "regions[0].retailers=100,150", "--out", out.path]
        p.currentDirectoryURL = Tool.packageRoot
        p.standardOutput = Pipe()
        let err = Pipe()
        p.standardError = err
        try p.run()
        Thread.sleep(forTimeInterval: 2)
        kill(p.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        #expect(stderr.contains("finished units are kept in \(out.path)"), "\(stderr)")
        let units = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("units").path)) ?? []
        #expect(!units.isEmpty && units.count < 4000)
        // Every kept unit is complete (written atomically), and no aggregate file pretends the sweep finished.
        for u in units.prefix(20) {
            #expect(try String(contentsOf: out.appendingPathComponent("units/\(u)"), encoding: .utf8).hasSuffix("}\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sweep.json").path))
    }
}
