import DeliveryScheduling
import DeskService
import Foundation
import RetailerJourneys
import Testing
@testable import LoadTesting

@Suite struct DeskServiceTests {
    func service(token: String? = nil) throws -> DeskService {
        let (_, desks) = DeskLoadTest.deliveryDesks(1)
        let tech = DeskLoadTest.technicianDesks(LoadProfile(Scenario()), count: 1).map(\.0)
        return try DeskService(deliveryDesks: desks, technicianDesks: tech, token: token)
    }

    func post(_ s: DeskService, _ path: String, _ body: String, token: String? = nil) async -> ServiceResponse {
        await s.handle(method: "POST", path: path, authorization: token.map { "Bearer \($0)" }, contentType: "application/json", body: Array(body.utf8))
    }

    /// Every example in the OpenAPI document is answered with a 2xx (the confirm and cancel
    /// examples get the index and generation of the hold the holds example just made).
    @Test func theServiceAnswersItsOpenAPIExamples() async throws {
        let s = try service()
        let doc = try JSONSerialization.jsonObject(with: Data(DeskService.openAPIDocument.utf8)) as! [String: Any]
        let paths = doc["paths"] as! [String: Any]
        #expect(Set(paths.keys) == Set(DeskService.routes.map(\.path)))
        let order = ["/v1/delivery/jobs", "/v1/delivery/jobs/batch", "/v1/delivery/dispatch", "/v1/technicians/offers",
                     "/v1/technicians/holds", "/v1/technicians/confirm", "/v1/technicians/cancel"]
        var hold: [String: Any] = [:]
        for path in order {
            let op = (paths[path] as! [String: Any])["post"] as! [String: Any]
            let content = ((op["requestBody"] as! [String: Any])["content"] as! [String: Any])["application/json"] as! [String: Any]
            var body = content["example"] as! [String: Any]
            if path.hasSuffix("confirm") || path.hasSuffix("cancel") && path.contains("technicians") {
                body["index"] = hold["index"]; body["generation"] = hold["generation"]
            }
            let example = try JSONSerialization.data(withJSONObject: body)
            let r = await s.handle(method: "POST", path: path, authorization: nil, contentType: "application/json", body: Array(example))
            #expect((200..<300).contains(r.status), "\(path): \(r.status) \(r.body)")
            if path.hasSuffix("holds") { hold = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as! [String: Any] }
        }
        for path in ["/health", "/openapi.json", "/v1/audit"] {
            #expect(await s.handle(method: "GET", path: path, authorization: nil, contentType: nil, body: []).status == 200)
        }
        let audit = await s.handle(method: "GET", path: "/v1/audit", authorization: nil, contentType: nil, body: []).body
        #expect(audit.contains("\"clean\": true"), "\(audit)")
    }

    @Test func aRequestWithoutTheTokenIsRefusedWhenOneIsSet() async throws {
        let s = try service(token: "s3cret")
        let job = #"{"depot": 0, "x": 1, "y": 2}"#
        #expect(await post(s, "/v1/delivery/jobs", job).status == 401)
        #expect(await post(s, "/v1/delivery/jobs", job, token: "wrong").status == 401)
        #expect(await post(s, "/v1/delivery/jobs", job, token: "s3cret").status == 201)
        // Reading routes stay open.
        #expect(await s.handle(method: "GET", path: "/health", authorization: nil, contentType: nil, body: []).status == 200)
    }

    @Test func badInputIsA4xxNamingTheFieldAndChangesNothing() async throws {
        let s = try service()
        let cases: [(String, String, Int, String)] = [
            ("/v1/delivery/jobs", #"{"depot": 7, "x": 1, "y": 2}"#, 400, "depot"),
            ("/v1/delivery/jobs", #"{"depot": 0, "x": "east", "y": 2}"#, 400, "x"),
            ("/v1/delivery/jobs", #"{"depot": 0, "y": 2}"#, 400, "x"),
            ("/v1/delivery/jobs", #"{"depot": 0, "x": 1, "y": 2, "kegs": -3}"#, 400, "kegs"),
            ("/v1/delivery/jobs", #"{"depot": 0, "x": 1, "y": 2, "tier": "vip"}"#, 400, "tier"),
            ("/v1/delivery/jobs", #"{"depot": 0, "x": 1, "y": 2, "windowFrom": 600, "windowTo": 500}"#, 400, "windowTo"),
            ("/v1/delivery/jobs", #"[1, 2]"#, 400, "body"),
            ("/v1/delivery/jobs", #"{"depot": 0,"#, 400, "body"),
            ("/v1/delivery/jobs/batch", #"{"jobs": []}"#, 400, "jobs"),
            ("/v1/delivery/jobs/batch", #"{"jobs": [{"depot": 0, "x": 1, "y": 2}, {"depot": 0, "x": 1e9, "y": 2}]}"#, 400, "jobs[1].x"),
            ("/v1/technicians/offers", #"{"zone": 1, "skill": "plumbing", "minutes": 60}"#, 400, "skill"),
            ("/v1/technicians/offers", #"{"zone": 1, "skill": "draughtSystems", "minutes": 99999}"#, 400, "minutes"),
            ("/v1/technicians/confirm", #"{"index": 12345, "generation": 0}"#, 404, "index"),
        ]
        for (path, body, status, field) in cases {
            let r = await post(s, path, body)
            #expect(r.status == status, "\(path) \(body): \(r.status) \(r.body)")
            #expect(r.body.contains("\"field\": \"\(field)\""), "\(path) \(body): \(r.body)")
        }
        let huge = "{\"jobs\": [" + String(repeating: #"{"depot": 0, "x": 1, "y": 2}, "#, count: 3000) + "]}"
        #expect(await post(s, "/v1/delivery/jobs/batch", huge).status == 413)
        let audit = await s.handle(method: "GET", path: "/v1/audit", authorization: nil, contentType: nil, body: []).body
        #expect(audit.contains("\"submitted\": 0") && audit.contains("\"pending\": 0"), "\(audit)")
    }
}
