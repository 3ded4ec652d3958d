import DeskService
import Foundation
import Hummingbird

/// `jornada-serve --layout FILE --port P [--host H] [--token-file F] [--remove-layout]`: the desks of a layout (written
/// by `jornada serve SCENARIO`, which reads the scenario) as an HTTP/JSON service — the routes of
/// `DeskService`, its OpenAPI document at `/openapi.json` — bound to 127.0.0.1 unless told otherwise.
/// Run it through `jornada serve`; the few flags are read by hand (no argument-parser dependency, so
/// this package builds only Hummingbird, `DeskService` and the engines).
@main
struct JornadaServe {
    /// The parsed command line.
    struct Options {
        var layout = ""
        var port = 0
        var host = "127.0.0.1"
        var tokenFile: String?
        var removeLayout = false
    }

    static func main() async {
        let service: DeskService
        let options: Options
        do {
            options = try parse(Array(CommandLine.arguments.dropFirst()))
            service = try makeService(options)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\nusage: jornada-serve --layout FILE --port P [--host H] [--token-file F] [--remove-layout] (run it through `jornada serve SCENARIO --port P`)\n".utf8))
            exit(2)
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
        let host = options.host, port = options.port
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "jornada-serve"),
            onServerRunning: { _ in
                FileHandle.standardOutput.write(Data("listening on http://\(host):\(port)\n".utf8))
            })
        do { try await app.runService() } catch {
            FileHandle.standardError.write(Data("error: --port: cannot listen on \(host):\(port): \(error)\n".utf8))
            exit(2)
        }
    }

    static func response(_ r: ServiceResponse) -> Response {
        Response(status: HTTPResponse.Status(code: r.status), headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: r.body)))
    }

    /// The flags; an unknown flag, a missing value or a bad port names the flag.
    static func parse(_ args: [String]) throws(DeskLayoutError) -> Options {
        var o = Options()
        var i = 0
        while i < args.count {
            let flag = args[i]
            if flag == "--remove-layout" { o.removeLayout = true; i += 1; continue }
            guard i + 1 < args.count else { throw DeskLayoutError(field: flag, message: "needs a value") }
            let value = args[i + 1]
            switch flag {
            case "--layout": o.layout = value
            case "--port":
                guard let p = Int(value), (1...65_535).contains(p) else { throw DeskLayoutError(field: "--port", message: "expected 1...65535, got '\(value)'") }
                o.port = p
            case "--host": o.host = value
            case "--token-file": o.tokenFile = value
            default: throw DeskLayoutError(field: flag, message: "unknown option (expected --layout, --port, --host, --token-file, --remove-layout)")
            }
            i += 2
        }
        guard !o.layout.isEmpty else { throw DeskLayoutError(field: "--layout", message: "required") }
        guard o.port != 0 else { throw DeskLayoutError(field: "--port", message: "required") }
        return o
    }

    static func makeService(_ o: Options) throws -> DeskService {
        var token: String?
        if let tokenFile = o.tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw DeskLayoutError(field: "--token-file", message: "cannot read '\(tokenFile)'")
            }
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty, t.count <= 4096, !t.contains(where: { $0.isWhitespace }) else {
                throw DeskLayoutError(field: "--token-file", message: "'\(tokenFile)' must hold one token of 1...4096 non-space characters")
            }
            token = t
        }
        let data = FileManager.default.contents(atPath: o.layout)
        if o.removeLayout { unlink(o.layout) }  // the temporary file `jornada serve` wrote for this server
        guard let data, data.count <= 256 * 1024 * 1024 else {
            throw DeskLayoutError(field: "--layout", message: "cannot read '\(o.layout)'")
        }
        return try DeskLayout(json: data).makeService(token: token)
    }
}
