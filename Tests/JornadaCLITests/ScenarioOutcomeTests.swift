import Foundation
import Testing

/// The bundled scenarios' expected outcomes (Scenarios/README.md), checked on `summary.json` from the
/// release build of the tool: a 90-day region of 5,000 retailers takes seconds there and minutes in a
/// debug build. Build it first: `swift build -c release --product jornada` (README's test command does).
@Suite("Bundled scenarios: expected outcomes", .serialized)
struct ScenarioOutcomeTests {
    /// The KPIs of one run: key → value (NaN for null).
    struct Summary {
        var kpis: [String: Double]
        var counts: [String: Int]
        var holds: [Bool]
        var text: String
        subscript(_ key: String) -> Double { kpis[key] ?? .nan }
    }

    static var release: URL { Tool.packageRoot.appendingPathComponent(".build/release/jornada") }

    /// Runs `jornada run Scenarios/<name>.yaml` with the release binary into a fresh folder.
    static func run(_ name: String, _ extra: [String] = []) throws -> Summary {
        let bin = release
        guard FileManager.default.isExecutableFile(atPath: bin.path) else {
            Issue.record("no release build at \(bin.path): run `swift build -c release --product jornada` first")
            throw CancellationError()
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jornada-outcome-\(name)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = bin
        p.arguments = ["run", "Scenarios/\(name).yaml", "--out", out.path, "--quiet"] + extra
        p.currentDirectoryURL = Tool.packageRoot
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "jornada run \(name) exited \(p.terminationStatus)")
        let data = try Data(contentsOf: out.appendingPathComponent("summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let kpis = try #require(json["kpis"] as? [String: [String: Any]])
        var values: [String: Double] = [:], counts: [String: Int] = [:]
        for (k, v) in kpis {
            values[k] = (v["value"] as? NSNumber)?.doubleValue ?? .nan
            counts[k] = (v["count"] as? NSNumber)?.intValue ?? 0
        }
        let conservation = (json["conservation"] as? [[String: Any]]) ?? []
        return Summary(kpis: values, counts: counts, holds: conservation.map { ($0["holds"] as? Bool) ?? false },
                       text: String(decoding: data, as: UTF8.self))
    }

    @Test func baselineServesWellAndIsReproducible() throws {
        let a = try Self.run("baseline")
        // The second run also audits both engines and the outcome feed at every simulated day end: a failed
        // audit exits non-zero, and auditing must not change a byte of the result.
        let b = try Self.run("baseline", ["--audit"])
        #expect(a.text == b.text, "two runs of the baseline must give byte-identical summary.json")
        #expect(a.holds == [true, true, true, true])
        #expect(a["delivery.otif"] >= 0.75)
        #expect(a["returns.batchesDetected"] == 0, "ordinary defects must not raise a mass-problem alarm")
        #expect(a["assistance.visitSLA.machineDown"] >= 0.95)
        #expect(a["ordering.ordersPlaced"] > 30_000)
    }

    @Test func summerPeakStretchesTheFleet() throws {
        let base = try Self.run("baseline")
        let peak = try Self.run("summer-peak")
        #expect(peak.holds == [true, true, true, true])
        #expect(peak["ordering.ordersPlaced"] > 1.05 * base["ordering.ordersPlaced"])
        #expect(peak["delivery.otif"] <= base["delivery.otif"] - 0.10, "OTIF must fall by at least 10 points")
        #expect(peak["delivery.backlogMean"] >= 2 * base["delivery.backlogMean"])
    }

    @Test func badKegBatchIsDetectedQuicklyAndMostRecipientsAreWarned() throws {
        let base = try Self.run("baseline")
        let bad = try Self.run("bad-keg-batch")
        #expect(bad.holds == [true, true, true, true])
        #expect(bad["returns.batchesDetected"] >= 1)
        #expect(bad["returns.detectionLatency.mean"] <= 48, "detected within two days of the batch's first delivery")
        #expect(bad["returns.warnedBeforeReport"] >= 0.6, "most affected retailers are warned before they report")
        #expect(bad["returns.registered"] >= 1.5 * base["returns.registered"])
    }

    @Test func technicianShortageRaisesTimeToVisit() throws {
        let base = try Self.run("baseline")
        let short = try Self.run("technician-shortage")
        #expect(short.holds == [true, true, true, true])
        #expect(short["assistance.displacedVisits"] > 0)
        #expect(short["assistance.timeToVisit.machineDown.p90"] >= 1.1 * base["assistance.timeToVisit.machineDown.p90"])
        #expect(short["assistance.timeToVisit.degraded.p90"] > base["assistance.timeToVisit.degraded.p90"])
    }

    @Test func baselineMeasuresEveryCaseTypeAndChannelOfTheSeed() throws {
        let a = try Self.run("baseline")
        let types = ["registrationChange", "registrationStatus", "registrationDistributor", "orderRupture", "orderStatus",
                     "orderCancellation", "orderDelay", "orderCancelledReason", "refund", "creditDistributor", "creditProvider",
                     "cashback", "ecommercePartner", "industryEnquiry", "siteProblem", "fraudRetailer", "fraudDistributor",
                     "password", "promotions", "duplicateInvoice", "loggedOut", "whatsapp", "app"]
        for t in types {
            #expect(a.counts["service.type.\(t).sla"] ?? 0 > 0, "no \(t) case resolved in the baseline")
            let perChannel = a.kpis.keys.filter { $0.hasPrefix("service.type.\(t).sla.") }
            #expect(!perChannel.isEmpty, "\(t) has no SLA row per channel")
        }
        for c in ["phone", "web", "app", "whatsapp", "email"] { #expect(a.counts["service.channel.\(c).responseSLA"] ?? 0 > 0, "\(c)") }
        #expect(a["service.sla"] >= 0.75)
        #expect(a["service.abandonment"] <= 0.15)
        // Journeys 5, 6 and 8.
        #expect(a.counts["activation.approved.time.mean"] ?? 0 > 0)
        #expect(a["activation.done"] > 0 && a["activation.outletsWithHistory"] > 0)
        #expect(a.counts["payments.blockToUnblock.mean"] ?? 0 > 0)
        #expect(a.counts["payments.blockedAccount.sla"] ?? 0 > 0)
        #expect(a.counts["information.dataChange.updated.time.mean"] ?? 0 > 0)
        #expect(a["information.dataChange.selfService"] > 0)
    }

    @Test func anUnderstaffedDeskMissesItsSLAs() throws {
        let base = try Self.run("baseline")
        let short = try Self.run("service-desk-understaffed")
        #expect(short.holds == [true, true, true, true])
        #expect(short["service.sla"] <= base["service.sla"] - 0.1)
        #expect(short["service.abandonment"] >= 2 * base["service.abandonment"])
        #expect(short["service.backlogMean"] >= 3 * base["service.backlogMean"])
        #expect(short["service.channel.web.responseSLA"] < base["service.channel.web.responseSLA"])
    }
}
