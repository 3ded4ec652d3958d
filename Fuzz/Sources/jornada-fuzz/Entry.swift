import Foundation
import InputLimits
#if canImport(Glibc)
import Glibc
#endif

/// The input handed to the reader thread.
final class FuzzInput {
    /// The decoded text.
    let text: String
    /// A text to read.
    init(_ text: String) { self.text = text }
}

/// The stack the readers run on: small (1 MiB, an eighth of a Linux main thread's 8 MiB) so that input
/// nested deep enough to exhaust a real stack, which needs far more bytes than libFuzzer's
/// `-max_len`, already overflows this one and is found as a crash. It was 512 KiB until the scenario
/// format grew the service desk: some inputs then died by SIGSEGV with no artifact (a stack overflow,
/// which libFuzzer cannot report) after ~5,000 runs, while 1 MiB and 4 MiB ran 50,000–60,000 inputs clean;
/// the reader's recursion is bounded by the schema's depth and the 32-level nesting limit, so the frames,
/// not the input, outgrew the old size.
let readerStackBytes = 1 << 20

/// libFuzzer's entry point: every reader sees every input, on a thread with a small stack.
/// - Complexity: one read (and plan) per reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = try? InputText.decode(Data(bytes: data, count: size), file: "fuzz") else { return 0 }
    let box = Unmanaged.passRetained(FuzzInput(text))
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setstacksize(&attributes, readerStackBytes)
    var thread = pthread_t()
    let started = pthread_create(&thread, &attributes, { raw in
        guard let raw else { return nil }
        let input = Unmanaged<FuzzInput>.fromOpaque(raw).takeRetainedValue()
        for reader in readers { _ = try? reader.read(input.text) }
        return nil
    }, box.toOpaque())
    pthread_attr_destroy(&attributes)
    if started == 0 {
        pthread_join(thread, nil)
    } else {
        let input = box.takeRetainedValue()
        for reader in readers { _ = try? reader.read(input.text) }
    }
    return 0
}

typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>, Int) -> Int32

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: FuzzCallback) -> Int32

/// SwiftPM renames an executable's `main` to `<module>_main` and links it as the program's entry;
/// libFuzzer's own `main` is then not linked, so this hands control to its driver.
@_cdecl("jornada_fuzz_main")
public func jornadaFuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var count = argc
    var vector = argv
    return runFuzzerDriver(&count, &vector, fuzzOneInput)
}
