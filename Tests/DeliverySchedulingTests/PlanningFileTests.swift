import DeliveryScheduling
import DiscreteEvents
import PlanningFiles
import Testing

let scenarios = URLlessPath.scenarios

enum URLlessPath {
    /// The repository's Scenarios/ folder, from this file's path.
    static var scenarios: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Scenarios"
    }
}

@Suite("Jobs files for jornada plan")
struct PlanningFileTests {
    @Test func bundledExamplesPlan() throws {
        let yaml = try PlanningFile.load(path: scenarios + "/plan-small.yaml").build()
        let plan = try yaml.plan()
        #expect(plan.candidates == 12)
        let reasons = Dictionary(uniqueKeysWithValues: plan.unassigned.map { (yaml.jobNames[$0.job]!, $0.reason) })
        #expect(reasons["festival-tejo"] == .exceedsVehicleCapacity)
        #expect(plan.assignedCount + plan.unassigned.count == 12)
        #expect(yaml.render(plan).contains("Total distance:"))
        let csv = try PlanningFile.load(path: scenarios + "/vrptw-jc1-50.csv").build()
        let p = try csv.plan()
        #expect(p.assignedCount == 50)
        #expect(p.totalDistance > 0)
    }

    @Test func yamlErrorsNameLineAndField() throws {
        let text = """
            depot: {x: 0, y: 0}
            vehicles:
              - {id: T1, kegs: 10}
            jobs:
              - {id: a, x: 1, y: 1, kegs: 1}
              - {id: b, x: 1, y: 1, kegs: 1, windows: ["12:00-09:00"]}
            """
        #expect(throws: PlanningFileError(file: "t.yaml", line: 6, field: "jobs[1].windows[0]", message: "window ends (09:00) before it starts (12:00)")) {
            _ = try PlanningFile.parseYAML(text, file: "t.yaml")
        }
        let neg = "depot: {x: 0, y: 0}\nvehicles: [{id: T1, kegs: 10}]\njobs:\n  - {id: a, x: 1, y: 1, kegs: -3}\n"
        do { _ = try PlanningFile.parseYAML(neg, file: "n.yaml"); Issue.record("expected an error") } catch let e as PlanningFileError {
            #expect(e.line == 4)
            #expect(e.field == "jobs[0].kegs")
            #expect(e.description.hasPrefix("n.yaml:4: field 'jobs[0].kegs'"))
        }
        let typo = "depot: {x: 0, y: 0}\nvehicles: [{id: T1, kegs: 10}]\njobs:\n  - {id: a, x: 1, y: 1, kegz: 3}\n"
        do { _ = try PlanningFile.parseYAML(typo, file: "k.yaml"); Issue.record("expected an error") } catch let e as PlanningFileError {
            #expect(e.line == 4)
            #expect(e.message.contains("did you mean 'kegs'"))
        }
        let pin = "depot: {x: 0, y: 0}\nvehicles: [{id: T1, kegs: 10}]\njobs:\n  - {id: a, x: 1, y: 1, pin: T9}\n"
        #expect(throws: PlanningFileError(file: "p.yaml", line: 4, field: "pin", message: "unknown vehicle 'T9'")) {
            _ = try PlanningFile.parseYAML(pin, file: "p.yaml").build()
        }
    }

    @Test func csvErrorsNameLineAndField() throws {
        let text = """
            type,id,x,y,kegs,ready,due,service
            depot,D,0,0,,,,
            vehicle,T,,,100,0,600,
            # a comment
            job,1,3,4,10,60,abc,10
            """
        do { _ = try PlanningFile.parseCSV(text, file: "j.csv"); Issue.record("expected an error") } catch let e as PlanningFileError {
            #expect(e.line == 5)
            #expect(e.field == "due")
            #expect(e.description.hasPrefix("j.csv:5: field 'due'"))
        }
        let reversed = "type,id,x,y,kegs,ready,due\ndepot,D,0,0,,,\njob,1,3,4,1,600,60\n"
        #expect(throws: PlanningFileError.self) { _ = try PlanningFile.parseCSV(reversed, file: "r.csv") }
        let badColumn = "type,id,x,y,weight\n"
        do { _ = try PlanningFile.parseCSV(badColumn, file: "c.csv"); Issue.record("expected an error") } catch let e as PlanningFileError {
            #expect(e.line == 1)
            #expect(e.field == "weight")
        }
        #expect(throws: PlanningFileError.self) { _ = try PlanningFile.load(path: "/nonexistent/jobs.csv") }
    }
}

@Suite("Jobs files: limits, ids, spreadsheets")
struct PlanningFileLimitTests {
    static let yaml = "depot: {x: 0, y: 0}\nvehicles:\n  - {id: T1, kegs: 10}\njobs:\n  - {id: a, x: 1, y: 1, kegs: 1}\n"

    @Test func duplicateAndEmptyIdsAreErrors() {
        #expect(throws: PlanningFileError(file: "d.yaml", line: 6, field: "id", message: "duplicate job id 'a' (first on line 5)")) {
            _ = try PlanningFile.parseYAML(Self.yaml + "  - {id: a, x: 2, y: 2}\n", file: "d.yaml")
        }
        #expect(throws: PlanningFileError(file: "e.yaml", line: 5, field: "jobs[0].id", message: "must not be empty")) {
            _ = try PlanningFile.parseYAML(Self.yaml.replacingOccurrences(of: "id: a", with: "id: ''"), file: "e.yaml")
        }
        let trucks = Self.yaml.replacingOccurrences(of: "kegs: 10}", with: "kegs: 10, count: 2}\n  - {id: T1-2, kegs: 5}")
        #expect(throws: PlanningFileError(file: "t.yaml", line: 4, field: "id", message: "duplicate truck id 'T1-2' (first on line 3)")) {
            _ = try PlanningFile.parseYAML(trucks, file: "t.yaml")
        }
    }

    @Test func volumesCannotWrap() {
        let many = (0..<1_100).map { "  - {id: j\($0), x: 1, y: 1, kegs: 1000000}" }.joined(separator: "\n")
        do {
            _ = try PlanningFile.parseYAML("depot: {x: 0, y: 0}\nvehicles: [{id: T1, kegs: 10}]\njobs:\n" + many + "\n", file: "v.yaml")
            Issue.record("a total volume past 10^9 must be refused")
        } catch let e as PlanningFileError {
            #expect(e.field == "volume")
            #expect(e.line == 1_004)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func hugeFieldsAreRefusedBeforeArithmetic() throws {
        for (key, value) in [("day", "1e13"), ("day", "99999999"), ("speed", "1e-300")] {
            let text = key == "day" ? "day: \(value)\n" + Self.yaml : Self.yaml.replacingOccurrences(of: "y: 0}", with: "y: 0, speed: \(value)}")
            #expect(throws: PlanningFileError.self, "\(key): \(value)") { _ = try PlanningFile.parseYAML(text, file: "h.yaml") }
        }
        let deep = "depot: " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        #expect(throws: PlanningFileError(file: "n.yaml", line: 1, field: "(nesting)", message: "nested deeper than the limit of 32 levels")) {
            _ = try PlanningFile.parseYAML(deep, file: "n.yaml")
        }
    }

    @Test func aSpreadsheetCSVReadsLikeThePlainOne() throws {
        let plain = "type,id,x,y,kegs,windows\ndepot,D,0,0,,\nvehicle,T1,,,10,\njob,a,1,1,1,09:00-10:00;11:00-12:00\n"
        let excel = "\u{FEFF}\"type\";\"id\";\"x\";\"y\";\"kegs\";\"windows\"\r\n\"depot\";\"D\";0;0;;\r\n\"vehicle\";\"T1\";;;10;\r\n\"job\";\"a\";1;1;1;\"09:00-10:00;11:00-12:00\"\r\n"
        let p = try PlanningFile.parseCSV(plain, file: "p.csv"), e = try PlanningFile.parseCSV(excel, file: "e.csv")
        #expect(e.jobs.map(\.name) == p.jobs.map(\.name))
        #expect(e.jobs.map(\.job.windows) == p.jobs.map(\.job.windows))
        #expect(e.jobs.map(\.line) == [4])
        #expect(try e.build().plan().totalDistance == (try p.build().plan().totalDistance))
    }

    @Test func unknownColumnsGetASuggestion() {
        #expect(throws: PlanningFileError(file: "u.csv", line: 1, field: "kgs",
                                          message: "unknown column (did you mean 'kegs'?); expected some of \(["type", "id", "x", "y", "kegs", "cases", "pallets", "ready", "due", "service", "count", "tier", "kind", "windows", "value", "deadline", "pin", "speed", "day", "policy"].joined(separator: ", "))")) {
            _ = try PlanningFile.parseCSV("type,id,kgs\n", file: "u.csv")
        }
    }
}
