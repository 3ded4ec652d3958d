import DeliveryScheduling
import DiscreteEvents
import Foundation

/// Solomon's VRPTW text format (1987), also used by Gehring and Homberger's 200–1000-customer sets:
///
/// ```
/// C101
///
/// VEHICLE
/// NUMBER     CAPACITY
///   25         200
///
/// CUSTOMER
/// CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
///     0      40         50          0          0       1236          0
///     1      45         68         10        912        967         90
/// ```
///
/// Read with the standard conventions: customer 0 is the depot, whose ready time and due date are the
/// trucks' shift; travel time equals the Euclidean distance (not rounded), one distance unit per minute;
/// a customer's due date is its latest service start; every demand is a delivery of that many `cases`.
extension PlanningFile {
    /// The seven columns of a customer line, as named in the format's header.
    static let solomonColumns = ["CUST NO.", "XCOORD.", "YCOORD.", "DEMAND", "READY TIME", "DUE DATE", "SERVICE TIME"]

    /// Whether `text` is in Solomon's format: a `VEHICLE` or `CUSTOMER` line among its first lines.
    /// - Complexity: O(length of the first few lines).
    static func looksLikeSolomon(_ text: String) -> Bool {
        var seen = 0
        for raw in text.split(whereSeparator: \.isNewline) {
            let t = raw.trimmingCharacters(in: .whitespaces).uppercased()
            if t.isEmpty { continue }
            if t == "VEHICLE" || t == "CUSTOMER" { return true }
            seen += 1
            if seen >= 8 { return false }
        }
        return false
    }

    /// How many customers an instance's name declares: 100 for Solomon's (`R101`), N × 100 for Gehring
    /// and Homberger's (`C1_2_1` has 200), nil for any other name. - Complexity: O(name).
    public static func declaredCustomers(_ name: String) -> Int? {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        if parts.count == 3, let size = Int(parts[1]), size > 0, size <= 100, parts[0].first?.isLetter == true, Int(parts[2]) != nil {
            return size * 100
        }
        let letters = name.prefix { $0.isLetter }
        let digits = name.dropFirst(letters.count)
        if !letters.isEmpty && digits.count == 3 && digits.allSatisfy(\.isNumber) { return 100 }
        return nil
    }

    /// Parses a Solomon / Gehring–Homberger instance (see the extension's note for the conventions).
    ///
    /// - Throws: `PlanningFileError` naming the file, the line and the field: a missing `VEHICLE` or
    ///   `CUSTOMER` section, a line without seven numbers, a negative or non-numeric value, a due date
    ///   before its ready time, customers not numbered 0, 1, 2, … or more customers than the name declares.
    /// - Complexity: O(file size).
    public static func parseSolomon(_ text: String, file: String) throws -> PlanningFile {
        let f = FieldReader(file: file)
        var name: String?
        var section = ""
        var vehicle: (count: Int, capacity: Int, line: Int)?
        var depot: (x: Double, y: Double, ready: Double, due: Double, line: Int)?
        var jobs: [PlanningJob] = []
        var lineNo = 0
        var lastLine = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            lastLine = lineNo
            let upper = line.uppercased()
            if name == nil {
                name = line
                continue
            }
            if upper == "VEHICLE" || upper == "CUSTOMER" {
                if upper == "CUSTOMER" && vehicle == nil {
                    throw f.fail(lineNo, "VEHICLE", "the CUSTOMER section comes before any VEHICLE section (NUMBER and CAPACITY)")
                }
                section = upper
                continue
            }
            if upper.hasPrefix("NUMBER") || upper.hasPrefix("CUST") { continue }  // the column headers
            let cells = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch section {
            case "VEHICLE":
                guard vehicle == nil else { throw f.fail(lineNo, "VEHICLE", "a second line in the VEHICLE section; expected one line: NUMBER CAPACITY") }
                guard cells.count == 2 else { throw f.fail(lineNo, "VEHICLE", "expected 2 numbers (NUMBER CAPACITY), got \(cells.count)") }
                let count = try f.integer(cells[0], line: lineNo, field: "NUMBER")
                let capacity = try f.integer(cells[1], line: lineNo, field: "CAPACITY")
                guard count >= 1 else { throw f.fail(lineNo, "NUMBER", "must be ≥ 1, got \(count)") }
                guard capacity >= 1, capacity <= Int(Int32.max) else { throw f.fail(lineNo, "CAPACITY", "must be between 1 and \(Int32.max), got \(capacity)") }
                vehicle = (count, capacity, lineNo)
            case "CUSTOMER":
                guard cells.count == solomonColumns.count else {
                    throw f.fail(lineNo, "columns", "expected \(solomonColumns.count) numbers (\(solomonColumns.joined(separator: ", "))), got \(cells.count)")
                }
                let number = try f.integer(cells[0], line: lineNo, field: solomonColumns[0])
                let expected = depot == nil ? 0 : jobs.count + 1
                guard number == expected else {
                    throw f.fail(lineNo, solomonColumns[0], "expected customer \(expected) (customers are numbered 0 for the depot, then 1, 2, …), got \(number)")
                }
                var v: [Double] = []
                for c in 1..<solomonColumns.count {
                    let x = try f.number(cells[c], line: lineNo, field: solomonColumns[c])
                    guard x >= 0 else { throw f.fail(lineNo, solomonColumns[c], "must be ≥ 0, got \(cells[c])") }
                    v.append(x)
                }
                let (x, y, demand, ready, due, service) = (v[0], v[1], v[2], v[3], v[4], v[5])
                guard due >= ready else {
                    throw f.fail(lineNo, "DUE DATE", "customer \(number)'s due date \(cells[5]) is before its ready time \(cells[4])")
                }
                guard due * 60_000 <= Double(Int32.max) else {
                    throw f.fail(lineNo, "DUE DATE", "\(cells[5]) minutes is past the latest time a window may end (\(TimeWindowSet.latestBound.ticks / SimDuration.ticksPerMinute) minutes)")
                }
                if depot == nil {
                    depot = (x, y, ready, due, lineNo)
                    continue
                }
                if let name, let declared = declaredCustomers(name), jobs.count >= declared {
                    throw f.fail(lineNo, solomonColumns[0], "instance \(name) declares \(declared) customers, but this line holds customer \(number)")
                }
                guard demand == demand.rounded(), demand <= Double(Int32.max) else {
                    throw f.fail(lineNo, "DEMAND", "expected a whole number of units, got \(cells[3])")
                }
                let windows = try f.windowSet([TimeWindow(from: .minutes(ready), to: .minutes(due))], line: lineNo, field: "READY TIME")
                let job = DeliveryJob(kind: .delivery, depot: DepotID(0), location: Location(x: x, y: y),
                                      volume: Volume(cases: Int32(demand)), serviceTime: .minutes(service), windows: windows)
                jobs.append(PlanningJob(name: String(number), job: job, pin: nil, line: lineNo))
            default:
                throw f.fail(lineNo, "VEHICLE", "expected the VEHICLE section (a line 'VEHICLE', then NUMBER and CAPACITY) before '\(line)'")
            }
        }
        guard let name else { throw f.fail(0, "file", "the file is empty") }
        guard let vehicle else { throw f.fail(Swift.max(lastLine, 1), "VEHICLE", "missing the VEHICLE section (NUMBER and CAPACITY)") }
        guard section == "CUSTOMER" else { throw f.fail(Swift.max(lastLine, 1), "CUSTOMER", "missing the CUSTOMER section") }
        guard let depot else { throw f.fail(Swift.max(lastLine, 1), "CUSTOMER", "the CUSTOMER section has no line for the depot (customer 0)") }
        let truck = PlanningVehicle(name: "truck", capacity: Volume(cases: Int32(vehicle.capacity)),
                                    shiftStart: .minutes(depot.ready), shiftEnd: .minutes(depot.due), count: vehicle.count, line: vehicle.line)
        // The same whole-file checks as the other formats: unique ids, bounded volume sums.
        return try PlanningFile(path: file, depotName: name, depot: Depot(location: Location(x: depot.x, y: depot.y), unitsPerHour: 60),
                                day: 0, policy: .earliestDeadline, vehicles: [truck], jobs: jobs).checked()
    }
}
