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
