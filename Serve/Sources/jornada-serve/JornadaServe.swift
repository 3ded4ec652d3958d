import ArgumentParser
import DeskService
import Foundation
import Hummingbird
import LoadTesting
import ScenarioFiles

/// `jornada-serve SCENARIO --port P`: both desks of a scenario as an HTTP/JSON service (the routes
/// of `DeskService`, its OpenAPI document at `/openapi.json`), bound to 127.0.0.1 unless told otherwise.
@main
struct JornadaServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jornada-serve",
        abstract: "Serve a scenario's delivery and technician desks over HTTP/JSON (Hummingbird).")

    @Argument(help: "The scenario file (.yaml).") var scenario: String
    @Option(help: "TCP port (1...65535).") var port: Int
    @Option(help: "Address to bind (default loopback only).") var host = "127.0.0.1"
    @Option(help: "A file holding the bearer token every state-changing route then requires.") var tokenFile: String?
    @Option(help: "Desks per engine (default: the scenario's depots; one technician desk per region).") var desks: Int?

    func run() async throws {
        let service: DeskService
        do { service = try makeService() } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
        let router = Router()
        for route in DeskService.routes {
            router.on(RouterPath(route.path), method: HTTPRequest.Method(route.method)!) { request, _ -> Response in
                let body: [UInt8]
                do {
                    let buffer = try await request.body.collect(upTo: DeskService.maxBodyBytes)
                    body = Array(buffer.readableBytesView)
                } catch {
                    return Self.response(ServiceResponse(413, ServiceError(413, field: "body", "at most \(DeskService.maxBodyBytes) bytes").json))
                }
                let answer = await service.handle(method: request.method.rawValue, path: route.path,
                                                  authorization: request.headers[.authorization],
                                                  contentType: request.headers[.contentType], body: body)
                return Self.response(answer)
            }
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "jornada-serve"),
            onServerRunning: { _ in
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            })
        do { try await app.runService() } catch {
            FileHandle.standardError.write(Data("error: --port: cannot listen on \(host):\(port): \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
    }

    static func response(_ r: ServiceResponse) -> Response {
        Response(status: HTTPResponse.Status(code: r.status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: r.body)))
    }

    func makeService() throws -> DeskService {
        guard (1...65_535).contains(port) else { throw LoadTestError(field: "--port", message: "expected 1...65535, got \(port)") }
        if let d = desks, !(1...64).contains(d) { throw LoadTestError(field: "--desks", message: "expected 1...64, got \(d)") }
        var token: String?
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw LoadTestError(field: "--token-file", message: "cannot read '\(tokenFile)'")
            }
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty, t.count <= 4096, !t.contains(where: { $0.isWhitespace }) else {
                throw LoadTestError(field: "--token-file", message: "'\(tokenFile)' must hold one token of 1...4096 non-space characters")
            }
            token = t
        }
        let profile = LoadProfile(try ScenarioFile.load(path: scenario).scenario)
        let (_, delivery) = DeskLoadTest.deliveryDesks(desks ?? profile.depots)
        let technicians = DeskLoadTest.technicianDesks(profile, count: desks ?? max(1, profile.rosters.count)).map(\.0)
        return try DeskService(deliveryDesks: delivery, technicianDesks: technicians, token: token)
    }
}
