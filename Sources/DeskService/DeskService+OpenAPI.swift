/// The OpenAPI 3.0 document of the service's routes, with an example for every request body
/// (a test sends each example and expects a 2xx).
extension DeskService {
    /// One route's request body schema and example, nil for bodiless routes.
    static let bodies: [String: (schema: String, example: String)] = [
        "/v1/delivery/jobs": (job, #"{"depot": 0, "x": 12.5, "y": 40, "kegs": 2, "promisedDay": 1, "tier": "standard", "windowFrom": 480, "windowTo": 720}"#),
        "/v1/delivery/jobs/batch": (#"{"type": "object", "required": ["jobs"], "properties": {"jobs": {"type": "array", "minItems": 1, "maxItems": 1000, "items": \#(job)}}}"#,
                                    #"{"jobs": [{"depot": 0, "x": 1, "y": 2}, {"depot": 0, "x": 3, "y": 4, "kind": "empties"}]}"#),
        "/v1/delivery/dispatch": (#"{"type": "object", "required": ["depot"], "properties": {"depot": {"type": "integer", "minimum": 0}}}"#, #"{"depot": 0}"#),
        "/v1/delivery/cancel": (#"{"type": "object", "required": ["depot", "slot", "generation"], "properties": {"depot": {"type": "integer", "minimum": 0}, "slot": {"type": "integer", "minimum": 0}, "generation": {"type": "integer", "minimum": 0}}}"#,
                                #"{"depot": 0, "slot": 0, "generation": 0}"#),
        "/v1/technicians/offers": (caseSchema, #"{"region": 0, "zone": 1, "skill": "draughtSystems", "minutes": 60, "severity": "degraded"}"#),
        "/v1/technicians/holds": (caseSchema, #"{"region": 0, "zone": 2, "skill": "draughtSystems", "minutes": 45}"#),
        "/v1/technicians/confirm": (reservationSchema, #"{"region": 0, "index": 0, "generation": 0}"#),
        "/v1/technicians/cancel": (reservationSchema, #"{"region": 0, "index": 0, "generation": 0}"#),
    ]

    static let job = #"{"type": "object", "required": ["depot", "x", "y"], "properties": {"depot": {"type": "integer", "minimum": 0}, "x": {"type": "number", "minimum": -1000000, "maximum": 1000000}, "y": {"type": "number", "minimum": -1000000, "maximum": 1000000}, "kind": {"type": "string", "enum": ["delivery", "empties", "defect-return"]}, "kegs": {"type": "integer", "minimum": 0, "maximum": 10000}, "cases": {"type": "integer", "minimum": 0, "maximum": 100000}, "promisedDay": {"type": "integer", "minimum": 0, "maximum": 3650}, "deadlineMinutes": {"type": "integer", "minimum": 1, "maximum": 525600}, "tier": {"type": "string", "enum": ["urgent", "high", "standard", "low"]}, "windowFrom": {"type": "integer", "minimum": 0, "maximum": 1440}, "windowTo": {"type": "integer", "minimum": 0, "maximum": 1440}, "serviceMinutes": {"type": "integer", "minimum": 0, "maximum": 600}}}"#
    static let caseSchema = #"{"type": "object", "required": ["zone", "skill", "minutes"], "properties": {"region": {"type": "integer", "minimum": 0}, "zone": {"type": "integer", "minimum": 0, "maximum": 10000}, "skill": {"type": "string", "enum": ["draughtSystems", "coffeeMachines", "refrigeration", "installation"]}, "minutes": {"type": "integer", "minimum": 15, "maximum": 480}, "severity": {"type": "string", "enum": ["machineDown", "degraded", "installation", "minor"]}, "kind": {"type": "string", "enum": ["field", "remote"]}, "topK": {"type": "integer", "minimum": 1, "maximum": 16}}}"#
    static let reservationSchema = #"{"type": "object", "required": ["index", "generation"], "properties": {"region": {"type": "integer", "minimum": 0}, "index": {"type": "integer", "minimum": 0}, "generation": {"type": "integer", "minimum": 0}}}"#

    /// The document served at `/openapi.json`. - Complexity: O(routes) once.
    public static let openAPIDocument: String = {
        var paths: [String] = []
        var byPath: [(String, [Route])] = []
        for r in routes {
            if let i = byPath.firstIndex(where: { $0.0 == r.path }) { byPath[i].1.append(r) } else { byPath.append((r.path, [r])) }
        }
        for (path, rs) in byPath {
            var ops: [String] = []
            for r in rs {
                var op = "\"summary\": \(quoted(r.summary)), \"operationId\": \(quoted(r.method.lowercased() + r.path.split(separator: "/").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()))"
                if r.changesState { op += ", \"security\": [{\"bearer\": []}, {}]" }
                if let b = bodies[r.path] {
                    op += ", \"requestBody\": {\"required\": true, \"content\": {\"application/json\": {\"schema\": \(b.schema), \"example\": \(b.example)}}}"
                }
                op += ", \"responses\": {\"200\": {\"description\": \"done\"}, \"201\": {\"description\": \"created\"}, \"400\": {\"description\": \"bad input; the message names the field\"}, \"401\": {\"description\": \"missing or wrong bearer token\"}, \"404\": {\"description\": \"unknown id\"}, \"409\": {\"description\": \"refused by the desk (slot taken, job left)\"}, \"413\": {\"description\": \"body over 64 KiB\"}}"
                ops.append("\(quoted(r.method.lowercased())): {\(op)}")
            }
            paths.append("\(quoted(path)): {\(ops.joined(separator: ", "))}")
        }
        return """
        {"openapi": "3.0.3", "info": {"title": "Jornada desks", "version": "1.0.0", "description": "The delivery and technician desks of a Jornada scenario over HTTP/JSON."}, \
        "servers": [{"url": "http://127.0.0.1:8080"}], \
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}, \
        "paths": {\(paths.joined(separator: ", "))}}
        """
    }()
}
